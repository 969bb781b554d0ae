import { io, type Socket } from "socket.io-client";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { docNames, type DocKind } from "../../shared/board.js";
import type {
  CommandEnvelope,
  CommandPayload,
  CommandResults,
  CommandType,
} from "../../shared/commands.js";
import {
  ERROR_CODES,
  EVENTS,
  fail,
  isErrorCode,
  PROTOCOL_VERSION,
  YJS_CLOSE,
  YJS_PARAMS,
  YJS_PATH,
  type ErrorCode,
  type ClientToServerEvents,
  type HandshakeAuth,
  type ServerToClientEvents,
  type CommandReply,
  type Result,
  type SelfState,
} from "../../shared/protocol.js";
import { newCommandId } from "./api.js";
import { Board } from "./Board.svelte.js";
import { wsUrl } from "./links.js";
import { Outbox } from "./Outbox.svelte.js";
import { outboxStore } from "./storage.js";

/** How long a command may go unanswered on a live connection before it is sent again. */
const ACK_TIMEOUT_MS = 10_000;

/** Reconnect delays of the document channels, before jitter (y-websocket's own have none). */
const DOC_RETRY_MS = { first: 500, max: 10_000 };

/** The longest wait before reconnecting once the browser says the network is back. */
const ONLINE_JITTER_MS = 1500;

/** How the live connection is doing, for the indicator and for views. */
export type ConnectionStatus =
  | { state: "connecting" }
  | { state: "online" }
  | { state: "offline" }
  | { state: "refused"; reason: ErrorCode; message: string };

/** One channel's state: never connected yet, working, or lost and retrying. */
type Channel = "connecting" | "up" | "down";

export interface ConnectionOptions {
  workshopId: string;
  token: string;
  /** documents to follow besides the board (facilitators: facilitation and notes) */
  extraDocs?: Exclude<DocKind, "board">[];
  /** false for read-only screens (the projector): no command channel is opened */
  commands?: boolean;
  /**
   * keep unanswered commands in this browser (attendees): what was made
   * offline survives a reload, and refusals wait to be read and dismissed
   */
  keepCommands?: boolean;
  origin?: string;
}

/**
 * The live link to one workshop: Socket.io carries commands in, y-websocket
 * brings the board document out (read-only; the server is its only writer).
 * Commands go through an outbox, which sends them in order, keeps each until
 * the server answers and sends it again (same id) after a reconnect.
 */
export class Connection {
  readonly workshopId: string;
  /** the workshop's board, following the document live */
  readonly board: Board;
  readonly #docs: Partial<Record<DocKind, Y.Doc>> = {};
  readonly #providers: WebsocketProvider[] = [];
  readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents> | null;
  readonly #outbox: Outbox;
  #socketChannel = $state<Channel>("connecting");
  #docChannels = $state<Record<string, Channel>>({});
  #refusal = $state.raw<{ code: ErrorCode; message: string } | null>(null);
  #self = $state.raw<SelfState | null>(null);
  #destroyed = false;

  #status: ConnectionStatus = $derived.by(() => {
    if (this.#refusal)
      return { state: "refused", reason: this.#refusal.code, message: this.#refusal.message };
    const docChannels = Object.values(this.#docChannels);
    const channels = this.#socket ? [this.#socketChannel, ...docChannels] : docChannels;
    if (channels.every((c) => c === "up")) return { state: "online" };
    if (channels.includes("down")) return { state: "offline" };
    return { state: "connecting" };
  });

  constructor({
    workshopId,
    token,
    extraDocs = [],
    commands = true,
    keepCommands = false,
    origin = location.origin,
  }: ConnectionOptions) {
    this.workshopId = workshopId;
    for (const kind of ["board", ...extraDocs] as const) this.#openDoc(origin, token, kind);
    this.board = new Board(this.doc("board"));
    this.#socket = commands ? this.#openSocket(origin, token) : null;
    const socket = this.#socket;
    this.#outbox = new Outbox({
      transport: {
        get connected() {
          return socket?.connected ?? false;
        },
        emit: (envelope) => this.#emit(envelope),
      },
      store: commands && keepCommands ? outboxStore(workshopId) : null,
    });
    addEventListener("offline", this.#onOffline);
    addEventListener("online", this.#onOnline);
  }

  /** One of the documents this connection follows (opened in the constructor). */
  doc(kind: DocKind): Y.Doc {
    const doc = this.#docs[kind];
    if (!doc) throw new Error(`this connection does not follow the ${kind} document`);
    return doc;
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  /** what the server told this attendee about themselves (their own ideas); null for other roles */
  get self(): SelfState | null {
    return this.#self;
  }

  /** the commands on their way, and those the server refused (kept with `keepCommands`) */
  get outbox(): Outbox {
    return this.#outbox;
  }

  /**
   * Sends a command and resolves with the server's Result. A command made
   * while offline waits in the outbox until the connection returns; one
   * whose answer was lost is sent again with the same id, which the server
   * applies only once.
   */
  send<T extends CommandType>(
    type: T,
    payload: CommandPayload<T>,
    id: string = newCommandId(),
  ): Promise<Result<CommandResults[T]>> {
    if (this.#refusal) return Promise.resolve(fail(this.#refusal.code, this.#refusal.message));
    if (!this.#socket) return Promise.resolve(fail("forbidden"));
    return this.#outbox.send(type, payload, id);
  }

  destroy(): void {
    this.#destroyed = true;
    removeEventListener("offline", this.#onOffline);
    removeEventListener("online", this.#onOnline);
    this.#outbox.destroy();
    this.#socket?.disconnect();
    for (const provider of this.#providers) provider.destroy();
    for (const doc of Object.values(this.#docs)) doc.destroy();
  }

  /** Our own state, from a `self` event or the reply to our own command. */
  #takeSelf(state: SelfState): void {
    if (state.workshopId === this.workshopId) this.#self = state;
  }

  async #emit(envelope: CommandEnvelope): Promise<Result | null> {
    const socket = this.#socket;
    // Never into Socket.io's own buffer: the outbox resends what was not answered.
    if (!socket?.connected) return null;
    try {
      const { self, ...result }: CommandReply = await socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck(EVENTS.command, envelope);
      if (self) this.#takeSelf(self);
      return result as Result;
    } catch {
      return null; // timed out, or the connection dropped before the answer
    }
  }

  #openDoc(origin: string, token: string, kind: DocKind): void {
    const doc = new Y.Doc();
    this.#docs[kind] = doc;
    this.#docChannels[kind] = "connecting";
    const provider = new WebsocketProvider(
      wsUrl(origin) + YJS_PATH,
      encodeURIComponent(docNames[kind](this.workshopId)),
      doc,
      {
        connect: false,
        disableBc: true,
        params: {
          [YJS_PARAMS.token]: token,
          [YJS_PARAMS.protocolVersion]: String(PROTOCOL_VERSION),
        },
      },
    );
    // Nobody's presence is broadcast: the server counts people itself.
    provider.awareness.setLocalState(null);
    let failures = 0;
    provider.on("sync", (synced) => {
      if (!synced) return;
      this.#docChannels[kind] = "up";
      failures = 0;
    });
    provider.on("status", ({ status }) => {
      if (status === "disconnected") this.#docChannels[kind] = "down";
    });
    provider.on("connection-close", (event) => {
      // Closed on purpose (destroyed, refused, or the network went away), or refused for good
      // (4400-4499, handled by "closed" below): nothing to schedule here.
      if (!provider.shouldConnect || (event && event.code >= 4400 && event.code < 4500)) return;
      if (this.#docChannels[kind] === "connecting") this.#docChannels[kind] = "down";
      // y-websocket retries on a fixed schedule; this one is jittered, so a
      // room-wide Wi-Fi drop does not come back as one spike. Its own retry
      // (scheduled after this event) finds shouldConnect false and does nothing.
      provider.shouldConnect = false;
      const delay = Math.min(DOC_RETRY_MS.max, DOC_RETRY_MS.first * 2 ** failures++);
      this.#later(
        () => {
          if (!this.#refusal) provider.connect();
        },
        delay * (0.5 + Math.random()),
      );
    });
    // y-websocket stops retrying on 4400-4499: the server refused for good.
    provider.on("closed", ({ code, reason }) => this.#refuse(refusalOfClose(code, reason)));
    provider.connect();
    this.#providers.push(provider);
  }

  #openSocket(origin: string, token: string): Socket<ServerToClientEvents, ClientToServerEvents> {
    const auth: HandshakeAuth = { protocolVersion: PROTOCOL_VERSION, token };
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(origin, {
      auth,
      forceNew: true,
      // The board needs WebSockets anyway; skipping long-polling saves every
      // phone three requests per join, which counts in a join wave.
      transports: ["websocket"],
      // Jitter, so a room-wide Wi-Fi drop does not come back as one spike.
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
    });
    socket.on("connect", () => {
      this.#socketChannel = "up";
      this.#outbox.flush();
    });
    socket.on("disconnect", () => (this.#socketChannel = "down"));
    socket.on(
      "connect_error",
      (error: Error & { data?: { code?: unknown; message?: unknown } }) => {
        // A refusal by the server's middleware is final; Socket.io then stops retrying.
        if (socket.active) {
          this.#socketChannel = "down";
          return;
        }
        const code = isErrorCode(error.data?.code) ? error.data.code : "internal";
        this.#refuse(code);
      },
    );
    socket.on(EVENTS.self, (state) => this.#takeSelf(state));
    return socket;
  }

  /**
   * The browser lost its network. Socket.io notices by itself; a WebSocket
   * may stay open in name for a long while, so the documents close theirs
   * and keep retrying until the network returns.
   */
  readonly #onOffline = (): void => {
    if (this.#refusal || this.#destroyed) return;
    for (const provider of this.#providers) {
      if (!provider.ws) continue;
      provider.disconnect();
      this.#later(
        () => {
          if (!this.#refusal) provider.connect();
        },
        DOC_RETRY_MS.first * (0.5 + Math.random()),
      );
    }
  };

  /** The network is back: reconnect what is down now (after a short jitter), not at the next retry. */
  readonly #onOnline = (): void => {
    this.#later(() => {
      if (this.#refusal || this.#destroyed) return;
      const socket = this.#socket;
      if (socket && !socket.connected) socket.disconnect().connect();
      for (const provider of this.#providers) {
        if (!provider.wsconnected && !provider.wsconnecting) provider.connect();
      }
    }, Math.random() * ONLINE_JITTER_MS);
  };

  /** Runs `run` after `ms`, unless the connection was destroyed meanwhile. */
  #later(run: () => void, ms: number): void {
    setTimeout(() => {
      if (!this.#destroyed) run();
    }, ms);
  }

  #refuse(code: ErrorCode): void {
    if (this.#refusal) return;
    this.#refusal = { code, message: ERROR_CODES[code] };
    // Neither channel can succeed now; stop both so nothing retries in vain.
    this.#socket?.disconnect();
    for (const provider of this.#providers) provider.disconnect();
  }
}

/** The error code behind a Yjs close: the server puts it in the reason; the code is the fallback. */
function refusalOfClose(code: number, reason: string): ErrorCode {
  if (isErrorCode(reason)) return reason;
  const match = Object.entries(YJS_CLOSE).find(([, value]) => value === code);
  return match && isErrorCode(match[0]) ? match[0] : "internal";
}
