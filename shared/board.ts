import type * as Y from "yjs";
import type { ContentNote } from "./templates.js";
import type { TimerState } from "./timer.js";
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
  /**
   * Y.Map from idea id to `StoredIdea`: the idea as a plain object without
   * its id (the key), replaced whole on change. Use `getIdea`, `putIdea`
   * and `readIdeas` rather than the map.
   */
  ideas: "ideas",
  /**
   * Y.Map from idea id to its number of votes; empty unless `talliesArePublic`
   * (revealed, or live results). Totals only, never who voted.
   */
  tallies: "tallies",
  /** Y.Map from cluster id to `BoardCluster` */
  clusters: "clusters",
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
  timer: TimerState;
  /** what the projector (and attendees who follow it) show large, if anything */
  spotlight: Spotlight | null;
  /** shown to attendees before they post, when the workshop has one */
  contentNote: ContentNote | null;
  /** attendees connected now (updated every few seconds) */
  online: number;
}

/** One idea or one cluster, shown large. */
export interface Spotlight {
  kind: "idea" | "cluster";
  id: string;
}

/** A group of ideas the facilitator (or the room) made. */
export interface BoardCluster {
  id: string;
  title: string;
  /** position among clusters, ascending */
  order: number;
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
  /** the cluster the idea is in, or null */
  clusterId: string | null;
  /** how many duplicates were merged into this idea */
  merged: number;
}

/** The board's meta map, typed. */
export function metaMap(doc: Y.Doc): Y.Map<BoardMeta[keyof BoardMeta]> {
  return doc.getMap(BOARD.meta);
}

/**
 * An idea as the board document stores it: its id is the map key, so it is
 * not repeated in the value (21 bytes an idea, 10% of a 2,000-idea board).
 * Documents written before this may still carry `id` in the value; readers
 * take the key, so both read the same.
 */
export type StoredIdea = Omit<BoardIdea, "id">;

/** The board's ideas map, typed; values lack their id (see `StoredIdea`). */
export function ideasMap(doc: Y.Doc): Y.Map<StoredIdea> {
  return doc.getMap(BOARD.ideas);
}

/** One idea on the board, or undefined. */
export function getIdea(doc: Y.Doc, id: string): BoardIdea | undefined {
  const stored = ideasMap(doc).get(id);
  return stored && { ...stored, id };
}

/** Puts an idea on the board, or replaces it whole. */
export function putIdea(doc: Y.Doc, idea: BoardIdea): void {
  const { id, ...stored } = idea;
  ideasMap(doc).set(id, stored);
}

/** The board's tallies map, typed. */
export function talliesMap(doc: Y.Doc): Y.Map<number> {
  return doc.getMap(BOARD.tallies);
}

/** The board's clusters map, typed. */
export function clustersMap(doc: Y.Doc): Y.Map<BoardCluster> {
  return doc.getMap(BOARD.clusters);
}

/** Clusters in their order (ties broken by id, so every replica agrees). */
export function readClusters(doc: Y.Doc): BoardCluster[] {
  return [...clustersMap(doc).values()].sort(
    (a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The board's meta, or null until the first sync has delivered it. */
export function readMeta(doc: Y.Doc): BoardMeta | null {
  const meta = metaMap(doc);
  if (!meta.has("workshopId")) return null;
  return meta.toJSON() as BoardMeta;
}

/** Ideas in the order they were posted (ties broken by id, so every replica agrees). */
export function readIdeas(doc: Y.Doc): BoardIdea[] {
  return [...ideasMap(doc)]
    .map(([id, stored]) => ({ ...stored, id }))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Votes per idea id as the board shows them (empty while they are secret). */
export function readTallies(doc: Y.Doc): Record<string, number> {
  return talliesMap(doc).toJSON() as Record<string, number>;
}
