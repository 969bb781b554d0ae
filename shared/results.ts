import type { BoardCluster, BoardIdea } from "./board.js";

/** One ranked entry: its place (1 = most votes; equal votes share a place) and whether it ties. */
export interface Ranked<T> {
  item: T;
  votes: number;
  /** 1-based; entries with equal votes have the same rank ("1, 2, 2, 4") */
  rank: number;
  /** another entry has the same number of votes */
  tied: boolean;
}

/**
 * Ranks entries by votes, most first; equal votes share a rank (standard
 * competition ranking) and are marked as ties, in a stable order (`order`).
 */
export function rankByVotes<T>(items: T[], votesOf: (item: T) => number): Ranked<T>[] {
  const sorted = items
    .map((item, index) => ({ item, votes: votesOf(item), index }))
    .sort((a, b) => b.votes - a.votes || a.index - b.index);
  const count = new Map<number, number>();
  for (const { votes } of sorted) count.set(votes, (count.get(votes) ?? 0) + 1);
  let rank = 0;
  return sorted.map(({ item, votes }, i) => {
    if (i === 0 || votes !== sorted[i - 1].votes) rank = i + 1;
    return { item, votes, rank, tied: (count.get(votes) ?? 0) > 1 };
  });
}

/** Ideas ranked by their tallies (ideas without votes count 0). */
export function rankIdeas(
  ideas: BoardIdea[],
  tallies: Record<string, number>,
): Ranked<BoardIdea>[] {
  return rankByVotes(ideas, (idea) => tallies[idea.id] ?? 0);
}

/** Clusters ranked by the sum of their ideas' tallies. */
export function rankClusters(
  clusters: BoardCluster[],
  ideas: BoardIdea[],
  tallies: Record<string, number>,
): Ranked<BoardCluster>[] {
  const totals = new Map<string, number>();
  for (const idea of ideas) {
    if (idea.clusterId)
      totals.set(idea.clusterId, (totals.get(idea.clusterId) ?? 0) + (tallies[idea.id] ?? 0));
  }
  return rankByVotes(clusters, (cluster) => totals.get(cluster.id) ?? 0);
}
