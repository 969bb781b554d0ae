import type { CommandType } from "../../shared/commands.js";
import { refusal } from "../../shared/permissions.js";
import type { Role } from "../../shared/roles.js";
import { PHASES, type Phase } from "../../shared/workshop.js";

/** How each phase is named on screen. Copy only: what a phase allows is in shared/permissions.ts. */
export const PHASE_LABELS: Record<Phase, string> = {
  lobby: "Lobby",
  brainstorm: "Brainstorm",
  cluster: "Cluster",
  vote: "Vote",
  discuss: "Discuss",
  closed: "Closed",
};

/** What is happening in the room, as attendees and the projector describe it. */
export const PHASE_DESCRIPTIONS: Record<Phase, string> = {
  lobby: "The workshop starts soon.",
  brainstorm: "The room is collecting ideas.",
  cluster: "The facilitator is grouping the ideas.",
  vote: "The room is voting.",
  discuss: "The room is discussing the ideas.",
  closed: "This workshop has closed. Thank you for taking part.",
};

/** The phases in which `role` may send `type`, read from the permissions table. */
export function phasesAllowing(type: CommandType, role: Role): Phase[] {
  return PHASES.filter((phase) => refusal(type, role, phase) === null);
}

/** "Brainstorm", "Brainstorm or Vote", "Cluster, Vote or Discuss". */
export function listPhases(phases: readonly Phase[]): string {
  const labels = phases.map((p) => PHASE_LABELS[p]);
  return labels.length <= 1
    ? (labels[0] ?? "")
    : `${labels.slice(0, -1).join(", ")} or ${labels[labels.length - 1]}`;
}
