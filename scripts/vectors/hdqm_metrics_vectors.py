"""HDQM's numbers for all 39 metric functions its configuration uses, computed independently.

Each metric below restates, in our own words, the formula of the HDQM class of the same name in
cms-DQM/CentralHDQM backend/metrics/{basic,fits,L1T_metrics,muon_metrics,hcal_metrics}.py
(commit a4c59620a20550a71805fc25e1c5f1f4bf4f301f), on top of ROOT accessors restated from ROOT's
definitions (hist/hist/src/TH1.cxx GetBinContent/GetBinError/GetStats/GetMean/GetMeanError/
GetStdDev/GetStdDevError/Integral/GetMaximumBin/GetMinimumBin/GetMaximum/GetSumOfWeights,
TAxis::FindFixBin, TProfileHelper.h GetBinError with the default error option and
fgApproximate = kFALSE, TProfile::GetStats). Nothing here is taken from dqmflow's TypeScript.

Each vector records HDQM's (value, error), and what dqmflow is expected to give: the same, or,
for an intended difference (docs/hdqm-compatibility.md), the documented dqmflow formula with the
difference named; `expected: null` is a failed metric (HDQM stored 0 +- 0, dqmflow stores nothing).
Writes server/metrics/vectors/hdqm-inputs.json and hdqm-expected.json.
Run: $(bash scripts/python-env.sh) scripts/vectors/hdqm_metrics_vectors.py
"""
import json
import math
import pathlib

import numpy as np
from scipy import optimize, special, stats

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "server" / "metrics" / "vectors"
RBX = json.loads((ROOT / "server" / "metrics" / "hcal" / "rbx-map.json").read_text())
rng = np.random.default_rng(20261201)


# ---------------------------------------------------------------- histogram building (JSON model)
def axis(nbins, lo, hi, edges=None, labels=None):
    a = {"nbins": nbins, "min": float(lo), "max": float(hi)}
    if edges is not None:
        a["edges"] = [float(e) for e in edges]
    if labels is not None:
        a["labels"] = labels
    return a


def edges_of(a):
    return np.array(a["edges"]) if "edges" in a else np.linspace(a["min"], a["max"], a["nbins"] + 1)


def index_of(a, x):
    """TAxis::FindFixBin: 0 below, nbins+1 at or above the upper edge."""
    e = edges_of(a)
    if x < e[0]:
        return 0
    if x >= e[-1]:
        return a["nbins"] + 1
    if "edges" in a:
        return int(np.searchsorted(e, x, side="right"))
    return 1 + int(a["nbins"] * (x - a["min"]) / (a["max"] - a["min"]))


def th1(name, x, w, a, weighted):
    n = a["nbins"] + 2
    c, c2 = np.zeros(n), np.zeros(n)
    for xi, wi in zip(x, w):
        b = index_of(a, xi)
        c[b] += wi
        c2[b] += wi * wi
    h = {"kind": "TH1", "name": name, "x": a, "contents": c.tolist(), "entries": len(x)}
    if weighted:
        h["sumw2"] = c2.tolist()
    return h


def th2(name, x, y, w, ax, ay, weighted, kind="TH2", z=None):
    nx = ax["nbins"] + 2
    n = nx * (ay["nbins"] + 2)
    c, c2, be, bw2 = np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n)
    for i in range(len(x)):
        b = index_of(ax, x[i]) + nx * index_of(ay, y[i])
        if kind == "TProfile2D":
            c[b] += w[i] * z[i]
            c2[b] += w[i] * z[i] ** 2
            be[b] += w[i]
            bw2[b] += w[i] ** 2
        else:
            c[b] += w[i]
            c2[b] += w[i] ** 2
    h = {"kind": kind, "name": name, "x": ax, "y": ay, "contents": c.tolist(), "entries": len(x)}
    if weighted or kind == "TProfile2D":
        h["sumw2"] = c2.tolist()
    if kind == "TProfile2D":
        h["binEntries"] = be.tolist()
        if weighted:
            h["binSumw2"] = bw2.tolist()
    return h


def tprofile(name, x, y, w, a, weighted):
    n = a["nbins"] + 2
    c, c2, be, bw2 = np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n)
    for xi, yi, wi in zip(x, y, w):
        b = index_of(a, xi)
        c[b] += wi * yi
        c2[b] += wi * yi * yi
        be[b] += wi
        bw2[b] += wi * wi
    h = {"kind": "TProfile", "name": name, "x": a, "contents": c.tolist(), "sumw2": c2.tolist(), "binEntries": be.tolist(), "entries": len(x)}
    if weighted:
        h["binSumw2"] = bw2.tolist()
    return h


# ---------------------------------------------------------------- ROOT accessors on that model
class R:
    def __init__(self, h):
        self.h = h
        self.prof = h["kind"] in ("TProfile", "TProfile2D")
        self.two = h["kind"] in ("TH2", "TProfile2D")
        self.nx = h["x"]["nbins"]
        self.ny = h["y"]["nbins"] if self.two else 1
        self.c = np.array(h["contents"])
        self.s2 = np.array(h["sumw2"]) if "sumw2" in h else None
        self.be = np.array(h["binEntries"]) if "binEntries" in h else None
        self.bw2 = np.array(h["binSumw2"]) if "binSumw2" in h else None
        self.ex = edges_of(h["x"])
        self.ey = edges_of(h["y"]) if self.two else None

    def entries(self):
        return self.h["entries"]

    def cell(self, ix, iy=0):
        # TH1::GetBin: indices clamped to under/overflow; a 1D histogram ignores iy.
        ix = min(max(ix, 0), self.nx + 1)
        if not self.two:
            return ix
        iy = min(max(iy, 0), self.ny + 1)
        return ix + (self.nx + 2) * iy

    def content(self, ix, iy=0):
        b = self.cell(ix, iy)
        if self.prof:
            return self.c[b] / self.be[b] if self.be[b] != 0 else 0.0
        return self.c[b]

    def error(self, ix, iy=0):
        b = self.cell(ix, iy)
        if not self.prof:
            return math.sqrt(self.s2[b]) if self.s2 is not None else math.sqrt(abs(self.c[b]))
        s = self.be[b]
        if s == 0:
            return 0.0
        neff = s * s / self.bw2[b] if self.bw2 is not None else s
        m = self.c[b] / s
        spread = math.sqrt(abs(self.s2[b] / s - m * m))
        return spread / math.sqrt(neff)

    def center(self, i, ax="x"):
        e = self.ex if ax == "x" else self.ey
        if 1 <= i <= len(e) - 1:
            return 0.5 * (e[i - 1] + e[i])
        w = e[1] - e[0] if i < 1 else e[-1] - e[-2]
        return e[0] - 0.5 * w if i < 1 else e[-1] + 0.5 * w

    def width(self, i):
        return self.ex[i] - self.ex[i - 1]

    def findbin(self, x):
        return index_of(self.h["x"], x)

    def cells(self):
        return [(ix, iy) for iy in (range(1, self.ny + 1) if self.two else [0]) for ix in range(1, self.nx + 1)]

    def integral(self, a=1, b=None):
        b = self.nx if b is None else b
        a = max(a, 0)
        if b > self.nx + 1 or b < a:
            b = self.nx + 1
        return sum(self.content(i) for i in range(a, b + 1))

    def maxbin(self):
        best, val = self.cells()[0], -math.inf
        for ix, iy in self.cells():
            if self.content(ix, iy) > val:
                best, val = (ix, iy), self.content(ix, iy)
        return best

    def minbin(self):
        best, val = self.cells()[0], math.inf
        for ix, iy in self.cells():
            if self.content(ix, iy) < val:
                best, val = (ix, iy), self.content(ix, iy)
        return best

    def maximum(self):
        return max(self.content(ix, iy) for ix, iy in self.cells())

    def sum_of_weights(self):
        return sum(self.content(ix, iy) for ix, iy in self.cells())

    def stats(self, axis):
        """TH1::GetStats from bins (no running sums): sumw, sumw2, sum w*v, sum w*v^2."""
        s = [0.0, 0.0, 0.0, 0.0]
        for ix, iy in self.cells():
            b = self.cell(ix, iy)
            if self.prof:
                w = self.be[b]
                w2 = self.bw2[b] if self.bw2 is not None else w
                if (axis == 2 and not self.two) or axis == 3:
                    sv, sv2 = self.c[b], self.s2[b]
                else:
                    v = self.center(ix) if axis == 1 else self.center(iy, "y")
                    sv, sv2 = w * v, w * v * v
            else:
                w = self.c[b]
                w2 = self.error(ix, iy) ** 2
                v = self.center(ix) if axis == 1 else self.center(iy, "y")
                sv, sv2 = w * v, w * v * v
            s[0] += w
            s[1] += w2
            s[2] += sv
            s[3] += sv2
        return s

    def mean(self, axis=1):
        s = self.stats(axis)
        return s[2] / s[0] if s[0] else 0.0

    def stddev(self, axis=1):
        s = self.stats(axis)
        if not s[0]:
            return 0.0
        m = s[2] / s[0]
        return math.sqrt(abs(s[3] / s[0] - m * m))

    def neff(self, axis=1):
        s = self.stats(axis)
        return s[0] * s[0] / s[1] if s[1] else 0.0

    def mean_error(self, axis=1):
        n = self.neff(axis)
        return self.stddev(axis) / math.sqrt(n) if n > 0 else 0.0

    def stddev_error(self, axis=1):
        n = self.neff(axis)
        return self.stddev(axis) / math.sqrt(2 * n) if n > 0 else 0.0


# ---------------------------------------------------------------- HDQM's formulas, restated
def hdqm_mean(h): return (h.mean(), h.mean_error())
def hdqm_mean_z(h): return (h.mean(3), h.mean_error(3))
def hdqm_rms_x(h): return (h.stddev(1), h.stddev_error(1))
def hdqm_stddev(h): return (h.stddev(), h.stddev_error())
def hdqm_count(h): return (h.entries(), 0.0)
def hdqm_maxbin(h): return (h.center(h.maxbin()[0]), 0.0)


def bin_number(h, b):
    return h.h["x"]["labels"].index(b) + 1 if isinstance(b, str) else b


def hdqm_bincount(h, b, no_error=False):
    # content of the bin; error: square root of the content unless switched off
    i = bin_number(h, b)
    return (h.content(i), 0.0 if no_error else math.sqrt(h.content(i)))


def hdqm_recofraction(h, h1, b, no_error=False):
    # the bin over the entries of the second histogram; error: sqrt(bin)/entries
    i = bin_number(h, b)
    den = h1.entries()
    if den == 0:
        return (0.0, 0.0)
    return (h.content(i) / den, 0.0 if no_error else math.sqrt(h.content(i)) / den)


def hdqm_rocfraction(h, b, tot, no_error=False):
    i = bin_number(h, b)
    return (100 * h.content(i) / tot, 0.0 if no_error else 100 * math.sqrt(h.content(i)) / tot)


def hdqm_stripbad(h, xs, y, norm):
    return (100 * sum(h.content(x, y) for x in xs) / norm, 0.0)


def hdqm_fed25(h, thr, norm, norm_err=True):
    cut = h.maximum() * thr
    count = sum(1 for ix, iy in h.cells() if h.content(ix, iy) > cut)
    res = count / norm
    err = math.sqrt(res * (1 - res) / len(h.cells())) if norm_err else 0.0
    return (100 * res, 100 * err)


def hdqm_bin_array(h, num_bins, den_bins):
    num = sum(h.content(b) for b in num_bins)
    den = sum(h.content(b) for b in den_bins)
    if not den:
        return (0.0, 0.0)
    return (num / den, math.sqrt(1 / num + 1 / den) * num / den if num else 0.0)


def hdqm_meanposonly(h):
    vals = [max(h.content(i, 1), 0.0) for i in range(1, h.nx + 1)]
    return (sum(vals) / len(vals), 0.0)


def hdqm_meanxrange(h, x0, x1):
    vals = [max(h.content(i, j), 0.0) for i in range(x0, x1) for j in range(1, h.ny + 1)]
    return (sum(vals) / len(vals), 0.0) if vals else (0.0, 0.0)


def hdqm_meany(h):
    return (h.sum_of_weights() / h.entries() if h.entries() else 0.0, 0.0)


def hdqm_maxexcursion(h):
    a, b = h.maxbin(), h.minbin()
    return (h.content(*a) - h.content(*b), math.hypot(h.error(*a), h.error(*b)))


def hdqm_entriesrate(h, h1, x):
    s = sum(h.content(i) for i in range(h.findbin(x), h.nx + 1))
    nls = sum(1 for i in range(1, h1.nx + 1) if h1.content(i) > 0)
    if not nls:
        return (0.0, 0.0)
    return (s / (nls * 23), math.sqrt(s) / (nls * 23))


def hdqm_pixel_efficiency(h, h1):
    num = h.mean() * h.entries()
    den = num + h1.mean() * h1.entries()
    if den == 0:
        return (0.0, 0.0)
    r = num / den
    return (r, math.sqrt(r * (1 - r) / den))


def hdqm_digis_per_cluster(h, h1, h2):
    # numerator/denominator means along z for 2D inputs, x otherwise; the numerator's error is
    # always its x-axis mean error, the denominator's the two mean errors added in quadrature
    ax = 3 if h.two else 1
    num = h.mean(ax)
    den = h1.mean(ax) * h2.mean(ax)
    if den == 0:
        r, e = 0.0, 0.0
    else:
        r = num / den
        en = h.mean_error()
        ed = math.hypot(h1.mean_error(), h2.mean_error())
        e = 0.0 if num == 0 else r * math.sqrt(en * en / (num * num) + ed * ed / (den * den))
    if num < 1:
        return (0.0, 0.0)
    return (r, e)


def dqmflow_digis_per_cluster(h, h1, h2):
    ax = 3 if h.two else 1
    n, d1, d2 = h.mean(ax), h1.mean(ax), h2.mean(ax)
    r = n / (d1 * d2)
    return (r, abs(r) * math.sqrt((h.mean_error(ax) / n) ** 2 + (h1.mean_error(ax) / d1) ** 2 + (h2.mean_error(ax) / d2) ** 2))


def mean_rms_of(vals):
    if not vals:
        return (0.0, 0.0)
    v = np.array(vals)
    m = v.mean()
    return (m, math.sqrt(max((v * v).mean() - m * m, 0.0)) / math.sqrt(len(v)))


def hdqm_profilemean(h):
    return mean_rms_of([h.content(ix, iy) for ix, iy in h.cells() if h.content(ix, iy) != 0])


def hdqm_bpix(h, mod):
    k = 4 - mod
    vals = []
    for j in range(1, h.ny + 1):
        for i in (1 + k, h.nx - k):
            if h.content(i, j) != 0:
                vals.append(h.content(i, j))
    return mean_rms_of(vals)


def hdqm_fraction(h, lo, hi):
    s = h.integral(h.findbin(lo), h.findbin(hi))
    t = h.entries()
    if not t:
        return (0.0, 0.0)
    return (s / t, math.sqrt(1 / s + 1 / t) * s / t if s else 1 / math.sqrt(t))


def binomial(k, n):
    f = k / n
    return (f, math.sqrt(max(f * (1 - f), 0.0) / n))


def hdqm_fraction1(h, lo, hi):
    s = h.integral(h.findbin(lo), h.findbin(hi))
    t = h.integral(0, h.nx + 2)
    b = t - s
    if not t:
        return (0.0, 0.0)
    return (b / t, math.sqrt(s * s * b + b * b * s) / (t * t) if s and b else 1 / t)


def hdqm_ratio1(h, lo, hi):
    s = h.integral(h.findbin(lo), h.findbin(hi))
    b = h.integral(0, h.nx + 2) - s
    if not s:
        return (0.0, 0.0)
    return (b / s, math.sqrt(b + b * b / s) / s if b else 1 / s)


def hdqm_entriescount(h, x):
    s = sum(h.content(i) for i in range(h.findbin(x), h.nx + 1))
    return (s, math.sqrt(s) if s else 0.0)


def hdqm_binscount(h, b):
    s = sum(h.content(i) for i in range(b, h.nx + 1))
    return (s, math.sqrt(s) if s else 0.0)


def hdqm_meanch(h, ch):
    vals = [h.content(i, ch) for i in range(0, h.nx + 1)]
    return (sum(vals) / len(vals), 0.0)


def hdqm_noutside(h, lo, hi):
    return (h.integral() - h.integral(h.findbin(lo), h.findbin(hi)), 0.0)


def rbx_channels(name, depths):
    for eta, phi, dep in RBX.get(name, []):
        if dep in depths and 0 < eta < 85 and 0 < phi < 73:
            yield eta, phi, depths.index(dep)


def hdqm_rbxcount(maps, name, depths):
    return (float(sum(1 for eta, phi, k in rbx_channels(name, depths) if maps[k].content(eta, phi) != 0)), 0.0)


def hdqm_rbxmean(maps, name, depths):
    # HDQM: a channel counts when its own depth's map is non-zero, but the value summed is the
    # first depth's map at that (ieta, iphi)
    vals = [maps[0].content(eta, phi) for eta, phi, k in rbx_channels(name, depths) if maps[k].content(eta, phi) != 0]
    return (sum(vals) / len(vals), 0.0) if vals else (0.0, 0.0)


def dqmflow_rbxmean(maps, name, depths):
    vals = [maps[k].content(eta, phi) for eta, phi, k in rbx_channels(name, depths) if maps[k].content(eta, phi) != 0]
    return (sum(vals) / len(vals), 0.0)


# L1T: turn-on curves on an efficiency histogram
def crossing(h, eff):
    for i in range(1, h.nx - 1):
        if h.content(i) <= eff and h.content(i + 1) > eff:
            return i
    return 0


def y_error(h, i):
    if h.error(i) < h.content(i):
        return h.error(i)
    return h.content(i) / math.sqrt(h.content(i) * h.entries() / (h.nx * 2.0))


def turn_on_at(h, eff, i, rounded):
    y1, y2 = h.content(i), h.content(i + 1)
    w1, w2 = (y2 - eff) / (y2 - y1), (eff - y1) / (y2 - y1)
    slope_inv = (h.center(i + 1) - h.center(i)) / (y2 - y1)
    ex1, ex2 = h.width(i) / math.sqrt(12), h.width(i + 1) / math.sqrt(12)
    ey1, ey2 = y_error(h, i), y_error(h, i + 1)
    if ey1 / y1 > 0.2 or ey2 / y2 > 0.2:
        return (0.0, 0.0)
    x = w1 * h.center(i) + w2 * h.center(i + 1)
    e = math.sqrt((w1 * ex1) ** 2 + (w2 * ex2) ** 2 + (slope_inv * w1 * ey1) ** 2 + (slope_inv * w2 * ey2) ** 2)
    return (round(x, 2), round(e, 2)) if rounded else (x, e)


def hdqm_effpoint(h, eff, rounded=True):
    i = crossing(h, eff)
    return turn_on_at(h, eff, i, rounded) if i else (0.0, 0.0)


def hdqm_halfwidth(h, rounded=True):
    i20, i80 = crossing(h, 0.2), crossing(h, 0.8)
    if i20 >= i80 or i20 == 0:
        return (0.0, 0.0)
    a, ea = turn_on_at(h, 0.2, i20, rounded)
    b, eb = turn_on_at(h, 0.8, i80, rounded)
    if a == 0 or b == 0:
        return (0.0, 0.0)
    return (b - a, math.hypot(ea, eb))


def eff_mean_range(h, a, b):
    tot, val = 0.0, 0.0
    for i in range(a, b + 1):
        if h.content(i) == 0:
            continue
        w = (h.content(i) / h.error(i)) ** 2
        tot += w
        val += w * h.content(i)
    if tot == 0:
        return (0.0, 0.0)
    m = val / tot
    return (m, m / math.sqrt(tot))


def hdqm_effmean(h):
    return eff_mean_range(h, 1, h.nx)


def hdqm_effvariance(h):
    a, b = 1, h.nx
    tot, val2 = 0.0, 0.0
    for i in range(a, b + 1):
        if h.content(i) == 0:
            continue
        w = (h.content(i) / h.error(i)) ** 2
        tot += w
        val2 += w * h.content(i) ** 2
    if tot == 0:
        return (0.0, 0.0)
    m, me = eff_mean_range(h, a, b)
    sd = math.sqrt(val2 / tot - m * m)
    return (sd, m * me / (math.sqrt(b + 1 - a) * sd))


def hdqm_plateau(h, rounded=True):
    mid, _ = hdqm_effpoint(h, 0.5, rounded)
    hw, _ = hdqm_halfwidth(h, rounded)
    if mid == 0 or hw == 0:
        return (0.0, 0.0)
    start = mid + 2.0 * hw
    for i in range(1, h.nx):
        if h.center(i) < start <= h.center(i + 1):
            return eff_mean_range(h, i + 1, h.nx)
    return (0.0, 0.0)


def hdqm_turnon_range(h):
    start = next((i for i in range(1, h.nx - 1) if h.content(i) == 0 and h.content(i + 1) > 0), 0)
    sat = 0
    for i in range(1, h.nx - 1):
        if h.content(i) != 0 and h.content(i) != 1.0:
            sat = i
    if sat == 0:
        return (0.0, 0.0)
    a, b = h.center(start), h.center(sat)
    return ((b + a) / 2.0, (b - a) / 2.0)


# fits: chi-square fits over the bins whose centre is in range, zero-error bins skipped
def phi(v):
    a = 2 / np.pi
    return a * stats.landau.pdf(a * (np.asarray(v) - np.log(np.pi / 2)))


def chi2_fit(h, model, lo, hi, p0, positive=()):
    xs, ys, es = [], [], []
    for i in range(1, h.nx + 1):
        c = h.center(i)
        if lo <= c <= hi and h.error(i) > 0:
            xs.append(c)
            ys.append(h.content(i))
            es.append(h.error(i))
    lower = [1e-9 if k in positive else -np.inf for k in range(len(p0))]
    popt, pcov = optimize.curve_fit(model, np.array(xs), np.array(ys), p0=p0, sigma=np.array(es), absolute_sigma=True,
                                    bounds=(lower, np.inf), method="trf", x_scale="jac", ftol=1e-14, xtol=1e-14, gtol=1e-14, max_nfev=20000)
    return popt, np.sqrt(np.diag(pcov))


land = lambda x, mpv, s, c: c * phi((x - mpv) / s)


def fit_landau(h, k, lo, hi, start):
    p, e = chi2_fit(h, land, lo, hi, start, positive=(1,))
    return (p[k], e[k]) if p[k] > 0 else (0.0, 0.0)


def fit_landau_around_max(h, k, lo_f, hi_f, cut):
    i = h.maxbin()[0]
    j = i - 1 if h.content(i - 1) > h.content(i + 1) else i + 1
    c = 0.5 * (h.center(i) + h.center(j))
    p, e = chi2_fit(h, land, c * lo_f, c * hi_f, [c, c / 10, h.maximum()], positive=(1,))
    return (p[k], e[k]) if 0 < p[k] < cut else (0.0, 0.0)


def fit_flat(h, lo, hi):
    # pol0 by least squares: the error-weighted mean of the bins, error 1/sqrt(sum 1/e^2)
    w = [(h.content(i), h.error(i)) for i in range(1, h.nx + 1) if lo <= h.center(i) <= hi and h.error(i) > 0]
    s = sum(1 / e ** 2 for _, e in w)
    return (sum(c / e ** 2 for c, e in w) / s, 1 / math.sqrt(s))


# ---------------------------------------------------------------- input histograms
inputs = {}


def add_input(h):
    inputs[h["name"]] = h
    return R(h)


# weighted 1D, under/overflow, four empty bins in [7, 8)
x = rng.normal(4.0, 1.8, 3000)
x = x[(x < 7.0) | (x >= 8.0)]
w1d = add_input(th1("w1d", x, rng.uniform(0.5, 2.0, len(x)), axis(40, 0, 10), True))
# unweighted 1D with flows and empty bins
x = np.concatenate([rng.exponential(2.0, 800) - 4.0, [-7.0, -6.5, 5.0, 6.0, 9.0]])
u1d = add_input(th1("u1d", x, np.ones(len(x)), axis(25, -5, 5), False))
# variable bins, weighted, flows, one empty bin
ve = [0.0, 0.5, 1.0, 2.0, 3.0, 5.0, 8.0, 12.0, 20.0]
x = rng.gamma(2.5, 2.0, 1500)
x = x[(x < 8.0) | (x >= 12.0)]
x = np.concatenate([x, [-1.0, -0.5]])
var1d = add_input(th1("var1d", x, rng.uniform(0.2, 3.0, len(x)), axis(8, 0, 20, edges=ve), True))
# labelled counts (HDQM RecoFraction / BinCount by label)
labels = ["ALCARECOSiStripCalMinBias", "ALCARECOSiStripCalMinBiasHLT", "ALCARECOTkAlMinBias", "ALCARECOTkAlMuonIsolated", "empty", "ALCARECOSiPixelCalZeroBias", "ALCARECOTkAlZMuMu", "other"]
counts = [120, 45, 300, 12, 0, 77, 5, 33]
xl = np.repeat(np.arange(8) + 0.5, counts)
lab1d = add_input(th1("lab1d", xl, np.ones(len(xl)), axis(8, 0, 8, labels=labels), False))
# profiles: fixed bins unweighted, and variable bins weighted; empty bins, flows
x = rng.uniform(-1.0, 21.0, 4000)
x = x[(x < 6.0) | (x >= 8.0)]
prof = add_input(tprofile("prof", x, rng.normal(2.0, 1.0, len(x)) + 0.1 * x, np.ones(len(x)), axis(20, 0, 20), False))
pe = [0.0, 1.0, 2.0, 4.0, 7.0, 10.0, 15.0]
x = rng.uniform(0.0, 16.0, 3000)
x = x[(x < 4.0) | (x >= 7.0)]
profw = add_input(tprofile("profw", x, rng.normal(30.0, 4.0, len(x)), rng.uniform(0.5, 2.0, len(x)), axis(6, 0, 15, edges=pe), True))
# TH2, weighted with a few negative weights, flows, empty cells
n = 2500
x, y = rng.uniform(-0.5, 12.5, n), rng.uniform(-0.3, 8.3, n)
keep = ~((x >= 3) & (x < 5) & (y >= 2) & (y < 4))
x, y = x[keep], y[keep]
w = rng.uniform(0.5, 1.5, len(x))
w[:40] = -w[:40]
h2 = add_input(th2("th2", x, y, w, axis(12, 0, 12), axis(8, 0, 8), True))
# TProfile2D, two of them (digis per cluster needs three 2D maps)
def tp2(name, zmean, seed_shift):
    n = 3000
    x, y = rng.uniform(0, 8, n), rng.uniform(0, 6, n)
    keep = ~((x >= 2) & (x < 3) & (y >= 4) & (y < 5))
    x, y = x[keep], y[keep]
    return add_input(th2(name, x, y, np.ones(len(x)), axis(8, 0, 8), axis(6, 0, 6), False, kind="TProfile2D", z=rng.normal(zmean, 2.0, len(x)) + 0.2 * x + seed_shift))
p2 = tp2("tp2", 5.0, 0.0)
p2b = tp2("tp2b", 3.0, 0.5)
p2c = tp2("tp2c", 1.5, 0.1)
# turn-on curves: an efficiency TH1 (content = k/n, error^2 = eps(1-eps)/n) and a TProfile of 0/1 fills
et = np.linspace(0, 60, 31)
centres = 0.5 * (et[:-1] + et[1:])
true = np.where(centres < 6, 0.0, 0.95 * 0.5 * (1 + special.erf((centres - 22.0) / 6.0)))
nb = np.full(30, 400)
k = rng.binomial(nb, true)
eps = k / nb
cont = [0.0, *eps, 0.0]
err2 = [0.0, *(eps * (1 - eps) / nb), 0.0]
eff = add_input({"kind": "TH1", "name": "eff", "x": axis(30, 0, 60), "contents": [float(v) for v in cont], "sumw2": [float(v) for v in err2], "entries": int(nb.sum())})
xs, ys = [], []
for i, c in enumerate(centres):
    m = 300
    xs += [c] * m
    ys += list(rng.binomial(1, true[i], m))
effp = add_input(tprofile("effp", np.array(xs), np.array(ys, dtype=float), np.ones(len(xs)), axis(30, 0, 60), False))
# the same turn-on on variable bins (finer where it rises), as a TH1 of k/n
ve_eff = np.array([0, 4, 8, 12, 14, 16, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 30, 32, 35, 38, 42, 46, 50, 55, 60], dtype=float)
vc = 0.5 * (ve_eff[:-1] + ve_eff[1:])
vtrue = np.where(vc < 6, 0.0, 0.95 * 0.5 * (1 + special.erf((vc - 22.0) / 6.0)))
vn = np.full(len(vc), 500)
veps = rng.binomial(vn, vtrue) / vn
effv = add_input({"kind": "TH1", "name": "effv", "x": axis(len(vc), 0, 60, edges=ve_eff), "contents": [0.0, *map(float, veps), 0.0],
                  "sumw2": [0.0, *map(float, veps * (1 - veps) / vn), 0.0], "entries": int(vn.sum())})
# a steep curve whose 20 % and 80 % crossings share a bin: HDQM's half width is 0
steep = [0.0] * 10 + [0.1] + [0.9] * 9 + [0.95] * 10
steep_h = add_input({"kind": "TH1", "name": "steep", "x": axis(30, 0, 60), "contents": [0.0, *steep, 0.0], "sumw2": [0.0, *[0.0001] * 30, 0.0], "entries": 30000})
# HCAL depth maps (ieta bins 1..84 x iphi bins 1..72), about 70 % of channels filled
def depth_map(name, level):
    nx, ny = 84, 72
    c = np.zeros((ny + 2) * (nx + 2))
    for ieta in range(1, nx + 1):
        for iphi in range(1, ny + 1):
            if rng.uniform() < 0.7:
                c[ieta + (nx + 2) * iphi] = rng.normal(level, 0.5)
    return add_input({"kind": "TH2", "name": name, "x": axis(84, -42, 42), "y": axis(72, 0, 72), "contents": c.tolist(), "entries": int((c != 0).sum())})
hd = [depth_map("hcal_d1", 3.0), depth_map("hcal_d2", 4.0), depth_map("hcal_d3", 5.0)]
empty_map = add_input({"kind": "TH2", "name": "hcal_empty", "x": axis(84, -42, 42), "y": axis(72, 0, 72), "contents": [0.0] * (86 * 74), "entries": 0})
# lumisections seen: 37 of 100 bins filled
ls = np.zeros(102)
ls[1 + rng.choice(100, 37, replace=False)] = rng.uniform(1, 50, 37)
lumis = add_input({"kind": "TH1", "name": "lumis", "x": axis(100, 0, 100), "contents": ls.tolist(), "entries": 37})
empty1d = add_input({"kind": "TH1", "name": "empty", "x": axis(10, 0, 10), "contents": [0.0] * 12, "entries": 0})
# Landau-shaped, weighted with flows; and unweighted on variable bins
s = stats.landau.rvs(loc=25.0, scale=3.0, size=20000, random_state=rng)
landw = add_input(th1("landw", s, rng.uniform(0.8, 1.2, len(s)), axis(80, 0, 80), True))
le = np.concatenate([np.arange(0, 40, 1.0), np.arange(40, 82, 3.0)])
landv = add_input(th1("landv", s, np.ones(len(s)), axis(len(le) - 1, 0, float(le[-1]), edges=le), False))

# ---------------------------------------------------------------- vectors
expected = []


def vec(expr, names, hdqm, want="same", difference=None, rtol=1e-9):
    """want: "same" (dqmflow = HDQM), None (dqmflow fails; HDQM gave 0 +- 0), or (value, error)."""
    if want == "same":
        assert hdqm != (0.0, 0.0) or expr.startswith("hcal_metrics.RBXCount"), f"{expr}: HDQM's 0 +- 0 is a failure here, say so"
        want = hdqm
    entry = {"expr": expr, "inputs": names, "hdqm": [float(hdqm[0]), float(hdqm[1])], "expected": None if want is None else [float(want[0]), float(want[1])], "rtol": rtol}
    if difference:
        entry["difference"] = difference
    expected.append(entry)


M = lambda n: {"main": n}
for h in (w1d, u1d, var1d, prof, h2, p2):
    vec("basic.Mean()", M(h.h["name"]), hdqm_mean(h))
vec("basic.Mean()", M("empty"), (0.0, 0.0), None)
for h in (w1d, var1d, prof):
    vec("basic.RMSXAxis()", M(h.h["name"]), hdqm_rms_x(h))
for h in (w1d, u1d, var1d, prof):
    vec("basic.StdDev()", M(h.h["name"]), hdqm_stddev(h))
for h in (p2, p2b):
    vec("basic.MeanZAxis()", M(h.h["name"]), hdqm_mean_z(h))
for h in (w1d, prof, h2):
    vec("basic.Count()", M(h.h["name"]), hdqm_count(h))
for h in (w1d, var1d, prof, u1d):
    vec("basic.MaxBin()", M(h.h["name"]), hdqm_maxbin(h))

ROOT_ERR = "bin error: ROOT's TH1::GetBinError (sqrt(sumw2), a profile's error on the mean) instead of sqrt(content)"
vec("basic.BinCount(5)", M("u1d"), hdqm_bincount(u1d, 5))
vec("basic.BinCount('ALCARECOTkAlMinBias')", M("lab1d"), hdqm_bincount(lab1d, "ALCARECOTkAlMinBias"))
vec("basic.BinCount(12)", M("w1d"), hdqm_bincount(w1d, 12), (w1d.content(12), w1d.error(12)), ROOT_ERR)
vec("basic.BinCount(3)", M("prof"), hdqm_bincount(prof, 3), (prof.content(3), prof.error(3)), ROOT_ERR)
vec("basic.BinCount(4, True)", M("var1d"), hdqm_bincount(var1d, 4, True))
vec("basic.RecoFraction('ALCARECOSiStripCalMinBias')", {"main": "lab1d", "histo1": "w1d"}, hdqm_recofraction(lab1d, w1d, "ALCARECOSiStripCalMinBias"))
vec("basic.RecoFraction(2, True)", {"main": "lab1d", "histo1": "u1d"}, hdqm_recofraction(lab1d, u1d, 2, True))
vec("basic.RecoFraction(9)", {"main": "w1d", "histo1": "u1d"}, hdqm_recofraction(w1d, u1d, 9), (w1d.content(9) / u1d.entries(), w1d.error(9) / u1d.entries()), ROOT_ERR)
vec("basic.RecoFraction(1)", {"main": "lab1d", "histo1": "empty"}, hdqm_recofraction(lab1d, empty1d, 1), None)
vec("basic.ROCfraction(1,1536,True)", M("lab1d"), hdqm_rocfraction(lab1d, 1, 1536, True))
vec("basic.ROCfraction(3,3584)", M("lab1d"), hdqm_rocfraction(lab1d, 3, 3584))
vec("basic.ROCfraction(10,1536)", M("w1d"), hdqm_rocfraction(w1d, 10, 1536), (100 * w1d.content(10) / 1536, 100 * w1d.error(10) / 1536), ROOT_ERR)
vec("basic.StripBadComponent([1,2,3,4,5,6],4,1000)", M("th2"), hdqm_stripbad(h2, [1, 2, 3, 4, 5, 6], 4, 1000))
vec("basic.StripBadComponent([2,3],3,72784)", M("tp2"), hdqm_stripbad(p2, [2, 3], 3, 72784))
vec("basic.StripBadComponent([2,3],1,500)", M("w1d"), hdqm_stripbad(w1d, [2, 3], 1, 500))
vec("basic.FED25ErrorFraction(0.5,96,True)", M("th2"), hdqm_fed25(h2, 0.5, 96, True))
vec("basic.FED25ErrorFraction(0.3,60,False)", M("tp2"), hdqm_fed25(p2, 0.3, 60, False))
vec("basic.FED25ErrorFraction(0.5,40)", M("w1d"), hdqm_fed25(w1d, 0.5, 40))
vec("basic.FractionInBinArray([2],[1])", M("lab1d"), hdqm_bin_array(lab1d, [2], [1]))
vec("basic.FractionInBinArray([12],[11])", M("u1d"), hdqm_bin_array(u1d, [12], [11]))
vec("basic.FractionInBinArray([3,4],[5,6,7])", M("w1d"), hdqm_bin_array(w1d, [3, 4], [5, 6, 7]))
vec("basic.FractionInBinArray([1],[5])", M("lab1d"), hdqm_bin_array(lab1d, [1], [5]), None)
for h in (h2, w1d, p2):
    vec("basic.MeanPosOnly()", M(h.h["name"]), hdqm_meanposonly(h))
for a, b in ((1, 2), (3, 7)):
    for h in (h2, p2):
        vec(f"basic.MeanXRange({a},{b})", M(h.h["name"]), hdqm_meanxrange(h, a, b))
for h in (w1d, prof, h2, p2):
    vec("basic.MeanY()", M(h.h["name"]), hdqm_meany(h))
vec("basic.MeanY()", M("empty"), (0.0, 0.0), None)
for h in (w1d, prof, h2, var1d):
    vec("basic.MaxExcursion()", M(h.h["name"]), hdqm_maxexcursion(h))
vec("basic.EntriesRate(0)", {"main": "w1d", "histo1": "lumis"}, hdqm_entriesrate(w1d, lumis, 0))
vec("basic.EntriesRate(2.5)", {"main": "var1d", "histo1": "lumis"}, hdqm_entriesrate(var1d, lumis, 2.5))
vec("basic.EntriesRate(0)", {"main": "w1d", "histo1": "empty"}, hdqm_entriesrate(w1d, empty1d, 0), None)
vec("basic.PixelEfficiency()", {"main": "var1d", "histo1": "w1d"}, hdqm_pixel_efficiency(var1d, w1d))
vec("basic.PixelEfficiency()", {"main": "prof", "histo1": "var1d"}, hdqm_pixel_efficiency(prof, var1d))
vec("basic.PixelEfficiency()", {"main": "empty", "histo1": "empty"}, (0.0, 0.0), None)
DPC = "error: relative errors of the three means on the same axis in quadrature (HDQM used the numerator's x-axis error and absolute denominator errors)"
vec("basic.PixelDigiPerClusterPix()", {"main": "w1d", "histo1": "prof", "histo2": "var1d"}, hdqm_digis_per_cluster(w1d, prof, var1d), dqmflow_digis_per_cluster(w1d, prof, var1d), DPC)
vec("basic.PixelDigiPerClusterPix()", {"main": "tp2", "histo1": "tp2b", "histo2": "tp2c"}, hdqm_digis_per_cluster(p2, p2b, p2c), dqmflow_digis_per_cluster(p2, p2b, p2c), DPC)
for h in (prof, p2, h2, profw):
    vec("basic.ProfileMean()", M(h.h["name"]), hdqm_profilemean(h))
for mod, h in ((1, p2), (3, p2), (2, h2), (4, p2b)):
    vec(f"basic.ProfileMeanBPixModules({mod})", M(h.h["name"]), hdqm_bpix(h, mod))
BINOMIAL = "error: binomial sqrt(f(1-f)/T), the numerator being part of the total (HDQM: independent Poisson counts)"
for h, lo, hi in ((w1d, 2.0, 5.5), (u1d, -4.0, 0.0), (var1d, 1.0, 6.0)):
    s = h.integral(h.findbin(lo), h.findbin(hi))
    vec(f"basic.Fraction({lo}, {hi})", M(h.h["name"]), hdqm_fraction(h, lo, hi), binomial(s, h.entries()), BINOMIAL)
for h, lo, hi in ((w1d, 2.0, 5.5), (u1d, -4.0, 0.0), (prof, 3.0, 12.0)):
    vec(f"basic.Fraction1({lo}, {hi})", M(h.h["name"]), hdqm_fraction1(h, lo, hi))
for h, lo, hi in ((w1d, 2.0, 5.5), (u1d, -4.0, 0.0), (var1d, 0.0, 20.0)):
    vec(f"basic.Ratio1({lo}, {hi})", M(h.h["name"]), hdqm_ratio1(h, lo, hi))
vec("basic.Ratio1(7.0, 7.9)", M("w1d"), hdqm_ratio1(w1d, 7.0, 7.9), None)
for h, xv in ((w1d, 3.0), (var1d, 2.5), (u1d, -9.0)):
    vec(f"basic.EntriesCount({xv})", M(h.h["name"]), hdqm_entriescount(h, xv))
for h, b in ((w1d, 10), (u1d, 1), (prof, 5)):
    vec(f"basic.BinsCount({b})", M(h.h["name"]), hdqm_binscount(h, b))
for h, lo, hi in ((w1d, 2.0, 5.5), (u1d, -0.01, 0.01), (var1d, 1.0, 6.0)):
    vec(f"muon_metrics.NOutsideRange({lo},{hi})", M(h.h["name"]), hdqm_noutside(h, lo, hi))
for h, ch in ((h2, 1), (h2, 5), (p2, 3)):
    vec(f"muon_metrics.MeanCh({ch})", M(h.h["name"]), hdqm_meanch(h, ch))

# HCAL RBX maps
maps = {"main": "hcal_d1", "histo1": "hcal_d2", "histo2": "hcal_d3"}
for name, depths in (("HBM01", (1, 2, 0)), ("HEP05", (5, 6, 7)), ("HEM10", (1, 2, 3)), ("HO2P12", (4, 0, 0))):
    dep = f"({depths[0]}, {depths[1]}, {depths[2]})"
    vec(f"hcal_metrics.RBXCountNonZeroChan('{name}',{dep})", maps, hdqm_rbxcount(hd, name, list(depths)))
    hdqm_v = hdqm_rbxmean(hd, name, list(depths))
    ours = dqmflow_rbxmean(hd, name, list(depths))
    single = len({k for _, _, k in rbx_channels(name, list(depths))}) == 1
    vec(f"hcal_metrics.RBXMean('{name}',{dep})", maps, hdqm_v, ours, None if single else "value: each channel read from its own depth's map (HDQM summed the first depth's map at every channel)")
empties = {"main": "hcal_empty", "histo1": "hcal_empty", "histo2": "hcal_empty"}
vec("hcal_metrics.RBXCountNonZeroChan('HBM01',(1, 2, 0))", empties, (0.0, 0.0))
vec("hcal_metrics.RBXMean('HBM01',(1, 2, 0))", empties, (0.0, 0.0), None)

# L1T turn-on curves
ROUND = "not rounded: HDQM rounded turn-on points and their errors to 2 decimals"
for h in (eff, effp, effv):
    n = h.h["name"]
    for e in (0.5, 0.9, 0.25):
        vec(f"L1T_metrics.TurnOnCurveEffPoint({e})", M(n), hdqm_effpoint(h, e), hdqm_effpoint(h, e, False), ROUND)
    vec("L1T_metrics.TurnOnCurveHalfWidth()", M(n), hdqm_halfwidth(h), hdqm_halfwidth(h, False), ROUND)
    vec("L1T_metrics.TurnOnPlateauEff()", M(n), hdqm_plateau(h), hdqm_plateau(h, False), ROUND if hdqm_plateau(h) != hdqm_plateau(h, False) else None)
    vec("L1T_metrics.EffMean()", M(n), hdqm_effmean(h))
    vec("L1T_metrics.EffVariance()", M(n), hdqm_effvariance(h))
    vec("L1T_metrics.TurnOnCurveRange()", M(n), hdqm_turnon_range(h))
vec("L1T_metrics.TurnOnCurveHalfWidth()", M("steep"), hdqm_halfwidth(steep_h), None)
vec("L1T_metrics.TurnOnCurveEffPoint(0.5)", M("steep"), hdqm_effpoint(steep_h, 0.5), hdqm_effpoint(steep_h, 0.5, False), ROUND)
vec("L1T_metrics.TurnOnCurveRange()", M("empty"), (0.0, 0.0), None)

# fits
START = "start values: the constant starts at the highest bin / 0.18 when the config gives only (mpv, sigma) (HDQM started it at 0); same minimum"
for h, lo, hi, p0 in ((landw, 15.0, 60.0, (24.0, 4.0)), (landv, 15.0, 70.0, (25.0, 3.0))):
    cmax = h.content(h.maxbin()[0]) / 0.18
    for k in (0, 1):
        r = fit_landau(h, k, lo, hi, [p0[0], p0[1], cmax])
        vec(f"fits.Landau({k}, {lo}, {hi}, ({p0[0]}, {p0[1]}))", M(h.h["name"]), r, r, START, rtol=1e-4)
for h in (landw, landv):
    for k in (0, 1):
        vec(f"fits.LandauAroundMax({k}, 0.8, 1.4, 60000)", M(h.h["name"]), fit_landau_around_max(h, k, 0.8, 1.4, 60000), rtol=1e-4)
for h, lo, hi in ((prof, 0.0, 20.0), (profw, 0.0, 15.0), (w1d, 2.0, 6.0), (var1d, 0.0, 20.0)):
    vec(f"fits.FlatLine(0,{lo},{hi},(30.))", M(h.h["name"]), fit_flat(h, lo, hi), rtol=1e-6)

OUT.mkdir(parents=True, exist_ok=True)
(OUT / "hdqm-inputs.json").write_text(json.dumps(inputs) + "\n")
(OUT / "hdqm-expected.json").write_text(json.dumps(expected, indent=1) + "\n")
print(f"{len(inputs)} histograms, {len(expected)} vectors, {len({e['expr'].split('(')[0] for e in expected})} functions")
