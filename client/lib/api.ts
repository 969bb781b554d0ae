import type { CommandPayload, CommandResults, CommandType } from "../../shared/commands.js";
import {
  fail,
  isErrorCode,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type JoinInfo,
  type Result,
} from "../../shared/protocol.js";

/**
 * A fresh command id. Not crypto.randomUUID(): that exists only in secure
 * contexts, and a venue may serve Roundtable over plain http on its LAN.
 */
export function newCommandId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The Result for a request that never reached the server. */
export function unreachable(): Result<never> {
  return fail("unreachable");
}

/** Sends one command over REST, for the few made before a client holds a live connection. */
export function postCommand<T extends CommandType>(
  token: string | null,
  type: T,
  payload: CommandPayload<T>,
): Promise<Result<CommandResults[T]>> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
  };
  if (token) headers.authorization = `Bearer ${token}`;
  return request(
    "/api/command",
    { method: "POST", headers, body: JSON.stringify({ id: newCommandId(), type, payload }) },
    isObject as (value: unknown) => value is CommandResults[T],
  );
}

/** The workshop a join code opens, or why it cannot be joined. */
export function lookupJoin(code: string): Promise<Result<JoinInfo>> {
  return request(`/api/join/${encodeURIComponent(code)}`, { method: "GET" }, isJoinInfo);
}

async function request<T>(
  url: string,
  init: RequestInit,
  isValue: (value: unknown) => value is T,
): Promise<Result<T>> {
  let body: unknown;
  try {
    const response = await fetch(url, init);
    body = await response.json();
  } catch {
    return unreachable();
  }
  if (!isObject(body)) return fail("internal");
  if (body.ok === true && isValue(body.value)) return { ok: true, value: body.value };
  const error = body.error;
  if (body.ok === false && isObject(error) && isErrorCode(error.code)) {
    return fail(error.code, typeof error.message === "string" ? error.message : undefined);
  }
  return fail("internal");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isJoinInfo(value: unknown): value is JoinInfo {
  return (
    isObject(value) &&
    typeof value.workshopId === "string" &&
    typeof value.code === "string" &&
    typeof value.title === "string" &&
    typeof value.anonymity === "string"
  );
}
