import { analyse, group, similarTo, type Analysis } from "./pipeline.js";
import type { GroupsOut, IdeaText, SimilarOut } from "./workerProtocol.js";

/**
 * The last few analyses, by the exact ideas they were made of: moving the
 * "fewer / more groups" control, or asking for similar ideas, on a board
 * that has not changed is a cut of the cached dendrogram (a millisecond or
 * two), not a new analysis.
 */
export class AnalysisCache {
  readonly #entries = new Map<string, { ids: string[]; analysis: Analysis }>();
  readonly #capacity: number;

  constructor(capacity = 4) {
    this.#capacity = capacity;
  }

  suggest(ideas: IdeaText[], threshold: number): GroupsOut {
    const { ids, analysis } = this.#analysis(ideas);
    const grouping = group(analysis, threshold);
    return {
      groups: grouping.groups.map((g) => ({
        title: g.title,
        ideaIds: g.members.map((i) => ids[i]),
      })),
      alone: grouping.alone.map((i) => ids[i]),
    };
  }

  similar(ideas: IdeaText[], ideaId: string, limit: number): SimilarOut {
    const { ids, analysis } = this.#analysis(ideas);
    const index = ids.indexOf(ideaId);
    if (index < 0) return { similar: [] };
    return {
      similar: similarTo(analysis, index, limit).map((s) => ({
        ideaId: ids[s.index],
        similarity: Math.round(s.similarity * 1000) / 1000,
      })),
    };
  }

  #analysis(ideas: IdeaText[]): { ids: string[]; analysis: Analysis } {
    const key = JSON.stringify(ideas.map((i) => [i.id, i.text]));
    const hit = this.#entries.get(key);
    if (hit) {
      // Most recently used last, so the oldest goes first.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    const entry = { ids: ideas.map((i) => i.id), analysis: analyse(ideas.map((i) => i.text)) };
    this.#entries.set(key, entry);
    while (this.#entries.size > this.#capacity) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    return entry;
  }
}
