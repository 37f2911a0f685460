"""Independent expected values for the comparison engine's tests.

Run: $(bash scripts/python-env.sh) scripts/vectors/make_compare_vectors.py
Writes server/compare/vectors/*.json. Distributions come from scipy; where scipy has no
equivalent, the ROOT / CMSSW / AutoDQM formula is transcribed here independently of the
TypeScript (ROOT hist/hist/src/TH1.cxx Chi2TestX and KolmogorovTest, math/mathcore/src/TMath.cxx
KolmogorovProb, CMSSW DQMServices/Core/src/QTest.cc, AutoDQM plugins/pullvals.py and
plugins/beta_binomial.py). Histograms are given as full cell arrays (under/overflow included).
"""
import json
import math
import pathlib

import numpy as np
from scipy import special, stats

OUT = pathlib.Path(__file__).resolve().parents[2] / "server" / "compare" / "vectors"
rng = np.random.default_rng(7)


def h1(contents, sumw2=None, lo=0.0, hi=1.0, entries=None):
    c = [float(v) for v in contents]
    return {"nx": len(c) - 2, "xmin": lo, "xmax": hi, "contents": c,
            "sumw2": None if sumw2 is None else [float(v) for v in sumw2],
            "entries": float(sum(c) if entries is None else entries)}


def err2(h, i):
    return h["sumw2"][i] if h["sumw2"] is not None else abs(h["contents"][i])


# ---- distributions -------------------------------------------------------------------------
def gamma_vectors():
    out = []
    for ndf in [1, 2, 3, 5, 10, 30, 31, 50, 99, 100, 250, 1000]:
        for f in [0.01, 0.3, 0.8, 1.0, 1.2, 2.0, 3.5, 6.0]:
            x = ndf * f
            out.append({"chi2": x, "ndf": ndf, "p": float(stats.chi2.sf(x, ndf))})
    inv = [{"a": a, "p": p, "x": float(special.gammaincinv(a, p))} for a in [0.3, 1.0, 2.5, 10.0, 100.0, 1234.5] for p in [1e-10, 0.15865, 0.5, 0.84135, 0.999]]
    isf = [{"p": p, "z": float(stats.norm.isf(p))} for p in [1e-300, 1e-100, 1e-20, 1e-5, 0.01, 0.3, 0.5, 0.7, 0.99]]
    return {"chi2sf": out, "gammaincinv": inv, "normisf": isf}


def kolmogorov_prob_root(z):
    """TMath::KolmogorovProb transcribed."""
    u = abs(z)
    if u < 0.2:
        return 1.0
    if u < 0.755:
        v = 1.0 / (u * u)
        c1 = -1.2337005501361697
        return 1 - 2.50662827 * (math.exp(c1 * v) + math.exp(9 * c1 * v) + math.exp(25 * c1 * v)) / u
    if u < 6.8116:
        v = u * u
        x = 3.0 / u
        maxj = max(1, int(round(x)) if abs(x - math.floor(x) - 0.5) > 1e-15 else int(math.floor(x)) + (int(math.floor(x)) % 2))
        r = [math.exp(-2 * (j + 1) ** 2 * v) if j < maxj else 0.0 for j in range(4)]
        return 2 * (r[0] - r[1] + r[2] - r[3])
    return 0.0


def kolmogorov_vectors():
    zs = [0.1, 0.2, 0.3, 0.5, 0.7, 0.754, 0.755, 0.9, 1.0, 1.2, 1.36, 1.5, 2.0, 3.0, 4.0, 6.8, 6.82]
    return [{"z": z, "root": kolmogorov_prob_root(z), "scipy": float(stats.kstwobign.sf(z))} for z in zs]


# ---- TH1::Chi2TestX -------------------------------------------------------------------------
def chi2_root(a, b, mode, norm=False, uf=False, of=False):
    n = a["nx"]
    cells = list(range(0 if uf else 1, (n + 1 if of else n) + 1))
    ndf = len(cells) - 1
    c1, c2 = a["contents"], b["contents"]
    sum1 = sum2 = sw1 = sw2 = 0.0
    if mode == "UU" and norm:
        for i in cells:
            e1, e2 = err2(a, i), err2(b, i)
            sum1 += math.floor(c1[i] ** 2 / e1 + 0.5) if e1 > 0 else 0
            sum2 += math.floor(c2[i] ** 2 / e2 + 0.5) if e2 > 0 else 0
            sw1 += e1; sw2 += e2
        if sw1 <= 0 or sw2 <= 0:
            return None
    else:
        for i in cells:
            sum1 += c1[i]; sum2 += c2[i]
            if mode == "WW": sw1 += err2(a, i)
            if mode in ("UW", "WW"): sw2 += err2(b, i)
    if sum1 == 0 or sum2 == 0:
        return None
    chi2 = 0.0; m = nn = 0; res = [0.0] * len(cells)
    if mode == "UU":
        tot = sum1 + sum2
        for k, i in enumerate(cells):
            x1, x2 = c1[i], c2[i]
            if norm:
                e1, e2 = err2(a, i), err2(b, i)
                x1 = math.floor(x1 * x1 / e1 + 0.5) if e1 > 0 else 0
                x2 = math.floor(x2 * x2 / e2 + 0.5) if e2 > 0 else 0
            if int(x1) == 0 and int(x2) == 0:
                ndf -= 1; continue
            s = x1 + x2
            nexp1 = s * sum1 / tot
            if x1 < 1: m += 1
            if x2 < 1: nn += 1
            res[k] = (x1 - nexp1) / math.sqrt(nexp1) / math.sqrt((1 - sum1 / tot) * (1 - s / tot))
            chi2 += (sum2 * x1 - sum1 * x2) ** 2 / s
        chi2 /= sum1 * sum2
    elif mode == "UW":
        for k, i in enumerate(cells):
            x1, x2, e2 = c1[i], c2[i], err2(b, i)
            if x1 * x1 == 0 and x2 * x2 == 0:
                ndf -= 1; continue
            if x2 * x2 == 0 and e2 == 0:
                if sw2 > 0: e2 = sw2 / sum2
                else: return None
            if x1 < 1: m += 1
            if e2 > 0 and x2 * x2 / e2 < 10: nn += 1
            v1 = sum2 * x2 - sum1 * e2
            v2 = v1 * v1 + 4 * sum2 * sum2 * x1 * e2
            # ROOT bumps cnt1 and sum1 (for the rest of the loop) while the denominator vanishes
            while v1 * v1 + x1 == 0 or v1 + v2 == 0:
                sum1 += 1; x1 += 1
                v1 = sum2 * x2 - sum1 * e2; v2 = v1 * v1 + 4 * sum2 * sum2 * x1 * e2
            v2 = math.sqrt(v2)
            while v1 + v2 == 0:
                sum1 += 1; x1 += 1
                v1 = sum2 * x2 - sum1 * e2; v2 = math.sqrt(v1 * v1 + 4 * sum2 * sum2 * x1 * e2)
            p = (v1 + v2) / (2 * sum2 * sum2)
            n1, n2 = p * sum1, p * sum2
            chi2 += (x1 - n1) ** 2 / n1
            if e2 > 0:
                chi2 += (x2 - n2) ** 2 / e2
                t1 = sum2 * e2 / v2
                t2 = 1 + (sum1 * e2 - sum2 * x2) / v2
                t2 = t1 * t1 * sum1 * p * (1 - p) + t2 * t2 * e2 / 4
                res[k] = -(x2 - n2) / math.sqrt(t2)
            else:
                res[k] = (x1 - n1) / math.sqrt(n1)
    else:
        for k, i in enumerate(cells):
            x1, x2, e1, e2 = c1[i], c2[i], err2(a, i), err2(b, i)
            if x1 * x1 == 0 and x2 * x2 == 0:
                ndf -= 1; continue
            if e1 == 0 and e2 == 0:
                return None
            sig = sum1 * sum1 * e2 + sum2 * sum2 * e1
            chi2 += (sum2 * x1 - sum1 * x2) ** 2 / sig
            p = (x1 * sum1 * e2 + x2 * sum2 * e1) / sig
            if e1 > e2:
                res[k] = (x1 - sum1 * p) / math.sqrt(e1 * (1 - e2 * sum1 * sum1 / sig))
            else:
                res[k] = -(x2 - sum2 * p) / math.sqrt(e2 * (1 - e1 * sum2 * sum2 / sig))
            if e1 > 0 and x1 * x1 / e1 < 10: m += 1
            if e2 > 0 and x2 * x2 / e2 < 10: nn += 1
    return {"chi2": chi2, "ndf": ndf, "p": float(stats.chi2.sf(chi2, ndf)) if ndf > 0 else 0.0,
            "igood": (1 if m else 0) + (2 if nn else 0), "residuals": res}


def poisson_hist(n, mean, size):
    shape = np.exp(-0.5 * ((np.arange(n) - n / 2) / (n / 6)) ** 2)
    return [0.0] + list(rng.poisson(mean * shape / shape.sum() * size / mean).astype(float)) + [0.0]


def weighted_hist(n, size):
    x = rng.normal(0, 1, size); w = rng.uniform(0.2, 3.0, size)
    c, _ = np.histogram(x, bins=n, range=(-3, 3), weights=w)
    s2, _ = np.histogram(x, bins=n, range=(-3, 3), weights=w * w)
    uf = w[x < -3].sum(); of = w[x >= 3].sum()
    return h1([uf, *c, of], [(w[x < -3] ** 2).sum(), *s2, (w[x >= 3] ** 2).sum()], -3, 3)


def chi2_vectors():
    cases = []
    def add(name, a, b, **opt):
        exp = chi2_root(a, b, **opt)
        cases.append({"name": name, "h1": a, "h2": b, "options": opt, "expected": exp})
    a = h1(poisson_hist(40, 10, 2000)); b = h1(poisson_hist(40, 10, 3000))
    a["contents"][0] = 3; a["contents"][-1] = 4; b["contents"][0] = 1; b["contents"][-1] = 9
    add("UU gaussian", a, b, mode="UU")
    add("UU with UF/OF", a, b, mode="UU", uf=True, of=True)
    add("UU with UF only", a, b, mode="UU", uf=True)
    add("UU low stats", h1([0, 0, 1, 0, 3, 2, 0, 1, 0, 0]), h1([0, 1, 0, 0, 2, 4, 1, 0, 0, 0]), mode="UU")
    add("UU fractional contents", h1([0, 0.5, 2.5, 7, 0.3, 0]), h1([0, 0.2, 3, 6.5, 1, 0]), mode="UU")
    wa = weighted_hist(30, 3000); wb = weighted_hist(30, 4000)
    add("WW", wa, wb, mode="WW")
    add("WW with UF/OF", wa, wb, mode="WW", uf=True, of=True)
    add("UW", h1(poisson_hist(30, 10, 3000), lo=-3, hi=3), wb, mode="UW")
    wz = weighted_hist(30, 500); wz["contents"][3] = 0.0; wz["sumw2"][3] = 0.0
    ua = h1(poisson_hist(30, 10, 800), lo=-3, hi=3); ua["contents"][3] = 4
    add("UW zero content and error in weighted bin", ua, wz, mode="UW")
    sa = h1([0, 10, 20, 30, 0], [0, 40, 80, 120, 0]); sb = h1([0, 12, 18, 33, 0], [0, 36, 54, 99, 0])
    add("UU NORM on scaled histograms", sa, sb, mode="UU", norm=True)
    we = weighted_hist(10, 300); we2 = weighted_hist(10, 300); we["sumw2"][4] = 0.0; we2["sumw2"][4] = 0.0
    add("WW zero errors in both", we, we2, mode="WW")
    add("UU empty", h1([0, 0, 0, 0]), h1([0, 1, 2, 0]), mode="UU")
    # cross-check UU against scipy's Pearson χ² of the 2×k table (bins empty in both dropped)
    t = np.array([a["contents"][1:-1], b["contents"][1:-1]]); t = t[:, t.sum(axis=0) > 0]
    ct = stats.chi2_contingency(t, correction=False)
    return {"cases": cases, "contingency": {"chi2": float(ct[0]), "ndf": int(ct[2]), "p": float(ct[1])}}


# ---- TH1::KolmogorovTest ---------------------------------------------------------------------
def ks_root(a, b, norm=False, uf=False, of=False):
    n = a["nx"]; lo = 0 if uf else 1; hi = n + 1 if of else n
    s1 = sum(a["contents"][lo:hi + 1]); s2 = sum(b["contents"][lo:hi + 1])
    w1 = sum(err2(a, i) for i in range(lo, hi + 1)); w2 = sum(err2(b, i) for i in range(lo, hi + 1))
    if s1 == 0 or s2 == 0:
        return None
    f1, f2 = w1 <= 0, w2 <= 0
    e1 = s1 * s1 / w1 if not f1 else 0; e2 = s2 * s2 / w2 if not f2 else 0
    r1 = r2 = d = 0.0
    for i in range(lo, hi + 1):
        r1 += a["contents"][i] / s1; r2 += b["contents"][i] / s2
        d = max(d, abs(r1 - r2))
    z = d * math.sqrt(e2) if f1 else d * math.sqrt(e1) if f2 else d * math.sqrt(e1 * e2 / (e1 + e2))
    p = kolmogorov_prob_root(z)
    if norm and not (f1 or f2):
        p2 = float(stats.chi2.sf((e1 - e2) ** 2 / (e1 + e2), 1))
        p = p * p2 * (1 - math.log(p * p2)) if p > 0 and p2 > 0 else 0
    return {"d": d, "z": z, "p": p, "scipyP": float(stats.kstwobign.sf(z))}


def ks_vectors():
    a = h1(poisson_hist(50, 10, 5000)); b = h1(poisson_hist(50, 10, 3000))
    b2 = dict(b); b2["contents"] = [0.0] + list(np.roll(b["contents"][1:-1], 2)) + [0.0]
    a["contents"][0] = 40; b["contents"][-1] = 60
    wa = weighted_hist(20, 2000); wb = weighted_hist(20, 2500)
    fn = h1([0, 1, 2, 3, 2, 1, 0], [0] * 7)
    out = []
    for name, x, y, opt in [("plain", a, b, {}), ("U and O", a, b, {"uf": True, "of": True}), ("shifted N", a, b2, {"norm": True}),
                            ("shifted", a, b2, {}), ("weighted", wa, wb, {}), ("weighted N", wa, wb, {"norm": True}),
                            ("h2 exact function", h1([0, 2, 3, 7, 4, 2, 0]), fn, {})]:
        out.append({"name": name, "h1": x, "h2": y, "options": opt, "expected": ks_root(x, y, **opt)})
    return out


# ---- CMSSW quality tests (transcribed from QTest.cc) -------------------------------------------
def qtest_vectors():
    f32 = lambda v: float(np.float32(v))
    out = []
    a = h1([5, *poisson_hist(20, 10, 400)[1:-1], 3], lo=0.0, hi=20.0)
    c = a["contents"]; n = a["nx"]; w = 1.0
    centres = [0.0 + (i - 0.5) * w for i in range(n + 2)]
    tot = sum(c); fail = sum(c[i] for i in range(n + 2) if centres[i] < 4 or centres[i] > 15)
    out.append({"test": "ContentsXRange", "h": a, "params": {"xmin": 4, "xmax": 15}, "value": f32((tot - fail) / tot)})
    fails = sum(1 for i in range(1, n + 1) if c[i] < 5 or c[i] > 30)
    out.append({"test": "ContentsYRange", "h": a, "params": {"ymin": 5, "ymax": 30, "useEmptyBins": True}, "value": f32((n - fails) / n)})
    fails = sum(1 for i in range(1, n + 1) if c[i] != 0 and (c[i] < 5 or c[i] > 30))
    out.append({"test": "ContentsYRange", "h": a, "params": {"ymin": 5, "ymax": 30, "useEmptyBins": False}, "value": f32((n - fails) / n)})
    out.append({"test": "DeadChannel", "h": a, "params": {"threshold": 2}, "value": f32((n - sum(1 for i in range(1, n + 1) if c[i] <= 2)) / n)})
    # NoisyChannel 1D, shifted window
    noisy = h1([0, 10, 11, 9, 50, 10, 12, 11, 10, 9, 40, 0]); cn = noisy["contents"]; nn = noisy["nx"]
    def avg(b, k):
        s, e = b - k, b + k
        if s < 1:
            e += 1 - s; s = 1; e = min(e, nn)
        if e > nn:
            s -= e - nn; e = nn; s = max(s, 1)
        return (sum(cn[s:e + 1]) - cn[b]) / (min(2 * k + 1, nn) - 1)
    fails = sum(1 for b in range(1, nn + 1) if avg(b, 2) != 0 and (cn[b] - avg(b, 2)) / abs(avg(b, 2)) > 1.5)
    out.append({"test": "NoisyChannel", "h": noisy, "params": {"tolerance": 1.5, "neighbours": 2}, "value": f32((nn - fails) / nn)})
    # MeanWithinExpected from bin centres
    x = np.array(centres[1:-1]); wts = np.array(c[1:-1]); mean = (wts * x).sum() / wts.sum(); rms = math.sqrt(abs((wts * x * x).sum() / wts.sum() - mean ** 2))
    out.append({"test": "MeanWithinExpected", "h": a, "params": {"mode": "sigma", "mean": 9.0, "sigma": 2.0}, "value": f32(stats.chi2.sf(((mean - 9) / 2) ** 2, 1))})
    out.append({"test": "MeanWithinExpected", "h": a, "params": {"mode": "rms", "mean": 12.0}, "value": f32(stats.chi2.sf(((mean - 12) / rms) ** 2, 1))})
    out.append({"test": "MeanWithinExpected", "h": a, "params": {"mode": "range", "xmin": 8, "xmax": 12}, "value": 1.0 if 8 <= mean <= 12 else 0.0})
    inner = np.array(c[1:-1]); out.append({"test": "CheckVariance", "h": a, "params": {}, "value": f32(math.sqrt(((inner - inner.mean()) ** 2).sum() / n))})
    # Comp2RefChi2 (old CMSSW) and Comp2RefKolmogorov
    ref = h1([2, *poisson_hist(20, 10, 600)[1:-1], 7], lo=0.0, hi=20.0)
    s1 = sum(c[1:-1]); s2 = sum(ref["contents"][1:-1]); chi = 0.0; ndof = n
    for i in range(1, n + 1):
        b1 = c[i] / s1; b2 = ref["contents"][i] / s2
        if b1 == 0 and b2 == 0:
            ndof -= 1; continue
        chi += (b1 - b2) ** 2 / (c[i] / s1 ** 2 + ref["contents"][i] / s2 ** 2)
    out.append({"test": "Comp2RefChi2", "h": a, "ref": ref, "params": {}, "value": f32(stats.chi2.sf(0.5 * chi, int(0.5 * ndof))), "statistic": chi, "ndf": ndof})
    t1 = sum(c); t2 = sum(ref["contents"]); r1 = r2 = d = 0.0
    for i in range(n + 2):
        r1 += c[i] / t1; r2 += ref["contents"][i] / t2; d = max(d, abs(r1 - r2))
    out.append({"test": "Comp2RefKolmogorov", "h": a, "ref": ref, "params": {}, "value": f32(kolmogorov_prob_root(d * math.sqrt(s1 * s2 / (s1 + s2)))), "statistic": d})
    out.append({"test": "Comp2RefEqualH", "h": a, "ref": a, "params": {}, "value": 1.0})
    out.append({"test": "Comp2RefEqualH", "h": a, "ref": ref, "params": {}, "value": 0.0})
    return out


# ---- AutoDQM -------------------------------------------------------------------------------------
def autodqm_pull(d, r, norm):
    d = np.array(d, dtype=float); r = np.array(r, dtype=float)
    dn, rn = d.sum(), r.sum()
    if norm == "whole" and dn > 0:
        d = d * rn / dn
    elif norm in ("row", "column"):
        axis = 0 if norm == "row" else 1
        dd = d if norm == "row" else d.T; rr = r if norm == "row" else r.T
        # AutoDQM master normalize_rows (plugins/pullvals.py, 362dbc0 lines 174-178):
        # sf = numpy.divide(ref_sum, data_sum, where=data_sum != 0, out=ones).
        for y in range(dd.shape[0]):
            fr = dd[y].sum(); rrow = rr[y].sum()
            sf = rrow / fr if fr != 0 else 1
            dd[y] = dd[y] * sf
        d = dd if norm == "row" else dd.T
    with np.errstate(invalid="ignore"):
        de = np.nan_to_num(abs(np.array(stats.chi2.interval(0.6827, 2 * d)) / 2 - 1 - d))
        re = np.nan_to_num(abs(np.array(stats.chi2.interval(0.6827, 2 * r)) / 2 - 1 - r))
    chi2 = 0.0; mx = 0.0
    for idx in np.ndindex(d.shape):
        b1, b2 = d[idx], r[idx]
        e1, e2 = (de[1][idx], re[0][idx]) if b1 < b2 else (de[0][idx], re[1][idx])
        p = 0.0 if e1 == 0 and e2 == 0 else (b1 - b2) / math.sqrt(e1 ** 2 + e2 ** 2)
        chi2 += p * p; mx = max(mx, abs(p))
    return chi2 / d.size, mx


def sigmas(p):
    return np.sqrt(stats.chi2.isf(np.maximum(p, 1e-300), 1))


def bb_prob(k, n, ref, nref, tol):
    scale = np.power(1 + np.power(ref * tol ** 2, 2), -0.5)
    nref_t = np.round(scale * nref); ref_t = np.round(ref * scale)
    return stats.betabinom.pmf(k, np.zeros_like(k) + n, ref_t + 1, nref_t - ref_t + 1)


def bb_probrel(d, r, tol):
    n, nr = d.sum(), r.sum()
    mean = n * r / nr
    up = np.clip(np.ceil(mean), None, n); dn = np.clip(np.floor(mean), 0, None)
    mx = np.maximum(bb_prob(up, n, r, nr, tol), bb_prob(dn, n, r, nr, tol))
    this = bb_prob(d, n, r, nr, tol)
    ratio = np.divide(this, mx, out=np.zeros_like(this), where=mx != 0); ratio[this > mx] = 1
    return ratio


def max_pull_norm(mp, nb):
    pg = stats.chi2.sf(min(abs(mp), 37) ** 2, 1)
    pgn = nb * pg if nb * pg < 0.01 else 1 - (1 - pg) ** nb
    return float(sigmas(pgn)) * np.sign(mp)


def beta_binomial(d, refs, tol=0.01):
    d = np.round(np.float64(d)); refs = [np.round(np.float64(r)) for r in refs]; refs = [r for r in refs if r.sum() > 0]
    probs = [np.maximum(bb_probrel(d, r, tol), 1e-300) for r in refs]
    prob = np.sum(probs, axis=0) / len(refs)
    pull = sigmas(prob)
    wavg = np.zeros_like(d)
    for i, r in enumerate(refs):
        wavg += (r / r.sum()) * (probs[i] / np.sum(probs, axis=0))
    wavg *= d.sum()
    pull = pull * np.sign(d - wavg)
    used = np.count_nonzero(np.sum(refs, axis=0) + d)
    chi2 = float((pull ** 2).sum() / used)
    mx = max_pull_norm(float(pull.max()), used); mn = max_pull_norm(float(pull.min()), used)
    if abs(mn) > mx: mx = mn
    return {"chi2": chi2, "maxPull": float(mx), "pulls": [float(p) for p in pull.ravel()], "used": int(used)}


def autodqm_vectors():
    nx, ny = 6, 4
    d2 = rng.poisson(30, size=(ny, nx)).astype(float); r2 = rng.poisson(60, size=(ny, nx)).astype(float)
    d2[1, 2] = 150; d2[0, 0] = 0; r2[0, 0] = 0
    cases = []
    for norm in ["whole", "row", "column"]:
        # numpy arrays here are [y, x]; our "row" scales each y row across x
        chi2, mx = autodqm_pull(d2 if norm != "column" else d2, r2, {"whole": "whole", "row": "row", "column": "column"}[norm])
        cases.append({"normalisation": norm, "nx": nx, "ny": ny, "data": d2.ravel().tolist(), "ref": r2.ravel().tolist(), "chi2": chi2, "maxPull": mx})
    d1 = rng.poisson(200, size=30).astype(float); d1[10] = 320
    refs = [rng.poisson(400, size=30).astype(float), rng.poisson(350, size=30).astype(float)]
    bb = [{"name": "one reference", "data": d1.tolist(), "refs": [refs[0].tolist()], **beta_binomial(d1, [refs[0]])},
          {"name": "two references", "data": d1.tolist(), "refs": [r.tolist() for r in refs], **beta_binomial(d1, refs)}]
    garwood = [{"n": n, "errs": [float(v) for v in np.nan_to_num(abs(np.array(stats.chi2.interval(0.6827, 2 * n)) / 2 - 1 - n))]} for n in [0.5, 1, 3, 10.7, 100, 2500]]
    return {"pulls": cases, "betaBinomial": bb, "autodqmErrors": garwood}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in [("distributions", {**gamma_vectors(), "kolmogorovProb": kolmogorov_vectors()}),
                       ("chi2", chi2_vectors()), ("kolmogorov", ks_vectors()), ("qtests", qtest_vectors()), ("autodqm", autodqm_vectors())]:
        (OUT / f"{name}.json").write_text(json.dumps(data, indent=None, separators=(",", ":")) + "\n")
        print("wrote", name)


if __name__ == "__main__":
    main()
