import { untrack } from "svelte";
import type { BoardMeta } from "../../shared/board.js";
import { Connection, type ConnectionStatus } from "./Connection.svelte.js";
import { Facilitation } from "./Facilitation.svelte.js";

/** What the overview shows of one workshop, live. */
export interface WorkshopActivity {
  status: ConnectionStatus;
  /** null until the board has loaded */
  meta: BoardMeta | null;
  /** ideas on the board */
  ideas: number;
  /** ideas waiting for a facilitator: pre-moderation, and held by the safeguarding filter */
  pending: number;
  held: number;
  /** every dot cast, whether or not the room sees the tallies yet */
  votes: number;
}

/** The documents one workshop's room is followed by, read-only. */
export interface Room {
  readonly status: ConnectionStatus;
  readonly board: { readonly meta: BoardMeta | null; readonly ideas: readonly unknown[] };
  readonly facilitation: Pick<Facilitation, "queue" | "tallies">;
  destroy(): void;
}

/** Opens a room with the organiser key: the board and facilitation documents, no commands. */
export function openRoom(workshopId: string, key: string): Room {
  const connection = new Connection({
    workshopId,
    token: key,
    extraDocs: ["facilitation"],
    commands: false,
  });
  const facilitation = new Facilitation(connection.doc("facilitation"));
  return {
    get status() {
      return connection.status;
    },
    board: connection.board,
    facilitation,
    destroy: () => connection.destroy(),
  };
}

/**
 * Every workshop of a summit, live: one read-only connection per workshop,
 * opened while the overview is shown. `follow` keeps the set of rooms in
 * step with the summit's workshops; `destroy` closes them all.
 */
export class LiveOverview {
  readonly #open: (workshopId: string) => Room;
  /** the followed rooms by workshop id; replaced, never changed in place */
  #rooms = $state.raw<Readonly<Record<string, Room>>>({});

  constructor(open: (workshopId: string) => Room) {
    this.#open = open;
  }

  /** Opens rooms for workshops not followed yet and closes those no longer listed. */
  follow(workshopIds: readonly string[]): void {
    // Called from an effect: the rooms written here are not what it depends on.
    const current = untrack(() => this.#rooms);
    const followed = Object.keys(current);
    const same =
      followed.length === workshopIds.length &&
      workshopIds.every((id) => Object.hasOwn(current, id));
    if (same) return;
    const next: Record<string, Room> = {};
    for (const id of workshopIds) {
      next[id] = Object.hasOwn(current, id) ? current[id] : this.#openOwned(id);
    }
    for (const id of followed) if (!workshopIds.includes(id)) current[id].destroy();
    this.#rooms = next;
  }

  /**
   * Opens a room outside the effect that called `follow`: the connection's
   * derived state would otherwise stop updating when that effect runs again.
   */
  #openOwned(workshopId: string): Room {
    const opened: { room?: Room } = {};
    const release = $effect.root(() => {
      opened.room = this.#open(workshopId);
    });
    const room = opened.room!;
    return {
      get status() {
        return room.status;
      },
      board: room.board,
      facilitation: room.facilitation,
      destroy() {
        room.destroy();
        release();
      },
    };
  }

  /** One workshop's activity, or null when it is not followed. */
  activity(workshopId: string): WorkshopActivity | null {
    return Object.hasOwn(this.#rooms, workshopId) ? activityOf(this.#rooms[workshopId]) : null;
  }

  /** Sums across every followed workshop. */
  get totals(): { online: number; ideas: number; waiting: number; votes: number } {
    const totals = { online: 0, ideas: 0, waiting: 0, votes: 0 };
    for (const room of Object.values(this.#rooms)) {
      const activity = activityOf(room);
      totals.online += activity.meta?.online ?? 0;
      totals.ideas += activity.ideas;
      totals.waiting += activity.pending + activity.held;
      totals.votes += activity.votes;
    }
    return totals;
  }

  destroy(): void {
    for (const room of Object.values(this.#rooms)) room.destroy();
    this.#rooms = {};
  }
}

function activityOf(room: Room): WorkshopActivity {
  const queue = room.facilitation.queue;
  return {
    status: room.status,
    meta: room.board.meta,
    ideas: room.board.ideas.length,
    pending: queue.filter((q) => q.status === "pending").length,
    held: queue.filter((q) => q.status === "held").length,
    votes: Object.values(room.facilitation.tallies).reduce((sum, n) => sum + n, 0),
  };
}
