import {
  ideasMap,
  metaMap,
  talliesArePublic,
  talliesMap,
  type BoardMeta,
} from "../../../shared/board.js";
import { votesRemaining } from "../../../shared/votes.js";
import type { DocRoom } from "../../yjs/DocRoom.js";
import { boardOf } from "../board.js";
import type { CommandContext, CommandDefinition } from "../CommandContext.js";
import { Refusal } from "../Refusal.js";

/**
 * [V1] An attendee places one dot on an idea, within their budget and
 * [V2] the per-idea cap. Votes are rows in the store; the board only ever
 * gets totals, and only when they are public [V3].
 */
export const castVote: CommandDefinition<"vote.cast"> = {
  apply(ctx, { ideaId }) {
    const participantId = ctx.requireParticipant();
    const { board, meta } = boardOf(ctx);
    if (!ideasMap(board.doc).has(ideaId))
      throw new Refusal("not_found", "That idea is not on the board.");
    const mine = ctx.store.votesOf(participantId);
    const { votesPerAttendee, maxVotesPerIdea } = meta.settings;
    if (votesRemaining(meta.settings, mine) === 0) {
      throw new Refusal("limit_reached", `You have used all ${votesPerAttendee} of your votes.`);
    }
    const votes = (mine[ideaId] ?? 0) + 1;
    if (votes > maxVotesPerIdea) {
      throw new Refusal(
        "limit_reached",
        `One idea can take at most ${maxVotesPerIdea} of your votes.`,
      );
    }
    ctx.store.setVotes({
      workshopId: ctx.requireWorkshop().id,
      participantId,
      ideaId,
      count: votes,
    });
    ctx.change(board, () => writeTally(ctx, board, meta, ideaId));
    return { ideaId, votes };
  },
};

/** An attendee takes one of their dots back off an idea. */
export const retractVote: CommandDefinition<"vote.retract"> = {
  apply(ctx, { ideaId }) {
    const participantId = ctx.requireParticipant();
    const { board, meta } = boardOf(ctx);
    const current = ctx.store.votesOf(participantId)[ideaId] ?? 0;
    if (current === 0) throw new Refusal("not_found", "You have no vote on that idea.");
    const votes = current - 1;
    ctx.store.setVotes({
      workshopId: ctx.requireWorkshop().id,
      participantId,
      ideaId,
      count: votes,
    });
    ctx.change(board, () => writeTally(ctx, board, meta, ideaId));
    return { ideaId, votes };
  },
};

/** [V3] The facilitator reveals the tallies to everyone, or hides them again. */
export const revealVotes: CommandDefinition<"votes.reveal"> = {
  apply(ctx, { revealed }) {
    const { board, meta } = boardOf(ctx);
    const next = { ...meta, votesRevealed: revealed };
    ctx.change(board, () => {
      metaMap(board.doc).set("votesRevealed", revealed);
      writeAllTallies(ctx, board, next);
    });
    return { revealed };
  },
};

/** Writes one idea's total to the board if totals are public (inside a change). */
export function writeTally(
  ctx: CommandContext,
  board: DocRoom,
  meta: BoardMeta,
  ideaId: string,
): void {
  if (!talliesArePublic(meta)) return;
  const total = ctx.store.tallyOf(ideaId);
  const tallies = talliesMap(board.doc);
  if (total > 0) tallies.set(ideaId, total);
  else tallies.delete(ideaId);
}

/** Makes the board's tallies match the store, or empties them while votes are secret (inside a change). */
export function writeAllTallies(ctx: CommandContext, board: DocRoom, meta: BoardMeta): void {
  const tallies = talliesMap(board.doc);
  const wanted = talliesArePublic(meta) ? ctx.store.talliesOf(ctx.requireWorkshop().id) : {};
  for (const ideaId of [...tallies.keys()]) if (!(ideaId in wanted)) tallies.delete(ideaId);
  for (const [ideaId, total] of Object.entries(wanted)) {
    if (tallies.get(ideaId) !== total) tallies.set(ideaId, total);
  }
}
