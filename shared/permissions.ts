import type { DocKind } from "./board.js";
import type { CommandType } from "./commands.js";
import type { ErrorCode } from "./protocol.js";
import type { Role } from "./roles.js";
import { PHASES, type Phase } from "./workshop.js";

/** The one permissions table: who may send each command, and in which phases. */
export interface Permission {
  roles: readonly Role[];
  /** phases of the workshop in which the command is allowed; commands outside a workshop ignore it */
  phases: readonly Phase[];
}

const OPEN_PHASES = PHASES.filter((p) => p !== "closed");

export const PERMISSIONS: Record<CommandType, Permission> = {
  "summit.create": { roles: ["setup"], phases: PHASES },
  "workshop.create": { roles: ["organiser"], phases: PHASES },
  "participant.join": { roles: ["none"], phases: OPEN_PHASES },
  "phase.set": { roles: ["facilitator"], phases: PHASES },
  "idea.post": { roles: ["attendee"], phases: ["brainstorm"] },
  "idea.edit": { roles: ["attendee"], phases: ["brainstorm"] },
  "idea.withdraw": { roles: ["attendee"], phases: ["brainstorm"] },
  "vote.cast": { roles: ["attendee"], phases: ["vote"] },
  "vote.retract": { roles: ["attendee"], phases: ["vote"] },
  "votes.reveal": { roles: ["facilitator"], phases: PHASES },
};

/**
 * Why `role` may not send `type` in `phase`, or null when it may.
 * [P1] a role not in the row is `forbidden`; [P2] a phase not in the row is
 * `workshop_closed` in the closed phase and `wrong_phase` otherwise.
 */
export function refusal(type: CommandType, role: Role, phase: Phase | null): ErrorCode | null {
  const rule = PERMISSIONS[type];
  if (!rule.roles.includes(role)) return role === "none" ? "unauthenticated" : "forbidden";
  if (phase !== null && !rule.phases.includes(phase)) {
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
