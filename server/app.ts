import { existsSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import path from "node:path";
import express from "express";
import helmet from "helmet";
import type { Logger } from "pino";
import type { Server as SocketServer } from "socket.io";
import { PROTOCOL_VERSION } from "../shared/protocol.js";
import { APP_PAGES } from "../shared/routes.js";
import { Engine } from "./engine/Engine.js";
import { newToken } from "./engine/secrets.js";
import { apiRouter } from "./http/api.js";
import { clientFiles } from "./http/clientFiles.js";
import { suggestRouter } from "./http/suggestRoutes.js";
import { SuggestRunner } from "./suggest/SuggestRunner.js";
import { summitRouter } from "./http/summitRoutes.js";
import { createSocketServer } from "./realtime/socketServer.js";
import type { Store } from "./store/Store.js";
import { DocRegistry } from "./yjs/DocRegistry.js";
import { YjsEndpoint } from "./yjs/YjsEndpoint.js";

export interface AppDeps {
  store: Store;
  log: Logger;
  version: string;
  /** the built client (vite build output); omitted, only the API is served */
  clientDir?: string;
  /** summits older than this many days are deleted, at start and daily; null keeps them */
  retentionDays?: number | null;
  tuning?: Partial<Tuning>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Knobs with production defaults; tests shorten the timers. */
export interface Tuning {
  batchWindowMs: number;
  idleUnloadMs: number;
  sweepMs: number;
  heartbeatMs: number;
  compactAfter: number;
  /** the largest command or REST body accepted (Socket.io's maxHttpBufferSize too) */
  maxPayloadBytes: number;
  rateLimit: { burst: number; perSecond: number };
  /** how often, at most, attendees-online counts are written to boards */
  presenceMs: number;
}

const DEFAULT_TUNING: Tuning = {
  batchWindowMs: 20,
  idleUnloadMs: 60_000,
  sweepMs: 10_000,
  heartbeatMs: 10_000,
  compactAfter: 500,
  maxPayloadBytes: 16 * 1024,
  rateLimit: { burst: 30, perSecond: 5 },
  presenceMs: 2000,
};

export interface App {
  /** an HTTP server, not yet listening: call `listen` on it */
  server: HttpServer;
  engine: Engine;
  docs: DocRegistry;
  io: SocketServer;
  /** the one-time setup token, when no summit exists yet */
  setupToken: string | null;
  /** Stops accepting, unloads documents and closes the store. */
  close(): Promise<void>;
}

/** Builds the whole server around a store; never listens (index.ts does). */
export function createApp(deps: AppDeps): App {
  const tuning = { ...DEFAULT_TUNING, ...deps.tuning };
  const { store, log } = deps;
  const docs = new DocRegistry(store, log, {
    batchWindowMs: tuning.batchWindowMs,
    idleMs: tuning.idleUnloadMs,
    compactAfter: tuning.compactAfter,
  });
  const engine = new Engine({
    store,
    docs,
    log,
    rateLimit: tuning.rateLimit,
    presenceMs: tuning.presenceMs,
  });

  const web = express();
  web.disable("x-powered-by");
  web.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Svelte sets a few style attributes (transitions, sizes); no script can run from them.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // Join links are shared by QR code and chat; a referrer never carries more than the origin.
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      // Plain http on a venue's LAN must keep working: no HSTS or upgrade from here.
      strictTransportSecurity: false,
    }),
  );
  web.get("/healthz", (_req, res) => {
    res.json({ status: "ok", version: deps.version, protocolVersion: PROTOCOL_VERSION });
  });
  web.use("/api/summit", summitRouter(engine, store, docs));
  const suggestions = new SuggestRunner();
  web.use("/api/suggestions", suggestRouter(engine, suggestions));
  web.use("/api", apiRouter(engine, store, tuning.maxPayloadBytes));
  // Both apps' pages, or none: a client built by half would leave some addresses without a page.
  const clientDir = deps.clientDir;
  if (
    clientDir &&
    Object.values(APP_PAGES).every((page) => existsSync(path.join(clientDir, page)))
  ) {
    web.use(clientFiles(clientDir));
  } else {
    log.warn({ clientDir }, "no built client; run `npm run build` to serve the app");
  }

  const server = createServer(web);
  const endpoint = new YjsEndpoint({
    engine,
    log,
    heartbeatMs: tuning.heartbeatMs,
    maxPayload: 1024 * 1024,
    maxBufferedBytes: 8 * 1024 * 1024,
  });
  endpoint.attach(server);
  const io = createSocketServer(server, engine, log, tuning.maxPayloadBytes);
  const sweep = setInterval(() => docs.sweep(), tuning.sweepMs);
  sweep.unref();
  const retentionDays = deps.retentionDays ?? null;
  const purge = () => {
    if (retentionDays !== null) engine.purgeSummitsBefore(Date.now() - retentionDays * DAY_MS);
  };
  purge();
  const daily = setInterval(purge, DAY_MS);
  daily.unref();

  return {
    server,
    engine,
    docs,
    io,
    setupToken: issueSetupToken(store),
    async close() {
      await suggestions.close();
      clearInterval(sweep);
      clearInterval(daily);
      engine.close();
      endpoint.close();
      await io.close();
      server.closeAllConnections();
      docs.sweep(true);
      store.close();
    },
  };
}

/**
 * Until the first summit exists, each start issues a fresh one-time setup
 * link (and voids earlier ones, which were only ever printed to a console).
 */
function issueSetupToken(store: Store): string | null {
  if (store.countSummits() > 0) return null;
  const token = newToken();
  const now = Date.now();
  store.transaction(() => {
    store.revokeTokens({ role: "setup" }, now);
    store.insertToken({
      hash: token.hash,
      role: "setup",
      summitId: null,
      workshopId: null,
      participantId: null,
      createdAt: now,
      revokedAt: null,
    });
  });
  return token.value;
}
