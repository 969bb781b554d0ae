import { createSubscriber } from "svelte/reactivity";
import type * as Y from "yjs";
import type { CommandPayload, CommandResults, CommandType } from "../../shared/commands.js";
import {
  auditArray,
  FACILITATION,
  liveTalliesMap,
  queueMap,
  type AuditEntry,
  type QueuedIdea,
} from "../../shared/facilitation.js";
import type { Result } from "../../shared/protocol.js";

/** Sends one command as the facilitator and resolves with the server's Result. */
export type Send = <T extends CommandType>(
  type: T,
  payload: CommandPayload<T>,
) => Promise<Result<CommandResults[T]>>;

/** Whether the facilitator may send a command now (the permissions table decides). */
export type May = (type: CommandType) => boolean;

/** A group of choices in a select, e.g. the ideas of one cluster. */
export interface ChoiceGroup {
  label: string;
  choices: { value: string; label: string }[];
}

/** Questions the console asks in a modal dialog; each resolves when it is answered or dismissed. */
export interface Ask {
  /** true when confirmed */
  confirm(question: {
    title: string;
    message: string;
    confirmLabel: string;
    /** destructive: focus starts on Cancel */
    danger?: boolean;
  }): Promise<boolean>;
  /** the chosen value, or null */
  choose(question: {
    title: string;
    message?: string;
    label: string;
    groups: ChoiceGroup[];
    confirmLabel: string;
  }): Promise<string | null>;
  /** the text entered (trimmed, not empty), or null */
  text(question: {
    title: string;
    label: string;
    confirmLabel: string;
    initial?: string;
    maxLength: number;
  }): Promise<string | null>;
}

/**
 * What only facilitators see, read-only, as Svelte sees it: the moderation
 * queue, live tallies, the audit trail and the guidance from the facilitation
 * document.
 *
 * Like Board, each part is read again only after it changed, and handed out
 * as a plain value that is replaced, never mutated.
 */
export class Facilitation {
  readonly #doc: Y.Doc;
  readonly #subscribe: () => void;
  #queue: QueuedIdea[] = [];
  #tallies: Record<string, number> = {};
  #audit: AuditEntry[] = [];
  #stale = { queue: true, tallies: true, audit: true };

  constructor(doc: Y.Doc) {
    this.#doc = doc;
    queueMap(doc).observe(() => (this.#stale.queue = true));
    liveTalliesMap(doc).observe(() => (this.#stale.tallies = true));
    auditArray(doc).observe(() => (this.#stale.audit = true));
    this.#subscribe = createSubscriber((update) => {
      doc.on("update", update);
      return () => doc.off("update", update);
    });
  }

  /** every idea off the board (pending, held or hidden), oldest first */
  get queue(): QueuedIdea[] {
    this.#subscribe();
    if (this.#stale.queue) {
      this.#queue = [...queueMap(this.#doc).values()].sort(
        (a, b) =>
          a.idea.createdAt - b.idea.createdAt ||
          (a.idea.id < b.idea.id ? -1 : a.idea.id > b.idea.id ? 1 : 0),
      );
      this.#stale.queue = false;
    }
    return this.#queue;
  }

  /** votes per idea id, always live, whatever the board shows */
  get tallies(): Record<string, number> {
    this.#subscribe();
    if (this.#stale.tallies) {
      this.#tallies = liveTalliesMap(this.#doc).toJSON() as Record<string, number>;
      this.#stale.tallies = false;
    }
    return this.#tallies;
  }

  /** facilitator actions, oldest first */
  get audit(): AuditEntry[] {
    this.#subscribe();
    if (this.#stale.audit) {
      this.#audit = auditArray(this.#doc).toArray();
      this.#stale.audit = false;
    }
    return this.#audit;
  }

  /** the theme template's advice for the facilitator; empty when it brought none */
  get guidance(): string {
    this.#subscribe();
    const value = this.#doc.getMap(FACILITATION.meta).get("guidance");
    return typeof value === "string" ? value : "";
  }
}

/** The start of a long text for a label or an option, cut at a word and marked with "…". */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
