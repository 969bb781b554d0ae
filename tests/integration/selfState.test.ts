import { afterEach, describe, expect, it } from "vitest";
import { EVENTS, type SelfState } from "../../shared/protocol.js";
import {
  connectSocket,
  eventually,
  join,
  removeDataDir,
  seedWorkshop,
  startServer,
  type TestServer,
} from "../helpers/server.js";

describe("an attendee's own state", () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
    removeDataDir(server.dataDir);
  });

  it("comes back in the reply to their own command, and as one event to their other device", async () => {
    server = await startServer();
    const workshop = await seedWorkshop(server, { phase: "brainstorm" });
    const ann = await join(server, workshop.code, "Ann");
    const phone = await connectSocket(server.url, ann.token);
    const laptop = await connectSocket(server.url, ann.token);
    const events = { phone: [] as SelfState[], laptop: [] as SelfState[] };
    phone.socket.on(EVENTS.self, (state: SelfState) => events.phone.push(state));
    laptop.socket.on(EVENTS.self, (state: SelfState) => events.laptop.push(state));

    const reply = await phone.socket.timeout(10_000).emitWithAck(EVENTS.command, {
      id: "posted-from-the-phone",
      type: "idea.post",
      payload: { promptId: workshop.promptIds[0], text: "Quiet rooms for young people" },
    });
    expect(reply.ok).toBe(true);
    const ideaId = (reply as { value: { ideaId: string } }).value.ideaId;
    expect(reply.self?.ideaIds).toEqual([ideaId]);
    await eventually(() => events.laptop.some((s) => s.ideaIds.includes(ideaId)), {
      what: "the laptop hears of the new idea",
    });
    expect(events.laptop.filter((s) => s.ideaIds.includes(ideaId))).toHaveLength(1);
    // Anything sent to the phone before this reply has arrived by now.
    const refused = await phone.send("idea.post", { promptId: "no-such-prompt", text: "x" });
    expect(refused.ok).toBe(false);
    expect(events.phone.filter((s) => s.ideaIds.includes(ideaId))).toEqual([]);
    phone.close();
    laptop.close();
  });
});
