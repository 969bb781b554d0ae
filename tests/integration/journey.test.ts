import { afterEach, describe, expect, it } from "vitest";
import { readIdeas, readMeta } from "../../shared/board.js";
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

describe("the walking skeleton's journey", () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
    removeDataDir(server.dataDir);
  });

  it("a workshop is created, an attendee joins by code and posts, every screen sees the idea", async () => {
    server = await startServer();
    const workshop = await seedWorkshop(server, { phase: "brainstorm" });
    expect(workshop.code).toMatch(/^\d{6}$/);

    const alice = await join(server, workshop.code, "Alice");
    const bob = await join(server, workshop.code, "Bob");
    const screens = await Promise.all([
      openBoard(server.url, workshop.workshopId, bob.token),
      openBoard(server.url, workshop.workshopId, workshop.projectorToken),
      openBoard(server.url, workshop.workshopId, workshop.facilitatorToken),
    ]);
    for (const screen of screens) {
      expect(readMeta(screen.doc)).toMatchObject({ code: workshop.code, phase: "brainstorm" });
    }

    const socket = await connectSocket(server.url, alice.token);
    const result = await socket.send("idea.post", {
      promptId: workshop.promptIds[0],
      text: "Youth workers hear things first",
    });
    expect(result.ok).toBe(true);
    const ideaId = result.ok ? result.value.ideaId : "";

    for (const screen of screens) {
      const idea = await eventually(() => readIdeas(screen.doc).find((i) => i.id === ideaId), {
        what: "the idea on every screen",
      });
      expect(idea).toMatchObject({ text: "Youth workers hear things first", authorName: "Alice" });
    }
    // Only Alice's own client is told the idea is hers.
    await eventually(() => socket.selves.some((s) => s.ideaIds.includes(ideaId)), {
      what: "self state naming the idea",
    });
    socket.close();
    screens.forEach((s) => s.destroy());
  });
});
