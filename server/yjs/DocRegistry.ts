import * as Y from "yjs";
import type { Logger } from "pino";
import type { Store } from "../store/Store.js";
import { DocRoom } from "./DocRoom.js";

export interface DocRegistryOptions {
  batchWindowMs: number;
  /** a room with no peers and no engine activity for this long is unloaded */
  idleMs: number;
  /** compact a document's update log once it holds this many rows */
  compactAfter: number;
  now?: () => number;
}

/**
 * The loaded documents. A document is loaded from the store's update log on
 * first use (a connection or a command) and unloaded when idle; its log is
 * compacted to one update when it has grown long. The store is synchronous,
 * so a room is complete before `open` returns: no peer can be sent a sync
 * message of a half-loaded document.
 */
export class DocRegistry {
  readonly #rooms = new Map<string, DocRoom>();
  readonly #store: Store;
  readonly #log: Logger;
  readonly #options: DocRegistryOptions;
  readonly #now: () => number;

  constructor(store: Store, log: Logger, options: DocRegistryOptions) {
    this.#store = store;
    this.#log = log;
    this.#options = options;
    this.#now = options.now ?? performance.now.bind(performance);
  }

  /** The room of a document, loading it if needed. */
  open(name: string): DocRoom {
    let room = this.#rooms.get(name);
    if (room) return room;
    const started = performance.now();
    const log = this.#store.loadUpdates(name);
    room = new DocRoom(name, log, {
      batchWindowMs: this.#options.batchWindowMs,
      now: this.#now,
      persistPeerUpdate: (update) => this.#store.appendUpdate(name, update, Date.now()),
    });
    this.#rooms.set(name, room);
    if (room.logLength >= this.#options.compactAfter) this.#compact(room);
    this.#log.debug(
      { doc: name, updates: log.length, ms: Math.round(performance.now() - started) },
      "document loaded",
    );
    return room;
  }

  /** The room of a document if it is loaded. */
  peek(name: string): DocRoom | undefined {
    return this.#rooms.get(name);
  }

  get size(): number {
    return this.#rooms.size;
  }

  /**
   * Throws away the in-memory copy of a document whose changes could not be
   * committed (or that was deleted), so the next use reloads what the store
   * holds. Its peers are disconnected: by default with a code that makes
   * them reconnect and resync.
   */
  discard(name: string, closeCode = 1011): void {
    const room = this.#rooms.get(name);
    if (!room) return;
    this.#rooms.delete(name);
    room.destroy();
    for (const peer of room.peers) peer.close(closeCode, "document reloaded");
  }

  /** Unloads idle rooms and compacts long logs; called periodically and at shutdown. */
  sweep(force = false): void {
    const now = this.#now();
    for (const room of this.#rooms.values()) {
      const idle = room.peers.size === 0 && now - room.lastActive >= this.#options.idleMs;
      if (room.logLength >= this.#options.compactAfter || ((idle || force) && room.logLength > 1)) {
        this.#compact(room);
      }
      if (idle || force) {
        room.flush();
        room.destroy();
        this.#rooms.delete(room.name);
        this.#log.debug({ doc: room.name }, "document unloaded");
      }
    }
  }

  #compact(room: DocRoom): void {
    this.#store.compact(room.name, Y.encodeStateAsUpdate(room.doc), Date.now());
    room.logLength = 1;
  }
}
