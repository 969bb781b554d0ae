/** Messages between the server's main thread and the suggestion worker. */

export interface IdeaText {
  id: string;
  text: string;
}

export type WorkerRequest =
  | { id: number; op: "suggest"; ideas: IdeaText[]; threshold: number }
  | { id: number; op: "similar"; ideas: IdeaText[]; ideaId: string; limit: number };

/** Groups and similar ideas by idea id (the worker knows nothing of workshops). */
export interface GroupsOut {
  groups: { title: string; ideaIds: string[] }[];
  alone: string[];
}

export interface SimilarOut {
  similar: { ideaId: string; similarity: number }[];
}

export type WorkerResponse =
  | { id: number; ok: true; value: GroupsOut | SimilarOut }
  | { id: number; ok: false; error: string };
