import { boardOf } from "../board.js";
import type { CommandDefinition } from "../CommandContext.js";
import { Refusal } from "../Refusal.js";
import { newId, newToken } from "../secrets.js";

/** Joining by code makes a participant and hands back the token that is them from now on. */
export const joinWorkshop: CommandDefinition<"participant.join"> = {
  secretResult: true,
  workshopOf: ({ code }, store) => store.findWorkshopByCode(code),
  notFound: "No workshop has that code. Check the code and try again.",
  apply(ctx, { name }) {
    const workshop = ctx.requireWorkshop();
    const { meta } = boardOf(ctx);
    const anonymity = meta.settings.anonymity;
    const given = name && name.length > 0 ? name : null;
    if (anonymity === "named" && !given) {
      throw new Refusal("invalid_payload", "Please enter your name: this workshop shows names.");
    }
    const participantId = newId();
    ctx.store.insertParticipant({
      id: participantId,
      workshopId: workshop.id,
      // In a fully anonymous workshop we do not even keep a name.
      name: anonymity === "anonymous" ? null : given,
      createdAt: ctx.now,
    });
    const token = newToken();
    ctx.store.insertToken({
      hash: token.hash,
      role: "attendee",
      summitId: workshop.summitId,
      workshopId: workshop.id,
      participantId,
      createdAt: ctx.now,
      revokedAt: null,
    });
    return { workshopId: workshop.id, participantId, token: token.value };
  },
};
