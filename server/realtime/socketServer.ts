import type { Server as HttpServer } from "node:http";
import type { Logger } from "pino";
import { Server } from "socket.io";
import {
  ERROR_CODES,
  EVENTS,
  PROTOCOL_VERSION,
  type ErrorCode,
  type ClientToServerEvents,
  type HandshakeAuth,
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

  // Every device of a participant hears their own state when it changes.
  engine.onSelfChanged((participantId) => {
    const room = io.to(participantRoom(participantId));
    const state = engine.selfState(participantId);
    if (state) room.emit(EVENTS.self, state);
  });

  io.on("connection", (socket) => {
    const principalNow = (): Principal | ErrorCode => engine.authenticate(socket.data.token);
    const first = principalNow();
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
      engine
        .submit(principal, envelope)
        .then(ack, (error: unknown) => log.error({ err: error }, "command pipeline failed"));
    });
  });

  return io;
}

function participantRoom(participantId: string): string {
  return `participant:${participantId}`;
}

function refused(code: ErrorCode): Error & { data: { code: ErrorCode; message: string } } {
  return Object.assign(new Error(code), { data: { code, message: ERROR_CODES[code] } });
}
