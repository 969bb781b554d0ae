/**
 * An attendee worker: a share of the simulated room in its own thread, so
 * that thousands of clients do not queue behind one event loop. The main
 * thread drives it with the operations in workerApi.ts.
 */
import { performance, type EventLoopUtilization } from "node:perf_hooks";
import { parentPort } from "node:worker_threads";
import * as Y from "yjs";
import { docNames } from "../../shared/board.js";
import { PROTOCOL_VERSION, YJS_PARAMS, YJS_PATH } from "../../shared/protocol.js";
import { Attendee } from "./Attendee.js";
import { now, sleepUntil } from "./clock.js";
import { FullFeed } from "./FullFeed.js";
import { LightFeed, type Feed, type FeedHooks } from "./LightFeed.js";
import { command } from "./rest.js";
import { seededRandom } from "../helpers/random.js";
import { ideaText } from "./texts.js";
import { markedText, UpdateDigests } from "./UpdateDigests.js";
import type {
  AwaitFinalArgs,
  ConvergeArgs,
  FullSnapshot,
  HammerArgs,
  HammerJoinArgs,
  HammerOutcome,
  JoinArgs,
  JoinOutcome,
  JoinSpec,
  PostOutcome,
  Request,
  Response,
  Target,
  VoteArgs,
  VoteOutcome,
  WorkerApi,
  WorkerInit,
} from "./workerApi.js";

let config: WorkerInit = { serverUrl: "", relayUrl: "", worker: -1 };
const digests = new UpdateDigests();
const received = { messages: 0, bytes: 0 };
const attendees: Attendee[] = [];
let hammerers: Attendee[] = [];
/** first arrival of each bench post at each client, by target and tag, then seq */
const arrivals = new Map<string, { perSeq: Map<number, Float64Array>; have: Uint32Array }>();
let eluMark: EventLoopUtilization = performance.eventLoopUtilization();

function recorder(target: Target, tag: string) {
  const key = `${target}:${tag}`;
  let found = arrivals.get(key);
  if (!found) {
    found = { perSeq: new Map(), have: new Uint32Array(attendees.length) };
    arrivals.set(key, found);
  }
  return found;
}

function hooks(target: Target, attendee: Attendee): FeedHooks {
  return {
    digests,
    received,
    onMarker(tag, seq, at) {
      const record = recorder(target, tag);
      let perClient = record.perSeq.get(seq);
      if (!perClient) {
        perClient = new Float64Array(attendees.length).fill(Number.NaN);
        record.perSeq.set(seq, perClient);
      }
      if (!Number.isNaN(perClient[attendee.local])) return;
      perClient[attendee.local] = at;
      record.have[attendee.local]++;
    },
    onChange: () => attendee.changed(),
  };
}

function feedOf(attendee: Attendee, target: Target): Feed {
  const feed = target === "server" ? attendee.feed : attendee.relay;
  if (!feed) throw new Error(`attendee ${attendee.index} has no ${target} feed`);
  return feed;
}

function relayOf(attendee: Attendee): LightFeed {
  if (!attendee.relay) throw new Error(`attendee ${attendee.index} is not on the relay`);
  return attendee.relay;
}

function wsBase(url: string): string {
  return url.replace(/^http/, "ws");
}

async function joinOne(spec: JoinSpec, args: JoinArgs, attendee: Attendee): Promise<JoinOutcome> {
  await sleepUntil(spec.at);
  const startAt = now();
  const lateMs = startAt - spec.at;
  const fail = (error: string): JoinOutcome => ({
    index: spec.index,
    startAt,
    lateMs,
    syncedAt: null,
    error,
  });
  try {
    const joined = await command(config.serverUrl, undefined, "participant.join", {
      code: args.code,
      ...(spec.name ? { name: spec.name } : {}),
    });
    if (!joined.ok) return fail(joined.error.code);
    attendee.token = joined.value.token;
    attendee.openSocket(config.serverUrl);
    const docName = docNames.board(args.workshopId);
    const params = {
      [YJS_PARAMS.token]: attendee.token,
      [YJS_PARAMS.protocolVersion]: String(PROTOCOL_VERSION),
    };
    attendee.feed = spec.full
      ? new FullFeed(
          wsBase(config.serverUrl) + YJS_PATH,
          docName,
          params,
          hooks("server", attendee),
        )
      : new LightFeed(
          `${wsBase(config.serverUrl)}${YJS_PATH}/${encodeURIComponent(docName)}?${new URLSearchParams(params)}`,
          hooks("server", attendee),
        );
    const feed = attendee.feed;
    feed.connect();
    const synced = await attendee.until(
      () => attendee.socketUp && feed.syncedAt !== null,
      args.deadline,
    );
    if (!synced) return fail(attendee.socketUp ? "board never synced" : "socket never connected");
    return {
      index: spec.index,
      startAt,
      lateMs,
      syncedAt: Math.max(attendee.socketAt ?? 0, feed.syncedAt ?? 0),
      error: null,
    };
  } catch (error) {
    return fail(String(error));
  }
}

/** A Yjs update as a relay client writes it: one key of one root map, from a throwaway writer. */
function relayWrite(parent: string, key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap(parent).set(key, value);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

const api: WorkerApi = {
  async init(args) {
    config = args;
  },

  async join(args) {
    const specs = args.specs.map((spec) => {
      const attendee = new Attendee(spec.index, attendees.length);
      attendees.push(attendee);
      return { spec, attendee };
    });
    return Promise.all(specs.map(({ spec, attendee }) => joinOne(spec, args, attendee)));
  },

  async post(args) {
    const byIndex = new Map(attendees.map((a) => [a.index, a]));
    return Promise.all(
      args.specs.map(async (spec): Promise<PostOutcome> => {
        const attendee = byIndex.get(spec.index);
        if (!attendee) throw new Error(`attendee ${spec.index} is not in this worker`);
        const text = markedText(spec.text, args.tag, spec.seq);
        await sleepUntil(spec.at);
        const sentAt = now();
        const lateMs = sentAt - spec.at;
        if (args.target === "relay") {
          const id = `relay-${args.tag}-${spec.seq}`;
          relayOf(attendee).write(
            relayWrite("ideas", id, {
              id,
              promptId: args.promptId,
              text,
              authorName: null,
              createdAt: Date.now(),
              clusterId: null,
              merged: 0,
            }),
          );
          return { seq: spec.seq, sentAt, lateMs, ok: true, ideaId: id, error: null };
        }
        const result = await attendee.send("idea.post", { promptId: args.promptId, text });
        return result.ok
          ? { seq: spec.seq, sentAt, lateMs, ok: true, ideaId: result.value.ideaId, error: null }
          : { seq: spec.seq, sentAt, lateMs, ok: false, ideaId: null, error: result.error.code };
      }),
    );
  },

  async awaitPosts(args) {
    const record = recorder(args.target, args.tag);
    await Promise.all(
      attendees.map((attendee) =>
        attendee.until(() => record.have[attendee.local] >= args.count, args.deadline),
      ),
    );
    const clients = attendees.length;
    const flat = new Float64Array(args.count * clients).fill(Number.NaN);
    for (const [seq, perClient] of record.perSeq) {
      if (seq < args.count) flat.set(perClient, seq * clients);
    }
    return { clients, arrivals: flat };
  },

  async vote(args: VoteArgs) {
    const byIndex = new Map(attendees.map((a) => [a.index, a]));
    return Promise.all(
      args.specs.map(async (spec): Promise<VoteOutcome> => {
        const attendee = byIndex.get(spec.index);
        if (!attendee) throw new Error(`attendee ${spec.index} is not in this worker`);
        await sleepUntil(spec.at);
        const sentAt = now();
        const lateMs = sentAt - spec.at;
        if (args.target === "relay") {
          relayOf(attendee).write(relayWrite("votes", `v${spec.index}`, spec.ideaId));
          const ackAt = sentAt;
          return { index: spec.index, ideaId: spec.ideaId, sentAt, lateMs, ackAt, results: ["ok"] };
        }
        const taps = [attendee.send("vote.cast", { ideaId: spec.ideaId })];
        if (spec.double) taps.push(attendee.send("vote.cast", { ideaId: spec.ideaId }));
        const results = (await Promise.all(taps)).map((r) => (r.ok ? "ok" : r.error.code));
        return { index: spec.index, ideaId: spec.ideaId, sentAt, lateMs, ackAt: now(), results };
      }),
    );
  },

  async awaitFinal(args: AwaitFinalArgs) {
    const finalAt = await Promise.all(
      attendees.map(async (attendee) => {
        const feed = feedOf(attendee, args.target);
        const final = () =>
          args.expected
            ? feed.holds(args.parent, args.expected)
            : feed.count(args.parent) >= (args.expectedCount ?? 0);
        if (!(await attendee.until(final, args.deadline))) return null;
        return feed.changedAt.get(args.parent) ?? now();
      }),
    );
    return { finalAt };
  },

  async connectRelay({ room, deadline }) {
    for (const attendee of attendees) {
      attendee.relay = new LightFeed(
        `${wsBase(config.relayUrl)}/${room}`,
        hooks("relay", attendee),
      );
      attendee.relay.connect();
    }
    const synced = await Promise.all(
      attendees.map((a) => a.until(() => a.relay?.syncedAt !== null, deadline)),
    );
    return synced.filter(Boolean).length;
  },

  async closeRelay() {
    for (const attendee of attendees) {
      attendee.relay?.close();
      attendee.relay = null;
    }
  },

  async drop() {
    const dropAt = now();
    for (const attendee of attendees) attendee.drop();
    return dropAt;
  },

  async awaitConverged(args: ConvergeArgs) {
    const convergedAt = await Promise.all(
      attendees.map(async (attendee) => {
        const feed = feedOf(attendee, "server");
        const converged = () =>
          attendee.socketUp &&
          (attendee.socketAt ?? 0) > args.since &&
          feed.syncedAt !== null &&
          feed.syncedAt > args.since &&
          feed.hasClocks(args.clocks);
        return (await attendee.until(converged, args.deadline)) ? now() : null;
      }),
    );
    return { convergedAt };
  },

  async hammerJoin(args: HammerJoinArgs) {
    const joined: Attendee[] = [];
    // A few joins at a time: this is preparation, not the measurement.
    for (let i = 0; i < args.count && now() < args.deadline; i += 25) {
      const batch = Array.from({ length: Math.min(25, args.count - i) }, (_, k) => {
        const attendee = new Attendee(args.firstIndex + i + k, -1);
        return command(config.serverUrl, undefined, "participant.join", { code: args.code }).then(
          (result) => {
            if (!result.ok) throw new Error(`hammer join: ${result.error.code}`);
            attendee.token = result.value.token;
            attendee.openSocket(config.serverUrl);
            joined.push(attendee);
          },
        );
      });
      await Promise.all(batch);
    }
    await Promise.all(joined.map((a) => a.until(() => a.socketUp, args.deadline)));
    hammerers = joined;
    return joined.filter((a) => a.socketUp).length;
  },

  async hammer(args: HammerArgs): Promise<HammerOutcome> {
    const random = seededRandom(args.seed);
    const texts = hammerers.map(() =>
      Array.from({ length: args.perAttendee }, () => ideaText(random)),
    );
    const refused: Record<string, number> = {};
    const ackMs: number[] = [];
    let ok = 0;
    let firstSentAt = Number.POSITIVE_INFINITY;
    let lastAckAt = 0;
    await sleepUntil(args.startAt);
    // Each attendee posts as fast as its acks come back: one command in flight, as the app sends.
    await Promise.all(
      hammerers.map(async (attendee, a) => {
        for (let k = 0; k < args.perAttendee && now() < args.deadline; k++) {
          const sentAt = now();
          firstSentAt = Math.min(firstSentAt, sentAt);
          const result = await attendee.send("idea.post", {
            promptId: args.promptId,
            text: texts[a][k],
          });
          const ackAt = now();
          lastAckAt = Math.max(lastAckAt, ackAt);
          ackMs.push(ackAt - sentAt);
          if (result.ok) ok++;
          else refused[result.error.code] = (refused[result.error.code] ?? 0) + 1;
        }
      }),
    );
    return { ok, refused, firstSentAt, lastAckAt, ackMs: Float64Array.from(ackMs) };
  },

  async hammerClose() {
    for (const attendee of hammerers) attendee.close();
    hammerers = [];
  },

  async fullSnapshots() {
    const snapshots: FullSnapshot[] = [];
    for (const attendee of attendees) {
      if (attendee.feed instanceof FullFeed) {
        snapshots.push({ index: attendee.index, ...attendee.feed.snapshot() });
      }
    }
    return snapshots;
  },

  async load() {
    const elu = performance.eventLoopUtilization(eluMark);
    eluMark = performance.eventLoopUtilization();
    const load = { elu: elu.utilization, messages: received.messages, bytes: received.bytes };
    received.messages = 0;
    received.bytes = 0;
    return load;
  },

  async close() {
    for (const attendee of [...attendees, ...hammerers]) attendee.close();
  },
};

const port = parentPort;
if (!port) throw new Error("worker.ts runs as a worker thread");
port.on("message", (request: Request) => {
  const run = api[request.op] as (args: unknown) => Promise<unknown>;
  run(request.args).then(
    (value) => {
      // Arrival matrices can be megabytes: hand them over instead of copying.
      const transfer =
        value && typeof value === "object" && "arrivals" in value
          ? [(value as { arrivals: Float64Array<ArrayBuffer> }).arrivals.buffer]
          : [];
      port.postMessage({ id: request.id, ok: true, value } satisfies Response, transfer);
    },
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies Response),
  );
});
