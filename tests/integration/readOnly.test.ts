import WebSocket from "ws";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docNames, ideasMap, readIdeas } from "../../shared/board.js";
import { PROTOCOL_VERSION, YJS_PATH } from "../../shared/protocol.js";
import {
  connectSocket,
  eventually,
  join,
  openBoard,
  removeDataDir,
  seedWorkshop,
  startServer,
  type SeededWorkshop,
  type TestServer,
} from "../helpers/server.js";
import { fingerprint } from "../helpers/state.js";

/** [D1] The server is the only writer of the board: read-only peers' updates are dropped. */
describe("read-only document connections", () => {
  let server: TestServer;
  let workshop: SeededWorkshop;

  beforeAll(async () => {
    server = await startServer();
    workshop = await seedWorkshop(server, { phase: "brainstorm" });
  });
  afterAll(async () => {
    await server.stop();
    removeDataDir(server.dataDir);
  });

  it.each(["attendee", "projector", "facilitator"] as const)(
    "[D1] an update sent by a %s's provider changes nothing on the server, in the store or at other clients",
    async (role) => {
      const attendee = await join(server, workshop.code, "Mallory");
      const token =
        role === "attendee"
          ? attendee.token
          : role === "projector"
            ? workshop.projectorToken
            : workshop.facilitatorToken;
      const writer = await openBoard(server.url, workshop.workshopId, token);
      const observer = await openBoard(server.url, workshop.workshopId, workshop.projectorToken);
      const before = fingerprint(server, workshop.workshopId);

      // The forged change goes out through the real provider.
      ideasMap(writer.doc).set("forged-idea", {
        id: "forged-idea",
        promptId: workshop.promptIds[0],
        text: "I was never posted",
        authorName: "Someone else",
        createdAt: 0,
        clusterId: null,
        merged: 0,
      });
      // A raw update and a sync step 2 on a bare socket too.
      const forged = new Y.Doc();
      ideasMap(forged).set("raw-idea", {
        id: "raw-idea",
        promptId: workshop.promptIds[0],
        text: "raw",
        authorName: null,
        createdAt: 0,
        clusterId: null,
        merged: 0,
      });
      const ws = new WebSocket(
        `${server.url.replace("http", "ws")}${YJS_PATH}/${encodeURIComponent(docNames.board(workshop.workshopId))}?token=${token}&v=${PROTOCOL_VERSION}`,
      );
      await new Promise((resolve) => ws.once("open", resolve));
      for (const syncType of [syncProtocol.messageYjsUpdate, syncProtocol.messageYjsSyncStep2]) {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, 0);
        encoding.writeVarUint(encoder, syncType);
        encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(forged));
        ws.send(encoding.toUint8Array(encoder));
      }

      // A real post after the forgeries: once it arrives, anything relayed
      // before it would have arrived too (one connection, in order).
      const poster = await connectSocket(server.url, attendee.token);
      const posted = await poster.send("idea.post", {
        promptId: workshop.promptIds[0],
        text: "real",
      });
      expect(posted.ok).toBe(true);
      await eventually(() => readIdeas(observer.doc).some((i) => i.text === "real"), {
        what: "the real idea",
      });
      expect(ws.readyState).toBe(WebSocket.OPEN); // dropped quietly, not an error
      const serverIdeas = ideasMap(server.app.engine.board(workshop.workshopId));
      expect(serverIdeas.has("forged-idea")).toBe(false);
      expect(serverIdeas.has("raw-idea")).toBe(false);
      expect(ideasMap(observer.doc).has("forged-idea")).toBe(false);
      expect(ideasMap(observer.doc).has("raw-idea")).toBe(false);
      // Exactly one more row of each: the real post, nothing from the forgeries.
      expect(fingerprint(server)).not.toBe(before.split("|")[0]);
      const countOf = (fp: string, table: string) =>
        Number(new RegExp(`${table}=(\\d+)`).exec(fp)?.[1]);
      expect(countOf(fingerprint(server), "doc_updates")).toBe(countOf(before, "doc_updates") + 1);

      ws.close();
      poster.close();
      writer.destroy();
      observer.destroy();
    },
  );
});
