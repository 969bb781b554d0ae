import { averageLinkage, cutAt, type Merge } from "./hclust.js";
import { lsa } from "./lsa.js";
import { termMatrix, type TermMatrix } from "./tfidf.js";
import { groupTitle } from "./titles.js";

/**
 * The suggestion pipeline, pure and synchronous: TF-IDF, LSA, cosine
 * distances, average-linkage dendrogram; then a cut at a distance
 * threshold gives the groups. `analyse` does the expensive part once; a
 * cut at another threshold ("fewer / more groups") reuses it.
 */

/** The knobs of the pipeline, with the defaults the console and the CLI use. */
export interface PipelineOptions {
  /** LSA dimensions */
  dims: number;
  /** weight of the LSA cosine against the plain TF-IDF cosine in the distance */
  lsaWeight: number;
  seed: number;
}

export const DEFAULT_OPTIONS: PipelineOptions = { dims: 30, lsaWeight: 0.5, seed: 1 };

/** The cut height of the dendrogram (a cosine distance) the console starts from. */
export const DEFAULT_THRESHOLD = 0.75;

/** What is kept of a corpus between cuts. */
export interface Analysis {
  n: number;
  matrix: TermMatrix;
  /** unit rows, n x dims (LSA) */
  dims: number;
  vectors: Float64Array;
  options: PipelineOptions;
  merges: Merge[];
}

/** The expensive part: vectors and the dendrogram. */
export function analyse(
  texts: readonly string[],
  options: Partial<PipelineOptions> = {},
): Analysis {
  const settings = { ...DEFAULT_OPTIONS, ...options };
  const n = texts.length;
  const matrix = termMatrix(texts);
  const { dims, vectors } = lsa(matrix, { dims: settings.dims, seed: settings.seed });
  const distances = n > 1 ? distanceMatrix(matrix, dims, vectors, settings.lsaWeight) : null;
  const merges = distances ? averageLinkage(distances, n) : [];
  return { n, matrix, dims, vectors, options: settings, merges };
}

/**
 * Cosine distance between every two ideas: a blend of the LSA cosine
 * (ideas about one thing in different words) and the plain TF-IDF cosine
 * (the same words, which near-duplicates share). An idea with no word in
 * common with any other is at distance 1 from everything.
 */
function distanceMatrix(
  matrix: TermMatrix,
  dims: number,
  vectors: Float64Array,
  lsaWeight: number,
): Float64Array {
  const n = matrix.rows;
  const similarity = new Float64Array(n * n);
  if (dims > 0 && lsaWeight > 0) {
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dot = 0;
        for (let d = 0; d < dims; d++) dot += vectors[i * dims + d] * vectors[j * dims + d];
        similarity[i * n + j] = lsaWeight * Math.max(dot, 0);
      }
    }
  }
  if (lsaWeight < 1) addSparseCosines(matrix, similarity, 1 - lsaWeight);
  const distances = similarity;
  for (let i = 0; i < n; i++) {
    distances[i * n + i] = 0;
    for (let j = i + 1; j < n; j++) {
      const d = 1 - similarity[i * n + j];
      distances[i * n + j] = d;
      distances[j * n + i] = d;
    }
  }
  return distances;
}

/** Adds weight x the TF-IDF cosine of every pair i < j into the upper triangle, by postings. */
function addSparseCosines(matrix: TermMatrix, into: Float64Array, weight: number): void {
  const n = matrix.rows;
  const postings = postingLists(matrix);
  for (let i = 0; i < n; i++) {
    for (let k = matrix.rowStart[i]; k < matrix.rowStart[i + 1]; k++) {
      const value = weight * matrix.values[k];
      const list = postings[matrix.columns[k]];
      for (let p = 0; p < list.rows.length; p++) {
        const j = list.rows[p];
        if (j > i) into[i * n + j] += value * list.values[p];
      }
    }
  }
}

function postingLists(matrix: TermMatrix): { rows: number[]; values: number[] }[] {
  const lists = matrix.terms.map(() => ({ rows: [] as number[], values: [] as number[] }));
  for (let i = 0; i < matrix.rows; i++) {
    for (let k = matrix.rowStart[i]; k < matrix.rowStart[i + 1]; k++) {
      lists[matrix.columns[k]].rows.push(i);
      lists[matrix.columns[k]].values.push(matrix.values[k]);
    }
  }
  return lists;
}

/** Groups of a cut: idea indexes, largest group first, and each group's title. */
export interface Grouping {
  /** one label per idea; groups are 0..groups.length-1, an idea alone has a label of its own after them */
  labels: Int32Array;
  groups: { title: string; members: number[] }[];
  /** ideas in no group of two or more */
  alone: number[];
}

/** Cuts the dendrogram at `threshold` (cosine distance); smaller gives more, tighter groups. */
export function group(analysis: Analysis, threshold: number = DEFAULT_THRESHOLD): Grouping {
  const { n } = analysis;
  const cut = cutAt(analysis.merges, n, threshold);
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    let list = members.get(cut[i]);
    if (!list) members.set(cut[i], (list = []));
    list.push(i);
  }
  const sets = [...members.values()];
  const groups = sets
    .filter((m) => m.length > 1)
    .sort((a, b) => b.length - a.length || a[0] - b[0]);
  const alone = sets.filter((m) => m.length === 1).map((m) => m[0]);
  const labels = new Int32Array(n);
  groups.forEach((m, label) => m.forEach((i) => (labels[i] = label)));
  alone.forEach((i, k) => (labels[i] = groups.length + k));
  return {
    labels,
    groups: groups.map((m) => ({ title: groupTitle(analysis.matrix, m), members: m })),
    alone,
  };
}

/** The `limit` ideas most similar to idea `index`, most similar first, above a floor. */
export function similarTo(
  analysis: Analysis,
  index: number,
  limit = 5,
  floor = 0.3,
): { index: number; similarity: number }[] {
  const { matrix, dims, vectors, options } = analysis;
  const row = new Map<number, number>();
  for (let k = matrix.rowStart[index]; k < matrix.rowStart[index + 1]; k++)
    row.set(matrix.columns[k], matrix.values[k]);
  if (row.size === 0) return [];
  const scores: { index: number; similarity: number }[] = [];
  for (let j = 0; j < analysis.n; j++) {
    if (j === index) continue;
    let sparse = 0;
    for (let k = matrix.rowStart[j]; k < matrix.rowStart[j + 1]; k++)
      sparse += (row.get(matrix.columns[k]) ?? 0) * matrix.values[k];
    let dense = 0;
    for (let d = 0; d < dims; d++) dense += vectors[index * dims + d] * vectors[j * dims + d];
    const w = dims > 0 ? options.lsaWeight : 0;
    const similarity = w * Math.max(dense, 0) + (1 - w) * sparse;
    if (similarity >= floor) scores.push({ index: j, similarity });
  }
  return scores.sort((a, b) => b.similarity - a.similarity || a.index - b.index).slice(0, limit);
}

/** Labels for texts, as the CLI prints them: the same pipeline and default cut as the console. */
export function labelTexts(texts: readonly string[], threshold = DEFAULT_THRESHOLD): Int32Array {
  return group(analyse(texts), threshold).labels;
}
