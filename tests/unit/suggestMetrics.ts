/**
 * Clustering quality against known labels: accuracy under the best
 * one-to-one mapping of groups to labels (Hungarian algorithm), normalised
 * mutual information and purity. Shared by the unit tests and the quality bench.
 */

/** The count of items per (predicted group, true label) pair. */
function contingency(predicted: ArrayLike<number>, truth: readonly string[]) {
  const groups = new Map<number, number>();
  const labels = new Map<string, number>();
  for (let i = 0; i < truth.length; i++) {
    if (!groups.has(predicted[i])) groups.set(predicted[i], groups.size);
    if (!labels.has(truth[i])) labels.set(truth[i], labels.size);
  }
  const table = Array.from({ length: groups.size }, () => new Array<number>(labels.size).fill(0));
  for (let i = 0; i < truth.length; i++) table[groups.get(predicted[i])!][labels.get(truth[i])!]++;
  return table;
}

/** Fraction of items whose group maps to their label, under the best one-to-one mapping. */
export function accuracy(predicted: ArrayLike<number>, truth: readonly string[]): number {
  const table = contingency(predicted, truth);
  const size = Math.max(table.length, table[0]?.length ?? 0);
  const cost = Array.from({ length: size }, (_, r) =>
    Array.from({ length: size }, (_, c) => -(table[r]?.[c] ?? 0)),
  );
  const assignment = hungarian(cost);
  let matched = 0;
  assignment.forEach((c, r) => (matched += table[r]?.[c] ?? 0));
  return matched / truth.length;
}

/** Normalised mutual information (arithmetic mean of the entropies, as scikit-learn's default). */
export function nmi(predicted: ArrayLike<number>, truth: readonly string[]): number {
  const table = contingency(predicted, truth);
  const n = truth.length;
  const rows = table.map((row) => row.reduce((a, b) => a + b, 0));
  const cols = table[0].map((_, c) => table.reduce((a, row) => a + row[c], 0));
  const entropy = (counts: number[]) =>
    -counts.reduce((h, k) => (k > 0 ? h + (k / n) * Math.log(k / n) : h), 0);
  let mi = 0;
  table.forEach((row, r) =>
    row.forEach((k, c) => {
      if (k > 0) mi += (k / n) * Math.log((n * k) / (rows[r] * cols[c]));
    }),
  );
  const mean = (entropy(rows) + entropy(cols)) / 2;
  return mean === 0 ? 1 : mi / mean;
}

/** Fraction of items that share the majority label of their group. */
export function purity(predicted: ArrayLike<number>, truth: readonly string[]): number {
  const table = contingency(predicted, truth);
  return table.reduce((sum, row) => sum + Math.max(...row), 0) / truth.length;
}

/** The column assigned to each row that minimises the total cost (square matrix). */
export function hungarian(cost: number[][]): number[] {
  const n = cost.length;
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(n + 1).fill(0);
  const p = new Array<number>(n + 1).fill(0);
  const way = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(n + 1).fill(Infinity);
    const used = new Array<boolean>(n + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const assignment = new Array<number>(n).fill(-1);
  for (let j = 1; j <= n; j++) if (p[j] > 0) assignment[p[j] - 1] = j - 1;
  return assignment;
}
