import {
  ideasMap,
  metaMap,
  talliesArePublic,
  talliesMap,
  type BoardMeta,
} from "../../../shared/board.js";
import { liveTalliesMap } from "../../../shared/facilitation.js";
import { mayCastOn, votesRemaining } from "../../../shared/votes.js";
import type { DocRoom } from "../../yjs/DocRoom.js";
import { boardOf } from "../board.js";
import type { CommandContext, CommandDefinition } from "../CommandContext.js";
import { audit } from "../ideas.js";
import { Refusal } from "../Refusal.js";

/**
 * [V1] An attendee places one dot on an idea, within their budget and
 * [V2] the per-idea cap. Votes are rows in the store; the board only ever
 * gets totals, and only when they are public [V3]. Facilitators always see
 * live totals in the facilitation document.
 */
export const castVote: CommandDefinition<"vote.cast"> = {
  apply(ctx, { ideaId }) {
    const participantId = ctx.requireParticipant();
    const { board, meta } = boardOf(ctx);
    if (!ideasMap(board.doc).has(ideaId)) {
      throw new Refusal("not_found", "That idea is not on the board.");
    }
    const mine = ctx.store.votesOf(participantId);
    const { votesPerAttendee, maxVotesPerIdea } = meta.settings;
    if (!mayCastOn(meta.settings, mine, ideaId)) {
      throw new Refusal(
        "limit_reached",
        votesRemaining(meta.settings, mine) === 0
          ? `You have used all ${votesPerAttendee} of your votes.`
          : `One idea can take at most ${maxVotesPerIdea} of your votes.`,
      );
    }
    const votes = (mine[ideaId] ?? 0) + 1;
    ctx.store.setVotes({
      workshopId: ctx.requireWorkshop().id,
      participantId,
      ideaId,
      count: votes,
    });
    deferTally(ctx, ideaId);
    return { ideaId, votes };
  },
};

/** An attendee takes one of their dots back off an idea. */
export const retractVote: CommandDefinition<"vote.retract"> = {
  apply(ctx, { ideaId }) {
    const participantId = ctx.requireParticipant();
    const current = ctx.store.votesOf(participantId)[ideaId] ?? 0;
    if (current === 0) throw new Refusal("not_found", "You have no vote on that idea.");
    const votes = current - 1;
    ctx.store.setVotes({
      workshopId: ctx.requireWorkshop().id,
      participantId,
      ideaId,
      count: votes,
    });
    deferTally(ctx, ideaId);
    return { ideaId, votes };
  },
};

/** [V3] The facilitator reveals the tallies to everyone, or hides them again. */
export const revealVotes: CommandDefinition<"votes.reveal"> = {
  apply(ctx, { revealed }) {
    const { board, meta } = boardOf(ctx);
    ctx.change(board, () => metaMap(board.doc).set("votesRevealed", revealed));
    writeAllTallies(ctx, board, { ...meta, votesRevealed: revealed });
    audit(ctx, revealed ? "votes revealed" : "votes hidden", null);
    return { revealed };
  },
};

/** [V4] The facilitator clears every vote and hides the (now empty) results. */
export const resetVotes: CommandDefinition<"votes.reset"> = {
  apply(ctx) {
    const { board, meta } = boardOf(ctx);
    const workshopId = ctx.requireWorkshop().id;
    for (const participantId of Object.keys(ctx.store.votesPerParticipant(workshopId))) {
      ctx.affect(participantId);
    }
    const removed = ctx.store.deleteVotesIn(workshopId);
    ctx.change(board, () => metaMap(board.doc).set("votesRevealed", false));
    writeAllTallies(ctx, board, { ...meta, votesRevealed: false });
    audit(ctx, "votes reset", null, `${removed} vote rows cleared`);
    return {};
  },
};

/** Writes one idea's total at the end of the group commit, once however many votes it took. */
function deferTally(ctx: CommandContext, ideaId: string): void {
  ctx.defer(`tally:${ideaId}`, (later) => {
    const { board, meta } = boardOf(later);
    writeTally(later, board, meta, ideaId);
  });
}

/** Writes one idea's total: always for facilitators, on the board only while totals are public. */
export function writeTally(
  ctx: CommandContext,
  board: DocRoom,
  meta: BoardMeta,
  ideaId: string,
): void {
  const total = ctx.store.tallyOf(ideaId);
  const facilitation = ctx.facilitation();
  ctx.change(facilitation, () => setOrDelete(liveTalliesMap(facilitation.doc), ideaId, total));
  const onBoard = talliesArePublic(meta) && ideasMap(board.doc).has(ideaId);
  if (onBoard || talliesMap(board.doc).has(ideaId)) {
    ctx.change(board, () => setOrDelete(talliesMap(board.doc), ideaId, onBoard ? total : 0));
  }
}

/**
 * Makes every tally match the store: the facilitators' always, the board's
 * while totals are public (for ideas on the board), none while they are secret.
 */
export function writeAllTallies(ctx: CommandContext, board: DocRoom, meta: BoardMeta): void {
  const totals = ctx.store.talliesOf(ctx.requireWorkshop().id);
  const ideas = ideasMap(board.doc);
  const facilitation = ctx.facilitation();
  const publicTotals = talliesArePublic(meta)
    ? Object.fromEntries(Object.entries(totals).filter(([id]) => ideas.has(id)))
    : {};
  ctx.change(facilitation, () => mirror(liveTalliesMap(facilitation.doc), totals));
  ctx.change(board, () => mirror(talliesMap(board.doc), publicTotals));
}

function setOrDelete(
  map: { set(k: string, v: number): unknown; delete(k: string): void },
  key: string,
  n: number,
): void {
  if (n > 0) map.set(key, n);
  else map.delete(key);
}

/** Changes `map` to hold exactly `wanted`, touching only what differs. */
function mirror(
  map: {
    keys(): IterableIterator<string>;
    get(k: string): number | undefined;
    set(k: string, v: number): unknown;
    delete(k: string): void;
  },
  wanted: Record<string, number>,
): void {
  for (const key of [...map.keys()]) if (!(key in wanted)) map.delete(key);
  for (const [key, total] of Object.entries(wanted))
    if (map.get(key) !== total) map.set(key, total);
}
