/**
 * Lighthouse (mobile: the default config, simulated slow 4G and a 4x slower
 * CPU) on the two pages a phone opens: the join page and the attendee's
 * board. Run by hand after `npm run build`, not part of `npm test`:
 *
 *   npx tsx tests/bench/lighthouse.ts [--runs 3]
 *
 * It builds nothing: it starts the production server (dist/server/index.js,
 * port 0, a temp DATA_DIR), makes a summit and a workshop in brainstorm with
 * a board of ideas, and drives Debian's Chromium (CHROMIUM_PATH) through
 * Lighthouse 12.2.3 (13 needs Node 22), which comes from npx, outside the
 * repository, and attaches to that Chromium over its debugging port (it
 * cannot trace a Chromium that Playwright launched: NO_NAVSTART).
 * The board needs an attendee's token in local storage, so the person first
 * joins through the join page in Playwright, in a profile that Lighthouse then
 * keeps (--disable-storage-reset) but whose HTTP cache is removed before
 * every run, so each load is cold.
 * The last line printed is one JSON object: per page, the median run's
 * scores and metrics (ms; CLS unitless) and the JavaScript it transferred.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../helpers/browser.js";
import { seededRandom } from "../helpers/random.js";
import { ChildServer } from "./ChildServer.js";
import { boardOf, freshSync } from "./freshSync.js";
import { command, must } from "./rest.js";
import { attendeeName, ideaText } from "./texts.js";

const root = path.resolve(fileURLToPath(import.meta.url), "../../..");
const LIGHTHOUSE = "lighthouse@12.2.3";
/** Attendees who posted before the measured one arrives, and their ideas each: a live board. */
const SEED = { attendees: 12, ideasEach: 3 };

interface Figures {
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  siMs: number;
  ttiMs: number;
  /** JavaScript over the wire (compressed as served) */
  scriptBytes: number;
  /** everything over the wire */
  totalBytes: number;
  requests: number;
}

interface LighthouseResult {
  categories: Record<string, { score: number }>;
  audits: Record<string, { numericValue?: number; details?: { items?: unknown[] } }>;
}

function parseRuns(argv: string[]): number {
  const at = argv.indexOf("--runs");
  const runs = at >= 0 ? Number(argv[at + 1]) : 3;
  if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs takes a whole number >= 1");
  return runs;
}

async function startServer(
  dataDir: string,
): Promise<{ server: ChildServer; url: string; setup: string }> {
  const entry = path.join(root, "dist/server/index.js");
  if (!existsSync(entry) || !existsSync(path.join(root, "dist/client/index.html"))) {
    throw new Error("no build in dist/: run `npm run build` first");
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
  };
  delete env.PUBLIC_URL;
  const server = new ChildServer("server", process.execPath, [entry], env);
  const [, port, setup] = await server.waitForLine(/localhost:(\d+)\/setup#([\w-]+)/, 60_000);
  return { server, url: `http://127.0.0.1:${port}`, setup };
}

/** A workshop in brainstorm, with ideas from a dozen attendees on its board. */
async function seedWorkshop(
  url: string,
  setup: string,
): Promise<{ workshopId: string; code: string }> {
  const { organiserKey } = must(
    await command(url, setup, "summit.create", { name: "Lighthouse summit" }),
    "summit.create",
  );
  const workshop = must(
    await command(url, organiserKey, "workshop.create", {
      title: "Community intelligence",
      prompts: ["What would help partners hear concerns sooner?", "What should we stop doing?"],
    }),
    "workshop.create",
  );
  must(
    await command(url, workshop.facilitatorToken, "phase.set", { phase: "brainstorm" }),
    "phase.set",
  );
  const board = boardOf(await freshSync(url, workshop.workshopId, workshop.facilitatorToken));
  const prompts = (board.getMap("meta").get("prompts") as { id: string }[]).map((p) => p.id);
  const random = seededRandom(7);
  for (let a = 0; a < SEED.attendees; a++) {
    const name = attendeeName(a);
    const { token } = must(
      await command(url, undefined, "participant.join", {
        code: workshop.code,
        ...(name ? { name } : {}),
      }),
      "participant.join",
    );
    for (let i = 0; i < SEED.ideasEach; i++) {
      must(
        await command(url, token, "idea.post", {
          promptId: prompts[(a + i) % prompts.length],
          text: ideaText(random),
        }),
        "idea.post",
      );
    }
  }
  return { workshopId: workshop.workshopId, code: workshop.code };
}

/**
 * Runs `measure` against a fresh Chromium on `profile` with its HTTP cache
 * removed, and stops it after. The debugging port is the one Chromium chose
 * and wrote into the profile.
 */
async function withChromium<T>(profile: string, measure: (port: number) => Promise<T>): Promise<T> {
  for (const dir of ["DevToolsActivePort", "Default/Cache", "Default/Code Cache"]) {
    rmSync(path.join(profile, dir), { recursive: true, force: true });
  }
  const browser = spawn(
    CHROMIUM,
    [...CHROMIUM_ARGS, "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank"],
    { stdio: "ignore" },
  );
  try {
    const file = path.join(profile, "DevToolsActivePort");
    const deadline = Date.now() + 15_000;
    let port = 0;
    while (port === 0) {
      if (Date.now() > deadline) throw new Error("Chromium did not open its debugging port");
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (existsSync(file)) port = Number(readFileSync(file, "utf8").split("\n")[0]) || 0;
    }
    return await measure(port);
  } finally {
    const gone = new Promise((resolve) => browser.once("exit", resolve));
    browser.kill("SIGTERM");
    await gone;
  }
}

async function lighthouse(url: string, port: number, keepStorage: boolean): Promise<Figures> {
  const args = [
    "-y",
    LIGHTHOUSE,
    url,
    `--port=${port}`,
    "--only-categories=performance,accessibility",
    "--output=json",
    "--output-path=stdout",
    "--quiet",
    ...(keepStorage ? ["--disable-storage-reset"] : []),
  ];
  const { stdout } = await promisify(execFile)("npx", args, {
    maxBuffer: 64 * 1024 * 1024,
    timeout: 180_000,
  });
  const report = JSON.parse(stdout) as LighthouseResult;
  const audit = (id: string) => report.audits[id]?.numericValue ?? NaN;
  const requests = (report.audits["network-requests"]?.details?.items ?? []) as {
    resourceType?: string;
    transferSize?: number;
  }[];
  const round = (n: number) => Math.round(n);
  return {
    performance: round(report.categories.performance.score * 100),
    accessibility: round(report.categories.accessibility.score * 100),
    fcpMs: round(audit("first-contentful-paint")),
    lcpMs: round(audit("largest-contentful-paint")),
    tbtMs: round(audit("total-blocking-time")),
    cls: Number(audit("cumulative-layout-shift").toFixed(3)),
    siMs: round(audit("speed-index")),
    ttiMs: round(audit("interactive")),
    scriptBytes: requests
      .filter((r) => r.resourceType === "Script")
      .reduce((sum, r) => sum + (r.transferSize ?? 0), 0),
    totalBytes: round(audit("total-byte-weight")),
    requests: requests.length,
  };
}

/**
 * One Lighthouse run on a fresh Chromium. Lighthouse 12 with this Chromium
 * now and then fails to find the navigation in its trace (NO_NAVSTART); such
 * a run is made again, up to twice.
 */
async function measure(profile: string, url: string, keepStorage: boolean): Promise<Figures> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await withChromium(profile, (port) => lighthouse(url, port, keepStorage));
    } catch (error) {
      const reason = /Runtime error encountered: ([^\n]*)/.exec(String(error))?.[1];
      if (!reason || attempt === 3) throw error;
      console.log(`# ${url}: ${reason}; again`);
    }
  }
}

/** The run with the median performance score, and every run's score beside it. */
function median(runs: Figures[]): Figures & { performanceRuns: number[] } {
  const sorted = [...runs].sort((a, b) => a.performance - b.performance);
  return {
    ...sorted[Math.floor(sorted.length / 2)],
    performanceRuns: runs.map((r) => r.performance),
  };
}

async function main(): Promise<void> {
  const runs = parseRuns(process.argv.slice(2));
  const dataDir = mkdtempSync(path.join(tmpdir(), "roundtable-lighthouse-"));
  const profile = mkdtempSync(path.join(tmpdir(), "roundtable-lighthouse-chromium-"));
  const { server, url, setup } = await startServer(dataDir);
  process.on("exit", () => {
    if (!server.exited) server.process.kill("SIGKILL");
  });
  try {
    const { workshopId, code } = await seedWorkshop(url, setup);
    const joinUrl = `${url}/join/${code}`;
    const boardUrl = `${url}/w/${workshopId}`;

    // A first visit: Lighthouse clears the origin's storage itself.
    const join: Figures[] = [];
    for (let i = 0; i < runs; i++) {
      join.push(await measure(profile, joinUrl, false));
      console.log(`# join page run ${i + 1}: ${JSON.stringify(join.at(-1))}`);
    }

    // Join as a person does; the board is then loaded cold with the token kept.
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
    const version = context.browser()?.version() ?? null;
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(joinUrl);
    await page.getByLabel(/Your name/).fill("Lighthouse");
    await page.getByRole("button", { name: "Join workshop" }).click();
    await page.waitForURL(/\/w\/[\w-]+$/);
    await context.close();
    const board: Figures[] = [];
    for (let i = 0; i < runs; i++) {
      board.push(await measure(profile, boardUrl, true));
      console.log(`# attendee board run ${i + 1}: ${JSON.stringify(board.at(-1))}`);
    }
    const result = { lighthouse: LIGHTHOUSE, chromium: version, runs };
    console.log(JSON.stringify({ ...result, join: median(join), board: median(board) }));
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

await main();
