import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * English word vectors (GloVe 100d, int8), from the file that
 * server/suggest/vectors/build.ts makes and the build copies beside the
 * compiled module. Words are listed most frequent first, so a word's rank
 * stands in for its frequency (Zipf) where a weighting needs one.
 */
export class WordVectors {
  readonly dims: number;
  readonly count: number;
  readonly #index: Map<string, number>;
  readonly #scales: Float32Array;
  readonly #components: Int8Array;

  constructor(file: Uint8Array, limit = Infinity) {
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
    const magic = String.fromCharCode(...file.subarray(0, 4));
    if (magic !== "RTWV" || view.getUint32(4, true) !== 1) {
      throw new Error("not a word-vector file (version 1)");
    }
    const stored = view.getUint32(8, true);
    this.dims = view.getUint32(12, true);
    const textLength = view.getUint32(16, true);
    const words = new TextDecoder().decode(file.subarray(20, 20 + textLength)).split("\n");
    this.count = Math.min(stored, limit);
    this.#index = new Map();
    for (let i = 0; i < this.count; i++) this.#index.set(words[i], i);
    const scalesAt = 20 + Math.ceil(textLength / 4) * 4;
    this.#scales = new Float32Array(this.count);
    for (let i = 0; i < this.count; i++) this.#scales[i] = view.getFloat32(scalesAt + 4 * i, true);
    const componentsAt = scalesAt + 4 * stored;
    this.#components = new Int8Array(
      file.buffer,
      file.byteOffset + componentsAt,
      this.count * this.dims,
    );
  }

  /** The word's row, or -1 when it has no vector. */
  indexOf(word: string): number {
    return this.#index.get(word) ?? -1;
  }

  /** Adds weight x the word's vector into `into` at `offset`. */
  addTo(row: number, weight: number, into: Float64Array, offset: number): void {
    const w = weight * this.#scales[row];
    const base = row * this.dims;
    for (let d = 0; d < this.dims; d++) into[offset + d] += w * this.#components[base + d];
  }
}

let loaded: WordVectors | null = null;

/**
 * The shared word vectors, read on first use (some 6 MB, a few tens of
 * milliseconds): only the suggestion worker ever calls this, so the
 * server's main thread never holds them.
 */
export function wordVectors(): WordVectors {
  loaded ??= new WordVectors(readFileSync(fileURLToPath(VECTORS_FILE)));
  return loaded;
}

/** Beside this module both in the sources and in the build (which copies it). */
export const VECTORS_FILE = new URL("./vectors/wordVectors.bin", import.meta.url);
