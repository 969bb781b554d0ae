import { io, type Socket } from "socket.io-client";
import type { CommandPayload, CommandResults, CommandType } from "../../shared/commands.js";
import type { ClientToServerEvents, Result, ServerToClientEvents } from "../../shared/protocol.js";
import { now } from "./clock.js";
import type { Feed, LightFeed } from "./LightFeed.js";
import { EVENTS, handshake, newCommandId } from "./rest.js";

/** How long a command may wait for its ack before the bench counts it as lost. */
const ACK_TIMEOUT_MS = 30_000;

/**
 * One simulated attendee in a worker: a real socket.io-client for commands
 * (the browser client's reconnect settings: 1 s, jitter 0.5, at most 10 s)
 * and a feed of the board (light or full), plus a light feed to the relay
 * while the baseline runs.
 */
export class Attendee {
  readonly index: number;
  /** position among this worker's attendees */
  readonly local: number;
  token: string | null = null;
  socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  /** when the socket last connected */
  socketAt: number | null = null;
  feed: Feed | null = null;
  relay: LightFeed | null = null;
  readonly #waiters = new Set<() => void>();

  constructor(index: number, local: number) {
    this.index = index;
    this.local = local;
  }

  /** Something about this attendee changed: pending `until`s check again. */
  changed(): void {
    if (this.#waiters.size === 0) return;
    for (const waiter of [...this.#waiters]) waiter();
  }

  /** Resolves true as soon as `condition` holds (checked on every change), false at the deadline. */
  until(condition: () => boolean, deadline: number): Promise<boolean> {
    if (condition()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (held: boolean) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(held);
      };
      const check = () => {
        if (condition()) finish(true);
      };
      const timer = setTimeout(() => finish(condition()), Math.max(0, deadline - now()));
      this.#waiters.add(check);
    });
  }

  /** Opens the command socket as the browser does (but WebSocket only, no long-polling first). */
  openSocket(serverUrl: string): void {
    if (!this.token) throw new Error(`attendee ${this.index} has not joined`);
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(serverUrl, {
      auth: handshake(this.token),
      transports: ["websocket"],
      forceNew: true,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
    });
    socket.on("connect", () => {
      this.socketAt = now();
      this.changed();
    });
    socket.on("disconnect", () => this.changed());
    this.socket = socket;
  }

  get socketUp(): boolean {
    return this.socket?.connected ?? false;
  }

  /** Sends one command and resolves with its Result (a timeout is reported as "unreachable"). */
  async send<T extends CommandType>(
    type: T,
    payload: CommandPayload<T>,
  ): Promise<Result<CommandResults[T]>> {
    if (!this.socket) throw new Error(`attendee ${this.index} has no socket`);
    try {
      return (await this.socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck(EVENTS.command, { id: newCommandId(), type, payload })) as Result<
        CommandResults[T]
      >;
    } catch {
      return { ok: false, error: { code: "unreachable", message: "no ack" } };
    }
  }

  /** Cuts both channels at once; each reconnects on its own schedule. */
  drop(): void {
    // engine.close() is a transport close: the manager reconnects with its backoff and jitter.
    this.socket?.io.engine?.close();
    this.feed?.drop();
  }

  close(): void {
    this.socket?.close();
    this.socket = null;
    this.feed?.close();
    this.feed = null;
    this.relay?.close();
    this.relay = null;
  }
}
