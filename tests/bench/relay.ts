/**
 * The baseline: a minimal Yjs relay on y-protocols. No auth, no validation,
 * no persistence, no batching: every update a client sends is applied to the
 * room's Y.Doc and relayed at once to every peer (the sender too, as
 * y-websocket's reference server does), encoded once per update.
 *
 *   node --import tsx tests/bench/relay.ts    (prints "RELAY-LISTENING <port>")
 */
import { WebSocketServer, type WebSocket } from "ws";
import * as Y from "yjs";
import { readFrame, syncStep2, updateMessage } from "./yjsWire.js";

interface Room {
  doc: Y.Doc;
  peers: Set<WebSocket>;
}

const rooms = new Map<string, Room>();

function room(name: string): Room {
  let found = rooms.get(name);
  if (found) return found;
  const created: Room = { doc: new Y.Doc(), peers: new Set() };
  created.doc.on("update", (update: Uint8Array) => {
    const message = updateMessage(update);
    for (const peer of created.peers) if (peer.readyState === peer.OPEN) peer.send(message);
  });
  rooms.set(name, created);
  found = created;
  return found;
}

const wss = new WebSocketServer({ host: "127.0.0.1", port: Number(process.env.PORT ?? 0) });
wss.on("connection", (ws, request) => {
  const joined = room(new URL(request.url ?? "/", "http://localhost").pathname);
  joined.peers.add(ws);
  ws.on("message", (data: Buffer) => {
    const frame = readFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (frame.kind === "step1") {
      ws.send(syncStep2(Y.encodeStateAsUpdate(joined.doc, frame.stateVector)));
    } else if (frame.kind === "step2" || frame.kind === "update") {
      Y.applyUpdate(joined.doc, frame.update, ws);
    }
  });
  ws.on("close", () => joined.peers.delete(ws));
  ws.on("error", () => ws.terminate());
});
wss.on("listening", () => {
  const address = wss.address();
  if (address && typeof address === "object") console.log(`RELAY-LISTENING ${address.port}`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    for (const client of wss.clients) client.terminate();
    wss.close(() => process.exit(0));
  });
}
