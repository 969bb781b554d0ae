import { docNames, readClusters, readIdeas, readMeta, type BoardIdea } from "../../shared/board.js";
import { plural } from "../../shared/words.js";
import { facilitationMeta, queueMap, type QueueStatus } from "../../shared/facilitation.js";
import { actionsArray, notesText } from "../../shared/notes.js";
import { rankByVotes } from "../../shared/results.js";
import { findTemplate } from "../../shared/templates.js";
import type { Phase } from "../../shared/workshop.js";
import type { Store, SummitRow, WorkshopRow } from "../store/Store.js";
import type { DocRegistry } from "../yjs/DocRegistry.js";

/**
 * What every export is made from: one summit (or one workshop of it) as
 * plain data. It is also the JSON export, so its shape is versioned: add
 * fields freely, but bump `version` when one changes meaning or goes.
 *
 * It holds what an organiser may publish and nothing else: an idea's author
 * only as the name shown on the board (never for an anonymous idea), totals
 * of votes (never who voted for what), no tokens and no participant ids.
 */
export interface SummitExport {
  schema: "roundtable.summit-export";
  version: 1;
  /** ISO 8601 */
  exportedAt: string;
  summit: { name: string; date: string | null; venue: string | null; archived: boolean };
  workshops: WorkshopExport[];
}

export interface WorkshopExport {
  id: string;
  title: string;
  /** the theme template's name, or null for a blank workshop */
  theme: string | null;
  phase: Phase;
  participants: number;
  /** dots placed in all */
  votesCast: number;
  prompts: { id: string; text: string }[];
  /** ranked by votes, most first; equal votes share a rank */
  clusters: ClusterExport[];
  /** in the order they were posted */
  ideas: IdeaExport[];
  notes: string;
  actions: ActionExport[];
}

export interface ClusterExport {
  id: string;
  title: string;
  votes: number;
  rank: number;
  tied: boolean;
  ideaIds: string[];
}

/** Where an idea stands: on the board, or off it (waiting, held by the filter, hidden). */
export type IdeaStatus = "published" | QueueStatus;

export interface IdeaExport {
  id: string;
  prompt: string;
  cluster: string | null;
  text: string;
  votes: number;
  /** the name shown with the idea; null when it was posted anonymously */
  author: string | null;
  status: IdeaStatus;
  /** duplicates merged into this idea */
  merged: number;
  /** ISO 8601 */
  postedAt: string;
}

export interface ActionExport {
  text: string;
  owner: string;
  /** yyyy-mm-dd or empty */
  due: string;
  /** what it came from: "idea" or "cluster", with that idea's text or cluster's title */
  source: { kind: "idea" | "cluster"; label: string } | null;
}

/** Builds the export of a summit, or of one of its workshops. */
export function collectExport(
  store: Store,
  docs: DocRegistry,
  summit: SummitRow,
  workshopId?: string,
  now = new Date(),
): SummitExport {
  const workshops = store
    .workshopsOf(summit.id)
    .filter((w) => workshopId === undefined || w.id === workshopId);
  return {
    schema: "roundtable.summit-export",
    version: 1,
    exportedAt: now.toISOString(),
    summit: {
      name: summit.name,
      date: summit.date,
      venue: summit.venue,
      archived: summit.archivedAt !== null,
    },
    workshops: workshops.map((w) => collectWorkshop(store, docs, w)),
  };
}

function collectWorkshop(store: Store, docs: DocRegistry, workshop: WorkshopRow): WorkshopExport {
  const board = docs.open(docNames.board(workshop.id)).doc;
  const facilitation = docs.open(docNames.facilitation(workshop.id)).doc;
  const notes = docs.open(docNames.notes(workshop.id)).doc;
  const meta = readMeta(board);
  if (!meta) throw new Error(`workshop ${workshop.id} has no board`);
  const tallies = store.talliesOf(workshop.id);
  const clusters = readClusters(board);
  const clusterTitle = new Map(clusters.map((c) => [c.id, c.title]));
  const promptText = new Map(meta.prompts.map((p) => [p.id, p.text]));
  const queued = [...queueMap(facilitation).values()];
  const all: { idea: BoardIdea; status: IdeaStatus }[] = [
    ...readIdeas(board).map((idea) => ({ idea, status: "published" as const })),
    ...queued.map(({ idea, status }) => ({ idea, status })),
  ].sort((a, b) => a.idea.createdAt - b.idea.createdAt || (a.idea.id < b.idea.id ? -1 : 1));

  const ideas: IdeaExport[] = all.map(({ idea, status }) => ({
    id: idea.id,
    prompt: promptText.get(idea.promptId) ?? "",
    cluster:
      status === "published" && idea.clusterId ? (clusterTitle.get(idea.clusterId) ?? null) : null,
    text: idea.text,
    votes: status === "published" ? (tallies[idea.id] ?? 0) : 0,
    author: idea.authorName,
    status,
    merged: idea.merged,
    postedAt: new Date(idea.createdAt).toISOString(),
  }));
  const published = all.filter((i) => i.status === "published").map((i) => i.idea);
  const ranked = rankByVotes(clusters, (c) =>
    published.filter((i) => i.clusterId === c.id).reduce((n, i) => n + (tallies[i.id] ?? 0), 0),
  );
  const ideaText = new Map(published.map((i) => [i.id, i.text]));
  const templateId = facilitationMeta(facilitation).get("templateId");
  return {
    id: workshop.id,
    title: meta.title,
    theme: templateId ? (findTemplate(templateId)?.name ?? null) : null,
    phase: meta.phase,
    participants: store.countParticipants(workshop.id),
    votesCast: Object.values(tallies).reduce((a, b) => a + b, 0),
    prompts: meta.prompts,
    clusters: ranked.map(({ item, votes, rank, tied }) => ({
      id: item.id,
      title: item.title,
      votes,
      rank,
      tied,
      ideaIds: published.filter((i) => i.clusterId === item.id).map((i) => i.id),
    })),
    ideas,
    notes: notesText(notes).toString(),
    actions: actionsArray(notes)
      .toArray()
      .map((action) => ({
        text: action.text,
        owner: action.owner,
        due: action.due,
        source: action.source
          ? {
              kind: action.source.kind,
              label:
                (action.source.kind === "idea"
                  ? ideaText.get(action.source.id)
                  : clusterTitle.get(action.source.id)) ?? "",
            }
          : null,
      })),
  };
}

/** The most-voted cluster, or the tied ones joined by "=". */
export function topClusters(w: WorkshopExport): string {
  return w.clusters
    .filter((c) => c.rank === 1 && c.votes > 0)
    .map((c) => `${c.title} (${c.votes})`)
    .join(" = ");
}

/** Ideas that were on the board: the only ones the published reports show. */
export function publishedIdeas(w: WorkshopExport): IdeaExport[] {
  return w.ideas.filter((i) => i.status === "published");
}

/** The counts a report opens with, for one workshop or (several) for the summit. */
export function countsLine(workshops: WorkshopExport[]): string {
  const sum = (of: (w: WorkshopExport) => number) => workshops.reduce((n, w) => n + of(w), 0);
  const counts = [
    plural(
      sum((w) => w.participants),
      "participant",
    ),
    plural(
      sum((w) => publishedIdeas(w).length),
      "idea",
    ),
    plural(
      sum((w) => w.votesCast),
      "vote",
    ),
  ];
  return `${workshops.length === 1 ? "" : `${plural(workshops.length, "workshop")}, `}${counts.join(", ")}.`;
}
