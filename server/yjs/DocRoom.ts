import * as Y from "yjs";
import {
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdateMessage,
  type PeerMessage,
} from "./messages.js";

/** Transaction origin of every change the engine makes, so the room can tell them from peers'. */
export const ENGINE_ORIGIN: unique symbol = Symbol("engine");

/** One connected browser, as a room sees it. */
export interface Peer {
  /** may this peer change the document (only facilitators on the notes document) */
  readonly writable: boolean;
  send(message: Uint8Array): void;
  /** ends the connection; codes 4400-4499 tell y-websocket not to retry */
  close(code: number, reason: string): void;
}

export interface DocRoomOptions {
  /**
   * updates to a document that flushed within this window are merged and
   * sent together; in a storm the window is five times as long (see `flush`)
   */
  batchWindowMs: number;
  /** persists an update a writable peer made; throws if it cannot be stored */
  persistPeerUpdate: (update: Uint8Array) => void;
  now?: () => number;
}

/** Updates merged into one flush that make it a storm (a room voting at once, not people posting). */
const STORM_UPDATES = 10;
/** How much longer the window is while a storm lasts. */
const STORM_WINDOW_FACTOR = 5;

/**
 * One loaded document and the peers connected to it. The engine changes the
 * document inside `doc.transact(..., ENGINE_ORIGIN)`; the updates it produced
 * wait in `takeUncommitted()` until the engine has stored them, and only then
 * go out through `publish()`. Outgoing updates are batched adaptively: an
 * update to a quiet document goes out at once, updates in a burst are merged
 * and flushed together at most one window later.
 */
export class DocRoom {
  readonly name: string;
  readonly doc = new Y.Doc({ gc: true });
  readonly peers = new Set<Peer>();
  /** when the engine or a peer last touched the room; idle rooms are unloaded */
  lastActive: number;
  /** rows in the store's update log for this document, to decide when to compact */
  logLength: number;

  readonly #options: DocRoomOptions;
  readonly #now: () => number;
  #uncommitted: Uint8Array[] = [];
  #pending: Uint8Array[] = [];
  #lastFlush = Number.NEGATIVE_INFINITY;
  #window: number;
  #timer: NodeJS.Timeout | null = null;
  /** sync step 2 for a peer that has nothing yet; a join wave costs one encode */
  #freshSync: Uint8Array | null = null;

  constructor(name: string, log: Uint8Array[], options: DocRoomOptions) {
    this.name = name;
    this.#options = options;
    this.#now = options.now ?? performance.now.bind(performance);
    this.lastActive = this.#now();
    this.#window = options.batchWindowMs;
    this.logLength = log.length;
    if (log.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(log));
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      this.#freshSync = null;
      if (origin === ENGINE_ORIGIN) this.#uncommitted.push(update);
    });
  }

  /** Runs an engine change; what it produced is held until committed. */
  change(fn: () => void): void {
    this.lastActive = this.#now();
    this.doc.transact(fn, ENGINE_ORIGIN);
  }

  /** The engine's updates since the last call, for the store. */
  takeUncommitted(): Uint8Array[] {
    const updates = this.#uncommitted;
    this.#uncommitted = [];
    return updates;
  }

  /**
   * Sends committed updates to every peer, now or merged with others at the
   * end of the window. A group commit hands over all its updates at once, so
   * they are merged once, when they are sent.
   */
  publish(...updates: Uint8Array[]): void {
    this.#pending.push(...updates);
    if (this.#timer) return;
    const wait = this.#lastFlush + this.#window - this.#now();
    if (wait <= 0) this.flush();
    else this.#timer = setTimeout(() => this.flush(), wait);
  }

  /** Sends whatever is pending now. */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#pending.length === 0) return;
    if (this.peers.size === 0) {
      // Nobody to tell: skip the merge and the encoding (a peer that joins syncs from the doc).
      this.#pending = [];
      return;
    }
    const merged = this.#pending.length;
    const update = merged === 1 ? this.#pending[0] : Y.mergeUpdates(this.#pending);
    this.#pending = [];
    // A storm (a whole room voting in the same second) flushes less often:
    // every flush is a frame each phone must decode, and in a room of
    // 2,000 the phones, not the server, are then the slowest part. People
    // posting now and then never make a storm, so their ideas go out at
    // once or within the short window.
    const base = this.#options.batchWindowMs;
    this.#window = merged >= STORM_UPDATES ? base * STORM_WINDOW_FACTOR : base;
    const message = encodeUpdateMessage(update);
    for (const peer of this.peers) peer.send(message);
    // Taken after the sends: sending to thousands of peers can outlast the
    // window, and a time taken before would make every update look quiet.
    this.#lastFlush = this.#now();
  }

  /** Admits a peer; a writable one is asked for anything it has that we lack. */
  addPeer(peer: Peer): void {
    this.peers.add(peer);
    this.lastActive = this.#now();
    if (peer.writable) peer.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
  }

  removePeer(peer: Peer): void {
    this.peers.delete(peer);
    this.lastActive = this.#now();
  }

  /**
   * Answers one decoded message from a peer. Updates from read-only peers are
   * dropped: the server is the only writer of boards. Throws when the peer's
   * data cannot be applied (a malformed state vector or update).
   */
  receive(peer: Peer, message: PeerMessage): void {
    this.lastActive = this.#now();
    if (message.kind === "syncStep1") {
      peer.send(this.#syncStep2(message.stateVector));
    } else if (message.kind === "update" && peer.writable) {
      this.#applyPeerUpdate(message.update);
    }
  }

  /** Drops timers; the room must not be used afterwards. */
  destroy(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.doc.destroy();
  }

  #syncStep2(stateVector: Uint8Array): Uint8Array {
    const fresh = stateVector.length === 1 && stateVector[0] === 0;
    if (!fresh) return encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector));
    this.#freshSync ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.doc));
    return this.#freshSync;
  }

  #applyPeerUpdate(update: Uint8Array): void {
    // Decode on a scratch document first: a malformed update must not
    // half-apply to the real one.
    Y.applyUpdate(new Y.Doc(), update);
    Y.applyUpdate(this.doc, update, this);
    this.#options.persistPeerUpdate(update);
    this.logLength++;
    this.publish(update);
  }
}
