import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENTS } from "../../shared/protocol.js";
import {
  commandId,
  connectSocket,
  join,
  removeDataDir,
  seedWorkshop,
  startServer,
  type SeededWorkshop,
  type TestServer,
} from "../helpers/server.js";
import { column } from "../helpers/state.js";

/** Clients that try too much, or too oddly. */
describe("hostile clients", () => {
  let server: TestServer;
  let workshop: SeededWorkshop;

  beforeAll(async () => {
    server = await startServer({ tuning: { rateLimit: { burst: 10, perSecond: 1 } } });
    workshop = await seedWorkshop(server, {
      phase: "brainstorm",
      settings: { ideasPerAttendee: 200 },
    });
  });
  afterAll(async () => {
    await server.stop();
    removeDataDir(server.dataDir);
  });

  it("[H3] a flood from one participant is cut at the rate limit; another on the same IP is not", async () => {
    const flooder = await connectSocket(
      server.url,
      (await join(server, workshop.code, "Flo")).token,
    );
    const neighbour = await connectSocket(
      server.url,
      (await join(server, workshop.code, "Ned")).token,
    );
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        flooder.send("idea.post", { promptId: workshop.promptIds[0], text: `flood ${i}` }),
      ),
    );
    const limited = results.filter((r) => !r.ok && r.error.code === "rate_limited").length;
    expect(results.filter((r) => r.ok).length).toBeLessThanOrEqual(11);
    expect(limited).toBeGreaterThanOrEqual(29);
    // Both came from 127.0.0.1: the limit is the person's, not the room's.
    expect(
      await neighbour.send("idea.post", { promptId: workshop.promptIds[0], text: "still heard" }),
    ).toMatchObject({ ok: true });
    expect(column(server, "SELECT count(*) FROM idea_authors")).toEqual([
      results.filter((r) => r.ok).length + 1,
    ]);
    flooder.close();
    neighbour.close();
  });

  it("[H4] a deeply nested payload is refused or dropped, and the server stays up", async () => {
    const socket = await connectSocket(
      server.url,
      (await join(server, workshop.code, "Deb")).token,
    );
    let nested: unknown = "x";
    for (let i = 0; i < 3000; i++) nested = [nested];
    const answer = socket.socket
      .timeout(3000)
      .emitWithAck(EVENTS.command, { id: commandId(), type: "idea.post", payload: nested })
      .catch(() => "dropped");
    const result = await answer;
    if (result !== "dropped")
      expect(result).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    socket.close();
  });
});
