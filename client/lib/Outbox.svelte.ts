import type {
  CommandEnvelope,
  CommandPayload,
  CommandResults,
  CommandType,
} from "../../shared/commands.js";
import type { CommandError, ErrorCode, Result } from "../../shared/protocol.js";
import { newCommandId } from "./api.js";
import type { CommandStore, StoredCommand } from "./storage.js";

/** A command on its way: waiting to be answered, or refused and kept to show why. */
export type OutboxEntry = {
  [T in CommandType]: {
    /** the command id: the same on every resend, so the server applies it once */
    id: string;
    type: T;
    payload: CommandPayload<T>;
    /** when it was made, ms since the epoch; entries are sent in this order */
    queuedAt: number;
    /** why the server refused it, for good; null while it is still to be sent */
    rejection: CommandError | null;
  };
}[CommandType];

/** A command the server accepted, with what it answered. */
export type DeliveredCommand = {
  [T in CommandType]: Extract<OutboxEntry, { type: T }> & { value: CommandResults[T] };
}[CommandType];

/** How the outbox reaches the server. */
export interface OutboxTransport {
  /** whether a command can be sent now */
  readonly connected: boolean;
  /** sends one command; resolves with the server's answer, or null when none came (lost connection, timeout) */
  emit(envelope: CommandEnvelope): Promise<Result | null>;
}

export interface OutboxOptions {
  transport: OutboxTransport;
  /** where commands are kept between visits; without one they live as long as the page */
  store?: CommandStore | null;
  /** the wait before the first retry of an unanswered or rate-limited command, and the longest */
  retryMs?: { first: number; max: number };
  /** for tests: a source of randomness for the retry jitter */
  random?: () => number;
}

/** Answers after which a command is sent again later; any other refusal is final. */
const RETRY_LATER: readonly ErrorCode[] = ["rate_limited", "unreachable"];

/** Delivered commands remembered for views that wait for their effect to show. */
const DELIVERED_KEPT = 50;

/**
 * The commands a person made that the server has not answered yet. Each is
 * sent once the connection is up, one at a time and in the order they were
 * made, and kept until an answer arrives: a lost connection sends it again
 * (with the same id, so the server applies it once) when it returns, a rate
 * limit or a silent server after a growing, jittered wait.
 *
 * With a store (attendees) the outbox outlives the page: commands made
 * offline survive a reload, and a refusal is kept, with its reason, until
 * the person dismisses it, since nobody may be waiting for the answer any
 * more. Without one, a refusal goes back to the caller only.
 */
export class Outbox {
  readonly #transport: OutboxTransport;
  readonly #store: CommandStore | null;
  readonly #retryMs: { first: number; max: number };
  readonly #random: () => number;
  readonly #unsubscribe: () => void;
  #entries = $state.raw<OutboxEntry[]>([]);
  #delivered = $state.raw<DeliveredCommand[]>([]);
  /** ids this page settled or dismissed, so another tab's stale copy does not bring them back */
  readonly #removed: Record<string, true> = {};
  readonly #waiters: Record<string, (result: Result) => void> = {};
  #draining = false;
  #flushRequested = false;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #failures = 0;
  #lastQueuedAt = 0;
  #destroyed = false;

  constructor({ transport, store = null, retryMs, random = Math.random }: OutboxOptions) {
    this.#transport = transport;
    this.#store = store;
    this.#retryMs = retryMs ?? { first: 1000, max: 30_000 };
    this.#random = random;
    this.#adopt(store?.load() ?? []);
    // Another tab of the same workshop queued or refused something: show and send it here too.
    this.#unsubscribe = store?.subscribe(() => this.#adopt(store.load() ?? [])) ?? (() => {});
  }

  /** every command not yet accepted, oldest first: those to send and those refused */
  get entries(): readonly OutboxEntry[] {
    return this.#entries;
  }

  /** commands this page had accepted lately, oldest first, with the server's answers */
  get delivered(): readonly DeliveredCommand[] {
    return this.#delivered;
  }

  /**
   * Queues a command and sends it as soon as it can; resolves with the
   * server's answer, however long that takes (a retry after a rate limit,
   * the connection coming back).
   */
  send<T extends CommandType>(
    type: T,
    payload: CommandPayload<T>,
    id: string = newCommandId(),
  ): Promise<Result<CommandResults[T]>> {
    const queuedAt = Math.max(Date.now(), this.#lastQueuedAt + 1);
    this.#lastQueuedAt = queuedAt;
    const entry = { id, type, payload, queuedAt, rejection: null } as OutboxEntry;
    const answer = new Promise<Result>((resolve) => (this.#waiters[id] = resolve));
    this.#change([...this.#entries, entry]);
    void this.#drain();
    // The server answers each command type with its own result (CommandResults).
    return answer as Promise<Result<CommandResults[T]>>;
  }

  /** Sends what is waiting now, without waiting out a retry delay: the connection is back. */
  flush(): void {
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#flushRequested = true;
    void this.#drain();
  }

  /** Forgets a refused command once the person has read why. */
  dismiss(id: string): void {
    this.#removed[id] = true;
    this.#change(this.#entries.filter((e) => e.id !== id));
  }

  /** Stops sending; what is stored stays for the next visit. */
  destroy(): void {
    this.#destroyed = true;
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#unsubscribe();
  }

  async #drain(): Promise<void> {
    if (this.#draining || this.#retryTimer !== null || this.#destroyed) return;
    this.#draining = true;
    try {
      for (;;) {
        this.#flushRequested = false;
        const entry = this.#entries.find((e) => e.rejection === null);
        if (!entry || !this.#transport.connected) return;
        const { id, type, payload } = entry;
        const result = await this.#transport.emit({ id, type, payload });
        if (this.#destroyed) return;
        if (result !== null && (result.ok || !RETRY_LATER.includes(result.error.code))) {
          this.#failures = 0;
          this.#settle(entry, result);
          continue;
        }
        // Unanswered: if the connection came back meanwhile, send again now;
        // if it is down, `flush` sends again when it returns.
        if (result === null && this.#flushRequested && this.#transport.connected) continue;
        if (result === null && !this.#transport.connected) return;
        this.#retryLater();
        return;
      }
    } finally {
      this.#draining = false;
    }
  }

  #retryLater(): void {
    const { first, max } = this.#retryMs;
    // Jitter, so a room whose commands were all refused at once does not retry at once.
    const delay = Math.min(max, first * 2 ** this.#failures) * (0.5 + this.#random());
    this.#failures++;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      void this.#drain();
    }, delay);
  }

  #settle(entry: OutboxEntry, result: Result): void {
    if (result.ok) {
      this.#removed[entry.id] = true;
      this.#change(this.#entries.filter((e) => e.id !== entry.id));
      const delivered = { ...entry, value: result.value } as DeliveredCommand;
      this.#delivered = [...this.#delivered, delivered].slice(-DELIVERED_KEPT);
    } else if (this.#store) {
      this.#change(
        this.#entries.map((e) => (e.id === entry.id ? { ...e, rejection: result.error } : e)),
      );
    } else {
      this.#removed[entry.id] = true;
      this.#change(this.#entries.filter((e) => e.id !== entry.id));
    }
    this.#waiters[entry.id]?.(result);
    delete this.#waiters[entry.id];
  }

  /** Replaces the entries and keeps them, together with any another tab added meanwhile. */
  #change(entries: OutboxEntry[]): void {
    this.#entries = entries;
    if (!this.#store) return;
    this.#adopt(this.#store.load() ?? []);
    this.#store.save(this.#entries);
  }

  /** Takes in commands stored by another tab (or an earlier visit) that this page does not hold. */
  #adopt(stored: StoredCommand[]): void {
    const held = (id: string) => this.#entries.find((e) => e.id === id);
    // Stored by this app, in the shape it sends; the server validates it again anyway.
    const fresh = (stored as OutboxEntry[]).filter((command) => {
      if (this.#removed[command.id]) return false;
      const mine = held(command.id);
      return !mine || (mine.rejection === null && command.rejection !== null);
    });
    if (fresh.length === 0) return;
    // What was stored came first: on equal times, it goes first.
    const merged = [
      ...stored.flatMap((c) => fresh.find((f) => f.id === c.id) ?? held(c.id) ?? []),
      ...this.#entries.filter((e) => !stored.some((c) => c.id === e.id)),
    ];
    this.#entries = merged.sort((a, b) => a.queuedAt - b.queuedAt);
    this.#lastQueuedAt = Math.max(this.#lastQueuedAt, ...this.#entries.map((e) => e.queuedAt));
    void this.#drain();
  }
}
