import { z } from "zod";
import { PHASES, settingsSchema } from "./workshop.js";

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

/** The longest idea any workshop can allow; the workshop's own cap is checked by the engine. */
export const IDEA_TEXT_HARD_MAX = 1000;

export const commandSchemas = {
  /** Create the first summit with the one-time setup link; returns the organiser key. */
  "summit.create": z.strictObject({
    name: text(120),
  }),
  /** An organiser creates a workshop in their summit; returns its code and links. */
  "workshop.create": z.strictObject({
    title: text(120),
    prompts: z.array(text(280)).min(1).max(6),
    settings: settingsSchema.partial().optional(),
  }),
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
  "idea.post": { ideaId: string };
  "idea.edit": { ideaId: string };
  "idea.withdraw": { ideaId: string };
  /** the attendee's own dots on the idea after the change */
  "vote.cast": { ideaId: string; votes: number };
  "vote.retract": { ideaId: string; votes: number };
  "votes.reveal": { revealed: boolean };
}
