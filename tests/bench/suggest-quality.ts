/**
 * The suggestion pipeline's quality, speed and memory, measured by hand:
 *
 *   node --expose-gc --import tsx tests/bench/suggest-quality.ts [quality|speed|all]
 *
 * Quality: accuracy (best one-to-one mapping, Hungarian) and NMI, with the
 * number of groups chosen by the pipeline, on labelled sets built on this
 * machine (the public short-text benchmarks cannot be downloaded here):
 * - workshop: the hand-written workshop ideas of the unit tests (11 themes);
 * - debian-titles: one-line package descriptions from the local apt lists,
 *   20 topical sections, 25 per section drawn at random (5 draws of 500);
 * - debian-snippets: the one-line description plus the first sentences of
 *   the long one, 8 broad sections (5 draws of 500);
 * - wordnet-glosses: everyday English, the definitions (and examples) of
 *   WordNet noun senses, by lexicographer file (animal, food, body, plant,
 *   person, ...), 10 files, 50 each (5 draws of 500; `apt-get install wordnet-base`);
 * - fortunes: quips and quotations by the category of the `fortunes`
 *   package (computers, food, law, love, ...), 8 categories (5 draws of
 *   500; `apt-get install fortunes`): everyday words, loosely on topic, hard.
 * A set whose source is not installed is left out, with a note.
 * Speed and memory: 500 and 1,000 ideas through the worker the server uses
 * (CPU ms after warm-up, the main thread's longest event-loop block, RSS).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { analyse, DEFAULT_THRESHOLD, group, labelTexts } from "../../server/suggest/pipeline.js";
import { seededRandom } from "../../server/suggest/random.js";
import { SuggestRunner } from "../../server/suggest/SuggestRunner.js";
import { labelledIdeas } from "../unit/suggestIdeas.js";
import { accuracy, nmi } from "../unit/suggestMetrics.js";

interface Labelled {
  text: string;
  label: string;
}

const TITLE_SECTIONS = [
  "python",
  "perl",
  "haskell",
  "rust",
  "golang",
  "javascript",
  "ruby",
  "gnu-r",
  "science",
  "games",
  "sound",
  "graphics",
  "fonts",
  "mail",
  "editors",
  "database",
  "video",
  "electronics",
  "hamradio",
  "math",
];
const SNIPPET_SECTIONS = [
  "games",
  "science",
  "sound",
  "graphics",
  "mail",
  "database",
  "web",
  "math",
];

/** Package records (section, short and long description) from the apt lists on this machine. */
function debianPackages(): { section: string; short: string; long: string }[] {
  const dir = "/var/lib/apt/lists";
  const file = existsSync(dir)
    ? readdirSync(dir).find((f) => /dists_bookworm_main_binary-amd64_Packages\.lz4$/.test(f))
    : undefined;
  if (!file) return [];
  const text = execFileSync("lz4cat", [`${dir}/${file}`], {
    maxBuffer: 200 * 1024 * 1024,
  }).toString();
  const seen = new Set<string>();
  const out: { section: string; short: string; long: string }[] = [];
  for (const record of text.split("\n\n")) {
    const section = /^Section: (.+)$/m.exec(record)?.[1];
    const description = /^Description: (.+)\n((?: .*\n?)*)/m.exec(record);
    if (!section || !description || seen.has(description[1])) continue;
    seen.add(description[1]);
    const long = description[2]
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && l !== ".")
      .join(" ");
    out.push({ section, short: description[1], long });
  }
  return out;
}

function draw(
  pool: { section: string; short: string; long: string }[],
  sections: string[],
  perSection: number,
  seed: number,
  text: (p: { short: string; long: string }) => string,
): Labelled[] {
  const random = seededRandom(seed);
  const out: Labelled[] = [];
  for (const section of sections) {
    const members = pool.filter((p) => p.section === section);
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j], members[i]];
    }
    for (const p of members.slice(0, perSection)) out.push({ text: text(p), label: section });
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function snippet(p: { short: string; long: string }): string {
  const sentences = p.long.split(/(?<=\.)\s+/);
  let text = p.short;
  for (const s of sentences) {
    if (text.length > 160) break;
    text += ` ${s}`;
  }
  return text;
}

/** WordNet noun senses as (gloss, lexicographer file), from wordnet-base's data.noun. */
function wordnetGlosses(): { section: string; text: string }[] {
  const file = "/usr/share/wordnet/data.noun";
  if (!existsSync(file)) return [];
  const out: { section: string; text: string }[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const match = /^\d{8} (\d\d) n .*?\| (.+)$/.exec(line);
    const section = match && WORDNET_FILES[match[1]];
    if (!section) continue;
    const text = match[2].replace(/"/g, "").trim();
    if (text.split(/\s+/).length >= 4) out.push({ section, text });
  }
  return out;
}

const WORDNET_FILES: Record<string, string> = {
  "05": "animal",
  "06": "artifact",
  "08": "body",
  "12": "feeling",
  "13": "food",
  "15": "location",
  "18": "person",
  "20": "plant",
  "27": "substance",
  "28": "time",
};

/** Fortunes (one-line-ised, at most 280 characters) by category, from the fortunes package. */
function fortunes(): { section: string; text: string }[] {
  const dir = "/usr/share/games/fortunes";
  const out: { section: string; text: string }[] = [];
  for (const section of FORTUNE_CATEGORIES) {
    const file = `${dir}/${section}`;
    if (!existsSync(file)) return [];
    for (const entry of readFileSync(file, "utf8").split(/^%$/m)) {
      const text = entry.replace(/\s+/g, " ").trim().slice(0, 280);
      if (text.length >= 20) out.push({ section, text });
    }
  }
  return out;
}

const FORTUNE_CATEGORIES = [
  "computers",
  "food",
  "law",
  "politics",
  "science",
  "sports",
  "love",
  "education",
];

/** The labelled sets, each as a few seeded draws. */
export function sets(): { name: string; classes: number; draws: Labelled[][] }[] {
  const out = [{ name: "workshop", classes: 11, draws: [labelledIdeas()] }];
  const seeds = [1, 2, 3, 4, 5];
  const packages = debianPackages();
  if (packages.length === 0) {
    console.warn("no apt lists on this machine (run apt-get update): no debian sets");
  } else {
    out.push({
      name: "debian-titles",
      classes: TITLE_SECTIONS.length,
      draws: seeds.map((s) => draw(packages, TITLE_SECTIONS, 25, s, (p) => p.short)),
    });
    out.push({
      name: "debian-snippets",
      classes: SNIPPET_SECTIONS.length,
      draws: seeds.map((s) => draw(packages, SNIPPET_SECTIONS, 63, s, snippet).slice(0, 500)),
    });
  }
  const glosses = wordnetGlosses().map((g) => ({ section: g.section, short: g.text, long: "" }));
  if (glosses.length === 0) console.warn("no WordNet (apt-get install wordnet-base): no glosses");
  else {
    const files = Object.values(WORDNET_FILES);
    out.push({
      name: "wordnet-glosses",
      classes: files.length,
      draws: seeds.map((s) => draw(glosses, files, 50, s, (p) => p.short)),
    });
  }
  const quips = fortunes().map((f) => ({ section: f.section, short: f.text, long: "" }));
  if (quips.length === 0) console.warn("no fortunes (apt-get install fortunes): no fortunes set");
  else {
    out.push({
      name: "fortunes",
      classes: FORTUNE_CATEGORIES.length,
      draws: seeds.map((s) => draw(quips, FORTUNE_CATEGORIES, 63, s, (p) => p.short).slice(0, 500)),
    });
  }
  return out;
}

function quality(thresholds: number[]): void {
  for (const set of sets()) {
    console.log(
      `\n${set.name}: ${set.draws[0].length} texts x ${set.draws.length} draws, ${set.classes} classes`,
    );
    const analyses = set.draws.map((d) => analyse(d.map((x) => x.text)));
    for (const threshold of thresholds) {
      let acc = 0;
      let info = 0;
      let groups = 0;
      let alone = 0;
      set.draws.forEach((d, k) => {
        const grouping = group(analyses[k], threshold);
        const truth = d.map((x) => x.label);
        acc += accuracy(grouping.labels, truth);
        info += nmi(grouping.labels, truth);
        groups += grouping.groups.length;
        alone += grouping.alone.length;
      });
      const m = set.draws.length;
      const mark = threshold === DEFAULT_THRESHOLD ? " (default)" : "";
      console.log(
        `  threshold ${threshold.toFixed(2)}${mark}: accuracy ${(acc / m).toFixed(3)}  NMI ${(info / m).toFixed(3)}  groups ${(groups / m).toFixed(1)}  alone ${(alone / m).toFixed(1)}`,
      );
    }
  }
}

function texts(count: number): string[] {
  const packages = debianPackages();
  const pool = packages.length > 0 ? packages.map(snippet) : labelledIdeas().map((x) => x.text);
  const random = seededRandom(7);
  return Array.from({ length: count }, () =>
    pool[Math.floor(random() * pool.length)].slice(0, 280),
  );
}

async function speed(): Promise<void> {
  for (const n of [500, 1000]) {
    const sample = texts(n);
    labelTexts(sample); // warm-up
    const runs = 5;
    const start = process.cpuUsage();
    for (let i = 0; i < runs; i++) labelTexts(sample);
    const used = process.cpuUsage(start);
    console.log(
      `in-thread ${n} ideas: ${((used.user + used.system) / 1000 / runs).toFixed(0)} ms CPU per run`,
    );
  }

  const samples = new Map(
    [500, 1000].map((n) => [n, texts(n).map((text, i) => ({ id: `idea-${n}-${i}`, text }))]),
  );
  // Run with `node --expose-gc --import tsx` so the apt lists read above are gone from RSS.
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  const runner = new SuggestRunner();
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  for (const [n, ideas] of samples) {
    await runner.suggest(ideas, DEFAULT_THRESHOLD); // warm-up (worker start, JIT)
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      // A changed text defeats the worker's cache: every run is a full analysis.
      ideas[0] = { ...ideas[0], text: `${ideas[0].text} ${i}` };
      const started = performance.now();
      await runner.suggest(ideas, DEFAULT_THRESHOLD);
      times.push(performance.now() - started);
    }
    const started = performance.now();
    await runner.suggest(ideas, DEFAULT_THRESHOLD - 0.1);
    const recut = performance.now() - started;
    console.log(
      `worker ${n} ideas: ${Math.min(...times).toFixed(0)}-${Math.max(...times).toFixed(0)} ms wall per suggestion, recut ${recut.toFixed(1)} ms`,
    );
  }
  histogram.disable();
  const after = process.memoryUsage().rss;
  console.log(
    `main thread event loop: max block ${(histogram.max / 1e6).toFixed(1)} ms, p99 ${(histogram.percentile(99) / 1e6).toFixed(1)} ms`,
  );
  console.log(
    `RSS: ${(before / 2 ** 20).toFixed(0)} MB before the worker, ${(after / 2 ** 20).toFixed(0)} MB with it after 1,000 ideas (+${((after - before) / 2 ** 20).toFixed(0)} MB)`,
  );
  await runner.close();
}

// Run as a script; imported (for its sets), it does nothing.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const mode = process.argv[2] ?? "all";
  if (mode === "quality" || mode === "all") quality([0.8, 0.84, 0.86, 0.88, 0.9, 0.92, 0.95]);
  if (mode === "speed" || mode === "all") await speed();
}
