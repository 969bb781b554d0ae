import { seededRandom } from "../helpers/random.js";
import type { Bench } from "./Bench.js";
import { now, sleep } from "./clock.js";
import { command, must } from "./rest.js";
import { freshSync } from "./freshSync.js";
import { distribution, r1, type Distribution } from "./stats.js";
import { attendeeName, ideaText } from "./texts.js";
import type {
  JoinSpec,
  PostOutcome,
  PostSpec,
  Target,
  VoteOutcome,
  VoteSpec,
} from "./workerApi.js";

/** Time to schedule work ahead, so every worker has its orders before the first one is due. */
const LEAD_MS = 500;

export interface JoinWave {
  joinWaveMs: number | null;
  /** the latest any join started after its turn: a busy harness shows here */
  startLateMaxMs: number | null;
  /** from an attendee's start to both channels up and the board synced */
  perAttendee: Distribution;
  failed: number;
  errors: string[];
}

/**
 * Join wave: every attendee joins by code (REST), opens its command socket
 * and its board feed, with starts spread evenly over the spread window.
 * The figure is from the first start to the last attendee synced.
 */
export async function joinWave(bench: Bench): Promise<JoinWave> {
  const { clients, full, joinSpreadMs } = bench.options;
  const t0 = now() + LEAD_MS;
  const specs: JoinSpec[] = Array.from({ length: clients }, (_, index) => ({
    index,
    full: index < full,
    name: attendeeName(index),
    at: t0 + (index / clients) * joinSpreadMs,
  }));
  const deadline = t0 + joinSpreadMs + 120_000;
  const outcomes = (
    await Promise.all(
      bench.pool.split(specs).map((part, w) =>
        bench.pool.call(w, "join", {
          code: bench.room.code,
          workshopId: bench.room.workshopId,
          specs: part,
          deadline,
        }),
      ),
    )
  ).flat();
  const synced = outcomes.filter((o) => o.syncedAt !== null);
  const failed = outcomes.filter((o) => o.syncedAt === null);
  return {
    joinWaveMs:
      failed.length === 0 ? r1(Math.max(...synced.map((o) => o.syncedAt as number)) - t0) : null,
    perAttendee: distribution(synced.map((o) => (o.syncedAt as number) - o.startAt)),
    startLateMaxMs: r1(Math.max(...outcomes.map((o) => o.lateMs))),
    failed: failed.length,
    errors: [...new Set(failed.map((o) => o.error ?? "?"))].slice(0, 5),
  };
}

export interface FanOut {
  latency: Distribution;
  /** per post: to its first client (the command path), and to its last (the whole fan-out) */
  firstArrival: Distribution;
  lastArrival: Distribution;
  /** (post, client) pairs that never arrived */
  missing: number;
  failedPosts: number;
  ideaIds: string[];
  /** the latest any post left after its turn: a busy harness shows here */
  sendLateMaxMs: number | null;
}

/** One block of posts to one target, before its figures are summed up. */
interface Block {
  latencies: number[];
  lateMs: number;
  first: number[];
  last: number[];
  missing: number;
  failed: number;
  ideaIds: string[];
}

/** Blocks per target; server and relay blocks alternate so both see the same machine. */
const FAN_OUT_BLOCKS = 4;

/**
 * Idea fan-out: posts at a steady rate, each by another attendee; latency
 * is from the post's send to its arrival at each client, over every
 * (post, client) pair. On the relay a post is the client's own update.
 * The posts go in alternating blocks (server, relay, server, ...), so that
 * a busy spell on this shared machine hits both and not just one.
 */
export async function fanOut(bench: Bench): Promise<Record<Target, FanOut>> {
  const perBlock = Math.ceil(bench.options.posts / FAN_OUT_BLOCKS);
  const blocks: Record<Target, Block[]> = { server: [], relay: [] };
  for (let b = 0; b < FAN_OUT_BLOCKS; b++) {
    for (const target of ["server", "relay"] as const) {
      const tag = (target === "server" ? "abcdefgh" : "pqrstuvw")[b];
      blocks[target].push(await fanOutBlock(bench, target, tag, perBlock, b * perBlock));
      await sleep(300);
    }
  }
  const sum = (parts: Block[]): FanOut => {
    const first = parts.flatMap((p) => p.first);
    const last = parts.flatMap((p) => p.last);
    if (process.env.BENCH_DEBUG) {
      bench.log(`first arrival per post: ${first.map(Math.round).join(" ")}`);
      bench.log(`last arrival per post: ${last.map(Math.round).join(" ")}`);
    }
    return {
      latency: distribution(parts.flatMap((p) => p.latencies)),
      firstArrival: distribution(first),
      lastArrival: distribution(last),
      missing: parts.reduce((n, p) => n + p.missing, 0),
      failedPosts: parts.reduce((n, p) => n + p.failed, 0),
      ideaIds: parts.flatMap((p) => p.ideaIds),
      sendLateMaxMs: r1(Math.max(...parts.map((p) => p.lateMs))),
    };
  };
  return { server: sum(blocks.server), relay: sum(blocks.relay) };
}

async function fanOutBlock(
  bench: Bench,
  target: Target,
  tag: string,
  posts: number,
  firstPoster: number,
): Promise<Block> {
  const { clients, postRate, full, seed } = bench.options;
  const random = seededRandom(seed + tag.charCodeAt(0));
  const t0 = now() + LEAD_MS;
  const posters = Math.max(1, clients - full);
  const specs: PostSpec[] = Array.from({ length: posts }, (_, seq) => ({
    seq,
    index: full + (((firstPoster + seq) * 7) % posters),
    at: t0 + (seq * 1000) / postRate,
    text: ideaText(random),
  }));
  const deadline = t0 + (posts * 1000) / postRate + 60_000;
  const arriving = bench.pool.all("awaitPosts", { target, tag, count: posts, deadline });
  const sent: PostOutcome[] = (
    await Promise.all(
      bench.pool.split(specs).map((part, w) =>
        bench.pool.call(w, "post", {
          target,
          tag,
          promptId: bench.room.promptId,
          specs: part,
          deadline,
        }),
      ),
    )
  ).flat();
  const sentAt = new Map(sent.filter((p) => p.ok).map((p) => [p.seq, p.sentAt]));
  const block: Block = {
    latencies: [],
    lateMs: Math.max(...sent.map((p) => p.lateMs)),
    first: [],
    last: [],
    missing: 0,
    failed: sent.filter((p) => !p.ok).length,
    ideaIds: sent
      .filter((p) => p.ok && p.ideaId)
      .sort((a, b) => a.seq - b.seq)
      .map((p) => p.ideaId as string),
  };
  const first = new Float64Array(posts).fill(Number.POSITIVE_INFINITY);
  const last = new Float64Array(posts).fill(Number.NEGATIVE_INFINITY);
  for (const { clients: n, arrivals } of await arriving) {
    for (let seq = 0; seq < posts; seq++) {
      const at = sentAt.get(seq);
      if (at === undefined) continue;
      for (let c = 0; c < n; c++) {
        const arrival = arrivals[seq * n + c];
        if (Number.isNaN(arrival)) {
          block.missing++;
          continue;
        }
        block.latencies.push(arrival - at);
        first[seq] = Math.min(first[seq], arrival - at);
        last[seq] = Math.max(last[seq], arrival - at);
      }
    }
  }
  block.first = [...first].filter(Number.isFinite);
  block.last = [...last].filter(Number.isFinite);
  return block;
}

export interface VoteStorm {
  /** from the storm's start to the moment the last client held the final tallies */
  allFinalMs: number | null;
  /** per client, the same */
  perClient: Distribution;
  notFinal: number;
  votes: number;
  acked: number;
  refused: Record<string, number>;
  /** the final tallies every client waited for (server only) */
  expected: Record<string, number>;
  doubleTaps: number;
  /** the latest any vote left after its moment, and when the last ack came, from the start */
  sendLateMaxMs: number | null;
  lastAckMs: number | null;
}

/**
 * Vote storm: every attendee casts one vote at a random moment within one
 * second (one in ten taps twice, which the budget must refuse); then every
 * client must come to hold the final tallies. On the relay a vote is the
 * client's own update to a "votes" map and "final" is holding all of them.
 */
export async function voteStorm(
  bench: Bench,
  target: Target,
  ideaIds: string[],
): Promise<VoteStorm> {
  const { clients, full, seed } = bench.options;
  if (ideaIds.length === 0) throw new Error("vote storm: no ideas to vote on");
  const random = seededRandom(seed + 17);
  const t0 = now() + LEAD_MS;
  // Votes gather on a few favourites, as they do in a room.
  const choices = ideaIds.slice(0, 20);
  const specs: VoteSpec[] = Array.from({ length: clients }, (_, index) => ({
    index,
    ideaId: choices[Math.floor(random() ** 2 * choices.length)],
    at: t0 + random() * 1000,
    double: target === "server" && index >= full && random() < 0.1,
  }));
  const deadline = t0 + (target === "relay" ? 180_000 : 60_000);
  const outcomes: VoteOutcome[] = (
    await Promise.all(
      bench.pool
        .split(specs)
        .map((part, w) => bench.pool.call(w, "vote", { target, specs: part, deadline })),
    )
  ).flat();
  const expected: Record<string, number> = {};
  const refused: Record<string, number> = {};
  let acked = 0;
  for (const outcome of outcomes) {
    for (const result of outcome.results) {
      if (result === "ok") {
        acked++;
        expected[outcome.ideaId] = (expected[outcome.ideaId] ?? 0) + 1;
      } else {
        refused[result] = (refused[result] ?? 0) + 1;
      }
    }
  }
  const finals = (
    await bench.pool.all("awaitFinal", {
      target,
      parent: target === "server" ? "tallies" : "votes",
      expected: target === "server" ? expected : null,
      expectedCount: target === "server" ? null : clients,
      deadline,
    })
  ).flatMap((o) => o.finalAt);
  const reached = finals.filter((f): f is number => f !== null);
  const notFinal = finals.length - reached.length;
  return {
    allFinalMs: notFinal === 0 ? r1(Math.max(...reached) - t0) : null,
    perClient: distribution(reached.map((f) => f - t0)),
    notFinal,
    votes: specs.length,
    acked,
    refused,
    expected,
    doubleTaps: specs.filter((s) => s.double).length,
    sendLateMaxMs: r1(Math.max(...outcomes.map((o) => o.lateMs))),
    lastAckMs: r1(Math.max(...outcomes.map((o) => o.ackAt)) - t0),
  };
}

export interface ReconnectWave {
  reconnectWaveMs: number | null;
  perAttendee: Distribution;
  notConverged: number;
}

/**
 * Reconnect wave: every attendee loses both channels at once; while they
 * are away the facilitator changes the board. Converged: the command
 * socket is back and the board feed has synced again and holds the change.
 */
export async function reconnectWave(bench: Bench): Promise<ReconnectWave> {
  const dropAt = Math.min(...(await bench.pool.all("drop", {})));
  await sleep(100);
  must(
    await command(bench.url, bench.room.facilitatorToken, "timer.start", { seconds: 600 }),
    "timer.start during the outage",
  );
  const reference = await freshSync(bench.url, bench.room.workshopId, bench.room.facilitatorToken);
  const deadline = dropAt + 90_000;
  const converged = (
    await bench.pool.all("awaitConverged", { clocks: reference.clocks, since: dropAt, deadline })
  ).flatMap((o) => o.convergedAt);
  const reached = converged.filter((c): c is number => c !== null);
  const notConverged = converged.length - reached.length;
  return {
    reconnectWaveMs: notConverged === 0 ? r1(Math.max(...reached) - dropAt) : null,
    perAttendee: distribution(reached.map((c) => c - dropAt)),
    notConverged,
  };
}
