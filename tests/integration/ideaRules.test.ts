import { afterEach, describe, expect, it } from "vitest";
import { readIdeas } from "../../shared/board.js";
import {
  commandId,
  connectSocket,
  join,
  must,
  post,
  removeDataDir,
  seedWorkshop,
  startServer,
  type TestServer,
} from "../helpers/server.js";
import { column, fingerprint } from "../helpers/state.js";

/** The rules of posting an idea, each with its id from shared/permissions.ts and the engine. */
describe("posting ideas", () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
    removeDataDir(server.dataDir);
  });

  it("[P2] refuses a post outside brainstorm with wrong_phase, and in a closed workshop with workshop_closed", async () => {
    server = await startServer();
    const workshop = await seedWorkshop(server);
    const { token } = await join(server, workshop.code, "Ann");
    const socket = await connectSocket(server.url, token);
    const facilitator = await connectSocket(server.url, workshop.facilitatorToken);
    const post = () => socket.send("idea.post", { promptId: workshop.promptIds[0], text: "hi" });
    const before = fingerprint(server, workshop.workshopId);
    expect(await post()).toMatchObject({ ok: false, error: { code: "wrong_phase" } });
    expect(fingerprint(server, workshop.workshopId)).toBe(before);
    expect(await facilitator.send("phase.set", { phase: "brainstorm" })).toMatchObject({
      ok: true,
    });
    expect(await post()).toMatchObject({ ok: true });
    expect(await facilitator.send("phase.set", { phase: "closed" })).toMatchObject({ ok: true });
    expect(await post()).toMatchObject({ ok: false, error: { code: "workshop_closed" } });
    // Nobody joins a closed workshop either.
    const late = await fetch(`${server.url}/api/join/${workshop.code}`);
    expect(late.status).toBe(409);
    socket.close();
    facilitator.close();
  });

  it("[I1] holds the workshop's length cap and ideas-per-attendee cap", async () => {
    server = await startServer();
    const workshop = await seedWorkshop(server, {
      phase: "brainstorm",
      settings: { ideaMaxLength: 40, ideasPerAttendee: 2 },
    });
    const { token } = await join(server, workshop.code, "Ann");
    const socket = await connectSocket(server.url, token);
    const promptId = workshop.promptIds[0];
    expect(await socket.send("idea.post", { promptId, text: "x".repeat(41) })).toMatchObject({
      ok: false,
      error: { code: "invalid_payload", message: expect.stringContaining("40") },
    });
    expect(await socket.send("idea.post", { promptId, text: "one" })).toMatchObject({ ok: true });
    expect(await socket.send("idea.post", { promptId, text: "two" })).toMatchObject({ ok: true });
    expect(await socket.send("idea.post", { promptId, text: "three" })).toMatchObject({
      ok: false,
      error: { code: "limit_reached" },
    });
    expect(await socket.send("idea.post", { promptId: "nosuchprompt", text: "x" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    socket.close();
  });

  it("[I2] applies the same command id once, however often it is sent", async () => {
    server = await startServer();
    const workshop = await seedWorkshop(server, { phase: "brainstorm" });
    const { token } = await join(server, workshop.code, "Ann");
    const tabs = [await connectSocket(server.url, token), await connectSocket(server.url, token)];
    const id = commandId();
    const payload = { promptId: workshop.promptIds[0], text: "once" };
    const results = await Promise.all([
      tabs[0].send("idea.post", payload, id),
      tabs[1].send("idea.post", payload, id),
      tabs[0].send("idea.post", payload, id),
    ]);
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(results[0].ok).toBe(true);
    expect(readIdeas(server.app.engine.board(workshop.workshopId))).toHaveLength(1);
    tabs.forEach((t) => t.close());
  });

  it("[A1] keeps an anonymous author out of the board and marks the idea for its author alone", async () => {
    server = await startServer();
    const workshop = await seedWorkshop(server, { phase: "brainstorm" });
    const ann = await join(server, workshop.code, "Ann Onymous");
    const socket = await connectSocket(server.url, ann.token);
    const other = await connectSocket(server.url, (await join(server, workshop.code, "Bo")).token);
    const posted = await socket.send("idea.post", {
      promptId: workshop.promptIds[0],
      text: "quiet idea",
      anonymous: true,
    });
    if (!posted.ok) throw new Error(posted.error.message);
    const [idea] = readIdeas(server.app.engine.board(workshop.workshopId));
    expect(idea.authorName).toBeNull();
    expect(JSON.stringify(idea)).not.toContain(ann.participantId);
    // The authorship is kept privately, and told to the author's sockets only.
    expect(
      column(server, "SELECT participant_id FROM idea_authors WHERE idea_id = ?", idea.id),
    ).toEqual([ann.participantId]);
    expect(socket.selves.at(-1)?.ideaIds).toContain(idea.id);
    expect(other.selves.every((s) => !s.ideaIds.includes(idea.id))).toBe(true);
    socket.close();
    other.close();
  });

  it("[A2] asks for a name in a named workshop", async () => {
    server = await startServer();
    const named = await seedWorkshop(server, {
      phase: "brainstorm",
      settings: { anonymity: "named" },
    });
    const before = fingerprint(server, named.workshopId);
    expect(
      await post(server.url, undefined, "participant.join", { code: named.code }),
    ).toMatchObject({
      ok: false,
      error: { code: "invalid_payload", message: expect.stringMatching(/name/) },
    });
    expect(fingerprint(server, named.workshopId)).toBe(before);
  });

  it("[A3] keeps no name at all in an anonymous workshop", async () => {
    server = await startServer();
    const workshop = await seedWorkshop(server, {
      phase: "brainstorm",
      settings: { anonymity: "anonymous" },
    });
    const ann = await join(server, workshop.code, "Ann Named");
    const socket = await connectSocket(server.url, ann.token);
    expect(
      await socket.send("idea.post", {
        promptId: workshop.promptIds[0],
        text: "x",
        anonymous: false,
      }),
    ).toMatchObject({ ok: true });
    expect(readIdeas(server.app.engine.board(workshop.workshopId))[0].authorName).toBeNull();
    expect(column(server, "SELECT name FROM participants WHERE id = ?", ann.participantId)).toEqual(
      [null],
    );
    socket.close();
  });

  it("[I3] [I4] edits and withdraws only one's own ideas, only while brainstorming", async () => {
    server = await startServer();
    const workshop = await seedWorkshop(server, {
      phase: "brainstorm",
      settings: { ideasPerAttendee: 1, ideaMaxLength: 30 },
    });
    const ann = await connectSocket(server.url, (await join(server, workshop.code, "Ann")).token);
    const bob = await connectSocket(server.url, (await join(server, workshop.code, "Bob")).token);
    const promptId = workshop.promptIds[0];
    const board = () => readIdeas(server.app.engine.board(workshop.workshopId));
    const { ideaId } = must(await ann.send("idea.post", { promptId, text: "fund youth clubs" }));

    const before = fingerprint(server, workshop.workshopId);
    for (const attempt of [
      bob.send("idea.edit", { ideaId, text: "hijacked" }),
      bob.send("idea.withdraw", { ideaId }),
    ]) {
      expect(await attempt).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    expect(await ann.send("idea.edit", { ideaId, text: "x".repeat(31) })).toMatchObject({
      ok: false,
      error: { code: "invalid_payload" },
    });
    expect(fingerprint(server, workshop.workshopId)).toBe(before);

    must(await ann.send("idea.edit", { ideaId, text: "fund youth clubs for 5 years" }));
    expect(board()[0]).toMatchObject({
      id: ideaId,
      text: "fund youth clubs for 5 years",
      authorName: "Ann",
    });

    must(await post(server.url, workshop.facilitatorToken, "phase.set", { phase: "cluster" }));
    expect(await ann.send("idea.withdraw", { ideaId })).toMatchObject({
      ok: false,
      error: { code: "wrong_phase" },
    });
    must(await post(server.url, workshop.facilitatorToken, "phase.set", { phase: "brainstorm" }));
    must(await ann.send("idea.withdraw", { ideaId }));
    expect(board()).toEqual([]);
    expect(await ann.send("idea.edit", { ideaId, text: "back?" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    // A withdrawn idea no longer counts against the cap of one.
    expect(await ann.send("idea.post", { promptId, text: "a better idea" })).toMatchObject({
      ok: true,
    });
    ann.close();
    bob.close();
  });
});
