import type { CommandContext, CommandDefinition } from "../CommandContext.js";
import { Refusal } from "../Refusal.js";
import { newId, newToken } from "../secrets.js";
import { forgetWorkshop } from "./workshop.js";

/**
 * Creates a summit and its organiser key: the first with the one-time setup
 * link (which is then used up), later ones with an organiser key.
 */
export const createSummit: CommandDefinition<"summit.create"> = {
  secretResult: true,
  apply(ctx, { name, date, venue }) {
    const summitId = newId();
    ctx.store.insertSummit({
      id: summitId,
      name,
      date: date ?? null,
      venue: venue ?? null,
      archivedAt: null,
      createdAt: ctx.now,
    });
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

/** [G1] The organiser edits the summit's name, date or venue. */
export const updateSummit: CommandDefinition<"summit.update"> = {
  apply(ctx, changes) {
    const summit = ownSummit(ctx);
    if (summit.archivedAt !== null) throw new Refusal("archived");
    ctx.store.updateSummit(summit.id, {
      name: changes.name ?? summit.name,
      date: changes.date === undefined ? summit.date : changes.date,
      venue: changes.venue === undefined ? summit.venue : changes.venue,
    });
    return {};
  },
};

/** [G2] The organiser archives the summit read-only (every workshop refuses changes), or reopens it. */
export const archiveSummit: CommandDefinition<"summit.archive"> = {
  apply(ctx, { archived }) {
    const summit = ownSummit(ctx);
    ctx.store.setSummitArchived(summit.id, archived ? ctx.now : null);
    return { archived };
  },
};

/** [G3] The organiser deletes the summit with every workshop and all their data, their own key too. */
export const deleteSummit: CommandDefinition<"summit.delete"> = {
  apply(ctx) {
    const summit = ownSummit(ctx);
    for (const workshop of ctx.store.workshopsOf(summit.id)) forgetWorkshop(ctx, workshop.id);
    ctx.store.deleteSummit(summit.id);
    return {};
  },
};

function ownSummit(ctx: CommandContext) {
  const summit = ctx.principal.summitId ? ctx.store.getSummit(ctx.principal.summitId) : undefined;
  if (!summit) throw new Refusal("not_found", "That summit no longer exists.");
  return summit;
}
