import { z } from "zod";
import { ANONYMITY, PHASES, PROJECTOR_THEMES, type WorkshopSettings } from "./workshop.js";

/**
 * Workshop settings as accepted from a client. Kept here, beside the other
 * schemas, so that the attendee's bundle (which needs only the types in
 * workshop.ts) does not carry zod.
 */
export const settingsSchema = z.strictObject({
  anonymity: z.enum(ANONYMITY),
  votesPerAttendee: z.int().min(0).max(50),
  maxVotesPerIdea: z.int().min(1).max(50),
  liveResults: z.boolean(),
  ideasPerAttendee: z.int().min(1).max(200),
  ideaMaxLength: z.int().min(20).max(1000),
  preModeration: z.boolean(),
  attendeesMayCluster: z.boolean(),
  projectorTheme: z.enum(PROJECTOR_THEMES),
}) satisfies z.ZodType<WorkshopSettings>;

const contentNoteSchema = z.strictObject({
  text: z.string().trim().min(1).max(1000),
  signposting: z.string().trim().max(1000),
});

/**
 * Every command a client can send, as zod schemas. Adding a command is one
 * entry here, one row in permissions.ts and one handler in server/engine.
 * Schemas are strict: unknown keys are refused rather than carried along.
 */

/** Ids the server makes and clients send back (ideas, prompts, workshops). */
export const entityId = z.string().regex(/^[A-Za-z0-9_-]{6,40}$/, "not a valid id");

/** Client-made command ids: anything unique per sender, e.g. crypto.randomUUID(). */
export const commandId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "not a valid command id");

const text = (max: number) => z.string().trim().min(1).max(max);

/** A calendar date, yyyy-mm-dd. */
const isoDate = z.iso.date();

/** The longest idea any workshop can allow; the workshop's own cap is checked by the engine. */
export const IDEA_TEXT_HARD_MAX = 1000;

export const commandSchemas = {
  /** Create the first summit with the one-time setup link; returns the organiser key. */
  "summit.create": z.strictObject({
    name: text(120),
    date: isoDate.optional(),
    venue: text(120).optional(),
  }),
  /** The organiser edits the summit's name, date or venue. */
  "summit.update": z.strictObject({
    name: text(120).optional(),
    date: isoDate.nullable().optional(),
    venue: text(120).nullable().optional(),
  }),
  /** The organiser closes the summit read-only (archived), or opens it again. */
  "summit.archive": z.strictObject({ archived: z.boolean() }),
  /** The organiser deletes the summit and everything in it (the console confirms first). */
  "summit.delete": z.strictObject({}),
  /** The organiser replaces a workshop's facilitator and projector links; the old ones stop working. */
  "workshop.rotate-links": z.strictObject({ workshopId: entityId }),
  /** The organiser deletes a workshop and everything in it. */
  "workshop.delete": z.strictObject({ workshopId: entityId }),
  /** An organiser creates a workshop in their summit; returns its code and links. */
  "workshop.create": z.strictObject({
    title: text(120),
    prompts: z.array(text(280)).min(1).max(6),
    settings: settingsSchema.partial().optional(),
    /** the theme template it started from: brings facilitator guidance */
    templateId: z.string().max(60).optional(),
    contentNote: contentNoteSchema.nullable().optional(),
  }),
  /** The facilitator edits the title, prompts or content note; prompts keep their ids. */
  "workshop.update": z.strictObject({
    title: text(120).optional(),
    prompts: z
      .array(z.strictObject({ id: entityId.optional(), text: text(280) }))
      .min(1)
      .max(6)
      .optional(),
    contentNote: contentNoteSchema.nullable().optional(),
  }),
  /** The facilitator changes settings live; see the engine for the guards. */
  "settings.update": z.strictObject({
    settings: settingsSchema.partial(),
  }),
  "timer.start": z.strictObject({
    seconds: z
      .int()
      .min(5)
      .max(4 * 3600),
  }),
  "timer.pause": z.strictObject({}),
  "timer.resume": z.strictObject({}),
  "timer.extend": z.strictObject({ seconds: z.int().min(5).max(3600) }),
  "timer.stop": z.strictObject({}),
  /** Join a workshop by its code; returns an attendee token. */
  "participant.join": z.strictObject({
    code: z.string().regex(/^\d{6}$/, "a join code is six digits"),
    name: z.string().trim().max(60).optional(),
  }),
  /** The facilitator moves the workshop to another phase. */
  "phase.set": z.strictObject({
    phase: z.enum(PHASES),
  }),
  /** An attendee posts an idea to one of the workshop's prompts. */
  "idea.post": z.strictObject({
    promptId: entityId,
    text: text(IDEA_TEXT_HARD_MAX),
    anonymous: z.boolean().optional(),
  }),
  /** An attendee corrects their own idea while brainstorming. */
  "idea.edit": z.strictObject({
    ideaId: entityId,
    text: text(IDEA_TEXT_HARD_MAX),
  }),
  /** An attendee takes back their own idea while brainstorming. */
  "idea.withdraw": z.strictObject({
    ideaId: entityId,
  }),
  /** An attendee puts one of their dots on an idea. */
  "vote.cast": z.strictObject({
    ideaId: entityId,
  }),
  /** An attendee takes one of their dots back off an idea. */
  "vote.retract": z.strictObject({
    ideaId: entityId,
  }),
  /** The facilitator shows or hides the vote tallies on the board. */
  "votes.reveal": z.strictObject({
    revealed: z.boolean(),
  }),
  /** The facilitator clears every vote (the console asks to confirm first). */
  "votes.reset": z.strictObject({}),
  /** A facilitator lets held or pending ideas onto the board. */
  "idea.approve": z.strictObject({ ideaIds: z.array(entityId).min(1).max(1000) }),
  /** A facilitator takes an idea off the board, keeping it to restore. */
  "idea.hide": z.strictObject({ ideaId: entityId }),
  /** A facilitator puts a hidden idea back. */
  "idea.restore": z.strictObject({ ideaId: entityId }),
  /** A facilitator removes an idea for good. */
  "idea.delete": z.strictObject({ ideaId: entityId }),
  /** A facilitator corrects an idea's text (a typo); the audit trail keeps both. */
  "idea.correct": z.strictObject({ ideaId: entityId, text: text(IDEA_TEXT_HARD_MAX) }),
  /** A facilitator merges a duplicate into another idea; votes move with it. */
  "idea.merge": z.strictObject({ ideaId: entityId, intoId: entityId }),
  "cluster.create": z.strictObject({
    title: text(80),
    ideaIds: z.array(entityId).max(1000).optional(),
  }),
  "cluster.rename": z.strictObject({ clusterId: entityId, title: text(80) }),
  /** The cluster goes; its ideas stay, unclustered. */
  "cluster.dissolve": z.strictObject({ clusterId: entityId }),
  /** Every idea of one cluster joins another, and the first goes. */
  "cluster.merge": z.strictObject({ clusterId: entityId, intoId: entityId }),
  /** Puts a cluster at a position (0 = first). */
  "cluster.reorder": z.strictObject({ clusterId: entityId, index: z.int().min(0).max(1000) }),
  /**
   * Creates several clusters with their ideas at once (accepting suggested
   * clusters): one command, so one audit entry and one step to undo.
   */
  "clusters.apply": z.strictObject({
    groups: z
      .array(z.strictObject({ title: text(80), ideaIds: z.array(entityId).min(1).max(1000) }))
      .min(1)
      .max(200),
  }),
  /** Moves an idea into a cluster, or out of any (null). */
  "cluster.move-idea": z.strictObject({ ideaId: entityId, clusterId: entityId.nullable() }),
  /** Shows one idea or cluster large on the projector, or nothing (null). */
  "spotlight.set": z.strictObject({
    target: z.strictObject({ kind: z.enum(["idea", "cluster"]), id: entityId }).nullable(),
  }),
} as const;

export type CommandType = keyof typeof commandSchemas;
export const COMMAND_TYPES = Object.keys(commandSchemas) as CommandType[];

export type CommandPayload<T extends CommandType> = z.infer<(typeof commandSchemas)[T]>;

/** The discriminated union of all commands, as handlers see them after parsing. */
export type Command = { [T in CommandType]: { type: T; payload: CommandPayload<T> } }[CommandType];

/** What travels on the wire: a command with its client-made id. */
export const envelopeSchema = z.strictObject({
  id: commandId,
  type: z.string().max(64),
  payload: z.unknown(),
});
export type CommandEnvelope = z.infer<typeof envelopeSchema>;

/** Whether a string names a known command. */
export function isCommandType(type: string): type is CommandType {
  return Object.hasOwn(commandSchemas, type);
}

/** What each command answers with when it succeeds. */
export interface CommandResults {
  "summit.create": { summitId: string; organiserKey: string };
  "workshop.create": {
    workshopId: string;
    code: string;
    facilitatorToken: string;
    projectorToken: string;
  };
  "participant.join": { workshopId: string; participantId: string; token: string };
  "phase.set": { phase: (typeof PHASES)[number] };
  /** where the idea went: on the board, or waiting for a facilitator */
  "idea.post": { ideaId: string; status: "published" | "pending" | "held" };
  "idea.edit": { ideaId: string; status: "published" | "pending" | "held" };
  "idea.withdraw": { ideaId: string };
  /** the attendee's own dots on the idea after the change */
  "vote.cast": { ideaId: string; votes: number };
  "vote.retract": { ideaId: string; votes: number };
  "votes.reveal": { revealed: boolean };
  "workshop.update": Record<string, never>;
  "summit.update": Record<string, never>;
  "summit.archive": { archived: boolean };
  "summit.delete": Record<string, never>;
  "workshop.rotate-links": { facilitatorToken: string; projectorToken: string };
  "workshop.delete": Record<string, never>;
  /** how many attendees have more votes than the new budget (they keep them) */
  "settings.update": { overBudget: number };
  "timer.start": Record<string, never>;
  "timer.pause": Record<string, never>;
  "timer.resume": Record<string, never>;
  "timer.extend": Record<string, never>;
  "timer.stop": Record<string, never>;
  "votes.reset": Record<string, never>;
  "idea.approve": { approved: number };
  "idea.hide": Record<string, never>;
  "idea.restore": Record<string, never>;
  "idea.delete": Record<string, never>;
  "idea.correct": Record<string, never>;
  "idea.merge": Record<string, never>;
  "cluster.create": { clusterId: string };
  "cluster.rename": Record<string, never>;
  "cluster.dissolve": Record<string, never>;
  "cluster.merge": Record<string, never>;
  "cluster.reorder": Record<string, never>;
  "cluster.move-idea": Record<string, never>;
  /** clusters made, ideas moved, and ideas skipped because they left the board meanwhile */
  "clusters.apply": { clusterIds: string[]; moved: number; skipped: number };
  "spotlight.set": Record<string, never>;
}
