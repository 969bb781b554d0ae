import {
  clustersMap,
  getIdea,
  ideasMap,
  metaMap,
  putIdea,
  type BoardIdea,
  type BoardMeta,
  type Spotlight,
} from "../../shared/board.js";
import {
  auditArray,
  queueMap,
  type QueueStatus,
  type QueuedIdea,
} from "../../shared/facilitation.js";
import { safeguardingMatches } from "../../shared/safeguarding.js";
import type { CommandContext } from "./CommandContext.js";
import { Refusal } from "./Refusal.js";

/**
 * Where ideas live. An idea is on the board (everyone sees it) or in the
 * facilitation queue (only facilitators do): pending pre-moderation, held by
 * the safeguarding filter, or hidden by a facilitator. It is never in both.
 */

/** Where an idea is now, or null if it is neither on the board nor queued. */
export type IdeaLocation =
  { on: "board"; idea: BoardIdea } | { on: "queue"; idea: BoardIdea; status: QueueStatus };

/** Finds an idea on the board or in the queue. */
export function locateIdea(ctx: CommandContext, ideaId: string): IdeaLocation | null {
  const onBoard = getIdea(ctx.board().doc, ideaId);
  if (onBoard) return { on: "board", idea: onBoard };
  const queued = queueMap(ctx.facilitation().doc).get(ideaId);
  return queued ? { on: "queue", idea: queued.idea, status: queued.status } : null;
}

/** The idea as it stands on the board; refuses with not_found otherwise. */
export function boardIdea(ctx: CommandContext, ideaId: string): BoardIdea {
  const idea = getIdea(ctx.board().doc, ideaId);
  if (!idea) throw new Refusal("not_found", "That idea is not on the board.");
  return idea;
}

/**
 * Puts an idea an attendee wrote (new or edited) where it belongs: [S1] held
 * if it looks like personal data, whatever the settings; [S2] pending under
 * pre-moderation; otherwise on the board.
 */
export function placeAttendeeIdea(
  ctx: CommandContext,
  meta: BoardMeta,
  idea: BoardIdea,
): "published" | "pending" | "held" {
  const matches = safeguardingMatches(idea.text);
  if (matches.length > 0) {
    enqueue(ctx, { idea, status: "held", matches });
    return "held";
  }
  if (meta.settings.preModeration) {
    enqueue(ctx, { idea, status: "pending", matches: [] });
    return "pending";
  }
  publish(ctx, idea);
  return "published";
}

/** Puts an idea on the board (taking it out of the queue), out of any cluster that has gone. */
export function publish(ctx: CommandContext, idea: BoardIdea): void {
  affectAuthor(ctx, idea.id);
  const board = ctx.board();
  const facilitation = ctx.facilitation();
  if (queueMap(facilitation.doc).has(idea.id)) {
    ctx.change(facilitation, () => queueMap(facilitation.doc).delete(idea.id));
  }
  const clusterId =
    idea.clusterId && clustersMap(board.doc).has(idea.clusterId) ? idea.clusterId : null;
  ctx.change(board, () => putIdea(board.doc, { ...idea, clusterId }));
}

/** Puts an idea in the facilitators' queue (taking it off the board). */
export function enqueue(ctx: CommandContext, entry: QueuedIdea): void {
  affectAuthor(ctx, entry.idea.id);
  const facilitation = ctx.facilitation();
  takeOffBoard(ctx, entry.idea.id);
  ctx.change(facilitation, () => queueMap(facilitation.doc).set(entry.idea.id, entry));
}

/** Removes an idea from wherever it is. */
export function removeIdea(ctx: CommandContext, ideaId: string): void {
  affectAuthor(ctx, ideaId);
  const facilitation = ctx.facilitation();
  takeOffBoard(ctx, ideaId);
  if (queueMap(facilitation.doc).has(ideaId)) {
    ctx.change(facilitation, () => queueMap(facilitation.doc).delete(ideaId));
  }
}

/** Takes every dot off an idea, telling each voter their dots came back. */
export function refundVotes(ctx: CommandContext, ideaId: string): void {
  for (const { participantId } of ctx.store.votesOn(ideaId)) ctx.affect(participantId);
  ctx.store.deleteVotesOn(ideaId);
}

function affectAuthor(ctx: CommandContext, ideaId: string): void {
  const author = ctx.store.getIdeaAuthor(ideaId);
  if (author) ctx.affect(author.participantId);
}

/** Removes an idea from the board, and from the spotlight if it is there. */
function takeOffBoard(ctx: CommandContext, ideaId: string): void {
  const board = ctx.board();
  if (!ideasMap(board.doc).has(ideaId)) return;
  ctx.change(board, () => {
    ideasMap(board.doc).delete(ideaId);
    const spotlight = metaMap(board.doc).get("spotlight") as Spotlight | null | undefined;
    if (spotlight?.kind === "idea" && spotlight.id === ideaId)
      metaMap(board.doc).set("spotlight", null);
  });
}

/** Records a facilitator's action in the store's audit log and the facilitators' live trail. */
export function audit(
  ctx: CommandContext,
  action: string,
  ideaId: string | null,
  detail = "",
): void {
  const workshop = ctx.requireWorkshop();
  ctx.store.insertAudit({
    workshopId: workshop.id,
    actor: ctx.principal.id,
    action,
    ideaId,
    detail,
    at: ctx.now,
  });
  const facilitation = ctx.facilitation();
  ctx.change(facilitation, () =>
    auditArray(facilitation.doc).push([{ at: ctx.now, action, ideaId, detail }]),
  );
}
