import express, {
  type ErrorRequestHandler,
  type Request,
  type Response,
  type Router,
} from "express";
import { readMeta } from "../../shared/board.js";
import { normaliseJoinCode } from "../../shared/workshop.js";
import {
  fail,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type ErrorCode,
  type JoinInfo,
  type Result,
} from "../../shared/protocol.js";
import type { Engine } from "../engine/Engine.js";
import type { Store } from "../store/Store.js";

/** The HTTP status that goes with each error code; the body is always the Result. */
const STATUS: Record<ErrorCode, number> = {
  invalid_payload: 400,
  too_large: 413,
  unknown_command: 400,
  unauthenticated: 401,
  forbidden: 403,
  protocol_mismatch: 426,
  not_found: 404,
  workshop_closed: 409,
  archived: 409,
  wrong_phase: 409,
  limit_reached: 409,
  already_used: 410,
  duplicate: 409,
  rate_limited: 429,
  unreachable: 503,
  internal: 500,
};

/**
 * REST under /api. Commands that come before a client has a socket (create
 * a summit or a workshop, join by code) are posted to /api/command and go
 * through exactly the same engine pipeline as Socket.io commands.
 */
export function apiRouter(engine: Engine, store: Store, maxPayloadBytes: number): Router {
  const api = express.Router();
  api.use(express.json({ limit: maxPayloadBytes }));

  api.post("/command", (req, res) => {
    if (Number(req.get(PROTOCOL_HEADER)) !== PROTOCOL_VERSION) {
      return send(res, fail("protocol_mismatch"));
    }
    const principal = engine.authenticate(bearer(req));
    if (typeof principal === "string") return send(res, fail(principal));
    void engine.submit(principal, req.body).then((result) => send(res, result));
  });

  /** The server's clock, so clients can show the timer corrected for their own clock's skew. */
  api.get("/time", (_req, res) => {
    res.set("cache-control", "no-store").json({ ok: true, value: { now: Date.now() } });
  });

  /** What the join page shows before someone joins: the title and whether a name is asked. */
  api.get("/join/:code", (req, res) => {
    const code = normaliseJoinCode(req.params.code);
    const workshop = code ? store.findWorkshopByCode(code) : undefined;
    const meta = workshop ? readMeta(engine.board(workshop.id)) : null;
    if (!workshop || !meta) {
      return send(
        res,
        fail("not_found", "No workshop has that code. Check the code and try again."),
      );
    }
    if (meta.phase === "closed") return send(res, fail("workshop_closed"));
    const info: JoinInfo = {
      workshopId: workshop.id,
      code: meta.code,
      title: meta.title,
      anonymity: meta.settings.anonymity,
    };
    send(res, { ok: true, value: info });
  });

  api.use((_req, res) => send(res, fail("not_found")));
  api.use(jsonErrors);
  return api;
}

function bearer(req: Request): string | undefined {
  const header = req.get("authorization");
  return header?.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() : undefined;
}

function send(res: Response, result: Result): void {
  res.status(result.ok ? 200 : STATUS[result.error.code]).json(result);
}

/** Malformed or oversized bodies get a Result too, never an HTML error page. */
const jsonErrors: ErrorRequestHandler = (error: { type?: string }, _req, res, _next) => {
  if (error.type === "entity.too.large") return send(res, fail("too_large"));
  if (error.type === "entity.parse.failed")
    return send(res, fail("invalid_payload", "The request is not valid JSON."));
  send(res, fail("internal"));
};
