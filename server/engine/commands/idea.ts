import { ideasMap, type BoardIdea, type BoardMeta } from "../../../shared/board.js";
import { boardOf } from "../board.js";
import type { CommandContext, CommandDefinition } from "../CommandContext.js";
import { Refusal } from "../Refusal.js";
import { newId } from "../secrets.js";
import { writeTally } from "./vote.js";

/**
 * [I1] An attendee posts an idea within the workshop's length and count caps.
 * The author goes to the store; the board gets the text and, only where the
 * workshop and the author allow it, a name.
 */
export const postIdea: CommandDefinition<"idea.post"> = {
  apply(ctx, { promptId, text, anonymous }) {
    const workshop = ctx.requireWorkshop();
    const participantId = ctx.requireParticipant();
    const { board, meta } = boardOf(ctx);
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
    const idea: BoardIdea = { id: newId(), promptId, text, authorName, createdAt: ctx.now };
    ctx.store.insertIdeaAuthor({
      ideaId: idea.id,
      workshopId: workshop.id,
      participantId,
      anonymous: authorName === null,
    });
    ctx.change(board, () => ideasMap(board.doc).set(idea.id, idea));
    return { ideaId: idea.id };
  },
};

/** [I3] An attendee corrects the text of their own idea, within the length cap. */
export const editIdea: CommandDefinition<"idea.edit"> = {
  apply(ctx, { ideaId, text }) {
    const { board, meta } = boardOf(ctx);
    const idea = ownIdea(ctx, ideaId);
    checkLength(meta, text);
    ctx.change(board, () => ideasMap(board.doc).set(ideaId, { ...idea, text }));
    return { ideaId };
  },
};

/** [I4] An attendee takes back their own idea; any dots on it are returned to their owners. */
export const withdrawIdea: CommandDefinition<"idea.withdraw"> = {
  apply(ctx, { ideaId }) {
    const { board, meta } = boardOf(ctx);
    ownIdea(ctx, ideaId);
    ctx.store.withdrawIdea(ideaId, ctx.now);
    ctx.store.deleteVotesOn(ideaId);
    ctx.change(board, () => {
      ideasMap(board.doc).delete(ideaId);
      writeTally(ctx, board, meta, ideaId);
    });
    return { ideaId };
  },
};

/** The idea as it stands on the board, if the sender wrote it; refuses otherwise. */
function ownIdea(ctx: CommandContext, ideaId: string): BoardIdea {
  const author = ctx.store.getIdeaAuthor(ideaId);
  const idea = ideasMap(ctx.board().doc).get(ideaId);
  // Someone else's idea looks exactly like a missing one: ids reveal nothing.
  if (
    !author ||
    !idea ||
    author.withdrawnAt !== null ||
    author.workshopId !== ctx.requireWorkshop().id ||
    author.participantId !== ctx.requireParticipant()
  ) {
    throw new Refusal("not_found", "That idea is not one of yours, or it was withdrawn.");
  }
  return idea;
}

function checkLength(meta: BoardMeta, text: string): void {
  const max = meta.settings.ideaMaxLength;
  if (text.length > max)
    throw new Refusal("invalid_payload", `Ideas can be at most ${max} characters.`);
}
