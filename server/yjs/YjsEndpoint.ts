import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import {
  PROTOCOL_VERSION,
  YJS_CLOSE,
  YJS_PARAMS,
  YJS_PATH,
  type ErrorCode,
} from "../../shared/protocol.js";
import { parseDocName } from "../../shared/board.js";
import type { Engine } from "../engine/Engine.js";
import type { DocRoom, Peer } from "./DocRoom.js";
import { decodePeerMessage, HEARTBEAT } from "./messages.js";

export interface YjsEndpointOptions {
  engine: Engine;
  log: Logger;
  /** how often every peer hears from us, so y-websocket's 30 s silence timeout never fires */
  heartbeatMs: number;
  /** the largest frame a peer may send */
  maxPayload: number;
  /** a peer with this much unsent data is too slow to keep up and is dropped */
  maxBufferedBytes: number;
}

/**
 * Our y-websocket endpoint at /yjs/<document>, on y-protocols. It admits a
 * connection only with a token whose role may read the document, never
 * relays awareness, drops updates from read-only peers, and closes a peer
 * that sends a malformed frame.
 */
export class YjsEndpoint {
  readonly #options: YjsEndpointOptions;
  readonly #wss: WebSocketServer;
  /** open connections, with the token each was admitted on, to check again after a revocation */
  readonly #sockets = new Map<WebSocket, { token: string | null; workshopId: string }>();
  readonly #heartbeat: NodeJS.Timeout;

  constructor(options: YjsEndpointOptions) {
    this.#options = options;
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });
    this.#heartbeat = setInterval(() => this.#beat(), options.heartbeatMs);
    this.#heartbeat.unref();
    options.engine.onRevoked((workshopId) => this.#recheck(workshopId));
  }

  /** Takes the upgrades for our path on `server`; others are left to Socket.io. */
  attach(server: Server): void {
    server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(request.url ?? "/", "http://localhost");
      if (!url.pathname.startsWith(`${YJS_PATH}/`)) return;
      this.#wss.handleUpgrade(request, socket, head, (ws) => this.#admit(ws, url));
    });
  }

  /** Number of open document connections. */
  get connections(): number {
    return this.#sockets.size;
  }

  /** Closes every connection, e.g. at shutdown. */
  close(): void {
    clearInterval(this.#heartbeat);
    for (const ws of this.#sockets.keys()) ws.terminate();
    this.#wss.close();
  }

  #admit(ws: WebSocket, url: URL): void {
    const { engine, log } = this.#options;
    let docName: string;
    try {
      docName = decodeURIComponent(url.pathname.slice(YJS_PATH.length + 1));
    } catch {
      ws.close(YJS_CLOSE.malformed, "bad document name");
      return;
    }
    if (Number(url.searchParams.get(YJS_PARAMS.protocolVersion)) !== PROTOCOL_VERSION) {
      ws.close(YJS_CLOSE.protocol_mismatch, "protocol_mismatch");
      return;
    }
    const token = url.searchParams.get(YJS_PARAMS.token);
    const principal = engine.authenticate(token);
    if (typeof principal === "string") {
      ws.close(closeCodeOf(principal), principal);
      return;
    }
    const access = engine.openDoc(principal, docName);
    if (!access.ok) {
      ws.close(closeCodeOf(access.code), access.code);
      return;
    }
    const { room, writable } = access;
    const peer = this.#peer(ws, writable);
    this.#sockets.set(ws, { token, workshopId: parseDocName(docName)?.workshopId ?? "" });
    // The room is fully loaded (open() is synchronous over the store), so the
    // first message the peer gets describes the whole document.
    room.addPeer(peer);
    let alive = true;
    ws.on("pong", () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, this.#options.heartbeatMs * 3);
    ws.on("message", (data: Buffer, isBinary: boolean) => {
      if (!isBinary) return ws.close(YJS_CLOSE.malformed, "binary frames only");
      this.#receive(room, peer, ws, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    });
    ws.on("close", () => {
      clearInterval(ping);
      this.#sockets.delete(ws);
      room.removePeer(peer);
    });
    ws.on("error", (error) => log.debug({ err: error, doc: room.name }, "yjs socket error"));
  }

  #receive(room: DocRoom, peer: Peer, ws: WebSocket, data: Uint8Array): void {
    try {
      room.receive(peer, decodePeerMessage(data));
    } catch (error) {
      this.#options.log.info({ err: error, doc: room.name }, "malformed yjs frame");
      ws.close(YJS_CLOSE.malformed, "malformed message");
    }
  }

  #peer(ws: WebSocket, writable: boolean): Peer {
    const { maxBufferedBytes } = this.#options;
    return {
      writable,
      send(message) {
        if (ws.readyState !== ws.OPEN) return;
        if (ws.bufferedAmount > maxBufferedBytes) return ws.terminate();
        ws.send(message);
      },
      close(code, reason) {
        ws.close(code, reason);
      },
    };
  }

  #beat(): void {
    for (const ws of this.#sockets.keys()) if (ws.readyState === ws.OPEN) ws.send(HEARTBEAT);
  }

  /** Closes the connections to a workshop whose tokens no longer authenticate. */
  #recheck(workshopId: string): void {
    for (const [ws, admitted] of this.#sockets) {
      if (admitted.workshopId !== workshopId) continue;
      const principal = this.#options.engine.authenticate(admitted.token);
      if (typeof principal === "string") ws.close(closeCodeOf(principal), principal);
    }
  }
}

function closeCodeOf(code: ErrorCode): number {
  switch (code) {
    case "unauthenticated":
    case "already_used":
      return YJS_CLOSE.unauthenticated;
    case "forbidden":
      return YJS_CLOSE.forbidden;
    case "not_found":
      return YJS_CLOSE.not_found;
    default:
      return YJS_CLOSE.malformed;
  }
}
