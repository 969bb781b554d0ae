import { STOP_WORDS } from "./stopWords.js";
import type { WordVectors } from "./WordVectors.js";

/**
 * Ideas as weighted averages of their words' vectors (Arora, Liang and Ma
 * 2017, "smooth inverse frequency"): each word weighs a / (a + p(word)),
 * p from the word's rank in the vectors' list (Zipf), so "bus" counts far
 * more than "time"; then the component common to all the ideas (the first
 * singular direction) is taken out, since it carries how people write,
 * not what about. Ideas that share no word but mean alike ("buses",
 * "trams", "cycle lanes") come out close, which TF-IDF cannot see on a
 * board of a few hundred ideas.
 *
 * Returns n x dims rows of unit length; an idea with no known word is a row of zeros.
 */
export function sentenceVectors(
  texts: readonly string[],
  vectors: WordVectors,
  options: { a?: number; removeCommon?: boolean } = {},
): Float64Array {
  const a = options.a ?? 1e-3;
  const dims = vectors.dims;
  const n = texts.length;
  const out = new Float64Array(n * dims);
  for (let i = 0; i < n; i++) {
    let total = 0;
    for (const word of words(texts[i])) {
      const row = vectors.indexOf(word);
      if (row < 0) continue;
      const p = ZIPF / (row + 1);
      const weight = a / (a + p);
      vectors.addTo(row, weight, out, i * dims);
      total += weight;
    }
    if (total > 0) for (let d = 0; d < dims; d++) out[i * dims + d] /= total;
  }
  if (options.removeCommon ?? true) removeFirstComponent(out, n, dims);
  normalizeRows(out, n, dims);
  return out;
}

/** p(rank r) ~ ZIPF / r for English word frequencies (1 / ln of a 400,000-word vocabulary). */
const ZIPF = 0.075;

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

/** Lower-case words as the vectors spell them; "people's" is "people", stop words go. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of text.normalize("NFC").toLowerCase().matchAll(WORD)) {
    const word = match[0].replace(/['’].*$/, "");
    if (word.includes("-")) {
      // "bike-sharing" is one vector if the list has it, else its parts.
      out.push(word, ...word.split("-"));
      continue;
    }
    if (word.length > 1 && !STOP_WORDS.has(word) && !/^\d+$/.test(word)) out.push(word);
  }
  return out;
}

/** Takes the projection on the rows' first singular direction out of every row, in place. */
function removeFirstComponent(m: Float64Array, rows: number, dims: number): void {
  const gram = new Float64Array(dims * dims);
  for (let r = 0; r < rows; r++) {
    const base = r * dims;
    for (let i = 0; i < dims; i++) {
      const x = m[base + i];
      if (x === 0) continue;
      for (let j = i; j < dims; j++) gram[i * dims + j] += x * m[base + j];
    }
  }
  for (let i = 0; i < dims; i++)
    for (let j = 0; j < i; j++) gram[i * dims + j] = gram[j * dims + i];
  // Power iteration from a fixed start: deterministic, and the top direction dominates.
  let u = new Float64Array(dims).fill(1 / Math.sqrt(dims));
  for (let iteration = 0; iteration < 100; iteration++) {
    const next = new Float64Array(dims);
    for (let i = 0; i < dims; i++) {
      let s = 0;
      for (let j = 0; j < dims; j++) s += gram[i * dims + j] * u[j];
      next[i] = s;
    }
    const norm = Math.hypot(...next);
    if (norm === 0) return;
    for (let i = 0; i < dims; i++) next[i] /= norm;
    let change = 0;
    for (let i = 0; i < dims; i++) change += Math.abs(next[i] - u[i]);
    u = next;
    if (change < 1e-9) break;
  }
  for (let r = 0; r < rows; r++) {
    const base = r * dims;
    let dot = 0;
    for (let i = 0; i < dims; i++) dot += m[base + i] * u[i];
    for (let i = 0; i < dims; i++) m[base + i] -= dot * u[i];
  }
}

function normalizeRows(m: Float64Array, rows: number, width: number): void {
  for (let r = 0; r < rows; r++) {
    let norm = 0;
    for (let j = 0; j < width; j++) norm += m[r * width + j] ** 2;
    if (norm < 1e-24) {
      m.fill(0, r * width, (r + 1) * width);
      continue;
    }
    norm = Math.sqrt(norm);
    for (let j = 0; j < width; j++) m[r * width + j] /= norm;
  }
}
