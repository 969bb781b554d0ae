import { afterEach, describe, expect, it } from "vitest";
import { docNames, readIdeas } from "../../shared/board.js";
import {
  connectSocket,
  eventually,
  join,
  openBoard,
  removeDataDir,
  seedWorkshop,
  startServer,
  type TestServer,
} from "../helpers/server.js";

describe("document lifecycle", () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
    removeDataDir(server.dataDir);
  });

  it("[L1] unloads an idle document, compacting its log, and reloads it whole on the next connection", async () => {
    server = await startServer({ tuning: { idleUnloadMs: 50, sweepMs: 20 } });
    const workshop = await seedWorkshop(server, { phase: "brainstorm" });
    const name = docNames.board(workshop.workshopId);
    const { token } = await join(server, workshop.code, "Ann");
    const socket = await connectSocket(server.url, token);
    const viewer = await openBoard(server.url, workshop.workshopId, token);
    for (let i = 0; i < 5; i++) {
      await socket.send("idea.post", { promptId: workshop.promptIds[0], text: `idea ${i}` });
    }
    expect(server.store.updateCount(name)).toBeGreaterThan(5);
    const before = readIdeas(server.app.engine.board(workshop.workshopId));
    expect(server.app.docs.peek(name)).toBeDefined(); // a peer keeps it loaded
    viewer.destroy();
    socket.close();

    await eventually(() => server.app.docs.peek(name) === undefined, { what: "the unload" });
    expect(server.store.updateCount(name)).toBe(1);
    const again = await openBoard(server.url, workshop.workshopId, token);
    expect(readIdeas(again.doc)).toEqual(before);
    again.destroy();
  });

  it("[L2] compacts a busy document's log while it stays loaded", async () => {
    server = await startServer({ tuning: { compactAfter: 8, sweepMs: 20 } });
    const workshop = await seedWorkshop(server, { phase: "brainstorm" });
    const name = docNames.board(workshop.workshopId);
    const { token } = await join(server, workshop.code, "Ann");
    const socket = await connectSocket(server.url, token);
    const viewer = await openBoard(server.url, workshop.workshopId, token);
    for (let i = 0; i < 12; i++) {
      await socket.send("idea.post", { promptId: workshop.promptIds[0], text: `idea ${i}` });
    }
    await eventually(() => server.store.updateCount(name) < 8, { what: "compaction" });
    await eventually(() => readIdeas(viewer.doc).length === 12, { what: "the viewer" });
    viewer.destroy();
    socket.close();
  });
});
