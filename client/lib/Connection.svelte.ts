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
  type Result,
  type SelfState,
} from "../../shared/protocol.js";
import { newCommandId, unreachable } from "./api.js";
import { Board } from "./Board.svelte.js";
import { wsUrl } from "./links.js";

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
  origin?: string;
}

/**
 * The live link to one workshop: Socket.io carries commands in, y-websocket
 * brings the board document out (read-only; the server is its only writer).
 */
export class Connection {
  readonly workshopId: string;
  /** the workshop's board, following the document live */
  readonly board: Board;
  readonly #docs = new Map<DocKind, Y.Doc>();
  readonly #providers: WebsocketProvider[] = [];
  readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents> | null;
  #socketChannel = $state<Channel>("connecting");
  #docChannels = $state<Record<string, Channel>>({});
  #refusal = $state.raw<{ code: ErrorCode; message: string } | null>(null);
  #self = $state.raw<SelfState | null>(null);

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
    origin = location.origin,
  }: ConnectionOptions) {
    this.workshopId = workshopId;
    for (const kind of ["board", ...extraDocs] as const) this.#openDoc(origin, token, kind);
    this.board = new Board(this.doc("board"));
    this.#socket = commands ? this.#openSocket(origin, token) : null;
  }

  /** One of the documents this connection follows (opened in the constructor). */
  doc(kind: DocKind): Y.Doc {
    const doc = this.#docs.get(kind);
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

  /**
   * Sends a command and resolves with the server's Result. Commands are
   * idempotent by id, so Socket.io may resend one after a reconnect; a
   * command sent while offline waits for the connection to return.
   */
  async send<T extends CommandType>(
    type: T,
    payload: CommandPayload<T>,
  ): Promise<Result<CommandResults[T]>> {
    if (this.#refusal) return fail(this.#refusal.code, this.#refusal.message);
    if (!this.#socket) return fail("forbidden");
    const envelope: CommandEnvelope = { id: newCommandId(), type, payload };
    try {
      // The server answers each command type with its own result (CommandResults).
      return (await this.#socket.emitWithAck(EVENTS.command, envelope)) as Result<
        CommandResults[T]
      >;
    } catch {
      return unreachable();
    }
  }

  destroy(): void {
    this.#socket?.disconnect();
    for (const provider of this.#providers) provider.destroy();
    for (const doc of this.#docs.values()) doc.destroy();
  }

  #openDoc(origin: string, token: string, kind: DocKind): void {
    const doc = new Y.Doc();
    this.#docs.set(kind, doc);
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
    provider.on("sync", (synced) => {
      if (synced) this.#docChannels[kind] = "up";
    });
    provider.on("status", ({ status }) => {
      if (status === "disconnected") this.#docChannels[kind] = "down";
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
      // Jitter, so a room-wide Wi-Fi drop does not come back as one spike.
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
      // Unanswered commands are sent again (same id) after a reconnect or a timeout.
      ackTimeout: 10_000,
      retries: 5,
    });
    socket.on("connect", () => (this.#socketChannel = "up"));
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
    socket.on(EVENTS.self, (state) => {
      if (state.workshopId === this.workshopId) this.#self = state;
    });
    return socket;
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
