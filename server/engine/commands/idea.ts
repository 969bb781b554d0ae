import type { BoardIdea, BoardMeta } from "../../../shared/board.js";
import { boardOf } from "../board.js";
import type { CommandContext, CommandDefinition } from "../CommandContext.js";
import { locateIdea, placeAttendeeIdea, refundVotes, removeIdea } from "../ideas.js";
import { Refusal } from "../Refusal.js";
import { newId } from "../secrets.js";
import { writeTally } from "./vote.js";

/**
 * [I1] An attendee posts an idea within the workshop's length and count caps.
 * The author goes to the store; the idea goes to the board or, when held or
 * pending, to the facilitators' queue, with a name only where the workshop
 * and the author allow it.
 */
export const postIdea: CommandDefinition<"idea.post"> = {
  apply(ctx, { promptId, text, anonymous }) {
    const workshop = ctx.requireWorkshop();
    const participantId = ctx.requireParticipant();
    const { meta } = boardOf(ctx);
    const { settings } = meta;
    if (!meta.prompts.some((p) => p.id === promptId)) {
      throw new Refusal("not_found", "That question is not part of this workshop.");
    }
    checkLength(meta, text);
    if (ctx.store.ideasOf(participantId).length >= settings.ideasPerAttendee) {
      throw new Refusal(
        "limit_reached",
        `You have posted the most ideas this workshop allows (${settings.ideasPerAttendee}).`,
      );
    }
    const hideName =
      settings.anonymity === "anonymous" ||
      (settings.anonymity === "optional" && anonymous === true);
    const authorName = hideName ? null : (ctx.store.getParticipant(participantId)?.name ?? null);
    const idea: BoardIdea = {
      id: newId(),
      promptId,
      text,
      authorName,
      createdAt: ctx.now,
      clusterId: null,
      merged: 0,
    };
    ctx.store.insertIdeaAuthor({
      ideaId: idea.id,
      workshopId: workshop.id,
      participantId,
      anonymous: authorName === null,
    });
    return { ideaId: idea.id, status: placeAttendeeIdea(ctx, meta, idea) };
  },
};

/**
 * [I3] An attendee corrects the text of their own idea, within the length
 * cap. The edit goes through the same checks as a new post, so an idea
 * cannot slip past pre-moderation or the filter by being edited.
 */
export const editIdea: CommandDefinition<"idea.edit"> = {
  apply(ctx, { ideaId, text }) {
    const { meta } = boardOf(ctx);
    const idea = ownIdea(ctx, ideaId);
    checkLength(meta, text);
    return { ideaId, status: placeAttendeeIdea(ctx, meta, { ...idea, text }) };
  },
};

/** [I4] An attendee takes back their own idea; any dots on it are returned to their owners. */
export const withdrawIdea: CommandDefinition<"idea.withdraw"> = {
  apply(ctx, { ideaId }) {
    const { board, meta } = boardOf(ctx);
    ownIdea(ctx, ideaId);
    ctx.store.withdrawIdea(ideaId, ctx.now);
    refundVotes(ctx, ideaId);
    removeIdea(ctx, ideaId);
    writeTally(ctx, board, meta, ideaId);
    return { ideaId };
  },
};

/**
 * The sender's own idea, wherever it is, unless a facilitator hid it;
 * refuses otherwise. Someone else's idea looks exactly like a missing one.
 */
function ownIdea(ctx: CommandContext, ideaId: string): BoardIdea {
  const author = ctx.store.getIdeaAuthor(ideaId);
  const found = locateIdea(ctx, ideaId);
  if (
    !author ||
    !found ||
    author.withdrawnAt !== null ||
    author.workshopId !== ctx.requireWorkshop().id ||
    author.participantId !== ctx.requireParticipant()
  ) {
    throw new Refusal("not_found", "That idea is not one of yours, or it was withdrawn.");
  }
  if (found.on === "queue" && found.status === "hidden") {
    throw new Refusal("forbidden", "A facilitator has taken this idea off the board.");
  }
  return found.idea;
}

function checkLength(meta: BoardMeta, text: string): void {
  const max = meta.settings.ideaMaxLength;
  if (text.length > max)
    throw new Refusal("invalid_payload", `Ideas can be at most ${max} characters.`);
}
