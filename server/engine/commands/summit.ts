import type { CommandDefinition } from "../CommandContext.js";
import { newId, newToken } from "../secrets.js";

/** The one-time setup link creates the first summit and becomes its organiser key. */
export const createSummit: CommandDefinition<"summit.create"> = {
  secretResult: true,
  apply(ctx, { name }) {
    const summitId = newId();
    ctx.store.insertSummit({ id: summitId, name, createdAt: ctx.now });
    ctx.store.revokeTokens({ role: "setup" }, ctx.now);
    const key = newToken();
    ctx.store.insertToken({
      hash: key.hash,
      role: "organiser",
      summitId,
      workshopId: null,
      participantId: null,
      createdAt: ctx.now,
      revokedAt: null,
    });
    return { summitId, organiserKey: key.value };
  },
};
