"""Writes the DQM ROOT files of the pipeline test (workflows/ingest/pipeline.int.test.ts).

Run: $(bash scripts/python-env.sh) scripts/demo/make_pipeline_fixtures.py
Output, in workflows/ingest/fixtures/, online harvest files in CMSSW's layout
(DQMData/Run N/<Subsystem>/Run summary/<rest>) holding the two MEs the test's certification
configuration compares (workflows/certification/testing/cert-fixtures.ts, th1 shapes), and one
ME an HDQM metric of config/metrics/ reads:
  DQM_V0001_R000990300__Global__Online__DQM.root   reference run: both MEs flat
  DQM_V0001_R000990301__Global__Online__DQM.root   the run: pixel flat, DT peaked (a bad shape)
"""
import pathlib

import numpy as np
import uproot
from uproot.writing import identify as ident

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "workflows" / "ingest" / "fixtures"


def th1(name, shape, scale=1000.0):
    inner = np.array([scale if shape == "flat" else (scale * 10 if i == 4 else scale / 10) for i in range(10)], dtype=np.float64)
    contents = np.concatenate([[0.0], inner, [0.0]])
    centres = np.arange(10) + 0.5
    axis = ident.to_TAxis("xaxis", "", 10, 0.0, 10.0)
    return ident.to_TH1x(
        name, name, contents.astype(">f4"), float(inner.sum()),
        float(inner.sum()), float(inner.sum()), float((inner * centres).sum()), float((inner * centres**2).sum()),
        np.array([], ">f8"), axis,
    )


def write(run, dt_shape):
    path = OUT / f"DQM_V0001_R{run:09d}__Global__Online__DQM.root"
    with uproot.recreate(path) as f:
        f[f"DQMData/Run {run}/PixelPhase1/Run summary/Tracks/charge"] = th1("charge", "flat")
        f[f"DQMData/Run {run}/DT/Run summary/Segments/chi2"] = th1("chi2", dt_shape)
        # An ME that a metric of config/metrics/PixelPhase1.yaml reads, so the run gets an HDQM point.
        f[f"DQMData/Run {run}/PixelPhase1/Run summary/Tracks/PXBarrel/size_PXLayer_1"] = th1("size_PXLayer_1", "flat", scale=50.0 + run % 7)
    return path


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for p in (write(990300, "flat"), write(990301, "peak")):
        print(f"wrote {p.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
