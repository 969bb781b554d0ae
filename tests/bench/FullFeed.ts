import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { now } from "./clock.js";
import type { Feed, FeedHooks } from "./LightFeed.js";

/** The marker of a bench post, as UpdateDigests reads it. */
const MARKER = /#b([a-z])(\d+)$/;

/**
 * A full client: a Y.Doc kept in sync by the real y-websocket provider, as
 * a browser holds it (no BroadcastChannel, no awareness). A few of these
 * check that what the light clients conclude is what a real client sees.
 */
export class FullFeed implements Feed {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly changedAt = new Map<string, number>();
  syncedAt: number | null = null;

  constructor(
    serverUrl: string,
    docName: string,
    params: Record<string, string>,
    hooks: FeedHooks,
  ) {
    this.provider = new WebsocketProvider(serverUrl, encodeURIComponent(docName), this.doc, {
      params,
      connect: false,
      disableBc: true,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    this.provider.awareness.setLocalState(null);
    this.provider.on("sync", (synced: boolean) => {
      this.syncedAt = synced ? now() : null;
      hooks.onChange();
    });
    this.provider.on("status", ({ status }: { status: string }) => {
      if (status === "disconnected") {
        this.syncedAt = null;
        hooks.onChange();
      }
    });
    const ideas = this.doc.getMap<{ text?: string }>("ideas");
    ideas.observe((event) => {
      const at = now();
      for (const key of event.keysChanged) {
        const match = MARKER.exec(String(ideas.get(key)?.text ?? ""));
        if (match) hooks.onMarker(match[1], Number(match[2]), at);
      }
      hooks.onChange();
    });
    for (const parent of ["tallies", "votes"]) {
      this.doc.getMap(parent).observe(() => {
        this.changedAt.set(parent, now());
        hooks.onChange();
      });
    }
  }

  connect(): void {
    this.provider.connect();
  }

  drop(): void {
    // A cut without a closing handshake; the provider reconnects by itself.
    (this.provider.ws as unknown as WebSocket | null)?.terminate();
  }

  close(): void {
    this.provider.destroy();
    this.doc.destroy();
  }

  holds(parent: string, expected: Record<string, unknown>): boolean {
    const map = this.doc.getMap(parent);
    if (map.size !== Object.keys(expected).length) return false;
    return Object.entries(expected).every(([key, value]) => map.get(key) === value);
  }

  count(parent: string): number {
    return this.doc.getMap(parent).size;
  }

  hasClocks(clocks: [number, number][]): boolean {
    const held = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    return clocks.every(([client, clock]) => (held.get(client) ?? 0) >= clock);
  }

  /** The document's public content, to compare with a reference copy. */
  snapshot(): { ideas: number; tallies: Record<string, unknown>; meta: Record<string, unknown> } {
    return {
      ideas: this.doc.getMap("ideas").size,
      tallies: this.doc.getMap("tallies").toJSON(),
      meta: this.doc.getMap("meta").toJSON(),
    };
  }
}
