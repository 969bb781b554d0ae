/**
 * What the harness's main thread asks of its attendee workers. Times are on
 * the shared monotonic clock (clock.ts `now`); attendees have global indices,
 * and attendee i lives in worker i % workers.
 */

/** Which server a scenario talks to: ours, or the baseline relay. */
export type Target = "server" | "relay";

export interface WorkerInit {
  serverUrl: string;
  relayUrl: string;
  worker: number;
}

export interface JoinSpec {
  index: number;
  /** a full client (Y.Doc + y-websocket provider) instead of a light one */
  full: boolean;
  name?: string;
  at: number;
}

export interface JoinArgs {
  code: string;
  workshopId: string;
  specs: JoinSpec[];
  deadline: number;
}

export interface JoinOutcome {
  index: number;
  startAt: number;
  /** how late the worker started it */
  lateMs: number;
  /** both channels up and the board synced */
  syncedAt: number | null;
  error: string | null;
}

export interface PostSpec {
  seq: number;
  index: number;
  at: number;
  text: string;
}

export interface PostArgs {
  target: Target;
  tag: string;
  promptId: string;
  specs: PostSpec[];
  deadline: number;
}

export interface PostOutcome {
  seq: number;
  sentAt: number;
  /** how late the worker sent it: a busy harness shows here */
  lateMs: number;
  ok: boolean;
  ideaId: string | null;
  error: string | null;
}

export interface AwaitPostsArgs {
  target: Target;
  tag: string;
  count: number;
  deadline: number;
}

export interface AwaitPostsOutcome {
  clients: number;
  /** arrival times, seq-major: arrivals[seq * clients + client]; NaN: never arrived */
  arrivals: Float64Array;
}

export interface VoteSpec {
  index: number;
  ideaId: string;
  at: number;
  /** a second tap right after the first (a different command): must be refused */
  double: boolean;
}

export interface VoteArgs {
  target: Target;
  specs: VoteSpec[];
  deadline: number;
}

export interface VoteOutcome {
  index: number;
  ideaId: string;
  sentAt: number;
  /** how late the worker sent it: a busy harness shows here */
  lateMs: number;
  /** when the last tap's ack came back (the relay sends none: the send time) */
  ackAt: number;
  /** "ok" or the error code, one per tap */
  results: string[];
}

export interface AwaitFinalArgs {
  target: Target;
  /** the watched map: "tallies" on our server, "votes" on the relay */
  parent: string;
  /** the exact content to wait for; or */
  expected: Record<string, unknown> | null;
  /** only a number of keys */
  expectedCount: number | null;
  deadline: number;
}

export interface AwaitFinalOutcome {
  /** per client: when its map last changed, once it holds the final content; null: never did */
  finalAt: (number | null)[];
}

export interface ConvergeArgs {
  /** the document's clocks after the change made during the outage */
  clocks: [number, number][];
  since: number;
  deadline: number;
}

export interface ConvergeOutcome {
  convergedAt: (number | null)[];
}

export interface HammerJoinArgs {
  code: string;
  count: number;
  firstIndex: number;
  deadline: number;
}

export interface HammerArgs {
  promptId: string;
  perAttendee: number;
  startAt: number;
  deadline: number;
  seed: number;
}

export interface HammerOutcome {
  ok: number;
  refused: Record<string, number>;
  firstSentAt: number;
  lastAckAt: number;
  ackMs: Float64Array;
}

export interface WorkerLoad {
  /** event-loop utilisation since the previous call, 0-1 */
  elu: number;
  /** Yjs frames (and their bytes) the worker's light clients received since the previous call */
  messages: number;
  bytes: number;
}

export interface FullSnapshot {
  index: number;
  ideas: number;
  tallies: Record<string, unknown>;
  meta: Record<string, unknown>;
}

/** The worker's operations; each resolves with its outcome. */
export interface WorkerApi {
  init(args: WorkerInit): Promise<void>;
  join(args: JoinArgs): Promise<JoinOutcome[]>;
  post(args: PostArgs): Promise<PostOutcome[]>;
  awaitPosts(args: AwaitPostsArgs): Promise<AwaitPostsOutcome>;
  vote(args: VoteArgs): Promise<VoteOutcome[]>;
  awaitFinal(args: AwaitFinalArgs): Promise<AwaitFinalOutcome>;
  connectRelay(args: { room: string; deadline: number }): Promise<number>;
  closeRelay(args: Record<string, never>): Promise<void>;
  drop(args: Record<string, never>): Promise<number>;
  awaitConverged(args: ConvergeArgs): Promise<ConvergeOutcome>;
  hammerJoin(args: HammerJoinArgs): Promise<number>;
  hammer(args: HammerArgs): Promise<HammerOutcome>;
  hammerClose(args: Record<string, never>): Promise<void>;
  fullSnapshots(args: Record<string, never>): Promise<FullSnapshot[]>;
  load(args: Record<string, never>): Promise<WorkerLoad>;
  close(args: Record<string, never>): Promise<void>;
}

export type Op = keyof WorkerApi;
export type ArgsOf<K extends Op> = Parameters<WorkerApi[K]>[0];
export type OutcomeOf<K extends Op> = Awaited<ReturnType<WorkerApi[K]>>;

export interface Request {
  id: number;
  op: Op;
  args: unknown;
}

export type Response =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
