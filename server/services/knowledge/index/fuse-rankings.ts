// Reciprocal Rank Fusion (Cormack et al., 2009): each ranked list gives an item 1 / (k + rank), and
// the sums order the fused list. It needs no calibration between a BM25 score and a cosine, which
// is why it orders hybrid results; the sums themselves mean nothing to a user and are not shown.

/** The conventional constant: it damps the weight of the very first ranks. */
export const RRF_K = 60;

/** RRF sum per key over several ranked lists (best first). */
export function fuseRankings(lists: readonly (readonly string[])[], k = RRF_K): Map<string, number> {
  const fused = new Map<string, number>();
  for (const list of lists) {
    list.forEach((key, index) => fused.set(key, (fused.get(key) ?? 0) + 1 / (k + index + 1)));
  }
  return fused;
}
