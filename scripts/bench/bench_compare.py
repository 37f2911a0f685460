"""scipy/numpy side of `dqmflow bench compare`.

Reads the pairs the TypeScript benchmark wrote (raw little-endian float64, data then reference,
count x nbins each) and times the same work per pair -- chi2 UU (ROOT Chi2TestX formula) with its
p-value, and the KS distance with its Kolmogorov p-value -- two ways:
  * scipy called per pair (scipy.stats.chi2.sf and scipy.stats.kstwobign.sf on scalars), on a
    subset, reported as pairs per second;
  * the best vectorised numpy/scipy over all pairs at once.
Prints one JSON object. Usage: python bench_compare.py FILE COUNT NBINS [PER_PAIR_SUBSET]
"""
import json
import sys
import time

import numpy as np
from scipy import stats


def per_pair(d, r):
    s1 = d.sum(); s2 = r.sum()
    keep = (d.astype(np.int64) != 0) | (r.astype(np.int64) != 0)
    ndf = keep.sum() - 1
    c1 = d[keep]; c2 = r[keep]
    chi2 = (((s2 * c1 - s1 * c2) ** 2) / (c1 + c2)).sum() / (s1 * s2)
    p = stats.chi2.sf(chi2, ndf)
    dist = np.abs(np.cumsum(d) / s1 - np.cumsum(r) / s2).max()
    e1 = s1 * s1 / np.abs(d).sum(); e2 = s2 * s2 / np.abs(r).sum()
    pk = stats.kstwobign.sf(dist * np.sqrt(e1 * e2 / (e1 + e2)))
    return p, pk


def vectorised(D, R):
    s1 = D.sum(axis=1); s2 = R.sum(axis=1)
    keep = (D.astype(np.int64) != 0) | (R.astype(np.int64) != 0)
    ndf = keep.sum(axis=1) - 1
    num = (s2[:, None] * D - s1[:, None] * R) ** 2
    den = D + R
    chi2 = np.divide(num, den, out=np.zeros_like(num), where=keep).sum(axis=1) / (s1 * s2)
    p = stats.chi2.sf(chi2, ndf)
    dist = np.abs(np.cumsum(D, axis=1) / s1[:, None] - np.cumsum(R, axis=1) / s2[:, None]).max(axis=1)
    e1 = s1 * s1 / np.abs(D).sum(axis=1); e2 = s2 * s2 / np.abs(R).sum(axis=1)
    pk = stats.kstwobign.sf(dist * np.sqrt(e1 * e2 / (e1 + e2)))
    return p, pk


def main():
    path, count, nbins = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    subset = int(sys.argv[4]) if len(sys.argv) > 4 else 5000
    raw = np.fromfile(path, dtype="<f8")
    D = raw[: count * nbins].reshape(count, nbins)
    R = raw[count * nbins:].reshape(count, nbins)
    per_pair(D[0], R[0])
    t0 = time.perf_counter()
    for i in range(subset):
        per_pair(D[i], R[i])
    t_pair = time.perf_counter() - t0
    vectorised(D[:1000], R[:1000])
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        p, pk = vectorised(D, R)
        best = min(best, time.perf_counter() - t0)
    print(json.dumps({
        "scipyPerPair": subset / t_pair,
        "numpyVectorised": count / best,
        "checksum": {"chi2P0": float(p[0]), "ksP0": float(pk[0])},
    }))


if __name__ == "__main__":
    main()
