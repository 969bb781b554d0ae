import { putIdea, type BoardIdea } from "../../../shared/board.js";
import { boardOf } from "../board.js";
import type { CommandDefinition } from "../CommandContext.js";
import {
  audit,
  boardIdea,
  enqueue,
  locateIdea,
  publish,
  refundVotes,
  removeIdea,
} from "../ideas.js";
import { Refusal } from "../Refusal.js";
import { writeAllTallies } from "./vote.js";

/** [M1] A facilitator lets pending or held ideas onto the board. */
export const approveIdeas: CommandDefinition<"idea.approve"> = {
  apply(ctx, { ideaIds }) {
    const queued = ideaIds.map((id) => {
      const found = locateIdea(ctx, id);
      if (found?.on !== "queue" || found.status === "hidden") {
        throw new Refusal("not_found", "That idea is not waiting for approval.");
      }
      return found;
    });
    for (const { idea, status } of queued) {
      publish(ctx, idea);
      audit(ctx, status === "held" ? "released held idea" : "approved idea", idea.id);
    }
    return { approved: queued.length };
  },
};

/** [M2] A facilitator takes an idea off the board; it waits, hidden, to be restored. */
export const hideIdea: CommandDefinition<"idea.hide"> = {
  apply(ctx, { ideaId }) {
    const { board, meta } = boardOf(ctx);
    enqueue(ctx, { idea: boardIdea(ctx, ideaId), status: "hidden", matches: [] });
    writeAllTallies(ctx, board, meta);
    audit(ctx, "hid idea", ideaId);
    return {};
  },
};

/** [M2] A facilitator puts a hidden idea back on the board. */
export const restoreIdea: CommandDefinition<"idea.restore"> = {
  apply(ctx, { ideaId }) {
    const found = locateIdea(ctx, ideaId);
    if (found?.on !== "queue" || found.status !== "hidden") {
      throw new Refusal("not_found", "That idea is not hidden.");
    }
    const { board, meta } = boardOf(ctx);
    publish(ctx, found.idea);
    writeAllTallies(ctx, board, meta);
    audit(ctx, "restored idea", ideaId);
    return {};
  },
};

/** [M3] A facilitator removes an idea for good; its votes go back to the voters. */
export const deleteIdea: CommandDefinition<"idea.delete"> = {
  apply(ctx, { ideaId }) {
    const found = locateIdea(ctx, ideaId);
    if (!found) throw new Refusal("not_found", "That idea is not in this workshop.");
    const { board, meta } = boardOf(ctx);
    removeIdea(ctx, ideaId);
    ctx.store.withdrawIdea(ideaId, ctx.now);
    refundVotes(ctx, ideaId);
    writeAllTallies(ctx, board, meta);
    audit(ctx, "deleted idea", ideaId, found.idea.text);
    return {};
  },
};

/** [M4] A facilitator corrects an idea's text; the audit trail keeps what it said before. */
export const correctIdea: CommandDefinition<"idea.correct"> = {
  apply(ctx, { ideaId, text }) {
    const found = locateIdea(ctx, ideaId);
    if (!found) throw new Refusal("not_found", "That idea is not in this workshop.");
    const corrected: BoardIdea = { ...found.idea, text };
    if (found.on === "board") publish(ctx, corrected);
    else enqueue(ctx, { idea: corrected, status: found.status, matches: [] });
    audit(
      ctx,
      "corrected idea",
      ideaId,
      `${JSON.stringify(found.idea.text)} -> ${JSON.stringify(text)}`,
    );
    return {};
  },
};

/**
 * [M5] A facilitator merges a duplicate into another idea. Each voter's dots
 * move with it, capped at the per-idea limit; dots over the cap go back to
 * the voter, so no budget is ever exceeded.
 */
export const mergeIdea: CommandDefinition<"idea.merge"> = {
  apply(ctx, { ideaId, intoId }) {
    if (ideaId === intoId)
      throw new Refusal("invalid_payload", "An idea cannot be merged into itself.");
    const { board, meta } = boardOf(ctx);
    const source = boardIdea(ctx, ideaId);
    const target = boardIdea(ctx, intoId);
    const workshopId = ctx.requireWorkshop().id;
    for (const { participantId, count } of ctx.store.votesOn(ideaId)) {
      ctx.affect(participantId);
      const onTarget = ctx.store.votesOf(participantId)[intoId] ?? 0;
      const carried = Math.min(meta.settings.maxVotesPerIdea, onTarget + count);
      ctx.store.setVotes({ workshopId, participantId, ideaId: intoId, count: carried });
      ctx.store.setVotes({ workshopId, participantId, ideaId, count: 0 });
    }
    removeIdea(ctx, ideaId);
    ctx.store.withdrawIdea(ideaId, ctx.now);
    ctx.change(board, () =>
      putIdea(board.doc, { ...target, merged: target.merged + source.merged + 1 }),
    );
    writeAllTallies(ctx, board, meta);
    audit(ctx, "merged idea", ideaId, `into ${intoId}: ${JSON.stringify(source.text)}`);
    return {};
  },
};
