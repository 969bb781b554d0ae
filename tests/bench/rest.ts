import { randomUUID } from "node:crypto";
import type { CommandPayload, CommandResults, CommandType } from "../../shared/commands.js";
import {
  EVENTS,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type HandshakeAuth,
  type Result,
} from "../../shared/protocol.js";

/** A fresh client-made command id, as the browser makes them. */
export function newCommandId(): string {
  return randomUUID();
}

/** One command over REST (POST /api/command), as the browser sends those before it has a socket. */
export async function command<T extends CommandType>(
  url: string,
  token: string | undefined,
  type: T,
  payload: CommandPayload<T>,
): Promise<Result<CommandResults[T]>> {
  const response = await fetch(`${url}/api/command`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ id: newCommandId(), type, payload }),
    signal: AbortSignal.timeout(30_000),
  });
  return (await response.json()) as Result<CommandResults[T]>;
}

/** The value of a Result that must have succeeded. */
export function must<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** The Socket.io handshake a browser sends. */
export function handshake(token: string): HandshakeAuth {
  return { protocolVersion: PROTOCOL_VERSION, token };
}

export { EVENTS };
