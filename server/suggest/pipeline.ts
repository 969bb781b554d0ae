import { averageLinkage, cutAt, type Merge } from "./hclust.js";
import { lsa } from "./lsa.js";
import { refine } from "./refine.js";
import { sentenceVectors } from "./sentenceVectors.js";
import { termMatrix, type TermMatrix } from "./tfidf.js";
import { groupTitle } from "./titles.js";
import { wordVectors, type WordVectors } from "./WordVectors.js";

/**
 * The suggestion pipeline, pure and synchronous. Each idea becomes one
 * dense vector, half TF-IDF reduced by LSA (the board's own words: good on
 * technical and specialist ideas) and half the average of its words'
 * vectors (what words mean in everyday English: "bus" near "tram"); an
 * average-linkage dendrogram on the cosine distances, cut at a threshold,
 * gives the groups, which are then tidied (small ones dissolved, k-means).
 * `analyse` does the expensive part once; a cut at another threshold
 * ("fewer / more groups") reuses it.
 */

/** The knobs of the pipeline, with the defaults the console and the CLI use. */
export interface PipelineOptions {
  /** LSA dimensions */
  dims: number;
  /** share of the word vectors (against LSA) in each idea's dense vector */
  vectorWeight: number;
  /** share of the plain TF-IDF cosine (the same words, which near-duplicates share) in the similarity */
  sparseWeight: number;
  /** smallest group kept after the cut, as a share of the ideas (never below 2) */
  minGroupShare: number;
  seed: number;
  /** the word vectors; null: TF-IDF and LSA only */
  wordVectors: WordVectors | null;
}

export const DEFAULT_OPTIONS: Omit<PipelineOptions, "wordVectors"> = {
  dims: 30,
  vectorWeight: 0.5,
  sparseWeight: 0,
  minGroupShare: 0.03,
  seed: 1,
};

/** The cut height of the dendrogram (a cosine distance) the console starts from. */
export const DEFAULT_THRESHOLD = 0.88;

/** What is kept of a corpus between cuts. */
export interface Analysis {
  n: number;
  matrix: TermMatrix;
  /** unit rows, n x width: LSA and word vectors side by side */
  width: number;
  vectors: Float64Array;
  options: PipelineOptions;
  merges: Merge[];
}

/** The expensive part: vectors and the dendrogram. */
export function analyse(
  texts: readonly string[],
  options: Partial<PipelineOptions> = {},
): Analysis {
  const settings: PipelineOptions = {
    ...DEFAULT_OPTIONS,
    ...options,
    wordVectors: options.wordVectors === undefined ? wordVectors() : options.wordVectors,
  };
  const n = texts.length;
  const matrix = termMatrix(texts);
  const reduced = lsa(matrix, { dims: settings.dims, seed: settings.seed });
  const { width, vectors } = combine(
    reduced,
    settings.wordVectors && settings.vectorWeight > 0
      ? { dims: settings.wordVectors.dims, vectors: sentenceVectors(texts, settings.wordVectors) }
      : { dims: 0, vectors: new Float64Array(0) },
    n,
    settings.vectorWeight,
  );
  const distances = n > 1 ? distanceMatrix(matrix, width, vectors, settings.sparseWeight) : null;
  const merges = distances ? averageLinkage(distances, n) : [];
  return { n, matrix, width, vectors, options: settings, merges };
}

/**
 * Each row: the LSA row scaled by sqrt(1 - w) beside the word-vector row
 * scaled by sqrt(w), then unit length again, so a cosine is (1 - w) x the
 * LSA cosine + w x the word-vector one; a row with only one half is that half.
 */
function combine(
  a: { dims: number; vectors: Float64Array },
  b: { dims: number; vectors: Float64Array },
  n: number,
  weightOfB: number,
): { width: number; vectors: Float64Array } {
  const width = a.dims + b.dims;
  const out = new Float64Array(n * width);
  const wa = b.dims > 0 ? Math.sqrt(1 - weightOfB) : 1;
  const wb = Math.sqrt(weightOfB);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let d = 0; d < a.dims; d++) {
      const x = wa * a.vectors[i * a.dims + d];
      out[i * width + d] = x;
      norm += x * x;
    }
    for (let d = 0; d < b.dims; d++) {
      const x = wb * b.vectors[i * b.dims + d];
      out[i * width + a.dims + d] = x;
      norm += x * x;
    }
    if (norm > 0) {
      norm = Math.sqrt(norm);
      for (let d = 0; d < width; d++) out[i * width + d] /= norm;
    }
  }
  return { width, vectors: out };
}

/**
 * Cosine distance between every two ideas: a blend of the dense cosine
 * (ideas about one thing in different words) and the plain TF-IDF cosine
 * (the same words, which near-duplicates share). An idea with no word in
 * common with any other and none the vectors know is at distance 1 from everything.
 */
function distanceMatrix(
  matrix: TermMatrix,
  width: number,
  vectors: Float64Array,
  sparseWeight: number,
): Float64Array {
  const n = matrix.rows;
  const similarity = new Float64Array(n * n);
  const denseWeight = 1 - sparseWeight;
  if (width > 0 && denseWeight > 0) {
    for (let i = 0; i < n; i++) {
      const a = i * width;
      for (let j = i + 1; j < n; j++) {
        const b = j * width;
        let dot = 0;
        for (let d = 0; d < width; d++) dot += vectors[a + d] * vectors[b + d];
        similarity[i * n + j] = denseWeight * Math.max(dot, 0);
      }
    }
  }
  if (sparseWeight > 0) addSparseCosines(matrix, similarity, sparseWeight);
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

/**
 * Cuts the dendrogram at `threshold` (cosine distance; smaller gives more,
 * tighter groups), then tidies the cut (see refine.ts).
 */
export function group(analysis: Analysis, threshold: number = DEFAULT_THRESHOLD): Grouping {
  const { n, width, vectors, options } = analysis;
  const minSize = Math.max(2, Math.round(minGroupShare(options.minGroupShare, threshold) * n));
  const labelled = refine(vectors, width, cutAt(analysis.merges, n, threshold), { minSize });
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    let list = members.get(labelled[i]);
    if (!list) members.set(labelled[i], (list = []));
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

/**
 * The smallest group kept, as a share of the ideas, at a cut: below the
 * default cut ("more groups") it shrinks with the cut, to a third at
 * MOST_THRESHOLD, or the small groups a lower cut makes would be
 * dissolved again and "more" would give fewer.
 */
function minGroupShare(share: number, threshold: number): number {
  const lower = (DEFAULT_THRESHOLD - threshold) / (DEFAULT_THRESHOLD - MOST_THRESHOLD);
  return share * (1 - (2 / 3) * Math.min(1, Math.max(0, lower)));
}

/** The lowest cut the console's "more groups" goes to. */
export const MOST_THRESHOLD = 0.8;

/** The `limit` ideas most similar to idea `index`, most similar first, above a floor. */
export function similarTo(
  analysis: Analysis,
  index: number,
  limit = 5,
  floor = 0.3,
): { index: number; similarity: number }[] {
  const { matrix, width, vectors, options } = analysis;
  const row = new Map<number, number>();
  for (let k = matrix.rowStart[index]; k < matrix.rowStart[index + 1]; k++)
    row.set(matrix.columns[k], matrix.values[k]);
  const scores: { index: number; similarity: number }[] = [];
  for (let j = 0; j < analysis.n; j++) {
    if (j === index) continue;
    let sparse = 0;
    for (let k = matrix.rowStart[j]; k < matrix.rowStart[j + 1]; k++)
      sparse += (row.get(matrix.columns[k]) ?? 0) * matrix.values[k];
    let dense = 0;
    for (let d = 0; d < width; d++) dense += vectors[index * width + d] * vectors[j * width + d];
    const similarity =
      (1 - options.sparseWeight) * Math.max(dense, 0) + options.sparseWeight * sparse;
    if (similarity >= floor) scores.push({ index: j, similarity });
  }
  return scores.sort((a, b) => b.similarity - a.similarity || a.index - b.index).slice(0, limit);
}

/** Labels for texts, as the CLI prints them: the same pipeline and default cut as the console. */
export function labelTexts(texts: readonly string[], threshold = DEFAULT_THRESHOLD): Int32Array {
  return group(analyse(texts), threshold).labels;
}
