"""Writes DQM ROOT files in CMSSW's harvest layout from histograms given as JSON lines.

Run: $(bash scripts/python-env.sh) scripts/demo/write_dqm_files.py < files.jsonl
Each input line is one file:
  {"file": "/abs/path/DQM_V0001_R000303000__Global__Online__DQM.root", "run": 303000,
   "mes": {"PixelPhase1/Tracks/PXBarrel/charge_PXLayer_1": <histogram>, ...}}
where <histogram> is encoded as server/ingest/histogram-codec.ts encodes it (kind TH1, TH2 or
TProfile; contents with under/overflow; optional sumw2, binEntries, binSumw2, errorOption,
stats; axes with optional variable edges). An ME path `<Subsystem>/<rest>` is written as
`DQMData/Run N/<Subsystem>/Run summary/<rest>`, as DQMFileSaver does. Histograms are written in
double precision (TH1D, TH2D, TProfile) so they read back exactly, each named after its ME
(the path's last segment), as in CMSSW's files.

Each file is written beside its destination under a hidden temporary name and renamed into
place, so a folder scanner never sees half a file. Prints one line per file written; exits 1
naming the file and ME of the first histogram it cannot write.
"""
import json
import os
import pathlib
import sys

import numpy as np
import uproot
from uproot.writing import identify as ident

ERROR_MODES = {"": 0, "s": 1, "i": 2, "g": 3}


class WriteError(Exception):
    pass


def axis(name, a):
    if a.get("labels"):
        raise WriteError("axis labels are not supported by this writer")
    edges = a.get("edges")
    xbins = np.asarray(edges, dtype=">f8") if edges else None
    return ident.to_TAxis(name, "", int(a["nbins"]), float(a["min"]), float(a["max"]), fXbins=xbins)


def centres(a):
    edges = np.asarray(a["edges"], dtype=np.float64) if a.get("edges") else np.linspace(a["min"], a["max"], a["nbins"] + 1)
    return 0.5 * (edges[:-1] + edges[1:])


def sumw2_of(h, cells):
    s = h.get("sumw2")
    if not s:
        return np.array([], dtype=">f8")
    if len(s) != cells:
        raise WriteError(f"{len(s)} sumw2 values for {cells} cells")
    return np.asarray(s, dtype=">f8")


def th1(h):
    x = h["x"]
    contents = np.asarray(h["contents"], dtype=np.float64)
    if len(contents) != x["nbins"] + 2:
        raise WriteError(f"{len(contents)} contents for {x['nbins'] + 2} cells")
    st = h.get("stats")
    if st is None:
        inner = contents[1:-1]
        c = centres(x)
        s2 = np.asarray(h["sumw2"], dtype=np.float64)[1:-1] if h.get("sumw2") else inner
        st = {"sumw": inner.sum(), "sumw2": s2.sum(), "sumwx": (inner * c).sum(), "sumwx2": (inner * c * c).sum()}
    return ident.to_TH1x(
        h["name"], h.get("title", ""), contents.astype(">f8"), float(h["entries"]),
        float(st["sumw"]), float(st["sumw2"]), float(st["sumwx"]), float(st["sumwx2"]),
        sumw2_of(h, len(contents)), axis("xaxis", x),
    )


def th2(h):
    x, y = h["x"], h["y"]
    nx, ny = x["nbins"] + 2, y["nbins"] + 2
    contents = np.asarray(h["contents"], dtype=np.float64)
    if len(contents) != nx * ny:
        raise WriteError(f"{len(contents)} contents for {nx * ny} cells")
    st = h.get("stats")
    if st is None or "sumwy" not in st:
        grid = contents.reshape(ny, nx)[1:-1, 1:-1]
        cx, cy = centres(x), centres(y)
        gx, gy = np.meshgrid(cx, cy)
        st = {
            "sumw": grid.sum(), "sumw2": grid.sum(), "sumwx": (grid * gx).sum(), "sumwx2": (grid * gx * gx).sum(),
            "sumwy": (grid * gy).sum(), "sumwy2": (grid * gy * gy).sum(), "sumwxy": (grid * gx * gy).sum(),
        }
    return ident.to_TH2x(
        h["name"], h.get("title", ""), contents.astype(">f8"), float(h["entries"]),
        float(st["sumw"]), float(st["sumw2"]), float(st["sumwx"]), float(st["sumwx2"]),
        float(st["sumwy"]), float(st["sumwy2"]), float(st["sumwxy"]),
        sumw2_of(h, len(contents)), axis("xaxis", x), axis("yaxis", y),
    )


def tprofile(h):
    x = h["x"]
    cells = x["nbins"] + 2
    contents = np.asarray(h["contents"], dtype=np.float64)
    entries = np.asarray(h.get("binEntries") or [], dtype=np.float64)
    if len(contents) != cells or len(entries) != cells:
        raise WriteError(f"a profile needs {cells} contents and bin entries, found {len(contents)} and {len(entries)}")
    mode = h.get("errorOption", "")
    if mode not in ERROR_MODES:
        raise WriteError(f"unknown profile error option '{mode}'")
    bin_sumw2 = np.asarray(h["binSumw2"], dtype=">f8") if h.get("binSumw2") else np.array([], dtype=">f8")
    sumw2 = np.asarray(h["sumw2"], dtype=np.float64) if h.get("sumw2") else np.zeros(cells)
    c = centres(x)
    w = entries[1:-1]
    st = h.get("stats") or {"sumw": w.sum(), "sumw2": w.sum(), "sumwx": (w * c).sum(), "sumwx2": (w * c * c).sum()}
    return ident.to_TProfile(
        h["name"], h.get("title", ""), contents.astype(">f8"), float(h["entries"]),
        float(st["sumw"]), float(st["sumw2"]), float(st["sumwx"]), float(st["sumwx2"]),
        float(contents[1:-1].sum()), float(sumw2[1:-1].sum()),
        sumw2.astype(">f8"), entries.astype(">f8"), bin_sumw2, axis("xaxis", x), fErrorMode=ERROR_MODES[mode],
    )


WRITERS = {"TH1": th1, "TH2": th2, "TProfile": tprofile}


def root_path(run, me):
    subsystem, _, rest = me.partition("/")
    if not subsystem or not rest:
        raise WriteError("an ME path must be <Subsystem>/<rest>")
    return f"DQMData/Run {run}/{subsystem}/Run summary/{rest}"


def write_file(spec):
    dest = pathlib.Path(spec["file"])
    run = int(spec["run"])
    objs = {}
    for me, h in spec["mes"].items():
        try:
            writer = WRITERS.get(h.get("kind"))
            if writer is None:
                raise WriteError(f"kind {h.get('kind')!r} is not supported (TH1, TH2, TProfile)")
            objs[root_path(run, me)] = writer({**h, "name": me.rsplit("/", 1)[-1]})
        except (WriteError, KeyError, TypeError, ValueError) as err:
            raise WriteError(f"{dest.name}: ME {me}: {err}") from err
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        with uproot.recreate(tmp) as f:
            for path, obj in objs.items():
                f[path] = obj
        os.replace(tmp, dest)
    finally:
        if tmp.exists():
            tmp.unlink()
    return dest


def main():
    n = 0
    for lineno, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            dest = write_file(json.loads(line))
        except (WriteError, json.JSONDecodeError, KeyError) as err:
            print(f"write_dqm_files: input line {lineno}: {err}", file=sys.stderr)
            return 1
        n += 1
        print(dest, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
