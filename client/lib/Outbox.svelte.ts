import type { CommandResults } from "../../shared/commands.js";
import type { QueueStatus } from "../../shared/facilitation.js";
import type { Result } from "../../shared/protocol.js";
import type { Connection } from "./Connection.svelte.js";

/** One of the attendee's own ideas that is not on the board, and why. */
export interface OffBoardIdea {
  key: string;
  promptId: string;
  text: string;
  /** "sending": sent, and neither the board nor the queue shows it yet */
  status: "sending" | QueueStatus;
}

interface Sent {
  key: string;
  promptId: string;
  text: string;
  /** the id the server gave the idea, once it acked */
  ideaId: string | null;
}

/**
 * The attendee's ideas on their way. The ack, the board document and the
 * attendee's own state travel separately, so an idea stays on screen as
 * "sending" until the board or the facilitators' queue shows it. Kept in
 * memory only: a reload forgets ideas still in flight.
 */
export class Outbox {
  readonly #connection: Connection;
  #sent = $state<Sent[]>([]);
  #count = 0;

  readonly #offBoard: OffBoardIdea[] = $derived.by(() => {
    const ideas = this.#connection.board.ideas;
    const queued = this.#connection.self?.queued ?? [];
    // An attendee has a handful of ideas in flight at most: scanning is cheap.
    const shown = (id: string) =>
      ideas.some((i) => i.id === id) || queued.some((q) => q.idea.id === id);
    return [
      ...this.#sent
        .filter((s) => s.ideaId === null || !shown(s.ideaId))
        .map(({ key, promptId, text }) => ({ key, promptId, text, status: "sending" as const })),
      ...queued.map(({ idea, status }) => ({
        key: idea.id,
        promptId: idea.promptId,
        text: idea.text,
        status,
      })),
    ];
  });

  readonly #own: readonly string[] = $derived.by(() => [
    ...(this.#connection.self?.ideaIds ?? []),
    ...this.#sent.flatMap((s) => (s.ideaId ? [s.ideaId] : [])),
  ]);

  constructor(connection: Connection) {
    this.#connection = connection;
  }

  /** what the author sees of their own ideas that are not on the board */
  get offBoard(): OffBoardIdea[] {
    return this.#offBoard;
  }

  /** ids of the ideas the attendee wrote, including ones acked a moment ago */
  get own(): readonly string[] {
    return this.#own;
  }

  async post(idea: {
    promptId: string;
    text: string;
    anonymous: boolean;
  }): Promise<Result<CommandResults["idea.post"]>> {
    const key = String(this.#count++);
    this.#sent.push({ key, promptId: idea.promptId, text: idea.text, ideaId: null });
    const result = await this.#connection.send("idea.post", idea);
    const index = this.#sent.findIndex((s) => s.key === key);
    if (result.ok) this.#sent[index].ideaId = result.value.ideaId;
    else this.#sent.splice(index, 1);
    return result;
  }
}
