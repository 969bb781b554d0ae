import type { WorkshopSettings } from "./workshop.js";

/** How many dots a participant has placed in all. */
export function votesCast(votes: Record<string, number>): number {
  return Object.values(votes).reduce((sum, n) => sum + n, 0);
}

/**
 * [V1] Dots a participant may still place: the budget less what they cast,
 * never below zero (a budget lowered mid-vote keeps the dots already cast).
 */
export function votesRemaining(settings: WorkshopSettings, votes: Record<string, number>): number {
  return Math.max(0, settings.votesPerAttendee - votesCast(votes));
}

/** [V1] [V2] Whether one more dot on `ideaId` fits the budget and the per-idea cap. */
export function mayCastOn(
  settings: WorkshopSettings,
  votes: Record<string, number>,
  ideaId: string,
): boolean {
  return votesRemaining(settings, votes) > 0 && (votes[ideaId] ?? 0) < settings.maxVotesPerIdea;
}
