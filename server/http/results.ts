import type { Request, Response } from "express";
import type { ErrorCode, Result } from "../../shared/protocol.js";

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

/** The token in an `Authorization: Bearer` header, if any. */
export function bearer(req: Request): string | undefined {
  const header = req.get("authorization");
  return header?.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() : undefined;
}

/** Answers with a Result and the status its error code calls for. */
export function send(res: Response, result: Result): void {
  res.status(result.ok ? 200 : STATUS[result.error.code]).json(result);
}
