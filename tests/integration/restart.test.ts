import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readIdeas } from "../../shared/board.js";
import {
  commandId,
  connectSocket,
  eventually,
  join,
  openBoard,
  removeDataDir,
  seedWorkshop,
  startServer,
  type TestServer,
} from "../helpers/server.js";

/** [R1] Everything acked survives a restart on the same DATA_DIR, and clients converge. */
describe("restart on the same data directory", () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const server of servers) await server.stop();
    removeDataDir(servers[0].dataDir);
    servers.length = 0;
  });

  it("[R1] keeps every acked idea, replays acked command ids, and lets connected clients converge", async () => {
    const first = await startServer();
    servers.push(first);
    const port = Number(new URL(first.url).port);
    const workshop = await seedWorkshop(first, { phase: "brainstorm" });
    const { token } = await join(first, workshop.code, "Rita");
    const watcher = await openBoard(first.url, workshop.workshopId, workshop.projectorToken);
    const socket = await connectSocket(first.url, token);
    const sent: { id: string; ideaId: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const id = commandId();
      const result = await socket.send(
        "idea.post",
        { promptId: workshop.promptIds[0], text: `idea ${i}` },
        id,
      );
      if (!result.ok) throw new Error(result.error.message);
      sent.push({ id, ideaId: result.value.ideaId });
    }
    socket.close();
    await first.stop();

    const second = await startServer({ dataDir: first.dataDir, port });
    servers.push(second);
    expect(second.app.setupToken).toBeNull(); // the summit exists: no new setup link
    const board = second.app.engine.board(workshop.workshopId);
    expect(readIdeas(board).map((i) => i.id)).toEqual(sent.map((s) => s.ideaId));

    // A client resending an acked command (its ack was lost) gets the same answer, once.
    const again = await connectSocket(second.url, token);
    const replay = await again.send(
      "idea.post",
      { promptId: workshop.promptIds[0], text: "idea 0" },
      sent[0].id,
    );
    expect(replay).toEqual({ ok: true, value: { ideaId: sent[0].ideaId, status: "published" } });
    expect(readIdeas(board)).toHaveLength(10);
    const late = await again.send("idea.post", { promptId: workshop.promptIds[0], text: "after" });
    expect(late.ok).toBe(true);

    // The watcher's provider reconnects by itself and ends equal to the server.
    await eventually(
      () =>
        readIdeas(watcher.doc).length === 11 &&
        Buffer.from(Y.encodeStateVector(watcher.doc)).equals(
          Buffer.from(Y.encodeStateVector(board)),
        ),
      { what: "the watcher to converge", timeoutMs: 15_000 },
    );
    expect(readIdeas(watcher.doc)).toEqual(readIdeas(board));
    again.close();
    watcher.destroy();
  });
});
