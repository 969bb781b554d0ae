import { metaMap, type BoardMeta } from "../../../shared/board.js";
import { DEFAULT_SETTINGS } from "../../../shared/workshop.js";
import type { Role } from "../../../shared/roles.js";
import type { CommandContext, CommandDefinition } from "../CommandContext.js";
import { Refusal } from "../Refusal.js";
import { newId, newJoinCode, newToken } from "../secrets.js";

/** An organiser creates a workshop: a join code, its links, and a board in the lobby. */
export const createWorkshop: CommandDefinition<"workshop.create"> = {
  secretResult: true,
  apply(ctx, payload) {
    const summitId = ctx.principal.summitId;
    if (!summitId) throw new Refusal("forbidden");
    const workshopId = newId();
    const code = uniqueJoinCode(ctx);
    ctx.store.insertWorkshop({
      id: workshopId,
      summitId,
      code,
      title: payload.title,
      createdAt: ctx.now,
    });
    const meta: BoardMeta = {
      workshopId,
      title: payload.title,
      code,
      phase: "lobby",
      prompts: payload.prompts.map((text) => ({ id: newId(), text })),
      settings: { ...DEFAULT_SETTINGS, ...payload.settings },
      votesRevealed: false,
    };
    const board = ctx.board(workshopId);
    ctx.change(board, () => {
      const map = metaMap(board.doc);
      for (const [key, value] of Object.entries(meta)) map.set(key, value);
    });
    return {
      workshopId,
      code,
      facilitatorToken: issueToken(ctx, "facilitator", summitId, workshopId),
      projectorToken: issueToken(ctx, "projector", summitId, workshopId),
    };
  },
};

/** The facilitator moves the workshop to a phase; the permissions table says what each allows. */
export const setPhase: CommandDefinition<"phase.set"> = {
  apply(ctx, { phase }) {
    const board = ctx.board();
    ctx.change(board, () => metaMap(board.doc).set("phase", phase));
    return { phase };
  },
};

function uniqueJoinCode(ctx: CommandContext): string {
  // A million codes and a few hundred live workshops: a clash is rare, a
  // dozen in a row would mean the code space is nearly full.
  for (let attempt = 0; attempt < 12; attempt++) {
    const code = newJoinCode();
    if (!ctx.store.findWorkshopByCode(code)) return code;
  }
  throw new Error("no free join code");
}

function issueToken(ctx: CommandContext, role: Role, summitId: string, workshopId: string): string {
  const token = newToken();
  ctx.store.insertToken({
    hash: token.hash,
    role,
    summitId,
    workshopId,
    participantId: null,
    createdAt: ctx.now,
    revokedAt: null,
  });
  return token.value;
}
