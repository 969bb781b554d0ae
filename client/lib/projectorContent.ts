import {
  talliesArePublic,
  type BoardCluster,
  type BoardIdea,
  type BoardMeta,
} from "../../shared/board.js";
import { rankClusters, rankIdeas } from "../../shared/results.js";
import type { Prompt } from "../../shared/workshop.js";
import type { Arrangement, CardContent, SectionContent } from "./projectorLayout.js";

/**
 * What the projector shows, read from the board: which screen, and the
 * sections of cards on it. Copy and grouping only; the rules (who sees what,
 * how ideas rank) come from shared/.
 */

/**
 * `lobby`: the join code and QR code, large. `brainstorm`: ideas by prompt
 * beside the join code. `board`: ideas by cluster. `results`: the ranking,
 * once the tallies are public.
 */
export type ProjectorScreen = "lobby" | "brainstorm" | "board" | "results";

export function screenOf(meta: BoardMeta): ProjectorScreen {
  switch (meta.phase) {
    case "lobby":
      return "lobby";
    case "brainstorm":
      return "brainstorm";
    case "cluster":
      return "board";
    case "vote":
    case "discuss":
    case "closed":
      return talliesArePublic(meta) ? "results" : "board";
  }
}

/** How the screen's sections are arranged. */
export function arrangementOf(screen: ProjectorScreen): Arrangement {
  return screen === "brainstorm" ? "columns" : "flow";
}

export const UNCLUSTERED_ID = "unclustered";

/** "1 idea", "30 ideas". */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, ..., 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** A place as the results show it: "1st", or "=2nd" when others share it. */
export function placeLabel(rank: number, tied: boolean): string {
  return `${tied ? "=" : ""}${ordinal(rank)}`;
}

/** The small line under an idea: its author, and how many duplicates were merged into it. */
export function ideaDetails(idea: BoardIdea): string | null {
  const parts: string[] = [];
  if (idea.authorName) parts.push(idea.authorName);
  if (idea.merged > 0) parts.push(`+${idea.merged} similar`);
  return parts.length ? parts.join(" · ") : null;
}

function ideaCard(idea: BoardIdea): CardContent {
  return { id: idea.id, text: idea.text, byline: ideaDetails(idea) };
}

/** Brainstorm: one section per prompt, ideas in the order they came. */
export function promptSections(prompts: Prompt[], ideas: BoardIdea[]): SectionContent[] {
  const byPrompt = new Map<string, CardContent[]>(prompts.map((p) => [p.id, []]));
  for (const idea of ideas) byPrompt.get(idea.promptId)?.push(ideaCard(idea));
  return prompts.map((prompt) => {
    const cards = byPrompt.get(prompt.id) ?? [];
    return {
      id: prompt.id,
      title: prompt.text,
      note: String(cards.length),
      cards,
      emptyText: "Ideas appear here as they are posted.",
      doneText: "More on the other pages.",
    };
  });
}

/** Clusters in their order, then the ideas in none (or in a cluster that has gone). */
export function clusterSections(clusters: BoardCluster[], ideas: BoardIdea[]): SectionContent[] {
  const byCluster = new Map<string, CardContent[]>(clusters.map((c) => [c.id, []]));
  const loose: CardContent[] = [];
  for (const idea of ideas) {
    const group = idea.clusterId === null ? undefined : byCluster.get(idea.clusterId);
    (group ?? loose).push(ideaCard(idea));
  }
  const sections: SectionContent[] = clusters.map((cluster) => {
    const cards = byCluster.get(cluster.id) ?? [];
    return {
      id: cluster.id,
      title: cluster.title,
      note: String(cards.length),
      cards,
      emptyText: "No ideas in this group yet.",
    };
  });
  if (loose.length > 0 || clusters.length === 0) {
    sections.push({
      id: UNCLUSTERED_ID,
      title: clusters.length === 0 ? "Ideas" : "Not grouped yet",
      note: String(loose.length),
      cards: loose,
      emptyText: "No ideas on the board yet.",
    });
  }
  return sections;
}

/** "1 vote", "12 votes". */
export function voteCount(votes: number): string {
  return countOf(votes, "vote");
}

/** Results: clusters ranked by their ideas' votes (when there are clusters), then every idea. */
export function resultSections(
  clusters: BoardCluster[],
  ideas: BoardIdea[],
  tallies: Record<string, number>,
): SectionContent[] {
  const sections: SectionContent[] = [];
  if (clusters.length > 0) {
    const ranked = rankClusters(clusters, ideas, tallies);
    const most = Math.max(1, ...ranked.map((r) => r.votes));
    const sizes = new Map<string, number>();
    for (const idea of ideas) {
      if (idea.clusterId) sizes.set(idea.clusterId, (sizes.get(idea.clusterId) ?? 0) + 1);
    }
    sections.push({
      id: "ranked-clusters",
      title: "Groups by votes",
      cards: ranked.map(({ item, votes, rank, tied }) => ({
        id: `cluster-${item.id}`,
        text: item.title,
        byline: countOf(sizes.get(item.id) ?? 0, "idea"),
        result: { label: placeLabel(rank, tied), votes, share: votes / most },
      })),
      emptyText: "No groups.",
      ordered: true,
    });
  }
  // Ideas nobody voted for would fill most pages of a large board; they are counted, not ranked.
  const ranked = rankIdeas(ideas, tallies);
  const voted = ranked.filter((r) => r.votes > 0);
  const most = Math.max(1, ...voted.map((r) => r.votes));
  sections.push({
    id: "ranked-ideas",
    title: "Ideas by votes",
    cards: voted.map(({ item, votes, rank, tied }) => ({
      id: item.id,
      text: item.text,
      byline: null,
      result: { label: placeLabel(rank, tied), votes, share: votes / most },
    })),
    emptyText: ideas.length ? "No votes yet." : "No ideas on the board.",
    ordered: true,
  });
  const unvoted = ranked.length - voted.length;
  if (voted.length > 0 && unvoted > 0) {
    sections.push({
      id: "unvoted-ideas",
      title: null,
      cards: [],
      emptyText: `${countOf(unvoted, "other idea")} had no votes.`,
    });
  }
  return sections;
}

/** What the spotlight shows, or null when it points at nothing on the board. */
export type SpotlightContent =
  | { kind: "idea"; idea: BoardIdea; details: string[] }
  | { kind: "cluster"; cluster: BoardCluster; ideas: BoardIdea[] };

export function spotlightContent(
  meta: BoardMeta,
  ideas: BoardIdea[],
  clusters: BoardCluster[],
  tallies: Record<string, number>,
): SpotlightContent | null {
  const target = meta.spotlight;
  if (!target) return null;
  if (target.kind === "idea") {
    const idea = ideas.find((i) => i.id === target.id);
    if (!idea) return null;
    const details: string[] = [];
    const byline = ideaDetails(idea);
    if (byline) details.push(byline);
    const cluster = idea.clusterId ? clusters.find((c) => c.id === idea.clusterId) : undefined;
    const facts = [
      cluster ? `In “${cluster.title}”` : null,
      talliesArePublic(meta) ? voteCount(tallies[idea.id] ?? 0) : null,
    ].filter((part) => part !== null);
    if (facts.length) details.push(facts.join(" · "));
    return { kind: "idea", idea, details };
  }
  const cluster = clusters.find((c) => c.id === target.id);
  if (!cluster) return null;
  return { kind: "cluster", cluster, ideas: ideas.filter((i) => i.clusterId === cluster.id) };
}

/**
 * Where people type the code, as they would type it: the join address's
 * host ("roundtable.example.org"), whose home page asks for the code.
 */
export function joinHost(url: string): string {
  return new URL(url).host;
}
