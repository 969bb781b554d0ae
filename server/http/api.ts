import express, { type ErrorRequestHandler, type Router } from "express";
import { bearer, send } from "./results.js";
import { readMeta } from "../../shared/board.js";
import { normaliseJoinCode } from "../../shared/workshop.js";
import { fail, PROTOCOL_HEADER, PROTOCOL_VERSION, type JoinInfo } from "../../shared/protocol.js";
import type { Engine } from "../engine/Engine.js";
import type { Store } from "../store/Store.js";

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

/** Malformed or oversized bodies get a Result too, never an HTML error page. */
const jsonErrors: ErrorRequestHandler = (error: { type?: string }, _req, res, _next) => {
  if (error.type === "entity.too.large") return send(res, fail("too_large"));
  if (error.type === "entity.parse.failed")
    return send(res, fail("invalid_payload", "The request is not valid JSON."));
  send(res, fail("internal"));
};
