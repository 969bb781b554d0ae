import express, {
  type ErrorRequestHandler,
  type Request,
  type Response,
  type Router,
} from "express";
import { clustersMap, readIdeas } from "../../shared/board.js";
import { fail, PROTOCOL_HEADER, PROTOCOL_VERSION, type Result } from "../../shared/protocol.js";
import type { Engine } from "../engine/Engine.js";
import { DEFAULT_GRANULARITY, thresholdFor } from "../suggest/granularity.js";
import {
  similarRequest,
  suggestRequest,
  type SimilarIdeas,
  type Suggestions,
} from "../../shared/suggestions.js";
import { SuggestRunner } from "../suggest/SuggestRunner.js";
import { bearer, send } from "./results.js";

/**
 * Suggested clusters, for the facilitator only: a read of the board, worked
 * out in a worker thread. Nothing here writes anything; accepting a
 * suggestion is the `clusters.apply` command. Only ideas on the board are
 * read, so held, pending and hidden ideas (in the facilitation queue) are
 * never suggested.
 */
export function suggestRouter(engine: Engine, runner = new SuggestRunner()): Router {
  const router = express.Router();
  router.use(express.json({ limit: 4 * 1024 }));

  router.post("/", async (req, res) => {
    const workshopId = facilitatorWorkshop(engine, req, res);
    if (!workshopId) return;
    const parsed = suggestRequest.safeParse(req.body);
    if (!parsed.success) return send(res, fail("invalid_payload"));
    const { scope, granularity = DEFAULT_GRANULARITY } = parsed.data;
    const board = engine.board(workshopId);
    const clusterIds = new Set(clustersMap(board).keys());
    const ideas = readIdeas(board)
      .filter((i) => scope === "all" || i.clusterId === null || !clusterIds.has(i.clusterId))
      .map(({ id, text }) => ({ id, text }));
    const out = await runner.suggest(ideas, thresholdFor(granularity));
    const value: Suggestions = {
      scope,
      granularity,
      ideaCount: ideas.length,
      groups: out.groups,
      alone: out.alone,
    };
    send(res, { ok: true, value });
  });

  router.post("/similar", async (req, res) => {
    const workshopId = facilitatorWorkshop(engine, req, res);
    if (!workshopId) return;
    const parsed = similarRequest.safeParse(req.body);
    if (!parsed.success) return send(res, fail("invalid_payload"));
    const { ideaId, limit = 5 } = parsed.data;
    const ideas = readIdeas(engine.board(workshopId)).map(({ id, text }) => ({ id, text }));
    if (!ideas.some((i) => i.id === ideaId)) {
      return send(res, fail("not_found", "That idea is not on the board."));
    }
    const out = await runner.similar(ideas, ideaId, limit);
    const value: SimilarIdeas = { ideaId, similar: out.similar };
    send(res, { ok: true, value });
  });

  router.use(errors);
  return router;
}

/** The facilitator's workshop from the request, or null after answering with the refusal. */
function facilitatorWorkshop(engine: Engine, req: Request, res: Response): string | null {
  const refuse = (result: Result): null => {
    send(res, result);
    return null;
  };
  if (Number(req.get(PROTOCOL_HEADER)) !== PROTOCOL_VERSION) {
    return refuse(fail("protocol_mismatch"));
  }
  const principal = engine.authenticate(bearer(req));
  if (typeof principal === "string") return refuse(fail(principal));
  if (principal.role === "none") return refuse(fail("unauthenticated"));
  if (principal.role !== "facilitator" || !principal.workshopId) return refuse(fail("forbidden"));
  return principal.workshopId;
}

/** Malformed bodies and a failed worker get a Result too, never an HTML error page. */
const errors: ErrorRequestHandler = (error: { type?: string }, _req, res, _next) => {
  if (error.type === "entity.too.large") return send(res, fail("too_large"));
  if (error.type === "entity.parse.failed")
    return send(res, fail("invalid_payload", "The request is not valid JSON."));
  send(res, fail("internal"));
};
