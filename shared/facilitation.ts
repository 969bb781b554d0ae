import type * as Y from "yjs";
import type { BoardIdea } from "./board.js";
import type { SafeguardingMatch } from "./safeguarding.js";

/**
 * The facilitation document, `facilitation:<workshopId>`: what facilitators
 * and organisers see and nobody else. The server is its only writer.
 */
export const FACILITATION = {
  /** Y.Map from idea id to `QueuedIdea`: ideas not on the board */
  queue: "queue",
  /** Y.Map from idea id to its votes, always live */
  tallies: "tallies",
  /** Y.Array of `AuditEntry`, oldest first */
  audit: "audit",
  /** Y.Map: `guidance` (string), `templateId` (the theme it started from, or null) */
  meta: "meta",
} as const;

/** Why an idea is off the board. */
export type QueueStatus = "pending" | "held" | "hidden";

/** An idea waiting for (or taken off by) a facilitator. */
export interface QueuedIdea {
  idea: BoardIdea;
  /** pending: pre-moderation; held: the safeguarding filter; hidden: a facilitator */
  status: QueueStatus;
  /** what the safeguarding filter found, for the facilitator to judge */
  matches: SafeguardingMatch[];
}

/** One facilitator action, for the audit trail. */
export interface AuditEntry {
  at: number;
  action: string;
  ideaId: string | null;
  /** e.g. the text before and after a correction */
  detail: string;
}

/** The facilitation queue, typed. */
export function queueMap(doc: Y.Doc): Y.Map<QueuedIdea> {
  return doc.getMap(FACILITATION.queue);
}

/** The facilitators' live tallies, typed. */
export function liveTalliesMap(doc: Y.Doc): Y.Map<number> {
  return doc.getMap(FACILITATION.tallies);
}

/** Facts for facilitators only: the template's guidance and id. */
export function facilitationMeta(doc: Y.Doc): Y.Map<string | null> {
  return doc.getMap(FACILITATION.meta);
}

/** The audit trail, typed. */
export function auditArray(doc: Y.Doc): Y.Array<AuditEntry> {
  return doc.getArray(FACILITATION.audit);
}
