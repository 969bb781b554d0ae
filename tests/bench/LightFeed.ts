import WebSocket from "ws";
import { now } from "./clock.js";
import type { Digest, UpdateDigests } from "./UpdateDigests.js";
import { readFrame, syncStep1, updateMessage } from "./yjsWire.js";

/** A watched map's entry as one client holds it. */
interface Held {
  id: string;
  value: unknown;
}

/** Hooks a worker gives every feed. */
export interface FeedHooks {
  digests: UpdateDigests;
  /** frames received by every feed of the worker, to price the harness's work per message */
  received: { messages: number; bytes: number };
  /** an idea post of the bench reached this client */
  onMarker(tag: string, seq: number, at: number): void;
  /** anything changed (synced, a message applied, connection lost): waiters check again */
  onChange(): void;
}

/** What the harness asks of any client of a Yjs document, light or full. */
export interface Feed {
  /** when sync step 2 last arrived; null while not synced */
  readonly syncedAt: number | null;
  /** when each watched map last changed */
  readonly changedAt: Map<string, number>;
  connect(): void;
  drop(): void;
  close(): void;
  /** whether a watched map holds exactly these values */
  holds(parent: string, expected: Record<string, unknown>): boolean;
  /** how many keys a watched map holds */
  count(parent: string): number;
  /** whether the client has every writer's clock up to `clocks` */
  hasClocks(clocks: [number, number][]): boolean;
}

/**
 * A light client of a Yjs document: the y-websocket protocol on a raw `ws`
 * socket, no Y.Doc. It keeps what it is waited on for (the watched maps'
 * entries, each writer's clock) and reconnects after a drop with
 * y-websocket's own backoff (100 ms, doubling, at most 2.5 s), sending the
 * state vector it holds, as a browser's provider would.
 */
export class LightFeed implements Feed {
  readonly url: string;
  readonly clocks = new Map<number, number>();
  readonly maps = new Map<string, Map<string, Held>>();
  /** when each watched map last changed */
  readonly changedAt = new Map<string, number>();
  /** when sync step 2 last arrived; null while not synced */
  syncedAt: number | null = null;
  readonly #hooks: FeedHooks;
  #ws: WebSocket | null = null;
  #failures = 0;
  #closed = false;
  #retry: NodeJS.Timeout | null = null;

  constructor(url: string, hooks: FeedHooks) {
    this.url = url;
    this.#hooks = hooks;
  }

  get open(): boolean {
    return this.#ws?.readyState === WebSocket.OPEN;
  }

  connect(): void {
    if (this.#closed) return;
    const ws = new WebSocket(this.url, { perMessageDeflate: false });
    this.#ws = ws;
    let opened = false;
    ws.binaryType = "nodebuffer";
    ws.on("open", () => {
      opened = true;
      this.#failures = 0;
      ws.send(syncStep1(this.clocks));
    });
    ws.on("message", (data: Buffer) => this.#receive(data));
    ws.on("error", () => undefined);
    ws.on("close", (code) => {
      if (this.#ws !== ws) return;
      this.#ws = null;
      this.syncedAt = null;
      this.#hooks.onChange();
      // 4400-4499: refused for good, as y-websocket treats it.
      if (this.#closed || (code >= 4400 && code < 4500)) return;
      if (!opened) this.#failures++;
      const delay = Math.min(2 ** this.#failures * 100, 2500);
      this.#retry = setTimeout(() => this.connect(), delay);
    });
  }

  /** Cuts the connection without a closing handshake, as a lost network does; it reconnects. */
  drop(): void {
    this.#ws?.terminate();
  }

  /** Sends an update to the document (only the relay accepts them from us). */
  write(update: Uint8Array): void {
    if (this.#ws?.readyState === WebSocket.OPEN) this.#ws.send(updateMessage(update));
  }

  close(): void {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    this.#ws?.terminate();
    this.#ws = null;
  }

  holds(parent: string, expected: Record<string, unknown>): boolean {
    const map = this.map(parent);
    let live = 0;
    for (const held of map.values()) if (held.value !== undefined) live++;
    if (live !== Object.keys(expected).length) return false;
    for (const [key, value] of Object.entries(expected)) {
      if (map.get(key)?.value !== value) return false;
    }
    return true;
  }

  count(parent: string): number {
    return this.map(parent).size;
  }

  hasClocks(clocks: [number, number][]): boolean {
    return clocks.every(([client, clock]) => (this.clocks.get(client) ?? 0) >= clock);
  }

  /** The entries a watched map holds now. */
  map(parent: string): Map<string, Held> {
    let map = this.maps.get(parent);
    if (!map) {
      map = new Map();
      this.maps.set(parent, map);
    }
    return map;
  }

  #receive(data: Buffer): void {
    const at = now();
    this.#hooks.received.messages++;
    this.#hooks.received.bytes += data.length;
    const frame = readFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (frame.kind !== "step2" && frame.kind !== "update") return;
    this.#apply(this.#hooks.digests.of(frame.update), at);
    if (frame.kind === "step2") this.syncedAt = at;
    this.#hooks.onChange();
  }

  #apply(digest: Digest, at: number): void {
    for (const [client, clock] of digest.clocks) {
      if (clock > (this.clocks.get(client) ?? 0)) this.clocks.set(client, clock);
    }
    for (const { tag, seq } of digest.markers) this.#hooks.onMarker(tag, seq, at);
    for (const entry of digest.entries) {
      const map = this.map(entry.parent);
      const held = map.get(entry.key);
      if (held?.id === entry.id) continue;
      map.set(entry.key, { id: entry.id, value: entry.value });
      this.changedAt.set(entry.parent, at);
    }
    for (const deletion of digest.deletions) {
      const map = this.map(deletion.parent);
      if (map.get(deletion.key)?.id !== deletion.id) continue;
      map.delete(deletion.key);
      this.changedAt.set(deletion.parent, at);
    }
  }
}
