import type { Server as HttpServer } from "node:http";
import type { Logger } from "pino";
import { Server } from "socket.io";
import {
  ERROR_CODES,
  EVENTS,
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type CommandReply,
  type ErrorCode,
  type HandshakeAuth,
  type Result,
  type SelfState,
  type ServerToClientEvents,
} from "../../shared/protocol.js";
import type { Engine } from "../engine/Engine.js";
import type { Principal } from "../engine/Principal.js";

interface SocketData {
  token: string | undefined;
}

/**
 * Socket.io carries commands in, each answered by an ack with its Result.
 * The token from the handshake is checked again for every command, so a
 * revoked link stops working at once. Attendees also hear their own facts
 * (which ideas are theirs) on a room of their own.
 */
export function createSocketServer(
  httpServer: HttpServer,
  engine: Engine,
  log: Logger,
  maxPayloadBytes: number,
): Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData> {
  const io = new Server<
    ClientToServerEvents,
    ServerToClientEvents,
    Record<string, never>,
    SocketData
  >(httpServer, {
    // Without this Socket.io destroys every upgrade it does not own after
    // 1 s, which kills the Yjs endpoint's connections.
    destroyUpgrade: false,
    maxHttpBufferSize: maxPayloadBytes,
    serveClient: false,
  });

  io.use((socket, next) => {
    const auth = socket.handshake.auth as Partial<HandshakeAuth>;
    if (auth.protocolVersion !== PROTOCOL_VERSION) return next(refused("protocol_mismatch"));
    const principal = engine.authenticate(auth.token);
    if (typeof principal === "string") return next(refused(principal));
    socket.data.token = auth.token;
    next();
  });

  // Every device of a participant hears their own state when it changes:
  // the one whose command changed it in the command's reply, the others
  // (and all of them, for a change someone else made) in a `self` event
  // once the commit's replies are out. Replies go out in the microtasks
  // after the commit; the events on the next turn.
  const changed = new Map<string, { state: SelfState; replied: Set<string> }>();
  engine.onSelfChanged((participantId) => {
    const state = engine.selfState(participantId);
    if (!state) return;
    if (changed.size === 0) setImmediate(sendSelfEvents);
    changed.set(participantId, { state, replied: new Set() });
  });
  const sendSelfEvents = () => {
    for (const [participantId, { state, replied }] of changed) {
      io.to(participantRoom(participantId))
        .except([...replied])
        .emit(EVENTS.self, state);
    }
    changed.clear();
  };
  const reply = (socketId: string, principal: Principal, result: Result): CommandReply => {
    const own = principal.participantId ? changed.get(principal.participantId) : undefined;
    if (!own) return result;
    own.replied.add(socketId);
    return { ...result, self: own.state };
  };

  const presence = new Presence(engine);

  // An attendee's principal, checked once per connection: attendee tokens are
  // only ever revoked by deleting their workshop (or summit), which fires
  // onRevoked below, and that forgets every remembered principal before it
  // checks the sockets. Other roles (setup links are used up without an
  // event) are checked again on every command.
  let remembered = new WeakMap<object, Principal>();

  // Sockets opened with links that were just rotated or deleted are sent away.
  engine.onRevoked(() => {
    remembered = new WeakMap();
    for (const socket of io.sockets.sockets.values()) {
      if (typeof engine.authenticate(socket.data.token) === "string") socket.disconnect(true);
    }
  });

  io.on("connection", (socket) => {
    const principalNow = (): Principal | ErrorCode => {
      const known = remembered.get(socket);
      if (known) return known;
      const principal = engine.authenticate(socket.data.token);
      if (typeof principal !== "string" && principal.role === "attendee") {
        remembered.set(socket, principal);
      }
      return principal;
    };
    const first = principalNow();
    if (typeof first !== "string" && first.participantId && first.workshopId) {
      const { workshopId, participantId } = first;
      presence.join(workshopId, participantId);
      socket.on("disconnect", () => presence.leave(workshopId, participantId));
    }
    const self =
      typeof first !== "string" && first.participantId
        ? engine.selfState(first.participantId)
        : null;
    if (self) {
      void socket.join(participantRoom(self.participantId));
      socket.emit(EVENTS.self, self);
    }

    socket.on(EVENTS.command, (envelope, ack) => {
      if (typeof ack !== "function") return; // a command nobody waits for is a broken client
      const principal = principalNow();
      if (typeof principal === "string") {
        ack({ ok: false, error: { code: principal, message: ERROR_CODES[principal] } });
        return;
      }
      engine.submit(principal, envelope).then(
        (result) => ack(reply(socket.id, principal, result)),
        (error: unknown) => log.error({ err: error }, "command pipeline failed"),
      );
    });
  });

  return io;
}

/** Attendees online per workshop: a person with three tabs open counts once. */
class Presence {
  readonly #engine: Engine;
  readonly #sockets = new Map<string, Map<string, number>>();

  constructor(engine: Engine) {
    this.#engine = engine;
  }

  join(workshopId: string, participantId: string): void {
    const people = this.#sockets.get(workshopId) ?? new Map<string, number>();
    this.#sockets.set(workshopId, people);
    people.set(participantId, (people.get(participantId) ?? 0) + 1);
    this.#engine.setOnline(workshopId, people.size);
  }

  leave(workshopId: string, participantId: string): void {
    const people = this.#sockets.get(workshopId);
    if (!people) return;
    const left = (people.get(participantId) ?? 1) - 1;
    if (left > 0) people.set(participantId, left);
    else people.delete(participantId);
    if (people.size === 0) this.#sockets.delete(workshopId);
    this.#engine.setOnline(workshopId, people.size);
  }
}

function participantRoom(participantId: string): string {
  return `participant:${participantId}`;
}

function refused(code: ErrorCode): Error & { data: { code: ErrorCode; message: string } } {
  return Object.assign(new Error(code), { data: { code, message: ERROR_CODES[code] } });
}
