import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DocRoom, type Peer } from "../../server/yjs/DocRoom.js";
import { decodePeerMessage, encodeSyncStep1, HEARTBEAT } from "../../server/yjs/messages.js";

function recorder(writable = false): Peer & { sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  return { writable, sent, send: (m) => sent.push(m), close: () => undefined };
}

function room(clock: { now: number }): DocRoom {
  return new DocRoom("board:abcdef12", [], {
    batchWindowMs: 20,
    persistPeerUpdate: () => undefined,
    now: () => clock.now,
  });
}

/** The update carried by an outgoing sync message. */
function updateOf(message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder);
}

describe("adaptive batching of outgoing updates", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends an update to a quiet document at once, and merges a burst into one message", () => {
    vi.useFakeTimers();
    const clock = { now: 1000 };
    const r = room(clock);
    const peer = recorder();
    r.addPeer(peer);
    const change = (i: number) => {
      r.change(() => r.doc.getMap("ideas").set(`idea${i}`, i));
      for (const u of r.takeUncommitted()) r.publish(u);
    };
    change(0);
    expect(peer.sent).toHaveLength(1); // quiet: at once
    change(1);
    change(2);
    change(3);
    expect(peer.sent).toHaveLength(1); // burst: held for the window
    clock.now += 19;
    vi.advanceTimersByTime(19);
    expect(peer.sent).toHaveLength(1);
    clock.now += 1;
    vi.advanceTimersByTime(1);
    expect(peer.sent).toHaveLength(2);
    const replica = new Y.Doc();
    for (const m of peer.sent) Y.applyUpdate(replica, updateOf(m));
    expect(replica.getMap("ideas").toJSON()).toEqual({ idea0: 0, idea1: 1, idea2: 2, idea3: 3 });
    r.destroy();
  });

  it("flushes a storm (ten updates or more at once) five windows apart, and people posting one window apart", () => {
    vi.useFakeTimers();
    const clock = { now: 1000 };
    const r = room(clock);
    const peer = recorder();
    r.addPeer(peer);
    const advance = (ms: number) => {
      clock.now += ms;
      vi.advanceTimersByTime(ms);
    };
    let next = 0;
    const commit = (updates: number) => {
      const batch: Uint8Array[] = [];
      for (let i = 0; i < updates; i++) {
        r.change(() => r.doc.getMap("tallies").set(`idea${next++}`, 1));
        batch.push(...r.takeUncommitted());
      }
      r.publish(...batch);
    };
    commit(10); // quiet: out at once, but it was a storm
    expect(peer.sent).toHaveLength(1);
    commit(3);
    advance(99);
    expect(peer.sent).toHaveLength(1);
    advance(1);
    expect(peer.sent).toHaveLength(2); // three updates: no storm any more
    commit(1);
    advance(19);
    expect(peer.sent).toHaveLength(2);
    advance(1);
    expect(peer.sent).toHaveLength(3);
    const replica = new Y.Doc();
    for (const m of peer.sent) Y.applyUpdate(replica, updateOf(m));
    expect(replica.getMap("tallies").size).toBe(14);
    r.destroy();
  });

  it("sends the same bytes to every peer", () => {
    const r = room({ now: 0 });
    const peers = [recorder(), recorder(), recorder()];
    peers.forEach((p) => r.addPeer(p));
    r.change(() => r.doc.getMap("m").set("k", 1));
    for (const u of r.takeUncommitted()) r.publish(u);
    expect(peers[0].sent[0]).toBe(peers[1].sent[0]);
    expect(peers[1].sent[0]).toBe(peers[2].sent[0]);
    r.destroy();
  });

  it("answers fresh peers from one cached encoding until the document changes", () => {
    const r = room({ now: 0 });
    r.change(() => r.doc.getMap("m").set("k", 1));
    r.takeUncommitted();
    const [a, b, c] = [recorder(), recorder(), recorder()];
    const fresh = decodePeerMessage(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    r.receive(a, fresh);
    r.receive(b, fresh);
    expect(a.sent[0]).toBe(b.sent[0]);
    r.change(() => r.doc.getMap("m").set("k", 2));
    r.receive(c, fresh);
    expect(c.sent[0]).not.toBe(a.sent[0]);
    r.destroy();
  });

  it("keeps engine changes out of the outgoing stream until they are published", () => {
    const r = room({ now: 0 });
    const peer = recorder();
    r.addPeer(peer);
    r.change(() => r.doc.getMap("m").set("k", 1));
    expect(peer.sent).toHaveLength(0);
    expect(r.takeUncommitted()).toHaveLength(1);
    expect(r.takeUncommitted()).toHaveLength(0);
    r.destroy();
  });
});

describe("peer messages", () => {
  it("decodes the heartbeat as a message to ignore", () => {
    expect(decodePeerMessage(HEARTBEAT)).toEqual({ kind: "ignored" });
  });

  it.each([
    ["empty", []],
    ["unknown type", [5]],
    ["truncated", [0, 1, 10, 1]],
    ["trailing bytes", [3, 3]],
  ])("throws on a %s frame", (_what, bytes) => {
    expect(() => decodePeerMessage(Uint8Array.from(bytes))).toThrow();
  });
});
