import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { phase, type Bench, type Workshop } from "./Bench.js";
import { now, sleep } from "./clock.js";
import { boardOf, freshSync } from "./freshSync.js";
import { command, must } from "./rest.js";
import { distribution, percentile, r1, type Distribution } from "./stats.js";
import { tsWorker } from "./tsWorker.js";

/** Attendee indices of the posting crowds, far from the room's own. */
const CROWD_INDEX = 1_000_000;

/** Joins `count` attendees to a workshop, command sockets only, spread over the workers. */
export async function gatherCrowd(
  bench: Bench,
  workshop: Workshop,
  count: number,
): Promise<number> {
  const { pool } = bench;
  const joined = await pool.all("hammerJoin", (w) => ({
    code: workshop.code,
    count: Math.floor(count / pool.size) + (w < count % pool.size ? 1 : 0),
    firstIndex: CROWD_INDEX + w * 100_000,
    deadline: now() + 120_000,
  }));
  return joined.reduce((a, b) => a + b, 0);
}

export interface Throughput {
  ackedCommandsPerSec: number | null;
  acked: number;
  refused: Record<string, number>;
  ackMs: Distribution;
  wallMs: number | null;
  /** one-row durable commits on the same disk meanwhile, ms */
  diskCommitMs: Distribution | null;
}

/**
 * Starts the disk probe (diskProbe.ts) on the filesystem of `near`; stop()
 * ends it and gives the commit times it saw.
 */
function diskProbe(near: string, maxMs: number): { stop(): Promise<Distribution | null> } {
  const folder = mkdtempSync(path.join(path.dirname(near), "roundtable-disk-"));
  const worker = tsWorker(new URL("./diskProbe.ts", import.meta.url), { folder, maxMs });
  const result = new Promise<Distribution | null>((resolve) => {
    worker.once("message", (d: Distribution) => resolve(d));
    worker.once("error", () => resolve(null));
  });
  return {
    async stop() {
      worker.postMessage("stop");
      const found = await Promise.race([result, sleep(5000).then(() => null)]);
      await worker.terminate();
      rmSync(folder, { recursive: true, force: true });
      return found;
    },
  };
}

/**
 * The crowd posts ideas, each attendee as fast as its acks come back (one
 * command in flight per socket, as the app sends them). Acked means
 * committed with synchronous=FULL. The rate is acked commands over the time
 * from the first send to the last ack.
 */
export async function hammer(
  bench: Bench,
  workshop: Workshop,
  perAttendee: number,
): Promise<Throughput> {
  const disk = diskProbe(bench.dataDir, 180_000);
  const startAt = now() + 500;
  const outcomes = await bench.pool.all("hammer", (w) => ({
    promptId: workshop.promptId,
    perAttendee,
    startAt,
    deadline: startAt + 120_000,
    seed: bench.options.seed + w,
  }));
  const acked = outcomes.reduce((sum, o) => sum + o.ok, 0);
  const refused: Record<string, number> = {};
  for (const o of outcomes) {
    for (const [code, n] of Object.entries(o.refused)) refused[code] = (refused[code] ?? 0) + n;
  }
  const first = Math.min(...outcomes.map((o) => o.firstSentAt));
  const last = Math.max(...outcomes.map((o) => o.lastAckAt));
  const wallMs = last - first;
  return {
    ackedCommandsPerSec: wallMs > 0 ? Math.round((acked / wallMs) * 1000) : null,
    acked,
    refused,
    ackMs: distribution(outcomes.flatMap((o) => [...o.ackMs])),
    wallMs: r1(wallMs),
    diskCommitMs: await disk.stop(),
  };
}

export interface FreshSyncCost {
  ideas: number;
  docBytes: number;
  meanTextChars: number | null;
  overheadBytesPerIdea: number | null;
  /** server main-thread CPU for one fresh sync whose encoding is not cached (median) */
  uncachedMs: number | null;
  /** the same when the encoded state is cached (the join-wave case) */
  cachedMs: number | null;
  uncachedMaxMs: number | null;
  rounds: number;
}

/**
 * Fresh syncs of a board holding `ideas` ideas. Each round the facilitator
 * changes the board (restarts the timer), which drops the server's cached
 * encoding; then one fresh sync pays for the encoding and a second one gets
 * it from the cache. The server's main-thread CPU is read from
 * /proc/<pid>/task/<pid>/schedstat (nanoseconds) around each sync, after
 * the change has settled.
 */
export async function freshSyncCost(bench: Bench, workshop: Workshop): Promise<FreshSyncCost> {
  const sync = await freshSync(bench.url, workshop.workshopId, workshop.facilitatorToken);
  const board = boardOf(sync).getMap<{ text: string }>("ideas");
  const ideas = board.size;
  const textChars = [...board.values()].reduce((sum, idea) => sum + idea.text.length, 0);
  const uncached: number[] = [];
  const cached: number[] = [];
  const cpuOfOneSync = async (): Promise<number> => {
    const before = bench.server.mainThreadCpuNs();
    await freshSync(bench.url, workshop.workshopId, workshop.facilitatorToken);
    // The server is done once the client holds step 2; the close is part of the cost.
    await sleep(20);
    return (bench.server.mainThreadCpuNs() - before) / 1e6;
  };
  for (let round = 0; round < bench.options.freshRounds; round++) {
    must(
      await command(bench.url, workshop.facilitatorToken, "timer.start", { seconds: 60 + round }),
      "timer.start",
    );
    await sleep(150);
    uncached.push(await cpuOfOneSync());
    await sleep(50);
    cached.push(await cpuOfOneSync());
    await sleep(50);
  }
  const sorted = (xs: number[]) => Float64Array.from(xs).sort();
  return {
    ideas,
    docBytes: sync.update.length,
    meanTextChars: ideas ? r1(textChars / ideas) : null,
    // What each idea costs besides its text: keys, ids, the Yjs item around it.
    overheadBytesPerIdea: ideas ? Math.round((sync.update.length - textChars) / ideas) : null,
    uncachedMs: r1(percentile(sorted(uncached), 50)),
    cachedMs: r1(percentile(sorted(cached), 50)),
    uncachedMaxMs: r1(Math.max(...uncached)),
    rounds: uncached.length,
  };
}

/**
 * The durable scenarios: throughput of a crowd in one workshop, then the
 * cost of a fresh sync of a board the crowd of another workshop seeded with
 * 2,000 ideas (100 attendees, 20 each: inside every attendee's burst).
 */
export async function runDurable(
  bench: Bench,
  crowdRoom: Workshop,
  seededRoom: Workshop,
  figures: Record<string, unknown>,
  errors: string[],
): Promise<void> {
  const { options, pool } = bench;
  await gatherCrowd(bench, crowdRoom, options.throughputAttendees);
  const throughput = await phase(bench, "durable throughput", () =>
    hammer(bench, crowdRoom, options.throughputPerAttendee),
  );
  await pool.all("hammerClose", {});
  figures.ackedCommandsPerSec = throughput.ackedCommandsPerSec;
  const cpu = bench.phases["durable throughput"]?.serverCpuMs;
  figures.throughput = {
    ...throughput,
    // CPU per command tells the engine's cost apart from a busy machine's scheduling.
    serverCpuUsPerCommand:
      cpu && throughput.acked ? Math.round((cpu * 1000) / throughput.acked) : null,
  };
  if (Object.keys(throughput.refused).length) {
    errors.push(`throughput: refused ${JSON.stringify(throughput.refused)}`);
  }

  await gatherCrowd(bench, seededRoom, 100);
  const seeded = await hammer(bench, seededRoom, 20);
  await pool.all("hammerClose", {});
  await sleep(500);
  const fresh = await phase(bench, "fresh sync 2000", () => freshSyncCost(bench, seededRoom));
  figures.freshSync2000Ms = fresh.uncachedMs;
  figures.freshSync2000CachedMs = fresh.cachedMs;
  figures.doc2000Bytes = fresh.docBytes;
  figures.freshSync = { ...fresh, seededAcked: seeded.acked };
  if (fresh.ideas !== 2000) errors.push(`the seeded board holds ${fresh.ideas} ideas, not 2000`);
}
