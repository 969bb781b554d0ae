import { vi } from "vitest";
import type { BoardIdea } from "../../shared/board.js";
import type { CommandType } from "../../shared/commands.js";
import { ok, type Result } from "../../shared/protocol.js";
import type { Ask, May, Send } from "../../client/lib/Facilitation.svelte.js";

/** A facilitator's command channel that records what was sent and answers with `answer`. */
export function fakeSend(answer: (type: CommandType) => Result = () => ok({})) {
  const sent: { type: CommandType; payload: unknown }[] = [];
  const send = ((type: CommandType, payload: unknown) => {
    sent.push({ type, payload });
    return Promise.resolve(answer(type));
  }) as Send;
  return { send, sent };
}

/** Dialog answers given in advance. */
export function fakeAsk(
  answers: { confirm?: boolean; choose?: string | null; text?: string | null } = {},
): Ask {
  return {
    confirm: vi.fn(() => Promise.resolve(answers.confirm ?? true)),
    choose: vi.fn(() => Promise.resolve(answers.choose ?? null)),
    text: vi.fn(() => Promise.resolve(answers.text ?? null)),
  };
}

export const mayAll: May = () => true;

export function idea(id: string, text: string, extra: Partial<BoardIdea> = {}): BoardIdea {
  return {
    id,
    promptId: "prompt1",
    text,
    authorName: null,
    createdAt: Number(id.replace(/\D/g, "") || 0),
    clusterId: null,
    merged: 0,
    ...extra,
  };
}
