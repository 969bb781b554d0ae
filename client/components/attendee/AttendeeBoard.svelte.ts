import { talliesArePublic, type BoardIdea, type BoardMeta } from "../../../shared/board.js";
import type { CommandType } from "../../../shared/commands.js";
import type { QueueStatus } from "../../../shared/facilitation.js";
import { refusal } from "../../../shared/permissions.js";
import { rankIdeas, type Ranked } from "../../../shared/results.js";
import { mayCastOn, votesRemaining } from "../../../shared/votes.js";
import { BoardGroups } from "../../lib/BoardGroups.svelte.js";
import type { Connection } from "../../lib/Connection.svelte.js";
import type { OutboxEntry } from "../../lib/Outbox.svelte.js";

/**
 * Where one of the ideas an attendee sees stands: on the board, or (their
 * own only) on its way or held back by the facilitator. "waiting": not sent
 * yet, the connection is down; "sending": sent, not on the board yet.
 */
export type IdeaStatus = "board" | "waiting" | "sending" | QueueStatus;

/** One idea as this attendee sees it. */
export interface AttendeeIdea {
  /** the idea id, or the command id of a post the server has not answered */
  key: string;
  /** null until the server has given the idea an id */
  ideaId: string | null;
  promptId: string;
  /** the text, or the attendee's edit of it that is on its way */
  text: string;
  authorName: string | null;
  /** the attendee wrote it; nobody else ever learns that */
  own: boolean;
  status: IdeaStatus;
  /** the attendee's edit or withdrawal of it, still on its way */
  change: "edit" | "withdraw" | null;
  /** the title of the cluster it is in, if any */
  cluster: string | null;
}

/** What the attendee's view is made from: the live connection, or a stand-in in tests. */
export type AttendeeSources = Pick<Connection, "board" | "self" | "outbox" | "status" | "doc">;

/** A command the server refused, to show with its reason until dismissed. */
export type RefusedCommand = OutboxEntry & { rejection: NonNullable<OutboxEntry["rejection"]> };

/**
 * The board as one attendee sees it: everyone's ideas, their own marked and
 * joined by those the facilitator holds back and those still on their way
 * (from the outbox), their dots counting the ones still on their way, and
 * what the phase and their budget let them do now. Rules come from shared/;
 * this only puts the attendee's sources together.
 */
export class AttendeeBoard {
  readonly #connection: AttendeeSources;
  /** clusters and tallies, beside the board's meta and ideas */
  readonly groups: BoardGroups;

  constructor(connection: AttendeeSources) {
    this.#connection = connection;
    this.groups = new BoardGroups(connection.doc("board"));
  }

  get meta(): BoardMeta | null {
    return this.#connection.board.meta;
  }

  readonly #waiting = $derived.by(() =>
    this.#connection.outbox.entries.filter((e) => !e.rejection),
  );

  /** ids of the ideas this attendee wrote, including ones accepted a moment ago */
  readonly #own: readonly string[] = $derived.by(() => {
    const ids = [
      ...(this.#connection.self?.ideaIds ?? []),
      ...this.#connection.outbox.delivered.flatMap((d) =>
        d.type === "idea.post" ? [d.value.ideaId] : [],
      ),
    ];
    return ids.filter((id, i) => ids.indexOf(id) === i);
  });

  /** everything this attendee sees, newest first: their ideas on the way, then by time of posting */
  readonly ideas: AttendeeIdea[] = $derived.by(() => {
    const board = this.#connection.board.ideas;
    const self = this.#connection.self;
    const queued = self?.queued ?? [];
    const online = this.#connection.status.state === "online";
    const clusterTitle = Object.fromEntries(this.groups.clusters.map((c) => [c.id, c.title]));
    // The attendee's latest edit of each idea, and their withdrawals, still on their way.
    const edits: Record<string, string> = Object.fromEntries(
      this.#waiting.flatMap((e) =>
        e.type === "idea.edit" ? [[e.payload.ideaId, e.payload.text]] : [],
      ),
    );
    const withdrawn = this.#waiting.flatMap((e) =>
      e.type === "idea.withdraw" ? [e.payload.ideaId] : [],
    );
    // A withdrawal the server accepted hides the idea even before the board drops it.
    const gone = this.#connection.outbox.delivered.flatMap((d) =>
      d.type === "idea.withdraw" ? [d.value.ideaId] : [],
    );
    const shown = (id: string) =>
      board.some((i) => i.id === id) || queued.some((q) => q.idea.id === id);

    const item = (idea: BoardIdea, status: IdeaStatus): AttendeeIdea => ({
      key: idea.id,
      ideaId: idea.id,
      promptId: idea.promptId,
      text: edits[idea.id] ?? idea.text,
      authorName: idea.authorName,
      own: this.#own.includes(idea.id),
      status,
      change: withdrawn.includes(idea.id) ? "withdraw" : idea.id in edits ? "edit" : null,
      cluster: idea.clusterId ? (clusterTitle[idea.clusterId] ?? null) : null,
    });
    const placed = [
      ...board.map((idea) => ({ idea, status: "board" as const })),
      ...queued.map(({ idea, status }) => ({ idea, status })),
    ]
      .filter(({ idea }) => !gone.includes(idea.id))
      .sort((a, b) => b.idea.createdAt - a.idea.createdAt || (a.idea.id < b.idea.id ? 1 : -1))
      .map(({ idea, status }) => item(idea, status));

    const onTheirWay: AttendeeIdea[] = [
      ...this.#waiting.flatMap((entry) =>
        entry.type === "idea.post"
          ? [{ key: entry.id, ideaId: null, ...entry.payload, sent: false }]
          : [],
      ),
      // Accepted, but the board (a separate channel) has not shown it yet.
      ...this.#connection.outbox.delivered.flatMap((d) =>
        d.type === "idea.post" &&
        !shown(d.value.ideaId) &&
        (self?.ideaIds.includes(d.value.ideaId) ?? true)
          ? [{ key: d.id, ideaId: d.value.ideaId, ...d.payload, sent: true }]
          : [],
      ),
    ]
      .reverse()
      .map(({ key, ideaId, promptId, text, sent }) => ({
        key,
        ideaId,
        promptId,
        text,
        authorName: null,
        own: true,
        status: sent || online ? "sending" : "waiting",
        change: null,
        cluster: null,
      }));
    return [...onTheirWay, ...placed];
  });

  /** commands the server refused, oldest first, until the attendee dismisses them */
  get refused(): RefusedCommand[] {
    return this.#connection.outbox.entries.filter((e): e is RefusedCommand => !!e.rejection);
  }

  /** how many ideas count against the workshop's cap, including those on their way */
  readonly postedCount: number = $derived(
    this.#own.length + this.#waiting.filter((e) => e.type === "idea.post").length,
  );

  /** this attendee's dots per idea, counting the ones on their way */
  readonly votes: Record<string, number> = $derived.by(() => {
    const votes = { ...(this.#connection.self?.votes ?? {}) };
    for (const entry of this.#waiting) {
      if (entry.type === "vote.cast") {
        votes[entry.payload.ideaId] = (votes[entry.payload.ideaId] ?? 0) + 1;
      } else if (entry.type === "vote.retract") {
        votes[entry.payload.ideaId] = Math.max(0, (votes[entry.payload.ideaId] ?? 0) - 1);
      }
    }
    return votes;
  });

  /** dots this attendee may still place */
  readonly votesLeft: number = $derived(
    this.meta ? votesRemaining(this.meta.settings, this.votes) : 0,
  );

  /** the ideas ranked by their votes once the board shows them, else null (votes are secret) */
  readonly results: Ranked<BoardIdea>[] | null = $derived.by(() => {
    const meta = this.meta;
    if (!meta || !talliesArePublic(meta)) return null;
    return rankIdeas(this.#connection.board.ideas, this.groups.tallies);
  });

  /** what the projector shows large now, in words, or null */
  readonly spotlight: { key: string; text: string } | null = $derived.by(() => {
    const target = this.meta?.spotlight;
    if (!target) return null;
    const text =
      target.kind === "idea"
        ? this.#connection.board.ideas.find((i) => i.id === target.id)?.text
        : this.groups.clusters.find((c) => c.id === target.id)?.title;
    return text ? { key: `${target.kind}:${target.id}`, text } : null;
  });

  /** Whether the phase (and settings) let attendees send this command now. */
  allows(type: CommandType): boolean {
    const meta = this.meta;
    return meta !== null && refusal(type, "attendee", meta.phase, meta.settings) === null;
  }

  /** the attendee has posted as many ideas as the workshop allows */
  get capReached(): boolean {
    return this.meta !== null && this.postedCount >= this.meta.settings.ideasPerAttendee;
  }

  /** Whether to offer editing or withdrawing one of the attendee's own ideas. */
  mayChange(idea: AttendeeIdea, type: "idea.edit" | "idea.withdraw"): boolean {
    // A facilitator's decision to take an idea off the board is not the author's to undo.
    return (
      idea.own &&
      idea.ideaId !== null &&
      idea.status !== "hidden" &&
      idea.change !== "withdraw" &&
      this.allows(type)
    );
  }

  /** Whether to offer one more dot on an idea: budget left, under the per-idea cap. [V1][V2] */
  mayAddVote(idea: AttendeeIdea): boolean {
    const meta = this.meta;
    return (
      meta !== null &&
      idea.status === "board" &&
      this.allows("vote.cast") &&
      mayCastOn(meta.settings, this.votes, idea.key)
    );
  }

  /** Whether to offer taking a dot back off an idea. */
  mayRemoveVote(idea: AttendeeIdea): boolean {
    return this.allows("vote.retract") && (this.votes[idea.key] ?? 0) > 0;
  }
}
