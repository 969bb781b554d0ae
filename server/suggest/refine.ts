/**
 * From a dendrogram's cut to the groups shown: groups smaller than
 * `minSize` are dissolved and their ideas join the nearest group, then a
 * few rounds of spherical k-means (cosine, centroids of unit rows) seeded
 * from the cut's groups let every idea settle in the group it is closest
 * to. A cut alone leaves a tail of pairs and singletons, each of which the
 * facilitator would have to place by hand; and average linkage fixes an
 * idea's group at its first merge, which k-means can correct.
 *
 * `vectors` are n x width unit rows; a row of zeros (an idea with no known
 * word) keeps the group the cut gave it, or stays alone. Returns labels
 * 0.. in order of each group's first idea, every idea alone with one of its own.
 */
export function refine(
  vectors: Float64Array,
  width: number,
  cut: Int32Array,
  options: { minSize: number; iterations?: number },
): Int32Array {
  const n = cut.length;
  const size = new Map<number, number>();
  for (const label of cut) size.set(label, (size.get(label) ?? 0) + 1);
  const kept = [...size.keys()].filter((label) => size.get(label)! >= options.minSize);
  if (kept.length === 0) return relabel(cut);

  const isZero = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let d = 0; d < width; d++) norm += vectors[i * width + d] ** 2;
    isZero[i] = norm < 1e-12 ? 1 : 0;
  }
  // Seed: every idea in a kept group; the rest are assigned by the first round.
  const slot = new Map(kept.map((label, k) => [label, k]));
  let assignment = Int32Array.from(cut, (label) => slot.get(label) ?? -1);
  let k = kept.length;
  for (let round = 0; round < (options.iterations ?? 10); round++) {
    const centroids = new Float64Array(k * width);
    for (let i = 0; i < n; i++) {
      const c = assignment[i];
      if (c < 0 || isZero[i]) continue;
      for (let d = 0; d < width; d++) centroids[c * width + d] += vectors[i * width + d];
    }
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let d = 0; d < width; d++) norm += centroids[c * width + d] ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < width; d++) centroids[c * width + d] /= norm;
    }
    const next = new Int32Array(n);
    let changed = 0;
    for (let i = 0; i < n; i++) {
      if (isZero[i]) {
        next[i] = assignment[i];
        continue;
      }
      let best = -1;
      let bestSimilarity = -Infinity;
      for (let c = 0; c < k; c++) {
        let dot = 0;
        for (let d = 0; d < width; d++) dot += vectors[i * width + d] * centroids[c * width + d];
        if (dot > bestSimilarity) {
          bestSimilarity = dot;
          best = c;
        }
      }
      next[i] = best;
      if (best !== assignment[i]) changed++;
    }
    // A group left empty is gone; renumber so centroids stay dense.
    const used = [...new Set(next)].filter((c) => c >= 0).sort((x, y) => x - y);
    const renumber = new Map(used.map((c, j) => [c, j]));
    assignment = Int32Array.from(next, (c) => (c < 0 ? -1 : renumber.get(c)!));
    k = used.length;
    if (changed === 0) break;
  }
  // Ideas in no group (no known word, from a dissolved group) stay alone.
  let alone = k;
  return relabel(Int32Array.from(assignment, (c) => (c >= 0 ? c : alone++)));
}

/** Labels renumbered 0.. in order of first appearance. */
function relabel(labels: Int32Array): Int32Array {
  const map = new Map<number, number>();
  return Int32Array.from(labels, (label) => {
    let next = map.get(label);
    if (next === undefined) map.set(label, (next = map.size));
    return next;
  });
}
