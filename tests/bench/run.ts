/**
 * The load benchmark: a room of N phones against the production build, and
 * the same clients against a minimal Yjs relay as the baseline.
 *
 *   npm run bench -- --clients 1000
 *   npx tsx tests/bench/run.ts --clients 200        (after `npm run build`)
 *
 * Progress lines start with "#"; the last line is one JSON object with the
 * figures (see README.md beside this file). Options, all optional:
 *   --clients N (200)  --workers W (2)  --full F (5)  --posts P (100)
 *   --post-rate per-second (10)  --join-spread-ms (10000)
 *   --throughput-attendees (1000)  --throughput-per-attendee (10)
 *   --fresh-rounds (15)  --seed (1)  --profile DIR (server CPU profile)
 *   --only room|durable (one half of the scenarios, to profile it)
 *   --server-entry FILE (another build's dist/server/index.js, for before/after runs)
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { cpus, freemem, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Bench, Options, Workshop } from "./Bench.js";
import { ChildServer } from "./ChildServer.js";
import { now, sleep } from "./clock.js";
import { gatherCrowd, hammer, runDurable } from "./durable.js";
import { boardOf, freshSync } from "./freshSync.js";
import { loadAverage } from "./proc.js";
import { command, must } from "./rest.js";
import { runRoom, VOTE_BUDGET } from "./room.js";
import { WorkerPool } from "./WorkerPool.js";

const root = path.resolve(fileURLToPath(import.meta.url), "../../..");
const HARD_LIMIT_MS = 30 * 60_000;

function parseOptions(argv: string[]): Options {
  const value = (name: string, fallback: number): number => {
    const at = argv.indexOf(`--${name}`);
    if (at < 0) return fallback;
    const parsed = Number(argv[at + 1]);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`--${name} needs a number`);
    return parsed;
  };
  const profileAt = argv.indexOf("--profile");
  const clients = value("clients", 200);
  return {
    clients,
    workers: value("workers", 2),
    full: Math.min(value("full", 5), clients),
    posts: value("posts", 100),
    postRate: value("post-rate", 10),
    joinSpreadMs: value("join-spread-ms", 10_000),
    throughputAttendees: value("throughput-attendees", 1000),
    throughputPerAttendee: value("throughput-per-attendee", 10),
    freshRounds: value("fresh-rounds", 15),
    seed: value("seed", 1),
    only: onlyOf(argv),
    profileDir: profileAt >= 0 ? path.resolve(argv[profileAt + 1] ?? "bench-profile") : null,
  };
}

function onlyOf(argv: string[]): Options["only"] {
  const at = argv.indexOf("--only");
  if (at < 0) return null;
  const only = argv[at + 1];
  if (only !== "room" && only !== "durable") throw new Error("--only takes room or durable");
  return only;
}

/** Warns when the build is older than the server's sources: the bench measures the build. */
function checkBuild(): string {
  const other = process.argv.indexOf("--server-entry");
  // Another build of the server (e.g. a copy of the one before a change), for before/after runs.
  if (other >= 0) return path.resolve(process.argv[other + 1]);
  const entry = path.join(root, "dist/server/index.js");
  if (!existsSync(entry)) throw new Error("no dist/server/index.js: run `npm run build` first");
  const built = statSync(entry).mtimeMs;
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((d) =>
        d.isDirectory() ? newest(path.join(dir, d.name)) : statSync(path.join(dir, d.name)).mtimeMs,
      ),
    );
  if (Math.max(newest(path.join(root, "server")), newest(path.join(root, "shared"))) > built) {
    console.log("# warning: server/ or shared/ changed after the last build; run `npm run build`");
  }
  return entry;
}

async function startServer(
  options: Options,
  dataDir: string,
): Promise<{ server: ChildServer; url: string; setupToken: string }> {
  const args = ["--import", path.join(root, "tests/bench/memoryProbe.mjs")];
  if (options.profileDir) {
    mkdirSync(options.profileDir, { recursive: true });
    args.unshift("--cpu-prof", `--cpu-prof-dir=${options.profileDir}`);
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
  };
  delete env.PUBLIC_URL;
  delete env.RETENTION_DAYS;
  const server = new ChildServer("server", process.execPath, [...args, checkBuild()], env);
  const [, port, setupToken] = await server.waitForLine(/localhost:(\d+)\/setup#([\w-]+)/, 60_000);
  return { server, url: `http://127.0.0.1:${port}`, setupToken };
}

async function startRelay(): Promise<{ relay: ChildServer; relayUrl: string }> {
  const relay = new ChildServer(
    "relay",
    process.execPath,
    ["--import", "tsx", path.join(root, "tests/bench/relay.ts")],
    { ...process.env, PORT: "0" },
  );
  const [, port] = await relay.waitForLine(/^RELAY-LISTENING (\d+)$/, 60_000);
  return { relay, relayUrl: `http://127.0.0.1:${port}` };
}

async function createWorkshop(
  url: string,
  organiserKey: string,
  title: string,
  settings: Record<string, number | boolean>,
): Promise<Workshop> {
  const created = must(
    await command(url, organiserKey, "workshop.create", {
      title,
      prompts: ["What would help partners hear concerns sooner?"],
      settings,
    }),
    "workshop.create",
  );
  must(
    await command(url, created.facilitatorToken, "phase.set", { phase: "brainstorm" }),
    "phase.set",
  );
  const board = boardOf(await freshSync(url, created.workshopId, created.facilitatorToken));
  const prompts = board.getMap("meta").get("prompts") as { id: string }[];
  return { ...created, promptId: prompts[0].id };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = now();
  const result: Record<string, unknown> = { clients: options.clients };
  const errors: string[] = [];
  const log = (line: string) => console.log(`# ${line}`);
  const load1Start = loadAverage();
  const dataDir = mkdtempSync(path.join(tmpdir(), "roundtable-bench-"));
  const { server, url, setupToken } = await startServer(options, dataDir);
  const { relay, relayUrl } = await startRelay();
  const pool = new WorkerPool(options.workers);
  // Never leave a server behind, whatever happens to the harness.
  process.on("exit", () => {
    for (const child of [server, relay]) if (!child.exited) child.process.kill("SIGKILL");
  });
  const hardLimit = setTimeout(() => {
    console.log(JSON.stringify({ ...result, errors: [...errors, "hard time limit reached"] }));
    process.exit(1);
  }, HARD_LIMIT_MS);
  hardLimit.unref();
  let bench: Bench | null = null;
  try {
    log(
      `server pid ${server.pid} at ${url}; relay pid ${relay.pid} at ${relayUrl}; data ${dataDir}`,
    );
    const { organiserKey } = must(
      await command(url, setupToken, "summit.create", { name: "Bench summit" }),
      "summit.create",
    );
    const room = await createWorkshop(url, organiserKey, "Plenary", {
      liveResults: true,
      votesPerAttendee: VOTE_BUDGET,
    });
    const crowdRoom = await createWorkshop(url, organiserKey, "Throughput", {
      ideasPerAttendee: 200,
    });
    const seededRoom = await createWorkshop(url, organiserKey, "Seeded board", {
      ideasPerAttendee: 200,
    });
    await pool.all("init", (worker) => ({ serverUrl: url, relayUrl, worker }));
    bench = {
      options,
      server,
      relay,
      url,
      relayUrl,
      pool,
      organiserKey,
      dataDir,
      room,
      log,
      phases: {},
    };

    // Warm the server's code paths (join, connect, post) before anything is measured.
    await gatherCrowd(bench, crowdRoom, 20);
    await hammer(bench, crowdRoom, 5);
    await pool.all("hammerClose", {});
    await sleep(1000);

    if (options.only !== "durable") await runRoom(bench, result, errors);
    if (options.only !== "room") await runDurable(bench, crowdRoom, seededRoom, result, errors);
  } catch (error) {
    errors.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  } finally {
    await Promise.race([pool.all("close", {}).catch(() => undefined), sleep(10_000)]);
    await pool.terminate();
    await server.stop();
    await relay.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  result.phases = bench?.phases ?? {};
  // CPU of each side over all measured phases: was the harness or the server the busier?
  const phases = Object.values(bench?.phases ?? {});
  const total = (pick: (p: (typeof phases)[number]) => number | null) =>
    Math.round(phases.reduce((sum, p) => sum + (pick(p) ?? 0), 0));
  result.cpuMs = {
    server: total((p) => p.serverCpuMs),
    relay: total((p) => p.relayCpuMs),
    harness: total((p) => p.harnessCpuMs),
  };
  result.machine = {
    nproc: cpus().length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    freeMemoryGB: Math.round(freemem() / 2 ** 30),
    node: process.version,
    load1Start,
    load1End: loadAverage(),
  };
  result.options = options;
  result.date = new Date().toISOString();
  result.wallMs = Math.round(now() - started);
  result.errors = errors;
  console.log(JSON.stringify(result));
  clearTimeout(hardLimit);
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.log(JSON.stringify({ error: String(error) }));
    process.exit(1);
  },
);
