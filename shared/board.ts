import type * as Y from "yjs";
import type { Phase, Prompt, WorkshopSettings } from "./workshop.js";

/**
 * The shape of the public board document, `board:<workshopId>`. The server
 * is its only writer; every admitted browser holds a copy. So it holds
 * nothing secret: no tokens, no participant ids, no author of an anonymous
 * idea, no individual votes.
 */

/** Document names, one function per kind so nobody builds them by hand. */
export const docNames = {
  board: (workshopId: string) => `board:${workshopId}`,
  facilitation: (workshopId: string) => `facilitation:${workshopId}`,
  notes: (workshopId: string) => `notes:${workshopId}`,
};

export type DocKind = keyof typeof docNames;

/** Splits a document name into its kind and workshop id, or null when it is not one of ours. */
export function parseDocName(name: string): { kind: DocKind; workshopId: string } | null {
  const match = /^(board|facilitation|notes):([A-Za-z0-9_-]{6,40})$/.exec(name);
  if (!match) return null;
  return { kind: match[1] as DocKind, workshopId: match[2] };
}

/** Top-level shared types of the board document. */
export const BOARD = {
  /** Y.Map of workshop-wide facts, keys in `BoardMeta` */
  meta: "meta",
  /** Y.Map from idea id to `BoardIdea` (a plain object, replaced whole on change) */
  ideas: "ideas",
  /**
   * Y.Map from idea id to its number of votes; empty unless `talliesArePublic`
   * (revealed, or live results). Totals only, never who voted.
   */
  tallies: "tallies",
} as const;

/** Workshop-wide facts on the board. */
export interface BoardMeta {
  workshopId: string;
  title: string;
  code: string;
  phase: Phase;
  prompts: Prompt[];
  /** the settings attendees need to see; all of them are public today */
  settings: WorkshopSettings;
  /** the facilitator has revealed the votes */
  votesRevealed: boolean;
}

/**
 * [V3] Whether the board carries vote tallies: once the facilitator has
 * revealed them, or all along when the workshop shows live results.
 */
export function talliesArePublic(meta: Pick<BoardMeta, "settings" | "votesRevealed">): boolean {
  return meta.votesRevealed || meta.settings.liveResults;
}

/** One idea as everyone sees it. */
export interface BoardIdea {
  id: string;
  promptId: string;
  text: string;
  /** the author's display name, or null when the idea is anonymous */
  authorName: string | null;
  /** server time of posting, ms since the epoch */
  createdAt: number;
}

/** The board's meta map, typed. */
export function metaMap(doc: Y.Doc): Y.Map<BoardMeta[keyof BoardMeta]> {
  return doc.getMap(BOARD.meta);
}

/** The board's ideas map, typed. */
export function ideasMap(doc: Y.Doc): Y.Map<BoardIdea> {
  return doc.getMap(BOARD.ideas);
}

/** The board's tallies map, typed. */
export function talliesMap(doc: Y.Doc): Y.Map<number> {
  return doc.getMap(BOARD.tallies);
}

/** The board's meta, or null until the first sync has delivered it. */
export function readMeta(doc: Y.Doc): BoardMeta | null {
  const meta = metaMap(doc);
  if (!meta.has("workshopId")) return null;
  return meta.toJSON() as BoardMeta;
}

/** Ideas in the order they were posted (ties broken by id, so every replica agrees). */
export function readIdeas(doc: Y.Doc): BoardIdea[] {
  return [...ideasMap(doc).values()].sort(
    (a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Votes per idea id as the board shows them (empty while they are secret). */
export function readTallies(doc: Y.Doc): Record<string, number> {
  return talliesMap(doc).toJSON() as Record<string, number>;
}
