/**
 * Average-linkage agglomerative clustering by the nearest-neighbour chain
 * (Murtagh 1983): O(n²) time on an n x n distance matrix, where the naive
 * algorithm is O(n³). Average linkage is reducible, so the chain finds
 * exactly the merges the naive algorithm would; sorted by height they are
 * the dendrogram.
 */

/** One merge of the dendrogram: two clusters, each named by one of its ideas, and their distance. */
export interface Merge {
  a: number;
  b: number;
  height: number;
}

/**
 * The merges, lowest first. `distances` is the full n x n matrix,
 * row-major; it is overwritten (the Lance-Williams updates reuse it).
 */
export function averageLinkage(distances: Float64Array, n: number): Merge[] {
  const size = new Int32Array(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  const merges: Merge[] = [];
  const chain: number[] = [];
  let remaining = n;
  let nextStart = 0;
  while (remaining > 1) {
    if (chain.length === 0) {
      while (!active[nextStart]) nextStart++;
      chain.push(nextStart);
    }
    for (;;) {
      const top = chain[chain.length - 1];
      const previous = chain.length > 1 ? chain[chain.length - 2] : -1;
      // Ties go to the previous link of the chain, then to the lower index: the chain cannot cycle.
      let best = previous;
      let bestDistance = previous >= 0 ? distances[top * n + previous] : Infinity;
      const row = top * n;
      for (let c = 0; c < n; c++) {
        if (!active[c] || c === top) continue;
        const d = distances[row + c];
        if (d < bestDistance) {
          bestDistance = d;
          best = c;
        }
      }
      if (best === previous) break;
      chain.push(best);
    }
    const b = chain.pop()!;
    const a = chain.pop()!;
    const height = distances[a * n + b];
    merges.push({ a, b, height });
    // The merged cluster lives on in slot `keep`.
    const keep = Math.min(a, b);
    const gone = Math.max(a, b);
    const sa = size[keep];
    const sb = size[gone];
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === keep || k === gone) continue;
      const d = (sa * distances[keep * n + k] + sb * distances[gone * n + k]) / (sa + sb);
      distances[keep * n + k] = d;
      distances[k * n + keep] = d;
    }
    size[keep] = sa + sb;
    active[gone] = 0;
    remaining--;
  }
  return merges.sort((x, y) => x.height - y.height);
}

/**
 * Cuts the dendrogram at a height: ideas joined by merges no higher than
 * `threshold` share a label. Labels are 0.. in order of each group's first idea.
 */
export function cutAt(merges: readonly Merge[], n: number, threshold: number): Int32Array {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (const merge of merges) {
    if (merge.height > threshold) break;
    const ra = find(merge.a);
    const rb = find(merge.b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const labels = new Int32Array(n);
  const labelOf = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    let label = labelOf.get(root);
    if (label === undefined) labelOf.set(root, (label = labelOf.size));
    labels[i] = label;
  }
  return labels;
}
