import {
  docNames,
  ideasMap,
  metaMap,
  putIdea,
  readIdeas,
  type BoardMeta,
} from "../../../shared/board.js";
import { facilitationMeta, queueMap } from "../../../shared/facilitation.js";
import type { Role } from "../../../shared/roles.js";
import { findTemplate } from "../../../shared/templates.js";
import { STOPPED, timeLeft, type TimerState } from "../../../shared/timer.js";
import { DEFAULT_SETTINGS, type WorkshopSettings } from "../../../shared/workshop.js";
import { boardOf } from "../board.js";
import type { CommandContext, CommandDefinition } from "../CommandContext.js";
import { audit } from "../ideas.js";
import { Refusal } from "../Refusal.js";
import { newId, newJoinCode, newToken } from "../secrets.js";
import { writeAllTallies } from "./vote.js";

/** An organiser creates a workshop: a join code, its links, and a board in the lobby. */
export const createWorkshop: CommandDefinition<"workshop.create"> = {
  secretResult: true,
  apply(ctx, payload) {
    const summitId = ctx.principal.summitId;
    const summit = summitId ? ctx.store.getSummit(summitId) : undefined;
    if (!summitId || !summit) throw new Refusal("not_found", "That summit no longer exists.");
    if (summit.archivedAt !== null) throw new Refusal("archived");
    const template = payload.templateId ? findTemplate(payload.templateId) : undefined;
    if (payload.templateId && !template)
      throw new Refusal("not_found", "There is no such template.");
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
      timer: STOPPED,
      spotlight: null,
      // null means "no content note", even when the template brings one.
      contentNote:
        payload.contentNote !== undefined ? payload.contentNote : (template?.contentNote ?? null),
      online: 0,
    };
    const board = ctx.board(workshopId);
    ctx.change(board, () => {
      const map = metaMap(board.doc);
      for (const [key, value] of Object.entries(meta)) map.set(key, value);
    });
    const facilitation = ctx.facilitation(workshopId);
    ctx.change(facilitation, () => {
      const map = facilitationMeta(facilitation.doc);
      map.set("guidance", template?.guidance ?? "");
      map.set("templateId", template?.id ?? null);
    });
    return {
      workshopId,
      code,
      facilitatorToken: issueToken(ctx, "facilitator", summitId, workshopId),
      projectorToken: issueToken(ctx, "projector", summitId, workshopId),
    };
  },
};

/** [G4] The organiser replaces a workshop's facilitator and projector links; the old ones stop working at once. */
export const rotateLinks: CommandDefinition<"workshop.rotate-links"> = {
  secretResult: true,
  whileArchived: true,
  workshopOf: ({ workshopId }, store) => store.getWorkshop(workshopId),
  notFound: "That workshop is not in your summit.",
  apply(ctx) {
    const workshop = ctx.requireWorkshop();
    for (const role of ["facilitator", "projector"] as const) {
      ctx.store.revokeTokens({ role, workshopId: workshop.id }, ctx.now);
    }
    ctx.revokedIn.add(workshop.id);
    audit(ctx, "rotated links", null);
    return {
      facilitatorToken: issueToken(ctx, "facilitator", workshop.summitId, workshop.id),
      projectorToken: issueToken(ctx, "projector", workshop.summitId, workshop.id),
    };
  },
};

/** [G5] The organiser deletes a workshop and all its data; everyone in it is sent away. */
export const deleteWorkshop: CommandDefinition<"workshop.delete"> = {
  whileArchived: true,
  workshopOf: ({ workshopId }, store) => store.getWorkshop(workshopId),
  notFound: "That workshop is not in your summit.",
  apply(ctx) {
    forgetWorkshop(ctx, ctx.requireWorkshop().id);
    return {};
  },
};

/** Deletes a workshop's rows and document logs; its loaded documents go after the commit. */
export function forgetWorkshop(ctx: CommandContext, workshopId: string): void {
  const names = Object.values(docNames).map((name) => name(workshopId));
  ctx.store.deleteWorkshop(workshopId, names);
  for (const name of names) ctx.deletedDocs.add(name);
  ctx.revokedIn.add(workshopId);
}

/** The facilitator moves the workshop to a phase; the permissions table says what each allows. */
export const setPhase: CommandDefinition<"phase.set"> = {
  apply(ctx, { phase }) {
    const board = ctx.board();
    ctx.change(board, () => metaMap(board.doc).set("phase", phase));
    return { phase };
  },
};

/**
 * [W1] The facilitator edits the title, prompts or content note at any time.
 * Prompts keep their ids; one that still has ideas cannot be removed.
 */
export const updateWorkshop: CommandDefinition<"workshop.update"> = {
  apply(ctx, { title, prompts, contentNote }) {
    const { board, meta } = boardOf(ctx);
    let nextPrompts = meta.prompts;
    if (prompts) {
      const known = new Set(meta.prompts.map((p) => p.id));
      if (prompts.some((p) => p.id !== undefined && !known.has(p.id))) {
        throw new Refusal("not_found", "That question is not part of this workshop.");
      }
      nextPrompts = prompts.map((p) => ({ id: p.id ?? newId(), text: p.text }));
      const kept = new Set(nextPrompts.map((p) => p.id));
      const inUse = new Set(
        [
          ...ideasMap(board.doc).values(),
          ...[...queueMap(ctx.facilitation().doc).values()].map((q) => q.idea),
        ].map((idea) => idea.promptId),
      );
      if ([...inUse].some((id) => !kept.has(id))) {
        throw new Refusal("invalid_payload", "A question that has ideas cannot be removed.");
      }
    }
    if (title !== undefined) ctx.store.updateWorkshopTitle(ctx.requireWorkshop().id, title);
    ctx.change(board, () => {
      const map = metaMap(board.doc);
      if (title !== undefined) map.set("title", title);
      if (prompts) map.set("prompts", nextPrompts);
      if (contentNote !== undefined) map.set("contentNote", contentNote);
    });
    return {};
  },
};

/**
 * [W2] The facilitator changes settings live. Guards:
 * - a lower vote budget or per-idea cap keeps every dot already cast (taking
 *   them away would surprise the room); people over it cast no more until
 *   they are under, and the result says how many are over;
 * - switching to anonymous removes every name from the board and queue; the
 *   other way, ideas posted anonymously stay anonymous;
 * - turning pre-moderation off leaves pending ideas pending until approved;
 * - showing live results publishes the tallies at once, hiding them removes them.
 */
export const updateSettings: CommandDefinition<"settings.update"> = {
  apply(ctx, { settings: changes }) {
    const { board, meta } = boardOf(ctx);
    const settings: WorkshopSettings = { ...meta.settings, ...changes };
    if (settings.maxVotesPerIdea > Math.max(1, settings.votesPerAttendee)) {
      settings.maxVotesPerIdea = Math.max(1, settings.votesPerAttendee);
    }
    ctx.change(board, () => metaMap(board.doc).set("settings", settings));
    if (settings.anonymity === "anonymous" && meta.settings.anonymity !== "anonymous") {
      removeNames(ctx);
    }
    if (settings.liveResults !== meta.settings.liveResults) {
      writeAllTallies(ctx, board, { ...meta, settings });
    }
    const perParticipant = ctx.store.votesPerParticipant(ctx.requireWorkshop().id);
    const overBudget = Object.values(perParticipant).filter(
      (n) => n > settings.votesPerAttendee,
    ).length;
    audit(ctx, "changed settings", null, JSON.stringify(changes));
    return { overBudget };
  },
};

/** [T1] Starts the timer for a number of seconds, from now. */
export const startTimer: CommandDefinition<"timer.start"> = {
  apply(ctx, { seconds }) {
    setTimer(ctx, { state: "running", endsAt: ctx.now + seconds * 1000 });
    return {};
  },
};

/** [T2] Pauses a running timer, keeping the time left. */
export const pauseTimer: CommandDefinition<"timer.pause"> = {
  apply(ctx) {
    const timer = boardOf(ctx).meta.timer;
    if (timer.state !== "running") throw new Refusal("wrong_phase", "The timer is not running.");
    setTimer(ctx, { state: "paused", remainingMs: timeLeft(timer, ctx.now) ?? 0 });
    return {};
  },
};

/** [T2] Resumes a paused timer. */
export const resumeTimer: CommandDefinition<"timer.resume"> = {
  apply(ctx) {
    const timer = boardOf(ctx).meta.timer;
    if (timer.state !== "paused") throw new Refusal("wrong_phase", "The timer is not paused.");
    setTimer(ctx, { state: "running", endsAt: ctx.now + timer.remainingMs });
    return {};
  },
};

/** [T3] Adds time to a running or paused timer ("add a minute"); a finished one restarts. */
export const extendTimer: CommandDefinition<"timer.extend"> = {
  apply(ctx, { seconds }) {
    const timer = boardOf(ctx).meta.timer;
    const extra = seconds * 1000;
    if (timer.state === "stopped") throw new Refusal("wrong_phase", "Start the timer first.");
    setTimer(
      ctx,
      timer.state === "paused"
        ? { state: "paused", remainingMs: timer.remainingMs + extra }
        : { state: "running", endsAt: Math.max(timer.endsAt, ctx.now) + extra },
    );
    return {};
  },
};

/** [T4] Stops and clears the timer. */
export const stopTimer: CommandDefinition<"timer.stop"> = {
  apply(ctx) {
    setTimer(ctx, STOPPED);
    return {};
  },
};

function setTimer(ctx: CommandContext, timer: TimerState): void {
  const board = ctx.board();
  ctx.change(board, () => metaMap(board.doc).set("timer", timer));
}

function removeNames(ctx: CommandContext): void {
  const board = ctx.board();
  const facilitation = ctx.facilitation();
  ctx.change(board, () => {
    for (const idea of readIdeas(board.doc)) {
      if (idea.authorName !== null) putIdea(board.doc, { ...idea, authorName: null });
    }
  });
  ctx.change(facilitation, () => {
    const queue = queueMap(facilitation.doc);
    for (const entry of [...queue.values()]) {
      if (entry.idea.authorName !== null) {
        queue.set(entry.idea.id, { ...entry, idea: { ...entry.idea, authorName: null } });
      }
    }
  });
}

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
