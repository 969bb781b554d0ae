import { tokenize } from "./tokens.js";

/**
 * A corpus as a sparse document-term matrix of TF-IDF weights, rows of unit
 * length (compressed sparse rows). Terms in a single idea are dropped: they
 * cannot make two ideas similar, and leaving them out keeps the matrix small.
 */
export interface TermMatrix {
  rows: number;
  /** terms (stems), by column */
  terms: string[];
  /** each term's most frequent written form, for titles */
  surfaces: string[];
  /** ideas each term occurs in */
  documentFrequency: Int32Array;
  /** where in its ideas a term tends to come, 0 (first) .. 1 (last): titles keep the ideas' word order */
  meanPosition: Float64Array;
  /** row i's entries are rowStart[i] .. rowStart[i+1]-1 */
  rowStart: Int32Array;
  columns: Int32Array;
  values: Float64Array;
}

/** Builds the TF-IDF matrix: sublinear term frequency, smoothed IDF, unit rows. */
export function termMatrix(texts: readonly string[]): TermMatrix {
  const documents = texts.map(tokenize);
  const documentCounts = new Map<string, number>();
  const surfaceCounts = new Map<string, Map<string, number>>();
  const positionSums = new Map<string, number>();
  for (const tokens of documents) {
    tokens.forEach(({ term }, i) => {
      positionSums.set(term, (positionSums.get(term) ?? 0) + i / Math.max(1, tokens.length - 1));
    });
    for (const term of new Set(tokens.map((t) => t.term))) {
      documentCounts.set(term, (documentCounts.get(term) ?? 0) + 1);
    }
    for (const { term, surface } of tokens) {
      let forms = surfaceCounts.get(term);
      if (!forms) surfaceCounts.set(term, (forms = new Map()));
      forms.set(surface, (forms.get(surface) ?? 0) + 1);
    }
  }
  const kept = [...documentCounts.entries()]
    .filter(([, count]) => count >= 2)
    .map(([term]) => term)
    .sort();
  const column = new Map(kept.map((term, index) => [term, index]));
  const n = texts.length;
  const documentFrequency = Int32Array.from(kept, (term) => documentCounts.get(term)!);
  const idf = Float64Array.from(documentFrequency, (df) => Math.log((1 + n) / (1 + df)) + 1);

  const rowStart = new Int32Array(n + 1);
  const columns: number[] = [];
  const values: number[] = [];
  documents.forEach((tokens, row) => {
    const counts = new Map<number, number>();
    for (const { term } of tokens) {
      const index = column.get(term);
      if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    const entries = [...counts.entries()].sort((a, b) => a[0] - b[0]);
    const weights = entries.map(([index, count]) => (1 + Math.log(count)) * idf[index]);
    const norm = Math.hypot(...weights) || 1;
    entries.forEach(([index], i) => {
      columns.push(index);
      values.push(weights[i] / norm);
    });
    rowStart[row + 1] = columns.length;
  });

  return {
    rows: n,
    terms: kept,
    surfaces: kept.map((term) => mostFrequent(surfaceCounts.get(term)!)),
    documentFrequency,
    meanPosition: Float64Array.from(kept, (term) => {
      const occurrences = [...surfaceCounts.get(term)!.values()].reduce((a, b) => a + b, 0);
      return positionSums.get(term)! / occurrences;
    }),
    rowStart,
    columns: Int32Array.from(columns),
    values: Float64Array.from(values),
  };
}

function mostFrequent(counts: Map<string, number>): string {
  let best = "";
  let bestCount = -1;
  for (const [form, count] of counts) {
    if (count > bestCount || (count === bestCount && form < best)) {
      best = form;
      bestCount = count;
    }
  }
  return best;
}
