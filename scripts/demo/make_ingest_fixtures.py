"""Writes small DQM ROOT files holding MEs the metric configs read, for the ingest tests.

Run: $(bash scripts/python-env.sh) scripts/demo/make_ingest_fixtures.py
Output: server/ingest/fixtures/DQM_V000{1,2}_R000990001__ZeroBias__Run2017E-09Aug2019_UL2017-v1__DQMIO.root
(version 2 has a shifted Z peak, so a test can tell which version won) and a truncated copy.
Layout as CMSSW's DQMFileSaver writes it: DQMData/Run N/<Subsystem>/Run summary/<rest>.
"""
import pathlib

import numpy as np
import uproot
from uproot.writing import identify as ident

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "server" / "ingest" / "fixtures"
RUN = 990001
DATASET = "ZeroBias__Run2017E-09Aug2019_UL2017-v1__DQMIO"


def th1(name, contents, lo, hi):
    contents = np.asarray(contents, dtype=np.float64)
    n = len(contents) - 2
    edges = np.linspace(lo, hi, n + 1)
    centres = 0.5 * (edges[:-1] + edges[1:])
    inner = contents[1:-1]
    axis = ident.to_TAxis("xaxis", "", n, lo, hi)
    return ident.to_TH1x(
        name, name, contents.astype(">f4"), float(contents.sum()),
        float(inner.sum()), float(inner.sum()), float((inner * centres).sum()), float((inner * centres**2).sum()),
        np.array([], ">f8"), axis,
    )


def shape(n, lo, hi, pdf, total, rng):
    x = np.linspace(lo, hi, n + 1)
    c = 0.5 * (x[:-1] + x[1:])
    dens = pdf(c)
    counts = rng.poisson(total * dens / dens.sum())
    return np.concatenate([[0], counts, [0]])


def write(version, z_mass):
    rng = np.random.default_rng(version)
    mes = {
        "Muons/Run summary/diMuonHistograms/TightTightMuon": th1(
            "TightTightMuon", shape(60, 60, 120, lambda x: np.exp(-0.5 * ((x - z_mass) / 2.6) ** 2) + 0.02, 20000, rng), 60, 120),
        "Tracking/Run summary/TrackParameters/generalTracks/GeneralProperties/NumberOfTracks_GenTk": th1(
            "NumberOfTracks_GenTk", shape(100, 0, 2000, lambda x: np.exp(-0.5 * ((x - 620) / 180) ** 2), 20000, rng), 0, 2000),
        "PixelPhase1/Run summary/Tracks/PXBarrel/size_PXLayer_1": th1(
            "size_PXLayer_1", shape(30, 0, 30, lambda x: np.exp(-0.5 * ((x - 5.6) / 2.2) ** 2), 50000, rng), 0, 30),
    }
    path = OUT / f"DQM_V{version:04d}_R{RUN:09d}__{DATASET}.root"
    with uproot.recreate(path) as f:
        for me, obj in mes.items():
            f[f"DQMData/Run {RUN}/{me}"] = obj
    return path


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    v1 = write(1, 91.1)
    write(2, 90.2)
    raw = v1.read_bytes()
    (OUT / "corrupt" ).mkdir(exist_ok=True)
    (OUT / "corrupt" / f"DQM_V0001_R{RUN + 1:09d}__{DATASET}.root").write_bytes(raw[: len(raw) // 3])
    print(f"wrote fixtures in {OUT}")


if __name__ == "__main__":
    main()
