"""Expected values for the compatibility cases of issue 16 (ROOT, CMSSW and AutoDQM edge cases).

Run: $(bash scripts/python-env.sh) scripts/vectors/make_compare_compat_vectors.py
Writes server/compare/vectors/compat.json. Each case transcribes the reference's own code here,
independently of the TypeScript, citing the source it follows:
- AutoDQM plugins/pullvals.py at AutoDQM/AutoDQM 362dbc0 (master, 2025): pullvals() lines 16-80
  (values() of TH2/TProfile2D, min_entries=10000 since commit 4e14c4a, June 2022; anything but a
  TH2 or TProfile2D pair returns None), pull() lines 165-172, normalize_rows() lines 174-178
  (numpy.divide(ref_sum, data_sum, where=data_sum!=0, out=ones): an empty reference row scales
  the data row by 0).
- ROOT hist/hist/src/TH1.cxx TH1::KolmogorovTest, option X: hparent is h1 when afunc1 or
  esum1 > esum2, else h2; negative parent bins are zeroed; each toy fills (Int_t)esum entries
  with FillRandom(&hparent) (a multinomial over bins 1..n); with a function (zero errors) the
  toy is compared to hparent itself; the p-value is the fraction of toys whose distance ("M")
  exceeds the observed one.
- CMSSW DQMServices/Core/interface/QTest.h (NoisyChannel::setNumNeighbors / ContentSigma::
  setNumNeighborsX ignore 0; NoisyChannel::tolerance_ is a float) and DQMServices/Core/src/
  QTest.cc (NoisyChannel::getAverage, ContentSigma::runTest/getNeighborSum/getNeighborSigma,
  CompareToMedian::runTest `return 1 - (float)failed / nbins`), QCriterion::runTest (status:
  ERROR below errorProb, WARNING below warningProb, else OK — a negative value is an ERROR).
- CMSSW DQMServices/ClientConfig/src/QTestConfigure.cc (findOrDefault(params, key, "0") for every
  parameter: missing useEmptyBins = 0, missing warning/error = 0; `if (toleranceMean != 0)`;
  DeadChannel `(unsigned int) atof(threshold)`).
"""
import json
import pathlib
import sys

import numpy as np
from scipy import stats

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from make_compare_vectors import beta_binomial  # noqa: E402  (AutoDQM beta_binomial.py transcription)

OUT = pathlib.Path(__file__).resolve().parents[2] / "server" / "compare" / "vectors"
rng = np.random.default_rng(16)
f32 = lambda v: float(np.float32(v))


def inner_x_fastest(a):
    """uproot's values() is indexed [x, y]; the tests take inner bins x fastest."""
    return [float(v) for v in np.asarray(a, dtype=float).T.ravel()]


# ---- AutoDQM pull values (master) ------------------------------------------------------------
def autodqm_pullvals(data, ref, norm_type="all", min_entries=10000, chi2_cut=500, pull_cut=20):
    d = np.array(data, dtype=float)
    r = np.array(ref, dtype=float)
    d_entries = d.sum(); r_entries = r.sum()
    is_good = d_entries != 0 and d_entries >= min_entries

    def normalize_rows(dn, rn):
        ref_sum = rn.sum(axis=0); data_sum = dn.sum(axis=0)
        sf = np.divide(ref_sum, data_sum, where=data_sum != 0, out=np.ones_like(data_sum))
        return dn * sf

    if norm_type == "row":
        d = normalize_rows(d, r)
    elif norm_type == "col":
        d = normalize_rows(d.T, r.T).T
    elif d_entries > 0:
        d = d * r_entries / d_entries
    with np.errstate(invalid="ignore"):
        de = np.nan_to_num(abs(np.array(stats.chi2.interval(0.6827, 2 * d)) / 2 - 1 - d))
        re = np.nan_to_num(abs(np.array(stats.chi2.interval(0.6827, 2 * r)) / 2 - 1 - r))
    if d_entries + r_entries == 0:
        return {"chi2": 0.0, "maxPull": 0.0, "isOutlier": False}
    de_sel, re_sel = de[0].copy(), re[1].copy()
    mask = d < r
    de_sel[mask] = de[1][mask]; re_sel[mask] = re[0][mask]
    den = np.sqrt(de_sel ** 2 + re_sel ** 2)
    pull = np.divide(d - r, den, out=np.zeros_like(d), where=(de_sel + re_sel) != 0)
    chi2 = float((pull * pull).sum() / d.size)
    mx = float(np.abs(pull).max())
    return {"chi2": chi2, "maxPull": mx, "isOutlier": bool(is_good and (chi2 > chi2_cut or mx > pull_cut))}


def pull_cases():
    nx, ny = 6, 4
    d = rng.poisson(40, size=(nx, ny)).astype(float)  # [x, y]
    r = rng.poisson(80, size=(nx, ny)).astype(float)
    r_row = r.copy(); r_row[:, 2] = 0           # reference row y=3 empty
    r_col = r.copy(); r_col[3, :] = 0           # reference column x=4 empty
    cases = [
        {"name": "empty reference row, row normalisation", "normalisation": "row", "ref": r_row, "norm": "row"},
        {"name": "empty reference column, column normalisation", "normalisation": "column", "ref": r_col, "norm": "col"},
    ]
    out = []
    for c in cases:
        e = autodqm_pullvals(d, c["ref"], c["norm"], min_entries=0)
        out.append({"name": c["name"], "normalisation": c["normalisation"], "nx": nx, "ny": ny,
                    "data": inner_x_fastest(d), "ref": inner_x_fastest(c["ref"]), **e})
    return out


def profile2d_case():
    """TProfile2D: values() are the bin means Σwz/Σw (0 where Σw = 0)."""
    nx, ny = 5, 4
    def prof(mean_level):
        sumw = rng.integers(20, 200, size=(nx, ny)).astype(float)
        means = rng.normal(mean_level, 3.0, size=(nx, ny))
        sumw[0, 0] = 0
        return sumw * means, sumw
    dz, dw = prof(30); rz, rw = prof(31)
    dv = np.divide(dz, dw, out=np.zeros_like(dz), where=dw != 0)
    rv = np.divide(rz, rw, out=np.zeros_like(rz), where=rw != 0)
    pv = autodqm_pullvals(dv, rv, "all", min_entries=0)
    bb = beta_binomial(dv.T.ravel(), [rv.T.ravel()])
    return {"nx": nx, "ny": ny, "data": {"sumwz": inner_x_fastest(dz), "sumw": inner_x_fastest(dw)},
            "ref": {"sumwz": inner_x_fastest(rz), "sumw": inner_x_fastest(rw)},
            "pullValues": pv, "betaBinomial": {"chi2": bb["chi2"], "maxPull": bb["maxPull"], "used": bb["used"]}}


def min_entries_case():
    """~28,000 entries and one hot bin: an outlier under AutoDQM's default min_entries=10000."""
    nx, ny = 10, 10
    r = rng.poisson(285, size=(nx, ny)).astype(float)
    d = rng.poisson(285, size=(nx, ny)).astype(float)
    d[4, 6] = 1500
    e = autodqm_pullvals(d, r)
    return {"nx": nx, "ny": ny, "data": inner_x_fastest(d), "ref": inner_x_fastest(r), "entries": float(d.sum()), **e}


# ---- ROOT TH1::KolmogorovTest option X ----------------------------------------------------------
def ks_distance_rows(a, b):
    """KolmogorovTest "M" row by row; ROOT returns 0 when an integral is zero."""
    sa = a.sum(axis=1, keepdims=True); sb = b.sum(axis=1, keepdims=True)
    ok = (sa[:, 0] > 0) & (sb[:, 0] > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        d = np.abs(np.cumsum(a / sa, axis=1) - np.cumsum(b / sb, axis=1)).max(axis=1)
    return np.where(ok, d, 0.0)


def ks_x_root(c1, e1, c2, e2, toys):
    """c*: inner bin contents; e*: inner squared errors."""
    c1 = np.array(c1, float); c2 = np.array(c2, float)
    s1, s2 = c1.sum(), c2.sum(); w1, w2 = np.sum(e1), np.sum(e2)
    afunc1, afunc2 = not w1 > 0, not w2 > 0
    esum1 = 0 if afunc1 else s1 * s1 / w1
    esum2 = 0 if afunc2 else s2 * s2 / w2
    dfmax = float(np.abs(np.cumsum(c1 / s1) - np.cumsum(c2 / s2)).max())
    parent = (c1 if (afunc1 or esum1 > esum2) else c2).copy()
    parent[parent < 0] = 0
    p = parent / parent.sum()
    exceed = 0; done = 0; chunk = 20000
    while done < toys:
        n = min(chunk, toys - done)
        t1 = rng.multinomial(int(esum1), p, size=n).astype(float) if not afunc1 else None
        t2 = rng.multinomial(int(esum2), p, size=n).astype(float) if not afunc2 else None
        par = np.broadcast_to(parent, (n, parent.size))
        d = ks_distance_rows(par, t2) if afunc1 else ks_distance_rows(par, t1) if afunc2 else ks_distance_rows(t1, t2)
        exceed += int((d > dfmax).sum()); done += n
    prob = exceed / toys
    return {"d": dfmax, "p": prob, "sigma": float(np.sqrt(prob * (1 - prob) / toys)), "toys": toys}


def ks_x_cases():
    n = 20
    shape = np.exp(-0.5 * ((np.arange(n) - 9.5) / 4) ** 2); shape /= shape.sum()
    out = []
    # 1. the reference is a function (all errors zero): ROOT still runs the toys, with h1 as parent.
    data = rng.poisson(300 * shape).astype(float)
    func = 500 * shape
    out.append({"name": "reference without errors", "h1": data.tolist(), "sumw2_1": None, "h2": func.tolist(), "sumw2_2": [0.0] * n,
                **ks_x_root(data, data, func, np.zeros(n), 200000)})
    # 2. 12 entries against 3,000: the parent is the reference, the one with more effective entries.
    small = np.bincount(np.array([4, 5, 6, 7, 8, 9, 9, 10, 11, 12, 13, 14]), minlength=n).astype(float)
    big = rng.poisson(3000 * np.roll(shape, 1)).astype(float)
    out.append({"name": "12 entries against 3,000", "h1": small.tolist(), "sumw2_1": None, "h2": big.tolist(), "sumw2_2": None,
                **ks_x_root(small, small, big, big, 200000)})
    return out


# ---- CMSSW QTest.cc ----------------------------------------------------------------------------
def noisy_1d(c, tolerance, neighbours):
    """NoisyChannel::runTest 1D with getAverage; setNumNeighbors ignores 0; tolerance_ is a float."""
    k = neighbours if neighbours > 0 else 1
    tol = f32(tolerance)
    n = len(c) - 2
    fail = 0
    for b in range(1, n + 1):
        s, e = b - k, b + k
        if s < 1:
            e += 1 - s; s = 1; e = min(e, n)
        if e > n:
            s -= e - n; e = n; s = max(s, 1)
        avg = (sum(c[s:e + 1]) - c[b]) / (min(2 * k + 1, n) - 1)
        if avg != 0 and (c[b] - avg) / abs(avg) > tol:
            fail += 1
    return f32((n - fail) / n)


def content_sigma_1d(c, tol_noisy, tol_dead, xblocks, neighbours_x):
    """ContentSigma::runTest on a TH1 (nbinsY = 1), full axis; setNumNeighborsX ignores 0."""
    nbx = len(c) - 2; nby = 1
    nX = neighbours_x if neighbours_x > 0 else 1
    nX = 0 if nX == 999 else nX
    nY = 1  # numNeighborsY_ default
    xmin, xmax, ymin, ymax = 1, nbx, 1, nby
    if nX * 2 >= nbx: nX = nbx // 2 - 1 if nbx % 2 == 0 else (nbx - 1) // 2
    if nY * 2 >= nby: nY = nby // 2 - 1 if nby % 2 == 0 else (nby - 1) // 2
    XB = nbx if xblocks == 999 else xblocks; YB = 1
    xbn, ybn = nbx // XB, nby // YB
    content = lambda x, y: c[x]

    def nsum(gx, gy):
        xl = max((gx - nX) * xbn + xmin, xmin) if gx > nX else xmin
        xh = min((gx + 1 + nX) * xbn + xmin, xmax)
        yl = max((gy - nY) * ybn + ymin, ymin) if gy > nY else ymin
        yh = min((gy + 1 + nY) * ybn + ymin, ymax)
        return sum(content(x, y) for x in range(xl, xh + 1) for y in range(yl, yh + 1))

    def nsigma(avg, gx, gy):
        s = 0.0
        for bx in range(2 * nX + 1):
            for by in range(2 * nY + 1):
                xl = max((gx + bx - nX) * xbn + xmin, xmin) if gx + bx > nX else xmin
                xh = min(xl + xbn, xmax)
                yl = max((gy + by - nY) * ybn + ymin, ymin) if gy + by > nY else ymin
                yh = min(yl + ybn, ymax)
                bs = sum(content(x, y) for x in range(xl, xh + 1) for y in range(yl, yh + 1))
                s += (avg - bs) ** 2
        return s

    fail = 0
    for gx in range(XB):
        for gy in range(YB):
            bsum = sum(abs(content(gx * xbn + xmin + bx, gy * ybn + ymin + by)) for bx in range(xbn) for by in range(ybn)
                       if gx * xbn + xmin + bx <= xmax and gy * ybn + ymin + by <= ymax)
            s = nsum(gx, gy) - bsum
            xw = nX + gx + 1 if nX > gx else (XB - gx) + nX if nX > XB - (gx + 1) else 2 * nX + 1
            yw = nY + gy + 1 if nY > gy else (YB - gy) + nY if nY > YB - (gy + 1) else 2 * nY + 1
            avg = s / (xw * yw - 1)
            sig = nsigma(avg, gx, gy) - (avg - bsum) ** 2
            sig_real = np.sqrt(sig) / np.sqrt((xw * yw - 2) % 2 ** 32) / (xw * yw - 1)
            unc = 3 * sig_real
            p_noisy = stats.poisson.sf(int(bsum - 1), avg + unc)
            p_dead = stats.poisson.cdf(int(bsum), avg - unc)
            th_noisy = stats.norm.sf(f32(tol_noisy)); th_dead = stats.norm.cdf(-f32(tol_dead))
            if avg != 0:
                if (bsum > avg and p_noisy < th_noisy) or (bsum <= avg and p_dead < th_dead):
                    fail += 1
    return f32((XB * YB - fail) / (XB * YB))


def compare_to_median(nx, ny, means, entries, mn, mx, min_med, max_med, empty_bins, stat_cut):
    """CompareToMedian::runTest; means/entries indexed [x][y] over inner bins."""
    nbins = failed = 0
    for x in range(nx):
        vals = []; ent = 0
        for y in range(ny):
            if means[x][y] == 0 and not empty_bins: continue
            vals.append(means[x][y]); ent = entries[x][y]
        if not vals: continue
        nbins += len(vals)
        med = f32(sorted(vals)[len(vals) // 2])
        if med == 0:
            failed += sum(1 for y in range(ny) if entries[x][y] != 0 and (means[x][y] > max_med or means[x][y] < min_med)); continue
        if f32(med * ent) < stat_cut: continue
        if med > max_med or med < min_med:
            failed += sum(1 for y in range(ny) if entries[x][y] != 0); continue
        lo, hi = f32(med * f32(mn)), f32(med * f32(mx))
        failed += sum(1 for y in range(ny) if entries[x][y] != 0 and (means[x][y] > hi or means[x][y] < lo))
    if nbins == 0: return 1.0
    return f32(np.float32(1) - np.float32(failed) / np.float32(nbins))


def status(value, error, warning):
    """QCriterion::runTest."""
    return "ERROR" if value < error else "WARNING" if value < warning else "OK"


def qtest_cases():
    out = {}
    flat = [0.0] + [10.0] * 12 + [0.0]
    flat[6] = 17.0   # (17 − 10)/10 = 0.7 exactly; float(0.7) = 0.69999998807907104
    out["noisyTolerance"] = {"contents": flat, "tolerance": 0.7, "neighbours": 1, "value": noisy_1d(flat, 0.7, 1)}
    hot = [0.0, 12, 11, 30, 10, 9, 11, 10, 25, 12, 10, 0.0]
    out["noisyZeroNeighbours"] = {"contents": hot, "tolerance": 0.5, "neighbours": 0, "value": noisy_1d(hot, 0.5, 0)}
    cs = [0.0] + [100.0 + v for v in rng.integers(-8, 9, size=20)] + [0.0]
    cs[5] = 40.0; cs[15] = 220.0
    out["contentSigmaZeroNeighbours"] = {"contents": cs, "toleranceNoisy": 2.0, "toleranceDead": 2.0, "xBlocks": 999, "neighboursX": 0,
                                          "value": content_sigma_1d(cs, 2.0, 2.0, 999, 0)}
    nx, ny = 2, 4
    means = [[10.0, 0.0, 0.0, 0.0], [5.0, 0.0, 0.0, 0.0]]
    entries = [[4, 3, 3, 3], [2, 2, 2, 2]]
    v = compare_to_median(nx, ny, means, entries, 0.5, 1.5, 0.0, 100.0, False, 0.0)
    out["compareToMedianNegative"] = {"nx": nx, "ny": ny, "means": means, "entries": entries, "params": {"min": 0.5, "max": 1.5, "minMedian": 0, "maxMedian": 100, "useEmptyBins": False, "statCut": 0},
                                      "value": v, "status": status(v, 0.5, 0.9)}
    return out


# ---- QTestConfigure.cc defaults ----------------------------------------------------------------
def xml_case():
    """One XML file; each test's CMSSW value and status with QTestConfigure's defaults."""
    h1 = [0.0, 0, 3, 7, 0, 12, 1.5, 1, 2, 0, 40, 0.0]
    n = len(h1) - 2
    # ContentsYRange, useEmptyBins missing → 0 (the AS variant: empty bins pass).
    yr = f32((n - sum(1 for i in range(1, n + 1) if h1[i] != 0 and (h1[i] < 2 or h1[i] > 20))) / n)
    # DeadChannel threshold 1.7 → (unsigned int) 1: a bin is dead when content <= 1.
    dead = f32((n - sum(1 for i in range(1, n + 1) if h1[i] <= 1)) / n)
    # ContentsWithinExpected on a TH2: toleranceMean = 0 does not switch the mean check on; with
    # useEmptyBins="1" and no ranges every bin passes.
    cwe = 1.0
    return {"th1": h1, "th2": {"nx": 3, "ny": 2, "inner": [1.0, 2, 3, 4, 5, 60]},
            "ContentsYRange": {"value": yr, "status": status(yr, 0, 0), "thresholds": {"error": 0, "warning": 0}, "params": {"ymin": 2, "ymax": 20, "useEmptyBins": False}},
            "DeadChannel": {"value": dead, "status": status(dead, 0.5, 0.9), "params": {"threshold": 1}},
            "ContentsWithinExpected": {"value": cwe, "status": status(cwe, 0.5, 0.9)}}


def main():
    data = {"pulls": pull_cases(), "profile2d": profile2d_case(), "minEntries": min_entries_case(), "ksX": ks_x_cases(),
            "qtests": qtest_cases(), "xml": xml_case()}
    (OUT / "compat.json").write_text(json.dumps(data, indent=None, separators=(",", ":")) + "\n")
    print("wrote compat")


if __name__ == "__main__":
    main()
