import { ideasMap, readMeta, type BoardIdea } from "../../../shared/board.js";
import type { CommandDefinition } from "../CommandContext.js";
import { Refusal } from "../Refusal.js";
import { newId } from "../secrets.js";

/**
 * An attendee posts an idea. The author goes to the store; the board gets
 * the text and, only where the workshop and the author allow it, a name.
 */
export const postIdea: CommandDefinition<"idea.post"> = {
  apply(ctx, { promptId, text, anonymous }) {
    const workshop = ctx.requireWorkshop();
    const participantId = ctx.requireParticipant();
    const board = ctx.board();
    const meta = readMeta(board.doc);
    if (!meta) throw new Error(`workshop ${workshop.id} has no board`);
    const { settings } = meta;
    if (!meta.prompts.some((p) => p.id === promptId)) {
      throw new Refusal("not_found", "That question is not part of this workshop.");
    }
    if (text.length > settings.ideaMaxLength) {
      throw new Refusal(
        "invalid_payload",
        `Ideas can be at most ${settings.ideaMaxLength} characters.`,
      );
    }
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
