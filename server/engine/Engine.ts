import * as Y from "yjs";
import type { Logger } from "pino";
import { docNames, metaMap, parseDocName, readMeta } from "../../shared/board.js";
import {
  commandSchemas,
  envelopeSchema,
  isCommandType,
  type CommandType,
} from "../../shared/commands.js";
import { queueMap } from "../../shared/facilitation.js";
import { DOC_ACCESS, refusal } from "../../shared/permissions.js";
import {
  fail,
  ok,
  YJS_CLOSE,
  type ErrorCode,
  type Result,
  type SelfState,
} from "../../shared/protocol.js";
import { TOKEN_PATTERN } from "../../shared/roles.js";
import type { Store, WorkshopRow } from "../store/Store.js";
import type { DocRegistry } from "../yjs/DocRegistry.js";
import type { DocRoom } from "../yjs/DocRoom.js";
import { CommandContext, type CommandDefinition, type Deferred } from "./CommandContext.js";
import { COMMANDS } from "./commands/index.js";
import { NOBODY, type Principal } from "./Principal.js";
import { RateLimiter } from "./RateLimiter.js";
import { Refusal } from "./Refusal.js";
import { hashToken } from "./secrets.js";

export interface EngineOptions {
  store: Store;
  docs: DocRegistry;
  log: Logger;
  /** commands a principal may burst, and how many per second refill */
  rateLimit?: { burst: number; perSecond: number };
  /** how often, at most, a workshop's count of attendees online is written to its board */
  presenceMs?: number;
  now?: () => number;
}

interface Queued {
  principal: Principal;
  commandId: string;
  type: CommandType;
  payload: unknown;
  resolve: (result: Result) => void;
}

/** What a document connection may do. */
export type DocAccess =
  { ok: true; room: DocRoom; writable: boolean } | { ok: false; code: ErrorCode };

/**
 * The command pipeline: parse -> authenticate -> authorise -> idempotency ->
 * apply in one store transaction -> ack -> publish. Commands that arrive in
 * the same turn of the event loop are committed together (group commit):
 * each in its own savepoint, all with one fsync, and none acked before the
 * commit.
 */
export class Engine {
  readonly #store: Store;
  readonly #docs: DocRegistry;
  readonly #log: Logger;
  readonly #limiter: RateLimiter;
  readonly #now: () => number;
  #queue: Queued[] = [];
  #scheduled = false;
  readonly #selfListeners = new Set<(participantId: string) => void>();
  readonly #revokedListeners = new Set<(workshopId: string) => void>();
  /** attendees online per workshop, waiting to be written */
  #online = new Map<string, number>();
  #presenceTimer: NodeJS.Timeout | null = null;
  readonly #presenceMs: number;

  constructor(options: EngineOptions) {
    this.#store = options.store;
    this.#docs = options.docs;
    this.#log = options.log;
    const rate = options.rateLimit ?? { burst: 30, perSecond: 5 };
    this.#limiter = new RateLimiter(rate.burst, rate.perSecond);
    this.#now = options.now ?? Date.now;
    this.#presenceMs = options.presenceMs ?? 2000;
  }

  /**
   * The principal a token stands for: NOBODY without a token, an error code
   * for a token that is malformed, unknown or revoked.
   */
  authenticate(token: string | undefined | null): Principal | ErrorCode {
    if (token === undefined || token === null || token === "") return NOBODY;
    if (typeof token !== "string" || !TOKEN_PATTERN.test(token)) return "unauthenticated";
    const hash = hashToken(token);
    const row = this.#store.findToken(hash);
    if (!row) return "unauthenticated";
    if (row.revokedAt !== null) return row.role === "setup" ? "already_used" : "unauthenticated";
    return {
      role: row.role,
      id: row.participantId ?? hash,
      summitId: row.summitId,
      workshopId: row.workshopId,
      participantId: row.participantId,
    };
  }

  /** Parses, checks and applies one command from the wire; resolves once it is durable or refused. */
  submit(principal: Principal, raw: unknown): Promise<Result> {
    const envelope = envelopeSchema.safeParse(raw);
    if (!envelope.success)
      return Promise.resolve(fail("invalid_payload", describe(envelope.error)));
    const { id, type, payload } = envelope.data;
    if (!isCommandType(type)) return Promise.resolve(fail("unknown_command"));
    const parsed = commandSchemas[type].safeParse(payload);
    if (!parsed.success) return Promise.resolve(fail("invalid_payload", describe(parsed.error)));
    // Role checks that need no workshop state are answered at once.
    const roleRefusal = refusal(type, principal.role, null);
    if (roleRefusal) return Promise.resolve(fail(roleRefusal));
    if (principal.role !== "none" && !this.#limiter.take(principal.id, performance.now())) {
      return Promise.resolve(fail("rate_limited"));
    }
    return new Promise((resolve) => {
      this.#queue.push({ principal, commandId: id, type, payload: parsed.data, resolve });
      this.#schedule();
    });
  }

  /**
   * Records how many attendees are connected to a workshop. The board shows
   * the count; it is written with the next group commit, at most once per
   * `presenceMs`, so a join wave is a handful of updates, not thousands.
   */
  setOnline(workshopId: string, count: number): void {
    this.#online.set(workshopId, count);
    this.#presenceTimer ??= setTimeout(() => {
      this.#presenceTimer = null;
      this.#schedule();
    }, this.#presenceMs);
  }

  /**
   * [G7] Deletes every summit dated (or, undated, created) before `before`,
   * with all its data; open connections to it are sent away. Returns how
   * many went. Synchronous, so no command interleaves with it.
   */
  purgeSummitsBefore(before: number): number {
    const summits = this.#store.summitsBefore(before);
    for (const summit of summits) {
      const workshops = this.#store.workshopsOf(summit.id);
      this.#store.deleteSummit(summit.id);
      for (const workshop of workshops) {
        for (const name of Object.values(docNames)) {
          this.#docs.discard(name(workshop.id), YJS_CLOSE.not_found);
        }
        for (const listener of this.#revokedListeners) listener(workshop.id);
      }
      this.#log.info({ summit: summit.id }, "summit purged by the retention setting");
    }
    return summits.length;
  }

  /** Stops timers, e.g. at shutdown. */
  close(): void {
    if (this.#presenceTimer) clearTimeout(this.#presenceTimer);
    this.#presenceTimer = null;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#commitQueued());
  }

  /**
   * Calls `listener` with each participant whose own state changed, after
   * the commit that changed it (their post, or a facilitator's merge).
   */
  onSelfChanged(listener: (participantId: string) => void): () => void {
    this.#selfListeners.add(listener);
    return () => this.#selfListeners.delete(listener);
  }

  /**
   * Calls `listener` with each workshop some of whose tokens were revoked
   * (links rotated, workshop deleted), after the commit, so connections
   * opened with those tokens can be closed.
   */
  onRevoked(listener: (workshopId: string) => void): () => void {
    this.#revokedListeners.add(listener);
    return () => this.#revokedListeners.delete(listener);
  }

  /** What one attendee may know about themselves: their ideas, their dots, their queued ideas. */
  selfState(participantId: string): SelfState | null {
    const participant = this.#store.getParticipant(participantId);
    if (!participant) return null;
    const ideaIds = this.#store.ideasOf(participantId);
    const queue = queueMap(this.#docs.open(docNames.facilitation(participant.workshopId)).doc);
    return {
      participantId,
      workshopId: participant.workshopId,
      ideaIds: [...ideaIds],
      votes: this.#store.votesOf(participantId),
      queued: ideaIds.flatMap((id) => {
        const entry = queue.get(id);
        return entry ? [{ idea: entry.idea, status: entry.status }] : [];
      }),
    };
  }

  /** Whether a principal may open a document, and if so its loaded room. */
  openDoc(principal: Principal, docName: string): DocAccess {
    const parsed = parseDocName(docName);
    if (!parsed) return { ok: false, code: "not_found" };
    if (principal.role === "none") return { ok: false, code: "unauthenticated" };
    const access = DOC_ACCESS[parsed.kind];
    const workshop = this.#store.getWorkshop(parsed.workshopId);
    const inScope =
      workshop !== undefined &&
      (principal.role === "organiser"
        ? principal.summitId === workshop.summitId
        : principal.workshopId === workshop.id);
    if (!access.read.includes(principal.role) || !inScope) return { ok: false, code: "forbidden" };
    return {
      ok: true,
      room: this.#docs.open(docName),
      writable: access.write.includes(principal.role),
    };
  }

  #commitQueued(): void {
    this.#scheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    // Presence waits for its own timer; a command batch does not flush it early.
    const online = this.#presenceTimer ? new Map<string, number>() : this.#online;
    if (!this.#presenceTimer) this.#online = new Map();
    const now = this.#now();
    const results: Result[] = [];
    const published = new Map<DocRoom, Uint8Array[]>();
    const effects: BatchEffects = {
      affected: new Set(),
      deletedDocs: new Set(),
      revokedIn: new Set(),
      deferred: new Map(),
    };
    try {
      this.#store.transaction(() => {
        for (const item of batch) results.push(this.#applyOne(item, now, published, effects));
        for (const { workshop, write } of effects.deferred.values()) {
          // A command later in the batch may have deleted the workshop.
          if (!this.#store.getWorkshop(workshop.id)) continue;
          const ctx = new CommandContext(NOBODY, this.#store, this.#docs, workshop, now);
          write(ctx);
          this.#storeUpdates(ctx, now, published);
        }
        for (const [workshopId, count] of online)
          this.#writeOnline(workshopId, count, now, published);
      });
    } catch (error) {
      // The commit itself failed: nothing in this batch is durable, so no
      // document may keep (or show) what the batch changed.
      this.#log.error({ err: error, commands: batch.length }, "group commit failed");
      for (const room of published.keys()) this.#docs.discard(room.name);
      for (const item of batch) item.resolve(fail("internal"));
      return;
    }
    for (const [room, updates] of published) room.publish(...updates);
    for (const name of effects.deletedDocs) this.#docs.discard(name, YJS_CLOSE.not_found);
    batch.forEach((item, i) => item.resolve(results[i]));
    for (const participantId of effects.affected) {
      for (const listener of this.#selfListeners) listener(participantId);
    }
    for (const workshopId of effects.revokedIn) {
      for (const listener of this.#revokedListeners) listener(workshopId);
    }
  }

  #applyOne(
    item: Queued,
    now: number,
    published: Map<DocRoom, Uint8Array[]>,
    effects: BatchEffects,
  ): Result {
    const definition = COMMANDS[item.type] as CommandDefinition<CommandType>;
    const idempotent = item.principal.role !== "none" && item.principal.role !== "setup";
    let ctx: CommandContext | null = null;
    try {
      return this.#store.transaction(() => {
        if (idempotent) {
          const earlier = this.#store.findProcessed(item.principal.id, item.commandId);
          if (earlier !== undefined) return JSON.parse(earlier) as Result;
        }
        const workshop = this.#targetWorkshop(item, definition);
        ctx = new CommandContext(item.principal, this.#store, this.#docs, workshop, now);
        if (workshop) {
          const meta = readMeta(ctx.board(workshop.id).doc);
          if (!meta) throw new Error(`workshop ${workshop.id} has no board`);
          const refused = refusal(item.type, item.principal.role, meta.phase, meta.settings);
          if (refused) throw new Refusal(refused);
        }
        const result = ok(definition.apply(ctx, item.payload as never));
        if (item.principal.participantId) ctx.affect(item.principal.participantId);
        for (const participantId of ctx.affected) effects.affected.add(participantId);
        for (const name of ctx.deletedDocs) effects.deletedDocs.add(name);
        for (const workshopId of ctx.revokedIn) effects.revokedIn.add(workshopId);
        for (const [key, deferred] of ctx.deferred) effects.deferred.set(key, deferred);
        this.#storeUpdates(ctx, now, published);
        if (idempotent) {
          this.#store.recordProcessed({
            principalId: item.principal.id,
            commandId: item.commandId,
            result: JSON.stringify(definition.secretResult ? fail("duplicate", REPLAYED) : result),
            workshopId: ctx.workshop?.id ?? null,
            at: now,
          });
        }
        return result;
      });
    } catch (error) {
      // Handlers refuse before they change anything; if a document changed
      // all the same, its in-memory copy no longer matches the store.
      for (const room of (ctx as CommandContext | null)?.touched ?? []) {
        if (room.takeUncommitted().length > 0) this.#docs.discard(room.name);
      }
      if (error instanceof Refusal) return fail(error.code, error.message);
      this.#log.error({ err: error, command: item.type }, "command failed");
      return fail("internal");
    }
  }

  /** Appends the updates a command's changes produced to the log, and keeps them to publish. */
  #storeUpdates(ctx: CommandContext, now: number, published: Map<DocRoom, Uint8Array[]>): void {
    for (const room of ctx.touched) {
      for (const update of room.takeUncommitted()) {
        this.#store.appendUpdate(room.name, update, now);
        room.logLength++;
        const updates = published.get(room);
        if (updates) updates.push(update);
        else published.set(room, [update]);
      }
    }
  }

  #writeOnline(
    workshopId: string,
    count: number,
    now: number,
    published: Map<DocRoom, Uint8Array[]>,
  ): void {
    const workshop = this.#store.getWorkshop(workshopId);
    if (!workshop) return;
    const ctx = new CommandContext(NOBODY, this.#store, this.#docs, workshop, now);
    const board = ctx.board();
    const meta = metaMap(board.doc);
    if (meta.get("online") === count) return;
    ctx.change(board, () => meta.set("online", count));
    this.#storeUpdates(ctx, now, published);
  }

  /**
   * The workshop a command acts on: named by its payload (a join code, or an
   * organiser's workshop id) or the one the sender's token belongs to. [P4]
   * A token never reaches past its scope: an organiser's summit, a
   * facilitator's workshop; an archived summit's workshops change no more.
   */
  #targetWorkshop(item: Queued, definition: CommandDefinition<CommandType>): WorkshopRow | null {
    const { principal } = item;
    let workshop: WorkshopRow | undefined;
    if (definition.workshopOf) {
      workshop = definition.workshopOf(item.payload as never, this.#store);
      if (!workshop) throw new Refusal("not_found", definition.notFound);
    } else if (principal.workshopId) {
      workshop = this.#store.getWorkshop(principal.workshopId);
      if (!workshop) throw new Refusal("not_found");
    } else {
      return null;
    }
    const outOfScope =
      (principal.workshopId !== null && principal.workshopId !== workshop.id) ||
      (principal.summitId !== null && principal.summitId !== workshop.summitId);
    if (outOfScope) throw new Refusal("not_found", definition.notFound);
    if (!definition.whileArchived && this.#store.getSummit(workshop.summitId)?.archivedAt) {
      throw new Refusal("archived");
    }
    return workshop;
  }

  /** The board of a workshop, for tests and the REST layer to read. */
  board(workshopId: string): Y.Doc {
    return this.#docs.open(docNames.board(workshopId)).doc;
  }
}

/** What a batch's commands did besides documents, acted on after the commit. */
interface BatchEffects {
  affected: Set<string>;
  deletedDocs: Set<string>;
  revokedIn: Set<string>;
  /** writes left to the end of the batch, by key (see `CommandContext.defer`) */
  deferred: Map<string, Deferred>;
}

const REPLAYED = "This was already done; its links were shown once. Rotate them to get new ones.";

function describe(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  const where = issue.path.map(String).join(".");
  return where ? `${where}: ${issue.message}` : issue.message;
}
