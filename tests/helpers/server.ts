import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Logger } from "pino";
import { io, type Socket } from "socket.io-client";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { docNames } from "../../shared/board.js";
import type { CommandPayload, CommandResults, CommandType } from "../../shared/commands.js";
import {
  EVENTS,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  YJS_PARAMS,
  YJS_PATH,
  type CommandReply,
  type Result,
  type SelfState,
} from "../../shared/protocol.js";
import { createApp, type App, type Tuning } from "../../server/app.js";
import { createLogger } from "../../server/logger.js";
import { SqliteStore } from "../../server/store/SqliteStore.js";

/** A real server on a free loopback port over a real SQLite file. */
export interface TestServer {
  app: App;
  url: string;
  dataDir: string;
  dbFile: string;
  store: SqliteStore;
  /** Closes the server; the data directory stays for a restart. */
  stop(): Promise<void>;
}

/** Starts the real app on port 0; pass `dataDir` (and `port`) to restart on an existing one. */
export async function startServer(
  options: {
    dataDir?: string;
    port?: number;
    tuning?: Partial<Tuning>;
    clientDir?: string;
    retentionDays?: number;
    /** a logger to read what the server logs; silent by default */
    log?: Logger;
  } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "roundtable-test-"));
  const dbFile = path.join(dataDir, "roundtable.db");
  const store = new SqliteStore(dbFile);
  const app = createApp({
    store,
    log: options.log ?? createLogger(process.env.TEST_LOG_LEVEL === "debug" ? "debug" : "silent"),
    version: "test",
    clientDir: options.clientDir,
    retentionDays: options.retentionDays,
    tuning: { sweepMs: 200, heartbeatMs: 1000, ...options.tuning },
  });
  await new Promise<void>((resolve) => app.server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = app.server.address() as AddressInfo;
  let stopped = false;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    dbFile,
    store,
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.close();
      await new Promise<void>((resolve) => app.server.close(() => resolve()));
    },
  };
}

/** Removes a data directory made by startServer. */
export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Polls until `check` returns a truthy value (or stops throwing), failing after the deadline. */
export async function eventually<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 10_000, what = "condition" }: { timeoutMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (performance.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let commandCounter = 0;
/** A fresh command id. */
export function commandId(): string {
  return `cmd-${process.pid}-${++commandCounter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Sends a raw envelope over REST, as the browser does before it has a socket. */
export async function postRaw(
  url: string,
  body: unknown,
  { token, protocolVersion = PROTOCOL_VERSION }: { token?: string; protocolVersion?: number } = {},
): Promise<{ status: number; result: Result }> {
  const response = await fetch(`${url}/api/command`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      [PROTOCOL_HEADER]: String(protocolVersion),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, result: (await response.json()) as Result };
}

/** Sends a typed command over REST and returns its Result. */
export async function post<T extends CommandType>(
  url: string,
  token: string | undefined,
  type: T,
  payload: CommandPayload<T>,
): Promise<Result<CommandResults[T]>> {
  const { result } = await postRaw(url, { id: commandId(), type, payload }, { token });
  return result as Result<CommandResults[T]>;
}

/** The value of a Result that must have succeeded. */
export function must<T>(result: Result<T>): T {
  if (!result.ok)
    throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export interface SeededWorkshop {
  organiserKey: string;
  workshopId: string;
  code: string;
  facilitatorToken: string;
  projectorToken: string;
  promptIds: string[];
}

/** Creates the first summit and one workshop, optionally moved to a phase. */
export async function seedWorkshop(
  server: TestServer,
  options: {
    prompts?: string[];
    settings?: CommandPayload<"workshop.create">["settings"];
    phase?: CommandPayload<"phase.set">["phase"];
  } = {},
): Promise<SeededWorkshop> {
  const setup = server.app.setupToken;
  if (!setup) throw new Error("server has no setup token; seed a fresh server");
  const { organiserKey } = must(await post(server.url, setup, "summit.create", { name: "Summit" }));
  const created = must(
    await post(server.url, organiserKey, "workshop.create", {
      title: "Community intelligence",
      prompts: options.prompts ?? ["What do you hear first?"],
      settings: options.settings,
    }),
  );
  if (options.phase) {
    must(await post(server.url, created.facilitatorToken, "phase.set", { phase: options.phase }));
  }
  const meta = server.app.engine.board(created.workshopId).getMap("meta").toJSON() as {
    prompts: { id: string }[];
  };
  return { organiserKey, ...created, promptIds: meta.prompts.map((p) => p.id) };
}

/** Joins a workshop by code and returns the attendee's token and id. */
export async function join(
  server: TestServer,
  code: string,
  name?: string,
): Promise<CommandResults["participant.join"]> {
  return must(
    await post(server.url, undefined, "participant.join", { code, ...(name ? { name } : {}) }),
  );
}

/** A real socket.io-client connection that records the own states it hears. */
export interface CommandSocket {
  socket: Socket;
  /** every own state this connection heard, in a `self` event or a command's reply */
  selves: SelfState[];
  send<T extends CommandType>(
    type: T,
    payload: CommandPayload<T>,
    id?: string,
  ): Promise<Result<CommandResults[T]>>;
  close(): void;
}

/** Connects a socket with a token (or none) and waits until it is connected. */
export async function connectSocket(
  url: string,
  token: string | undefined,
  protocolVersion = PROTOCOL_VERSION,
): Promise<CommandSocket> {
  const socket = io(url, {
    auth: { protocolVersion, token },
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
  });
  const selves: SelfState[] = [];
  socket.on(EVENTS.self, (state: SelfState) => selves.push(state));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (error) => reject(error));
  });
  return {
    socket,
    selves,
    async send(type, payload, id = commandId()) {
      const { self, ...result }: CommandReply = await socket
        .timeout(10_000)
        .emitWithAck(EVENTS.command, { id, type, payload });
      if (self) selves.push(self);
      return result as Result<CommandResults[typeof type]>;
    },
    close: () => socket.close(),
  };
}

/** A y-websocket client holding a full Y.Doc of one document, as a browser does. */
export interface DocClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** every binary frame received, for leak checks */
  received: Uint8Array[];
  destroy(): void;
}

/** Opens a document through the real WebsocketProvider with a token. */
export function openDoc(
  url: string,
  docName: string,
  token: string | undefined,
  options: { protocolVersion?: number } = {},
): DocClient {
  const received: Uint8Array[] = [];
  // Records every frame the provider receives before it decodes it.
  class RecordingWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      this.on("message", (data: Buffer) => received.push(new Uint8Array(data)));
    }
  }
  const doc = new Y.Doc();
  const params: Record<string, string> = {
    [YJS_PARAMS.protocolVersion]: String(options.protocolVersion ?? PROTOCOL_VERSION),
  };
  if (token) params[YJS_PARAMS.token] = token;
  const provider = new WebsocketProvider(
    `${url.replace(/^http/, "ws")}${YJS_PATH}`,
    encodeURIComponent(docName),
    doc,
    {
      params,
      disableBc: true,
      WebSocketPolyfill: RecordingWebSocket as unknown as typeof globalThis.WebSocket,
      maxBackoffTime: 200,
    },
  );
  provider.awareness.setLocalState(null);
  return {
    doc,
    provider,
    received,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Opens a workshop's board as `token` and waits for the first sync. */
export async function openBoard(
  url: string,
  workshopId: string,
  token: string,
): Promise<DocClient> {
  const client = openDoc(url, docNames.board(workshopId), token);
  await eventually(() => client.provider.synced, { what: "board sync" });
  return client;
}
