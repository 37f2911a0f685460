"""Independent PCA reference for server/ml/pca.test.ts (numpy only).

Input: the first 400 golden, DCS-on, non-empty lumisections of MainDiagonal_even_runs.csv in
(run, lumi) order, each normalised to unit area over all 102 cells. Output: mean, the 5 leading
eigenvalues/eigenvectors of np.cov (divisor n-1; sign: largest-|coefficient| positive), the
total variance, and the squared reconstruction error with 3 components of the first 10 rows.

Run: $(bash scripts/python-env.sh) server/ml/vectors/pca_vectors.py > server/ml/vectors/pca.json
"""
import csv
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]
CSV = ROOT.parent / "shared/data/ml4dqm/MainDiagonal_even_runs.csv"

rows = []
with open(CSV) as f:
    r = csv.reader(f)
    next(r)
    for x in r:
        h = np.array(json.loads(x[7]), float)
        if x[12] == "True" and x[13] == "True" and h.sum() > 0:
            rows.append((int(x[0]), int(x[1]), h / h.sum()))
rows.sort(key=lambda t: (t[0], t[1]))
rows = rows[:400]
X = np.stack([t[2] for t in rows])
mean = X.mean(0)
w, V = np.linalg.eigh(np.cov(X, rowvar=False))
order = np.argsort(w)[::-1]
w, V = w[order], V[:, order]
for c in range(V.shape[1]):
    if V[np.argmax(np.abs(V[:, c])), c] < 0:
        V[:, c] *= -1
k = 3
Z = (X[:10] - mean) @ V[:, :k]
R = (X[:10] - mean) - Z @ V[:, :k].T
json.dump(
    {
        "rows": [[t[0], t[1]] for t in rows],
        "mean": mean.tolist(),
        "variances": w[:5].tolist(),
        "components": V[:, :5].T.tolist(),
        "totalVariance": float(np.clip(w, 0, None).sum()),
        "residuals3": (R**2).sum(1).tolist(),
    },
    sys.stdout,
)
