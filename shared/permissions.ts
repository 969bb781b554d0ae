import type { DocKind } from "./board.js";
import type { CommandType } from "./commands.js";
import type { ErrorCode } from "./protocol.js";
import type { Role } from "./roles.js";
import { PHASES, type Phase } from "./workshop.js";

/**
 * The one permissions table: for each command, the roles that may send it
 * and the workshop phases in which each of them may. A role that is not in
 * a command's row may never send it. Commands outside a workshop (creating a
 * summit or a workshop) ignore the phases.
 */
export type Permission = Partial<Record<Role, readonly Phase[]>>;

const ANY_PHASE = PHASES;
const OPEN_PHASES = PHASES.filter((p) => p !== "closed");

export const PERMISSIONS: Record<CommandType, Permission> = {
  "summit.create": { setup: ANY_PHASE },
  "workshop.create": { organiser: ANY_PHASE },
  "participant.join": { none: OPEN_PHASES },
  "phase.set": { facilitator: ANY_PHASE },
  "idea.post": { attendee: ["brainstorm"] },
  "idea.edit": { attendee: ["brainstorm"] },
  "idea.withdraw": { attendee: ["brainstorm"] },
  "vote.cast": { attendee: ["vote"] },
  "vote.retract": { attendee: ["vote"] },
  "votes.reveal": { facilitator: ANY_PHASE },
};

/**
 * Why `role` may not send `type` in `phase`, or null when it may.
 * [P1] a role not in the row is `forbidden` (`unauthenticated` without a
 * token); [P2] a phase not allowed for the role is `workshop_closed` in the
 * closed phase and `wrong_phase` otherwise.
 */
export function refusal(type: CommandType, role: Role, phase: Phase | null): ErrorCode | null {
  const phases = PERMISSIONS[type][role];
  if (!phases) return role === "none" ? "unauthenticated" : "forbidden";
  if (phase !== null && !phases.includes(phase)) {
    return phase === "closed" ? "workshop_closed" : "wrong_phase";
  }
  return null;
}

/** Who may read and who may write each kind of document (see DESIGN.md, Documents). */
export const DOC_ACCESS: Record<DocKind, { read: readonly Role[]; write: readonly Role[] }> = {
  board: { read: ["attendee", "projector", "facilitator", "organiser"], write: [] },
  facilitation: { read: ["facilitator", "organiser"], write: [] },
  notes: { read: ["facilitator", "organiser"], write: ["facilitator", "organiser"] },
};
