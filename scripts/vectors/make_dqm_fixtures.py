"""Writes small DQM-layout ROOT files for the histogram readers' tests.

Run: $(bash scripts/python-env.sh) scripts/vectors/make_dqm_fixtures.py
Output: server/histograms/fixtures/*.root and expected.json (the values written, so the
TypeScript tests compare what jsroot reads against what uproot wrote).

The layout is the one CMSSW's DQMFileSaver produces: DQMData/Run N/<Subsystem>/Run summary/...
"""
import json
import pathlib

import numpy as np
import uproot
from uproot.writing import identify as ident

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "server" / "histograms" / "fixtures"
RUN = 306134
NAME = "DQM_V0001_R000306134__ZeroBias__Run2017E-09Aug2019_UL2017-v1__DQMIO.root"

# Real MainDiagonal Position contents (run 297219 LS 2374) from shared/data/ml4dqm, inlined so
# the fixture does not depend on the shared folder at generation time.
MAIN_DIAGONAL = [0] * 27 + [1, 1, 5, 10, 15, 40, 56, 84, 108, 151, 195, 211, 226, 232, 219, 168, 113, 57, 15, 3] + [0] * 55


def axis(n, lo, hi, name="xaxis", edges=None):
    return ident.to_TAxis(name, "", n, lo, hi, fXbins=np.asarray(edges, ">f8") if edges is not None else None)


def stats_1d(contents, sumw2, edges):
    centres = 0.5 * (edges[:-1] + edges[1:])
    inner = contents[1:-1]
    return dict(
        fTsumw=float(inner.sum()),
        fTsumw2=float(sumw2[1:-1].sum()),
        fTsumwx=float((inner * centres).sum()),
        fTsumwx2=float((inner * centres**2).sum()),
    )


def th1(kind, name, title, contents, lo, hi, sumw2=None, entries=None, edges=None):
    contents = np.asarray(contents, dtype=np.float64)
    n = len(contents) - 2
    e = np.asarray(edges, dtype=np.float64) if edges is not None else np.linspace(lo, hi, n + 1)
    s2 = np.asarray(sumw2, dtype=np.float64) if sumw2 is not None else contents.copy()
    dtype = {"F": ">f4", "D": ">f8", "I": ">i4", "S": ">i2"}[kind]
    data = contents.astype(dtype)
    st = stats_1d(contents, s2, e)
    h = ident.to_TH1x(
        name, title, data, float(entries if entries is not None else contents.sum()),
        st["fTsumw"], st["fTsumw2"], st["fTsumwx"], st["fTsumwx2"],
        s2 if sumw2 is not None else np.array([], ">f8"),
        axis(n, lo, hi, edges=edges),
    )
    return h, dict(kind="TH1", nx=n, xmin=lo, xmax=hi, contents=contents.tolist(),
                   sumw2=s2.tolist() if sumw2 is not None else None,
                   entries=float(entries if entries is not None else contents.sum()), stats=st,
                   edges=e.tolist() if edges is not None else None)


def th2(kind, name, title, grid, xlo, xhi, ylo, yhi, sumw2=None):
    grid = np.asarray(grid, dtype=np.float64)  # shape (ny+2, nx+2), row-major in y: global bin = ix + (nx+2)*iy
    ny, nx = grid.shape[0] - 2, grid.shape[1] - 2
    flat = grid.reshape(-1)
    s2 = np.asarray(sumw2, dtype=np.float64).reshape(-1) if sumw2 is not None else flat.copy()
    dtype = {"F": ">f4", "D": ">f8", "I": ">i4"}[kind]
    xc = np.linspace(xlo, xhi, nx + 1)
    yc = np.linspace(ylo, yhi, ny + 1)
    xc = 0.5 * (xc[:-1] + xc[1:])
    yc = 0.5 * (yc[:-1] + yc[1:])
    inner = grid[1:-1, 1:-1]
    X, Y = np.meshgrid(xc, yc)
    h = ident.to_TH2x(
        name, title, flat.astype(dtype), float(flat.sum()),
        float(inner.sum()), float(s2.reshape(grid.shape)[1:-1, 1:-1].sum()),
        float((inner * X).sum()), float((inner * X**2).sum()),
        float((inner * Y).sum()), float((inner * Y**2).sum()), float((inner * X * Y).sum()),
        s2 if sumw2 is not None else np.array([], ">f8"),
        axis(nx, xlo, xhi), axis(ny, ylo, yhi, "yaxis"),
    )
    return h, dict(kind="TH2", nx=nx, ny=ny, contents=flat.tolist(),
                   sumw2=s2.tolist() if sumw2 is not None else None, entries=float(flat.sum()))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20170917)
    expected = {}
    mes = {}
    base = f"DQMData/Run {RUN}"

    md = np.asarray([0] + MAIN_DIAGONAL[:100] + [0], dtype=np.float64)
    mes["PixelPhase1/Run summary/Tracks/MainDiagonal Position"] = th1("F", "MainDiagonal Position", "Main diagonal", md, 0.0, 2.0)

    w = rng.uniform(0.5, 2.0, size=2000)
    x = rng.normal(0.0, 1.0, size=2000)
    cont, edges = np.histogram(x, bins=20, range=(-3, 3), weights=w)
    s2, _ = np.histogram(x, bins=20, range=(-3, 3), weights=w * w)
    under = float(w[x < -3].sum()); over = float(w[x >= 3].sum())
    under2 = float((w[x < -3] ** 2).sum()); over2 = float((w[x >= 3] ** 2).sum())
    mes["Tracking/Run summary/TrackParameters/weightedEta"] = th1(
        "D", "weightedEta", "weighted", [under, *cont, over], -3.0, 3.0,
        sumw2=[under2, *s2, over2], entries=2000)

    mes["L1T/Run summary/L1TStage2uGT/counts"] = th1("I", "counts", "int counts", [2, *range(1, 11), 5], 0.0, 10.0)
    mes["L1T/Run summary/L1TStage2uGT/shortCounts"] = th1("S", "shortCounts", "short counts", [0, 3, 1, 4, 1, 5, 0], 0.0, 5.0)
    mes["Muons/Run summary/variable"] = th1(
        "F", "variable", "variable bins", [1, 4, 9, 16, 25, 36, 2], 0.0, 10.0, edges=[0.0, 1.0, 2.0, 4.0, 7.0, 10.0])

    grid = rng.poisson(20, size=(6 + 2, 8 + 2)).astype(np.float64)
    mes["PixelPhase1/Run summary/Phase1_MechanicalView/occupancy"] = th2("F", "occupancy", "occ", grid, 0, 8, -3, 3)
    grid_d = rng.uniform(0, 5, size=(4 + 2, 3 + 2))
    mes["Ecal/Run summary/map2d"] = th2("D", "map2d", "map", grid_d, 0, 3, 0, 4, sumw2=grid_d * 0.5)
    mes["Hcal/Run summary/digis"] = th2("I", "digis", "digis", rng.poisson(3, size=(5 + 2, 5 + 2)), 0, 5, 0, 5)

    # TProfile: per-bin sums of w*y (data), w*y^2 (fSumw2) and w (fBinEntries), unit weights.
    nx = 10
    xs = rng.uniform(0, 10, size=500)
    ys = 2.0 + 0.3 * xs + rng.normal(0, 0.5, size=500)
    idx = np.clip(np.floor(xs).astype(int) + 1, 0, nx + 1)
    sy = np.bincount(idx, weights=ys, minlength=nx + 2)
    syy = np.bincount(idx, weights=ys * ys, minlength=nx + 2)
    sw = np.bincount(idx, minlength=nx + 2).astype(np.float64)
    cx = np.arange(nx) + 0.5
    prof = ident.to_TProfile(
        "meanVsX", "profile", sy.astype(">f8"), 500.0, float(sw[1:-1].sum()), float(sw[1:-1].sum()),
        float((sw[1:-1] * cx).sum()), float((sw[1:-1] * cx * cx).sum()),
        float(sy[1:-1].sum()), float(syy[1:-1].sum()), syy.astype(">f8"), sw.astype(">f8"),
        np.array([], ">f8"), axis(nx, 0.0, 10.0))
    mes["Tracking/Run summary/meanVsX"] = (prof, dict(kind="TProfile", nx=nx, contents=sy.tolist(),
                                                     sumw2=syy.tolist(), binEntries=sw.tolist(), entries=500.0))

    pnx, pny = 4, 3
    cells = (pnx + 2) * (pny + 2)
    pw = rng.integers(0, 6, size=cells).astype(np.float64)
    pz = pw * rng.uniform(1, 3, size=cells)
    pzz = pz * pz / np.maximum(pw, 1) + pw * 0.1
    prof2 = ident.to_TProfile2D(
        "ringMap", "profile 2d", pz.astype(">f8"), float(pw.sum()), float(pw.sum()), float(pw.sum()),
        0.0, 0.0, 0.0, 0.0, 0.0, float(pz.sum()), float(pzz.sum()), pzz.astype(">f8"), pw.astype(">f8"),
        np.array([], ">f8"), axis(pnx, 0.0, 4.0), axis(pny, 0.0, 3.0, "yaxis"))
    mes["EcalBarrel/Run summary/ringMap"] = (prof2, dict(kind="TProfile2D", nx=pnx, ny=pny, contents=pz.tolist(),
                                                         sumw2=pzz.tolist(), binEntries=pw.tolist(), entries=float(pw.sum())))

    path = OUT / NAME
    with uproot.recreate(path) as f:
        for me, (obj, _) in mes.items():
            f[f"{base}/{me}"] = obj
    for me, (_, exp) in mes.items():
        expected[me] = exp

    raw = path.read_bytes()
    (OUT / "DQM_V0001_R000306134__ZeroBias__Run2017E-corrupt__DQMIO.root").write_bytes(raw[: len(raw) // 3])
    (OUT / "expected.json").write_text(json.dumps({"file": NAME, "run": RUN, "mes": expected}, indent=1) + "\n")
    print(f"wrote {path.name} ({len(raw)} bytes) with {len(mes)} MEs")


if __name__ == "__main__":
    main()
