import { afterEach, describe, expect, it } from "vitest";
import { readMeta } from "../../shared/board.js";
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

describe("attendees online", () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
    removeDataDir(server.dataDir);
  });

  it("[O1] the board counts each connected attendee once, however many tabs, and not other roles", async () => {
    server = await startServer({ tuning: { presenceMs: 20 } });
    const workshop = await seedWorkshop(server);
    const projector = await openBoard(server.url, workshop.workshopId, workshop.projectorToken);
    const online = () => readMeta(projector.doc)?.online;
    expect(online()).toBe(0);
    const ann = (await join(server, workshop.code, "Ann")).token;
    const bob = (await join(server, workshop.code, "Bob")).token;
    const tabs = [
      await connectSocket(server.url, ann),
      await connectSocket(server.url, ann),
      await connectSocket(server.url, bob),
      await connectSocket(server.url, workshop.facilitatorToken),
    ];
    await eventually(() => online() === 2, { what: "two people online" });
    tabs[0].close();
    tabs[2].close();
    await eventually(() => online() === 1, { what: "one person online" });
    tabs[1].close();
    await eventually(() => online() === 0, { what: "nobody online" });
    tabs[3].close();
    projector.destroy();
  });
});
