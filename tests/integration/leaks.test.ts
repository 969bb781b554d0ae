import { fileURLToPath } from "node:url";
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readIdeas, readTallies } from "../../shared/board.js";
import { EVENTS } from "../../shared/protocol.js";
import {
  connectSocket,
  eventually,
  join,
  must,
  openBoard,
  post,
  removeDataDir,
  seedWorkshop,
  startServer,
  type CommandSocket,
  type DocClient,
  type SeededWorkshop,
  type TestServer,
} from "../helpers/server.js";

/** The client `npm test` builds first (its pretest runs `npm run build:client`). */
const BUILT_CLIENT = fileURLToPath(new URL("../../dist/client", import.meta.url));

/**
 * [A1] [V3] What another attendee's browser receives, byte by byte, holds no
 * author of an anonymous idea, no other participant's id or token, and no
 * individual vote.
 */
describe("what a second attendee receives", () => {
  let server: TestServer;
  let workshop: SeededWorkshop;
  let ann: Awaited<ReturnType<typeof join>>;
  let bob: Awaited<ReturnType<typeof join>>;
  let carol: Awaited<ReturnType<typeof join>>;
  let carolSocket: CommandSocket;
  let carolBoard: DocClient;
  const packets: string[] = [];

  beforeAll(async () => {
    server = await startServer({ clientDir: BUILT_CLIENT });
    workshop = await seedWorkshop(server, { phase: "brainstorm" });
    ann = await join(server, workshop.code, "Annabel Secretname");
    bob = await join(server, workshop.code, "Bob Voter");
    carol = await join(server, workshop.code, "Carol Watcher");
    carolSocket = await connectSocket(server.url, carol.token);
    carolSocket.socket.io.on("packet", (packet) => packets.push(JSON.stringify(packet)));
    carolBoard = await openBoard(server.url, workshop.workshopId, carol.token);

    const annSocket = await connectSocket(server.url, ann.token);
    const bobSocket = await connectSocket(server.url, bob.token);
    const promptId = workshop.promptIds[0];
    const quiet = must(
      await annSocket.send("idea.post", { promptId, text: "anonymous idea", anonymous: true }),
    );
    must(
      await annSocket.send("idea.edit", { ideaId: quiet.ideaId, text: "anonymous idea, edited" }),
    );
    const open = must(await bobSocket.send("idea.post", { promptId, text: "named idea" }));
    must(await post(server.url, workshop.facilitatorToken, "phase.set", { phase: "vote" }));
    must(await annSocket.send("vote.cast", { ideaId: open.ideaId }));
    must(await bobSocket.send("vote.cast", { ideaId: quiet.ideaId }));
    must(await bobSocket.send("vote.cast", { ideaId: quiet.ideaId }));
    // Carol's own vote makes the server talk to her after everyone else's.
    must(await carolSocket.send("vote.cast", { ideaId: open.ideaId }));
    await eventually(() => carolSocket.selves.some((s) => Object.keys(s.votes).length === 1), {
      what: "Carol's own vote",
    });
    await eventually(() => readIdeas(carolBoard.doc).length === 2, { what: "both ideas at Carol" });
    annSocket.close();
    bobSocket.close();
  });
  afterAll(async () => {
    carolSocket.close();
    carolBoard.destroy();
    await server.stop();
    removeDataDir(server.dataDir);
  });

  const secrets = () => [
    ann.participantId,
    ann.token,
    bob.participantId,
    bob.token,
    "Annabel",
    "Secretname",
    workshop.facilitatorToken,
    workshop.projectorToken,
    workshop.organiserKey,
  ];

  it("[A1] no Yjs frame holds another participant's id, token or an anonymous author's name", () => {
    const bytes = Buffer.concat(carolBoard.received.map((frame) => Buffer.from(frame)));
    expect(bytes.length).toBeGreaterThan(0);
    for (const secret of secrets()) expect(bytes.includes(Buffer.from(secret))).toBe(false);
    expect(bytes.includes(Buffer.from("Bob Voter"))).toBe(true); // the check can see names
  });

  it("[A1] no Socket.io packet holds them either", () => {
    expect(packets.length).toBeGreaterThan(0);
    const all = packets.join("\n");
    for (const secret of secrets()) expect(all).not.toContain(secret);
  });

  it("[V3] no frame carries a tally or anyone else's vote while votes are hidden", () => {
    const replica = new Y.Doc();
    for (const frame of carolBoard.received) {
      const decoder = decoding.createDecoder(frame);
      if (decoding.readVarUint(decoder) !== 0) continue; // awareness heartbeat
      const syncType = decoding.readVarUint(decoder);
      if (syncType === 0) continue; // the server never asks read-only peers for their state
      Y.applyUpdate(replica, decoding.readVarUint8Array(decoder));
    }
    expect(readIdeas(replica)).toHaveLength(2);
    expect(readTallies(replica)).toEqual({});
    expect(replica.share.has("tallies") ? replica.getMap("tallies").size : 0).toBe(0);
    // Carol's own states: in `self` events, and in the replies to her
    // commands (an ack's data is [error, reply] with a timeout).
    type Own = { votes: Record<string, number> };
    const states = packets.flatMap((p) => {
      const data = (JSON.parse(p) as { data?: unknown[] }).data ?? [];
      if (data[0] === EVENTS.self) return [data[1] as Own];
      return data.flatMap((reply) => (reply as { self?: Own } | null)?.self ?? []);
    });
    expect(states.length).toBeGreaterThan(0);
    for (const state of states) {
      expect(Object.values(state.votes).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
    }
  });

  it("[A1] the served page holds nothing of anyone", async () => {
    for (const path of ["/", `/w/${workshop.workshopId}`, `/join/${workshop.code}`]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.headers.get("content-type")).toMatch(/text\/html/);
      const html = await response.text();
      for (const secret of secrets()) expect(html).not.toContain(secret);
    }
  });
});
