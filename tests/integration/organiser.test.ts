import { afterEach, describe, expect, it } from "vitest";
import { docNames, readIdeas } from "../../shared/board.js";
import { YJS_CLOSE } from "../../shared/protocol.js";
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
  type TestServer,
} from "../helpers/server.js";
import { column, fingerprint } from "../helpers/state.js";

describe("the organiser's summit", () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
    removeDataDir(server.dataDir);
  });

  const closeCodeOf = (client: Awaited<ReturnType<typeof openBoard>>) =>
    new Promise<number>((resolve) =>
      client.provider.on("connection-close", (event) => resolve(event?.code ?? 0)),
    );

  it("[G4] rotating links stops the old ones at once, open connections included", async () => {
    server = await startServer();
    const workshop = await seedWorkshop(server);
    const projector = await openBoard(server.url, workshop.workshopId, workshop.projectorToken);
    const closed = closeCodeOf(projector);
    const fresh = must(
      await post(server.url, workshop.organiserKey, "workshop.rotate-links", {
        workshopId: workshop.workshopId,
      }),
    );
    expect(await closed).toBe(YJS_CLOSE.unauthenticated);
    expect(
      await post(server.url, workshop.facilitatorToken, "phase.set", { phase: "vote" }),
    ).toMatchObject({
      ok: false,
      error: { code: "unauthenticated" },
    });
    must(await post(server.url, fresh.facilitatorToken, "phase.set", { phase: "vote" }));
    const again = await openBoard(server.url, workshop.workshopId, fresh.projectorToken);
    again.destroy();
    projector.destroy();
  });

  it("[G5] deleting a workshop removes all its data and sends everyone away", async () => {
    server = await startServer();
    const workshop = await seedWorkshop(server, { phase: "brainstorm" });
    const ann = await join(server, workshop.code, "Ann");
    const socket = await connectSocket(server.url, ann.token);
    must(await socket.send("idea.post", { promptId: workshop.promptIds[0], text: "gone soon" }));
    const board = await openBoard(server.url, workshop.workshopId, ann.token);
    const closed = closeCodeOf(board);
    must(
      await post(server.url, workshop.organiserKey, "workshop.delete", {
        workshopId: workshop.workshopId,
      }),
    );
    expect(await closed).toBe(YJS_CLOSE.not_found);
    for (const table of ["workshops", "participants", "idea_authors", "audit_log"]) {
      expect(column(server, `SELECT count(*) FROM ${table}`), table).toEqual([0]);
    }
    // The organiser's own record of creating and deleting it holds nothing of its content.
    const processed = "SELECT count(*) FROM processed_commands WHERE principal_id = ?";
    expect(column(server, processed, ann.participantId)).toEqual([0]);
    expect(JSON.stringify(column(server, "SELECT result FROM processed_commands"))).not.toContain(
      "ideaId",
    );
    expect(column(server, "SELECT count(*) FROM tokens WHERE workshop_id IS NOT NULL")).toEqual([
      0,
    ]);
    expect(column(server, "SELECT count(*) FROM doc_updates")).toEqual([0]);
    expect((await fetch(`${server.url}/api/join/${workshop.code}`)).status).toBe(404);
    await eventually(() => !socket.socket.connected, {
      what: "the attendee's socket to be sent away",
    });
    board.destroy();
  });

  it("[G2] an archived summit is read-only until reopened", async () => {
    server = await startServer();
    const workshop = await seedWorkshop(server, { phase: "brainstorm" });
    const ann = await connectSocket(server.url, (await join(server, workshop.code, "Ann")).token);
    must(await post(server.url, workshop.organiserKey, "summit.archive", { archived: true }));
    const before = fingerprint(server, workshop.workshopId);
    for (const result of [
      await ann.send("idea.post", { promptId: workshop.promptIds[0], text: "late" }),
      await post(server.url, workshop.facilitatorToken, "phase.set", { phase: "vote" }),
      await post(server.url, workshop.organiserKey, "workshop.create", {
        title: "More",
        prompts: ["?"],
      }),
      await post(server.url, undefined, "participant.join", { code: workshop.code }),
    ]) {
      expect(result).toMatchObject({ ok: false, error: { code: "archived" } });
    }
    expect(fingerprint(server, workshop.workshopId)).toBe(before);
    must(await post(server.url, workshop.organiserKey, "summit.archive", { archived: false }));
    must(await ann.send("idea.post", { promptId: workshop.promptIds[0], text: "reopened" }));
    expect(readIdeas(server.app.engine.board(workshop.workshopId))).toHaveLength(1);
    ann.close();
  });

  it("[G3] [P4] deleting a summit takes its key with it; another summit's key reaches nothing of it", async () => {
    server = await startServer();
    const workshop = await seedWorkshop(server);
    const other = must(
      await post(server.url, workshop.organiserKey, "summit.create", {
        name: "Second summit",
        venue: "Hall B",
      }),
    );
    for (const type of ["workshop.delete", "workshop.rotate-links"] as const) {
      expect(
        await post(server.url, other.organiserKey, type, { workshopId: workshop.workshopId }),
      ).toMatchObject({
        ok: false,
        error: { code: "not_found" },
      });
    }
    must(await post(server.url, workshop.organiserKey, "summit.delete", {}));
    expect(column(server, "SELECT name FROM summits")).toEqual(["Second summit"]);
    expect(
      await post(server.url, workshop.organiserKey, "summit.update", { name: "x" }),
    ).toMatchObject({
      ok: false,
      error: { code: "unauthenticated" },
    });
    expect(server.app.docs.peek(docNames.board(workshop.workshopId))).toBeUndefined();
  });
});

describe("retention", () => {
  it("[G7] a restart with RETENTION_DAYS deletes summits dated before it, and keeps the rest", async () => {
    const first = await startServer();
    const workshop = await seedWorkshop(first);
    must(await post(first.url, workshop.organiserKey, "summit.update", { date: "2020-01-31" }));
    const recent = must(
      await post(first.url, workshop.organiserKey, "summit.create", {
        name: "Recent",
        date: "2099-01-01",
      }),
    );
    await first.stop();
    const second = await startServer({ dataDir: first.dataDir, retentionDays: 365 });
    expect(column(second, "SELECT name FROM summits")).toEqual(["Recent"]);
    expect(column(second, "SELECT count(*) FROM workshops")).toEqual([0]);
    expect(column(second, "SELECT count(*) FROM doc_updates")).toEqual([0]);
    expect(
      await post(second.url, recent.organiserKey, "summit.update", { venue: "Hall" }),
    ).toMatchObject({
      ok: true,
    });
    await second.stop();
    removeDataDir(first.dataDir);
  });
});
