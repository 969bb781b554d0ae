import { gaussian, seededRandom } from "./random.js";
import type { TermMatrix } from "./tfidf.js";

/**
 * Latent semantic analysis: the TF-IDF rows projected on the top singular
 * directions of the matrix, by a randomized SVD (Halko, Martinsson and
 * Tropp 2011: a Gaussian sketch, a few power iterations, then the exact
 * SVD of the small projected matrix). Ideas that share no word but share
 * neighbours' words ("bus", "transport", "lift") come out close.
 *
 * Returns the n x dims row-major embedding U·S, rows scaled to unit length
 * (a row of zeros stays zero: the idea had no word shared with another).
 */
export function lsa(
  matrix: TermMatrix,
  options: { dims: number; seed: number; oversample?: number; powerIterations?: number },
): { dims: number; vectors: Float64Array } {
  const n = matrix.rows;
  const v = matrix.terms.length;
  const dims = Math.max(0, Math.min(options.dims, n - 1, v));
  if (dims === 0) return { dims: 0, vectors: new Float64Array(0) };
  const width = Math.min(dims + (options.oversample ?? 10), n, v);
  const random = seededRandom(options.seed);

  // Q: an orthonormal basis of the range of A·Omega, refined by (A·Aᵀ)^q.
  const omega = new Float64Array(v * width);
  for (let i = 0; i < omega.length; i++) omega[i] = gaussian(random);
  let q = multiply(matrix, omega, width);
  orthonormalize(q, n, width);
  for (let iteration = 0; iteration < (options.powerIterations ?? 4); iteration++) {
    const z = multiplyTransposed(matrix, q, width);
    orthonormalize(z, v, width);
    q = multiply(matrix, z, width);
    orthonormalize(q, n, width);
  }

  // B = Qᵀ·A is width x v; B·Bᵀ = (Aᵀ·Q)ᵀ(Aᵀ·Q) is small, and its eigenvectors are B's left singular vectors.
  const bt = multiplyTransposed(matrix, q, width);
  const gram = new Float64Array(width * width);
  for (let r = 0; r < v; r++) {
    const base = r * width;
    for (let i = 0; i < width; i++) {
      const x = bt[base + i];
      if (x === 0) continue;
      for (let j = i; j < width; j++) gram[i * width + j] += x * bt[base + j];
    }
  }
  for (let i = 0; i < width; i++)
    for (let j = 0; j < i; j++) gram[i * width + j] = gram[j * width + i];
  const { values, vectors } = symmetricEigen(gram, width);
  const order = [...values.keys()].sort((a, b) => values[b] - values[a]).slice(0, dims);

  // U·S = Q·W·S, with S = sqrt(eigenvalue).
  const embedding = new Float64Array(n * dims);
  for (let d = 0; d < dims; d++) {
    const e = order[d];
    const s = Math.sqrt(Math.max(values[e], 0));
    for (let row = 0; row < n; row++) {
      let sum = 0;
      for (let i = 0; i < width; i++) sum += q[row * width + i] * vectors[i * width + e];
      embedding[row * dims + d] = sum * s;
    }
  }
  normalizeRows(embedding, n, dims);
  return { dims, vectors: embedding };
}

/** A·M for the sparse n x v matrix A and a dense v x width matrix M. */
function multiply(a: TermMatrix, m: Float64Array, width: number): Float64Array {
  const out = new Float64Array(a.rows * width);
  for (let row = 0; row < a.rows; row++) {
    const base = row * width;
    for (let k = a.rowStart[row]; k < a.rowStart[row + 1]; k++) {
      const value = a.values[k];
      const from = a.columns[k] * width;
      for (let j = 0; j < width; j++) out[base + j] += value * m[from + j];
    }
  }
  return out;
}

/** Aᵀ·M for the sparse n x v matrix A and a dense n x width matrix M. */
function multiplyTransposed(a: TermMatrix, m: Float64Array, width: number): Float64Array {
  const out = new Float64Array(a.terms.length * width);
  for (let row = 0; row < a.rows; row++) {
    const from = row * width;
    for (let k = a.rowStart[row]; k < a.rowStart[row + 1]; k++) {
      const value = a.values[k];
      const base = a.columns[k] * width;
      for (let j = 0; j < width; j++) out[base + j] += value * m[from + j];
    }
  }
  return out;
}

/** Modified Gram-Schmidt on the columns of a rows x width row-major matrix, in place. */
function orthonormalize(m: Float64Array, rows: number, width: number): void {
  for (let j = 0; j < width; j++) {
    for (let i = 0; i < j; i++) {
      let dot = 0;
      for (let r = 0; r < rows; r++) dot += m[r * width + i] * m[r * width + j];
      for (let r = 0; r < rows; r++) m[r * width + j] -= dot * m[r * width + i];
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += m[r * width + j] ** 2;
    norm = Math.sqrt(norm);
    // A column that vanished (rank below width) stays zero rather than noise.
    for (let r = 0; r < rows; r++) m[r * width + j] = norm > 1e-12 ? m[r * width + j] / norm : 0;
  }
}

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations. */
export function symmetricEigen(
  input: Float64Array,
  size: number,
): { values: number[]; vectors: Float64Array } {
  const a = Float64Array.from(input);
  const vectors = new Float64Array(size * size);
  for (let i = 0; i < size; i++) vectors[i * size + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < size; p++) for (let r = p + 1; r < size; r++) off += a[p * size + r] ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < size; p++) {
      for (let r = p + 1; r < size; r++) {
        const apr = a[p * size + r];
        if (Math.abs(apr) < 1e-300) continue;
        const theta = (a[r * size + r] - a[p * size + p]) / (2 * apr);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < size; k++) {
          const akp = a[k * size + p];
          const akr = a[k * size + r];
          a[k * size + p] = c * akp - s * akr;
          a[k * size + r] = s * akp + c * akr;
        }
        for (let k = 0; k < size; k++) {
          const apk = a[p * size + k];
          const ark = a[r * size + k];
          a[p * size + k] = c * apk - s * ark;
          a[r * size + k] = s * apk + c * ark;
        }
        for (let k = 0; k < size; k++) {
          const vkp = vectors[k * size + p];
          const vkr = vectors[k * size + r];
          vectors[k * size + p] = c * vkp - s * vkr;
          vectors[k * size + r] = s * vkp + c * vkr;
        }
      }
    }
  }
  return { values: Array.from({ length: size }, (_, i) => a[i * size + i]), vectors };
}

/** Scales each row to unit length; zero rows stay zero. */
export function normalizeRows(m: Float64Array, rows: number, width: number): void {
  for (let r = 0; r < rows; r++) {
    let norm = 0;
    for (let j = 0; j < width; j++) norm += m[r * width + j] ** 2;
    if (norm === 0) continue;
    norm = Math.sqrt(norm);
    for (let j = 0; j < width; j++) m[r * width + j] /= norm;
  }
}
