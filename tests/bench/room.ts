import { phase, type Bench } from "./Bench.js";
import { now, sleep } from "./clock.js";
import { boardOf, freshSync } from "./freshSync.js";
import { command, must } from "./rest.js";
import { fanOut, joinWave, reconnectWave, voteStorm } from "./scenarios.js";
import { compareVotes, exportedVotes, storedVotes } from "./verify.js";

/** The room's vote budget: one each, so that a second tap must be refused. */
export const VOTE_BUDGET = 1;

/** Figures for the closing JSON, by key. */
export type Figures = Record<string, unknown>;

/** a / b to two decimals, or null when either is missing. */
export function ratio(a: number | null, b: number | null): number | null {
  if (a === null || b === null || !(b > 0) || !Number.isFinite(a / b)) return null;
  return Math.round((a / b) * 100) / 100;
}

/**
 * The room's scenarios, in order: join wave, idle memory, fan-out (server,
 * then relay), vote storm (server, then relay), reconnect wave, and a check
 * that the full clients hold what a fresh copy of the board holds.
 */
export async function runRoom(bench: Bench, figures: Figures, errors: string[]): Promise<void> {
  const { server, pool, options, room, url } = bench;

  // Memory before and after the room joins: resident set from /proc, and the
  // live heap (after the collection a heap snapshot makes) from the probe.
  // A first snapshot only to let the allocator grow for snapshots, so that the
  // one taken before the join wave does not count in the resident set after it.
  await server.liveHeap();
  await sleep(1000);
  const heapBefore = await server.liveHeap();
  const rssBefore = server.resident().rss;
  const join = await phase(bench, "join wave", () => joinWave(bench));
  figures.joinWaveMs = join.joinWaveMs;
  figures.joinPerAttendeeMs = join.perAttendee;
  figures.joinStartLateMaxMs = join.startLateMaxMs;
  if (join.failed) {
    errors.push(`join wave: ${join.failed} attendees never synced (${join.errors.join("; ")})`);
  }

  // Idle: nothing but heartbeats and the presence count.
  await sleep(5000);
  const rssAfter = server.resident().rss;
  const heapAfter = await server.liveHeap();
  figures.heapBytesPerIdleClient = Math.round(
    (heapAfter.heapUsed - heapBefore.heapUsed) / options.clients,
  );
  figures.rssBytesPerIdleClient = Math.round((rssAfter - rssBefore) / options.clients);
  figures.serverMemory = {
    rssBefore,
    rssAfter,
    heapUsedBefore: heapBefore.heapUsed,
    heapUsedAfter: heapAfter.heapUsed,
    externalBefore: heapBefore.external,
    externalAfter: heapAfter.external,
    snapshots: [heapBefore.snapshot, heapAfter.snapshot],
  };

  const onRelay = await phase(bench, "relay connect", () =>
    pool.all("connectRelay", { room: "plenary", deadline: now() + 60_000 }),
  );
  if (onRelay.reduce((a, b) => a + b, 0) !== options.clients) {
    errors.push("not every client reached the relay");
  }
  const fan = await phase(bench, "fan-out (server and relay blocks)", () => fanOut(bench));
  const serverFan = fan.server;
  const relayFan = fan.relay;
  figures.fanoutP50Ms = serverFan.latency.p50;
  figures.fanoutP95Ms = serverFan.latency.p95;
  figures.fanoutP99Ms = serverFan.latency.p99;
  figures.fanoutMaxMs = serverFan.latency.max;
  figures.fanoutPerPost = {
    first: serverFan.firstArrival,
    last: serverFan.lastArrival,
    sendLateMaxMs: serverFan.sendLateMaxMs,
  };
  figures.relayFanoutP50Ms = relayFan.latency.p50;
  figures.relayFanoutP95Ms = relayFan.latency.p95;
  figures.relayFanoutP99Ms = relayFan.latency.p99;
  figures.relayFanoutMaxMs = relayFan.latency.max;
  figures.relayFanoutPerPost = {
    first: relayFan.firstArrival,
    last: relayFan.lastArrival,
    sendLateMaxMs: relayFan.sendLateMaxMs,
  };
  figures.fanoutRatioP99 = ratio(serverFan.latency.p99, relayFan.latency.p99);
  if (serverFan.missing || serverFan.failedPosts) {
    errors.push(
      `server fan-out: ${serverFan.missing} arrivals missing, ${serverFan.failedPosts} posts refused`,
    );
  }
  if (relayFan.missing) errors.push(`relay fan-out: ${relayFan.missing} arrivals missing`);

  must(await command(url, room.facilitatorToken, "phase.set", { phase: "vote" }), "phase.set");
  await sleep(500);
  const storm = await phase(bench, "vote storm (server)", () =>
    voteStorm(bench, "server", serverFan.ideaIds),
  );
  figures.voteStormAllFinalMs = storm.allFinalMs;
  figures.voteStormPerClientMs = storm.perClient;
  // What the acks said against what the server holds: its export, and the store itself.
  const exported = await exportedVotes(url, bench.organiserKey, room.workshopId);
  const stored = storedVotes(bench.dataDir, room.workshopId, VOTE_BUDGET);
  const versusExport = compareVotes(storm.expected, exported);
  const versusStore = compareVotes(storm.expected, stored.perIdea);
  figures.votesLost = Math.max(versusExport.lost, versusStore.lost);
  figures.votesOverBudget = stored.overBudget;
  figures.votes = {
    attendees: storm.votes,
    doubleTaps: storm.doubleTaps,
    acked: storm.acked,
    refused: storm.refused,
    phantom: Math.max(versusExport.phantom, versusStore.phantom),
    clientsNotFinal: storm.notFinal,
    sendLateMaxMs: storm.sendLateMaxMs,
    lastAckMs: storm.lastAckMs,
  };
  if (storm.notFinal)
    errors.push(`vote storm: ${storm.notFinal} clients never held the final tallies`);

  const relayStorm = await phase(bench, "vote storm (relay)", () =>
    voteStorm(bench, "relay", serverFan.ideaIds),
  );
  figures.relayVoteStormAllFinalMs = relayStorm.allFinalMs;
  figures.relayVoteStormPerClientMs = relayStorm.perClient;
  figures.relayVotes = { sendLateMaxMs: relayStorm.sendLateMaxMs };
  figures.voteStormRatio = ratio(storm.allFinalMs, relayStorm.allFinalMs);
  if (relayStorm.notFinal) {
    errors.push(`relay vote storm: ${relayStorm.notFinal} clients never got every vote`);
  }
  await pool.all("closeRelay", {});

  const reconnect = await phase(bench, "reconnect wave", () => reconnectWave(bench));
  figures.reconnectWaveMs = reconnect.reconnectWaveMs;
  figures.reconnectPerAttendeeMs = reconnect.perAttendee;
  if (reconnect.notConverged) {
    errors.push(`reconnect wave: ${reconnect.notConverged} attendees never converged`);
  }

  // What the full clients hold must be what a fresh copy of the board holds.
  await sleep(3000);
  const reference = boardOf(await freshSync(url, room.workshopId, room.facilitatorToken));
  const tallies = reference.getMap("tallies").toJSON() as Record<string, number>;
  const fingerprint = (ideas: number, t: unknown, meta: unknown) =>
    JSON.stringify([ideas, sortKeys(t), sortKeys(meta)]);
  const expected = fingerprint(
    reference.getMap("ideas").size,
    tallies,
    reference.getMap("meta").toJSON(),
  );
  const snapshots = (await pool.all("fullSnapshots", {})).flat();
  const differing = snapshots.filter((s) => fingerprint(s.ideas, s.tallies, s.meta) !== expected);
  figures.fullClientsMatch = `${snapshots.length - differing.length}/${snapshots.length}`;
  if (differing.length) errors.push(`${differing.length} full clients differ from the board`);
  const boardVersusAcks = compareVotes(storm.expected, tallies);
  if (boardVersusAcks.lost || boardVersusAcks.phantom) {
    errors.push("the board's tallies differ from the acked votes");
  }
}

function sortKeys(value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => [k, sortKeys(v)]),
  );
}
