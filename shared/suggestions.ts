import { z } from "zod";
import { entityId } from "./commands.js";

/**
 * The REST shapes of suggested clusters and similar ideas, read by the
 * facilitator console (type-only on the client, so zod stays out of its bundle).
 */

/** `POST /api/suggestions`: groups for the board's unclustered ideas, or all of them. */
export const suggestRequest = z.strictObject({
  scope: z.enum(["unclustered", "all"]),
  /** 0 (fewest groups) .. 1 (most); omitted, the default cut */
  granularity: z.number().min(0).max(1).optional(),
});

/** `POST /api/suggestions/similar`: the ideas most like one idea. */
export const similarRequest = z.strictObject({
  ideaId: entityId,
  limit: z.int().min(1).max(20).optional(),
});

export type SuggestRequest = z.infer<typeof suggestRequest>;
export type SimilarRequest = z.infer<typeof similarRequest>;

/** One suggested group, ready for `clusters.apply`. */
export interface SuggestedGroup {
  title: string;
  ideaIds: string[];
}

/** The answer to a suggestion request. */
export interface Suggestions {
  scope: SuggestRequest["scope"];
  /** the granularity this cut was made at (the default when none was asked) */
  granularity: number;
  /** ideas considered */
  ideaCount: number;
  /** largest first; every group has two ideas or more */
  groups: SuggestedGroup[];
  /** ideas like no other, left out of every group */
  alone: string[];
}

/** The answer to a similar-ideas request. */
export interface SimilarIdeas {
  ideaId: string;
  /** most similar first; similarity is a cosine in 0..1 */
  similar: { ideaId: string; similarity: number }[];
}
