import type { CommandPayload, CommandResults, CommandType } from "../../shared/commands.js";
import { docNames } from "../../shared/board.js";
import type { Store, WorkshopRow } from "../store/Store.js";
import type { DocRegistry } from "../yjs/DocRegistry.js";
import type { DocRoom } from "../yjs/DocRoom.js";
import type { Principal } from "./Principal.js";

/** What a handler works with while its command is applied, inside the store transaction. */
export class CommandContext {
  readonly principal: Principal;
  readonly store: Store;
  /** server time of the command, ms since the epoch */
  readonly now: number;
  /** the workshop the command acts on, if any */
  readonly workshop: WorkshopRow | null;
  /** rooms whose documents this command changed, for the engine to commit and publish */
  readonly touched = new Set<DocRoom>();
  /** participants whose own state (ideas, votes) this command changed, to tell them */
  readonly affected = new Set<string>();
  /** documents this command deleted: unloaded and their peers sent away after the commit */
  readonly deletedDocs = new Set<string>();
  /** workshops whose links this command revoked: their open connections are checked again */
  readonly revokedIn = new Set<string>();
  /** writes left to the end of the group commit, once per key however many commands ask */
  readonly deferred = new Map<string, Deferred>();
  readonly #docs: DocRegistry;

  constructor(
    principal: Principal,
    store: Store,
    docs: DocRegistry,
    workshop: WorkshopRow | null,
    now: number,
  ) {
    this.principal = principal;
    this.store = store;
    this.#docs = docs;
    this.workshop = workshop;
    this.now = now;
  }

  /** The workshop's board room, to read; write through `change`. */
  board(workshopId = this.requireWorkshop().id): DocRoom {
    return this.#docs.open(docNames.board(workshopId));
  }

  /** The workshop's facilitation room (queue, live tallies, audit), to read; write through `change`. */
  facilitation(workshopId = this.requireWorkshop().id): DocRoom {
    return this.#docs.open(docNames.facilitation(workshopId));
  }

  /** Changes a document; the engine stores the update with this command's rows. */
  change(room: DocRoom, fn: () => void): void {
    this.touched.add(room);
    room.change(fn);
  }

  /**
   * Leaves a write to the end of this command's group commit, in the same
   * transaction, run once per `key` for the whole batch: a room voting at
   * once then changes each idea's tally once a commit, not once a vote, so
   * every phone has fewer items to apply. It runs only if this command
   * succeeds, with a context of its own, and must read the store then
   * (other commands of the batch may have changed it since).
   */
  defer(key: string, write: (later: CommandContext) => void): void {
    this.deferred.set(key, { workshop: this.requireWorkshop(), write });
  }

  /** Notes that a participant's own state changed, so their devices hear of it. */
  affect(participantId: string): void {
    this.affected.add(participantId);
  }

  /** The workshop the command acts on; the engine guarantees one for workshop commands. */
  requireWorkshop(): WorkshopRow {
    if (!this.workshop) throw new Error("command has no workshop");
    return this.workshop;
  }

  /** The principal's participant id; the permissions table guarantees one for attendee commands. */
  requireParticipant(): string {
    if (!this.principal.participantId) throw new Error("command has no participant");
    return this.principal.participantId;
  }
}

/** How one command is applied. */
export interface CommandDefinition<T extends CommandType> {
  /**
   * The workshop the command acts on when it is not the principal's own
   * (joining finds it by code). Its phase is checked against the permissions
   * table before `apply`.
   */
  workshopOf?: (payload: CommandPayload<T>, store: Store) => WorkshopRow | undefined;
  /** the refusal's message when `workshopOf` finds nothing */
  notFound?: string;
  /** the command may act on a workshop of an archived (read-only) summit */
  whileArchived?: boolean;
  /**
   * The result carries new secrets (tokens): it is not stored, so a replay
   * of the command id is refused instead of handing them out again.
   */
  secretResult?: boolean;
  /**
   * Applies the command. Checks first and throws a `Refusal` before changing
   * anything; then writes store rows and changes documents via `ctx.change`.
   */
  apply(ctx: CommandContext, payload: CommandPayload<T>): CommandResults[T];
}

export type CommandDefinitions = { [T in CommandType]: CommandDefinition<T> };

/** A write left to the end of a group commit (see `CommandContext.defer`). */
export interface Deferred {
  workshop: WorkshopRow;
  write: (later: CommandContext) => void;
}
