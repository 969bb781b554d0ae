import type { DocKind } from "./board.js";
import type { CommandType } from "./commands.js";
import type { ErrorCode } from "./protocol.js";
import type { Role } from "./roles.js";
import { PHASES, type Phase, type WorkshopSettings } from "./workshop.js";

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
  "summit.create": { setup: ANY_PHASE, organiser: ANY_PHASE },
  "workshop.create": { organiser: ANY_PHASE },
  "summit.update": { organiser: ANY_PHASE },
  "summit.archive": { organiser: ANY_PHASE },
  "summit.delete": { organiser: ANY_PHASE },
  "workshop.rotate-links": { organiser: ANY_PHASE },
  "workshop.delete": { organiser: ANY_PHASE },
  "participant.join": { none: OPEN_PHASES },
  "phase.set": { facilitator: ANY_PHASE },
  "idea.post": { attendee: ["brainstorm"] },
  "idea.edit": { attendee: ["brainstorm"] },
  "idea.withdraw": { attendee: ["brainstorm"] },
  "vote.cast": { attendee: ["vote"] },
  "vote.retract": { attendee: ["vote"] },
  "votes.reveal": { facilitator: ANY_PHASE },
  "workshop.update": { facilitator: ANY_PHASE },
  "settings.update": { facilitator: ANY_PHASE },
  "timer.start": { facilitator: OPEN_PHASES },
  "timer.pause": { facilitator: OPEN_PHASES },
  "timer.resume": { facilitator: OPEN_PHASES },
  "timer.extend": { facilitator: OPEN_PHASES },
  "timer.stop": { facilitator: ANY_PHASE },
  "votes.reset": { facilitator: OPEN_PHASES },
  "idea.approve": { facilitator: ANY_PHASE },
  "idea.hide": { facilitator: ANY_PHASE },
  "idea.restore": { facilitator: ANY_PHASE },
  "idea.delete": { facilitator: ANY_PHASE },
  "idea.correct": { facilitator: ANY_PHASE },
  "idea.merge": { facilitator: OPEN_PHASES },
  "cluster.create": { facilitator: OPEN_PHASES, attendee: ["cluster"] },
  "cluster.rename": { facilitator: OPEN_PHASES, attendee: ["cluster"] },
  "cluster.dissolve": { facilitator: OPEN_PHASES },
  "cluster.merge": { facilitator: OPEN_PHASES },
  "cluster.reorder": { facilitator: OPEN_PHASES },
  "cluster.move-idea": { facilitator: OPEN_PHASES, attendee: ["cluster"] },
  "clusters.apply": { facilitator: OPEN_PHASES },
  "spotlight.set": { facilitator: OPEN_PHASES },
};

/**
 * Rows of the table that a workshop setting switches on: these roles may
 * send these commands only while the setting is true. [P3]
 */
export const SETTING_GATES: Partial<Record<CommandType, Partial<Record<Role, BooleanSettingKey>>>> =
  {
    "cluster.create": { attendee: "attendeesMayCluster" },
    "cluster.rename": { attendee: "attendeesMayCluster" },
    "cluster.move-idea": { attendee: "attendeesMayCluster" },
  };

type BooleanSettingKey = {
  [K in keyof WorkshopSettings]: WorkshopSettings[K] extends boolean ? K : never;
}[keyof WorkshopSettings];

/**
 * Why `role` may not send `type` in `phase`, or null when it may.
 * [P1] a role not in the row is `forbidden` (`unauthenticated` without a
 * token); [P2] a phase not allowed for the role is `workshop_closed` in the
 * closed phase and `wrong_phase` otherwise; [P3] a row gated by a setting
 * that is off is `forbidden`. Pass the workshop's settings where known.
 */
export function refusal(
  type: CommandType,
  role: Role,
  phase: Phase | null,
  settings?: WorkshopSettings,
): ErrorCode | null {
  const phases = PERMISSIONS[type][role];
  if (!phases) return role === "none" ? "unauthenticated" : "forbidden";
  if (phase !== null && !phases.includes(phase)) {
    return phase === "closed" ? "workshop_closed" : "wrong_phase";
  }
  const gate = SETTING_GATES[type]?.[role];
  if (gate && settings && !settings[gate]) return "forbidden";
  return null;
}

/** Who may read and who may write each kind of document (see DESIGN.md, Documents). */
export const DOC_ACCESS: Record<DocKind, { read: readonly Role[]; write: readonly Role[] }> = {
  board: { read: ["attendee", "projector", "facilitator", "organiser"], write: [] },
  facilitation: { read: ["facilitator", "organiser"], write: [] },
  notes: { read: ["facilitator", "organiser"], write: ["facilitator", "organiser"] },
};
