"""Independent expected values for the HDQM metric library (server/metrics).

Generates seeded input histograms, then computes every expected value with numpy/scipy straight
from the samples or the bins -- not by porting the TypeScript:
  * moments: numpy on the raw samples (running sums) or on bin centres;
  * quantiles: numpy.interp on the cumulative distribution at the bin edges;
  * fits: scipy.optimize.curve_fit (absolute_sigma=True, so errors are sqrt(diag(cov)) at the
    minimum), Landau from scipy.stats.landau, Landau x Gaussian by Gauss-Legendre quadrature.
Writes server/metrics/vectors/metrics-inputs.json, metrics-expected.json and landau-density.json.
Run: $(bash scripts/python-env.sh) scripts/vectors/metrics_vectors.py
"""
import json
import pathlib

import numpy as np
from scipy import optimize, special, stats

OUT = pathlib.Path(__file__).resolve().parents[2] / "server" / "metrics" / "vectors"
rng = np.random.default_rng(20240605)


def hist1d(name, samples, nbins, lo, hi, weights=None, keep_stats=True):
    w = np.ones_like(samples) if weights is None else weights
    edges = np.linspace(lo, hi, nbins + 1)
    inner, _ = np.histogram(samples, bins=edges, weights=w)
    inner2, _ = np.histogram(samples, bins=edges, weights=w * w)
    under, over = w[samples < lo].sum(), w[samples >= hi].sum()
    under2, over2 = (w[samples < lo] ** 2).sum(), (w[samples >= hi] ** 2).sum()
    contents = [float(under), *map(float, inner), float(over)]
    h = {"kind": "TH1", "name": name, "x": {"nbins": nbins, "min": lo, "max": hi}, "contents": contents, "entries": int(len(samples))}
    if weights is not None:
        h["sumw2"] = [float(under2), *map(float, inner2), float(over2)]
    if keep_stats:
        # ROOT accumulates the running sums only for fills inside the axis range.
        m = (samples >= lo) & (samples < hi)
        xs, ws = samples[m], w[m]
        h["stats"] = {"sumw": float(ws.sum()), "sumw2": float((ws * ws).sum()), "sumwx": float((ws * xs).sum()), "sumwx2": float((ws * xs * xs).sum())}
    return h, samples[(samples >= lo) & (samples < hi)], w[(samples >= lo) & (samples < hi)]


def inner(h):
    n, lo, hi = h["x"]["nbins"], h["x"]["min"], h["x"]["max"]
    edges = np.linspace(lo, hi, n + 1)
    return edges, 0.5 * (edges[:-1] + edges[1:]), np.array(h["contents"][1 : n + 1])


def moments(x, w, w2=None):
    """Weighted mean and population standard deviation; neff = (sum w)^2 / sum w2."""
    m = np.average(x, weights=w)
    sd = np.sqrt(np.average((x - m) ** 2, weights=w))
    neff = w.sum() ** 2 / (w * w if w2 is None else w2).sum()
    return m, sd, neff


def fit(h, model, lo, hi, p0, positive=()):
    """Chi-square fit over bins whose centre is in [lo, hi], empty bins skipped, sigma = sqrt(n).

    Parameters listed in `positive` are kept > 0 (a Landau or Gaussian width)."""
    _, centres, c = inner(h)
    sel = (centres >= lo) & (centres <= hi) & (c > 0)
    lower = [1e-9 if i in positive else -np.inf for i in range(len(p0))]
    popt, pcov = optimize.curve_fit(
        model, centres[sel], c[sel], p0=p0, sigma=np.sqrt(c[sel]), absolute_sigma=True,
        bounds=(lower, np.inf), method="trf", x_scale="jac", ftol=1e-14, xtol=1e-14, gtol=1e-14, max_nfev=20000,
    )
    return popt, np.sqrt(np.diag(pcov))


gauss = lambda x, m, s, c: c * np.exp(-0.5 * ((x - m) / s) ** 2)


def phi(v):
    """Landau's phi(v) = (1/pi) int exp(-t ln t - v t) sin(pi t) dt (ROOT's TMath::Landau, norm=false).

    scipy.stats.landau is the stable law with alpha=1, beta=1, c=1; phi is the same law with
    c = pi/2 and its location shifted by log(pi/2), hence the affine map (checked against the
    integral above by quadrature, see landau_points below)."""
    a = 2 / np.pi
    return a * stats.landau.pdf(a * (np.asarray(v) - np.log(np.pi / 2)))


land = lambda x, mpv, s, c: c * phi((x - mpv) / s)
nodes, weights = special.roots_legendre(400)


def langau(x, width, mp, area, gsigma):
    # area * integral of Landau(t; mpc, width)/width * Normal(x - t; gsigma) dt over x +- 5 gsigma
    mpc = mp + 0.22278298 * width
    x = np.atleast_1d(x)[:, None]
    t = x + 5 * gsigma * nodes[None, :]
    f = phi((t - mpc) / width) / width * stats.norm.pdf(x - t, scale=gsigma)
    return area * 5 * gsigma * (f * weights[None, :]).sum(axis=1)


inputs, expected = {}, []


def add(case, function, params, value, error, rtol=1e-9):
    expected.append({"histogram": case, "function": function, "params": params, "value": float(value), "error": float(error), "rtol": rtol})


# Gaussian, unweighted, with running sums; and the same without them (bin-centre moments).
s = rng.normal(0.3, 0.8, 20000)
h, xs, ws = hist1d("gauss", s, 60, -3.0, 3.0)
inputs["gauss"] = h
m, sd, neff = moments(xs, ws)
add("gauss", "mean", {}, m, sd / np.sqrt(neff))
add("gauss", "stdDev", {}, sd, sd * np.sqrt(0.5 / neff))
nostats = {k: v for k, v in h.items() if k != "stats"}
nostats["name"] = "gauss_bins"
inputs["gauss_bins"] = nostats
edges, centres, c = inner(h)
mb, sdb, neffb = moments(centres, c, w2=c)  # unweighted bins: error^2 = content
add("gauss_bins", "mean", {}, mb, sdb / np.sqrt(neffb))
add("gauss_bins", "stdDev", {}, sdb, sdb * np.sqrt(0.5 / neffb))
cdf = np.concatenate([[0.0], np.cumsum(c)]) / c.sum()
for p in (0.05, 0.5, 0.95):
    q = np.interp(p, cdf, edges)
    k = np.searchsorted(edges, q, side="right") - 1
    density = c[k] / c.sum() / (edges[k + 1] - edges[k])
    add("gauss", "quantile", {"fraction": p}, q, np.sqrt(p * (1 - p) / neff) / density)
popt, perr = fit(h, gauss, -1.5, 2.0, [0.0, 1.0, 500.0], positive=(1,))
for i, name in enumerate(["mean", "sigma", "constant"]):
    add("gauss", "gaussianFit", {"parameter": name, "range": [-1.5, 2.0], "initial": [0.0, 1.0, 500.0]}, popt[i], perr[i], 1e-4)

# Weighted fills: effective entries differ from the entry count.
s = rng.normal(5.0, 2.0, 5000)
w = rng.uniform(0.5, 2.0, 5000)
h, xs, ws = hist1d("weighted", s, 40, 0.0, 10.0, weights=w)
inputs["weighted"] = h
m, sd, neff = moments(xs, ws)
add("weighted", "mean", {}, m, sd / np.sqrt(neff))
add("weighted", "stdDev", {}, sd, sd * np.sqrt(0.5 / neff))

# Landau: cluster charge / S/N-like shapes.
s = stats.landau.rvs(loc=25.0, scale=3.0, size=30000, random_state=rng)
h, _, _ = hist1d("landau", s, 100, 0.0, 100.0)
inputs["landau"] = h
init = [24.0, 4.0, 5000.0]
popt, perr = fit(h, land, 15.0, 60.0, init, positive=(1,))
for i, name in enumerate(["mpv", "sigma", "constant"]):
    add("landau", "landauFit", {"parameter": name, "range": [15.0, 60.0], "initial": init}, popt[i], perr[i], 1e-4)
# LandauAroundMax: range from the peak bin and its higher neighbour (HDQM fits.LandauAroundMax).
_, centres, c = inner(h)
k = int(np.argmax(c))
nb = k - 1 if c[k - 1] > c[k + 1] else k + 1
peak = 0.5 * (centres[k] + centres[nb])
popt, perr = fit(h, land, 0.8 * peak, 1.4 * peak, [peak, peak / 10, c[k]], positive=(1,))
add("landau", "landauAroundMax", {"parameter": "mpv", "lowFraction": 0.8, "highFraction": 1.4, "upperCut": 60000}, popt[0], perr[0], 1e-4)

# Landau x Gaussian: value = maximum of the fitted curve, error = error of mp.
s = stats.landau.rvs(loc=40.0, scale=4.0, size=20000, random_state=rng) + rng.normal(0, 5.0, 20000)
h, _, _ = hist1d("langau", s, 60, 0.0, 150.0)
inputs["langau"] = h
_, centres, c = inner(h)
k = int(np.argmax(c))
init = [4.0, float(centres[k]), float(c.sum() * 2.5), 5.0]
popt, perr = fit(h, langau, 15.0, 120.0, init, positive=(0, 3))
res = optimize.minimize_scalar(lambda x: -langau(x, *popt)[0], bounds=(15.0, 120.0), method="bounded", options={"xatol": 1e-10})
langau_init = [4.0, 30.0, 1.0, 5.0]
add("langau", "langauFit", {"range": [15.0, 120.0], "initial": langau_init}, res.x, perr[1], 1e-4)
for i, name in enumerate(["width", "mp", "area", "gsigma"]):
    add("langau", "langauFit", {"range": [15.0, 120.0], "initial": langau_init, "value": name}, popt[i], perr[i], 1e-4)

# Flat line: a weighted mean of the bins in range.
s = rng.uniform(0.0, 1.0, 5000)
h, _, _ = hist1d("flat", s, 50, 0.0, 1.0)
inputs["flat"] = h
popt, perr = fit(h, lambda x, a: np.full_like(x, a), 0.1, 0.9, [90.0])
add("flat", "flatLine", {"range": [0.1, 0.9], "initial": 90.0}, popt[0], perr[0], 1e-6)

# The Landau density itself (scipy's stable law, mapped as in phi above).
landau_points = [{"v": v, "phi": float(phi(v))} for v in (-6.0, -3.0, -1.5, -0.22278298, 0.0, 0.5, 2.0, 4.0, 8.0, 20.0, 80.0, 400.0)]

OUT.mkdir(parents=True, exist_ok=True)
(OUT / "metrics-inputs.json").write_text(json.dumps(inputs) + "\n")
(OUT / "metrics-expected.json").write_text(json.dumps(expected, indent=1) + "\n")
(OUT / "landau-density.json").write_text(json.dumps(landau_points, indent=1) + "\n")
print(f"{len(inputs)} histograms, {len(expected)} expected values")
