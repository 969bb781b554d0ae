import {
  fail,
  isErrorCode,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type Result,
} from "../../../../shared/protocol.js";
import type { SimilarIdeas, SuggestRequest, Suggestions } from "../../../../shared/suggestions.js";

/** Which ideas a suggestion is for. */
export type SuggestScope = SuggestRequest["scope"];

/** Asks the server for suggested clusters of the board's ideas (a read: nothing moves). */
export function requestSuggestions(
  token: string,
  scope: SuggestScope,
  granularity: number,
): Promise<Result<Suggestions>> {
  return post(token, "/api/suggestions", { scope, granularity });
}

/** Asks the server for the ideas most like one idea. */
export function requestSimilar(token: string, ideaId: string): Promise<Result<SimilarIdeas>> {
  return post(token, "/api/suggestions/similar", { ideaId, limit: 5 });
}

async function post<T>(token: string, url: string, body: unknown): Promise<Result<T>> {
  let parsed: unknown;
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      },
      body: JSON.stringify(body),
    });
    parsed = await response.json();
  } catch {
    return fail("unreachable");
  }
  if (typeof parsed !== "object" || parsed === null) return fail("internal");
  const result = parsed as {
    ok?: unknown;
    value?: unknown;
    error?: { code?: unknown; message?: unknown };
  };
  if (result.ok === true && typeof result.value === "object" && result.value !== null) {
    return { ok: true, value: result.value as T };
  }
  if (result.ok === false && isErrorCode(result.error?.code)) {
    const message = result.error.message;
    return fail(result.error.code, typeof message === "string" ? message : undefined);
  }
  return fail("internal");
}
