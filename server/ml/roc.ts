/**
 * ROC AUC as the Mann–Whitney U statistic: the probability that a random positive scores
 * higher than a random negative, ties counting one half (midranks), i.e. U / (n₊ n₋)
 * (Hanley & McNeil 1982). Equals the trapezoidal area under the empirical ROC curve.
 */
export function rocAuc(scores: ArrayLike<number>, positive: ArrayLike<boolean>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  let rankSumPos = 0;
  let nPos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    const v = scores[order[i] ?? 0] ?? 0;
    while (j + 1 < n && scores[order[j + 1] ?? 0] === v) j++;
    const midrank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) {
      if (positive[order[t] ?? 0]) {
        rankSumPos += midrank;
        nPos++;
      }
    }
    i = j + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
