import type { BoardIdea } from "./board.js";
import type { CommandEnvelope } from "./commands.js";
import type { QueueStatus } from "./facilitation.js";
import type { Anonymity } from "./workshop.js";

/**
 * The wire protocol between browsers and the server, declared once for both
 * sides. Commands go in over Socket.io (or REST for the few that happen
 * before a client holds a token); state comes out over read-only Yjs.
 */

/**
 * Bumped whenever a command, a result or the board document changes shape in
 * a way an older client would misread. A client with another version is
 * refused with `protocol_mismatch` and asked to reload.
 *
 * 2: the board's ideas map no longer repeats an idea's id in its value; a
 * command's reply carries the sender's own state instead of a `self` event.
 */
export const PROTOCOL_VERSION = 2;

/** The closed set of reasons a command or a connection can be refused. */
export const ERROR_CODES = {
  invalid_payload: "Some of what was sent is missing or not valid.",
  too_large: "That is too large to send.",
  unknown_command: "The server does not know this action.",
  unauthenticated: "Your link or session is not valid. Ask the facilitator for a new link.",
  forbidden: "You are not allowed to do that.",
  protocol_mismatch: "Roundtable was updated. Please reload the page.",
  not_found: "We could not find that. Check the code and try again.",
  workshop_closed: "This workshop has closed.",
  archived: "This summit is archived and can no longer be changed.",
  wrong_phase: "That is not possible in the workshop's current phase.",
  limit_reached: "You have reached the limit for this workshop.",
  already_used: "That link has already been used.",
  duplicate: "That was already done.",
  rate_limited: "Slow down a little, then try again.",
  unreachable: "Could not reach Roundtable. Check your connection and try again.",
  internal: "Something went wrong on our side. Please try again.",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface CommandError {
  code: ErrorCode;
  message: string;
}

/** Every command is answered with exactly one Result. */
export type Result<T = unknown> = { ok: true; value: T } | { ok: false; error: CommandError };

/**
 * The answer to a command over Socket.io: its Result and, when the command
 * changed the sender's own state, that state. A post then costs one
 * message back, not an ack and a `self` event (a third of the server's
 * work per post in the throughput benchmark).
 */
export type CommandReply<T = unknown> = Result<T> & { self?: SelfState };

/** A successful Result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A failed Result; the message defaults to the code's human message. */
export function fail(code: ErrorCode, message: string = ERROR_CODES[code]): Result<never> {
  return { ok: false, error: { code, message } };
}

/** Whether a string is one of the closed set of error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERROR_CODES, value);
}

/** Socket.io event names, typed for both ends. */
export const EVENTS = {
  /** client -> server, with an ack carrying a CommandReply */
  command: "command",
  /**
   * server -> one client: facts about the client itself (its own ideas), when
   * they change other than by a command of this connection (whose reply
   * carries them): on connecting, from another device, by a facilitator
   */
  self: "self",
} as const;

/** Socket.io events a client sends, typed for both ends. */
export interface ClientToServerEvents {
  [EVENTS.command]: (envelope: CommandEnvelope, ack: (reply: CommandReply) => void) => void;
}

/** Socket.io events the server sends, typed for both ends. */
export interface ServerToClientEvents {
  [EVENTS.self]: (state: SelfState) => void;
}

/** Header carrying the client's protocol version on REST calls. */
export const PROTOCOL_HEADER = "x-roundtable-protocol";

/** What the join page learns about a workshop before joining it (`GET /api/join/:code`). */
export interface JoinInfo {
  workshopId: string;
  code: string;
  title: string;
  anonymity: Anonymity;
}

/** What a client sends in the Socket.io handshake (`auth`). */
export interface HandshakeAuth {
  protocolVersion: number;
  token?: string;
}

/**
 * Close codes of the Yjs endpoint. y-websocket stops reconnecting on
 * 4400-4499, which is right for each of these: retrying cannot help.
 */
export const YJS_CLOSE = {
  malformed: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  not_found: 4404,
  protocol_mismatch: 4426,
} as const;

/** Query parameter names of the Yjs endpoint (y-websocket `params`). */
export const YJS_PARAMS = { token: "token", protocolVersion: "v" } as const;

/** The path prefix of the Yjs endpoint; a document is at `${YJS_PATH}/${encodeURIComponent(name)}`. */
export const YJS_PATH = "/yjs";

/** The facts the server tells one attendee about themselves and nobody else. */
export interface SelfState {
  participantId: string;
  workshopId: string;
  /** ids of ideas this participant wrote; never in the shared document */
  ideaIds: string[];
  /** this participant's dots per idea id; nobody else ever learns them */
  votes: Record<string, number>;
  /** this participant's ideas that are not on the board, and why */
  queued: { idea: BoardIdea; status: QueueStatus }[];
}
