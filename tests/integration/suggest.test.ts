import * as decoding from "lib0/decoding";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { docNames, readClusters, readIdeas, readMeta } from "../../shared/board.js";
import { auditArray } from "../../shared/facilitation.js";
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type Result } from "../../shared/protocol.js";
import type { SimilarIdeas, Suggestions } from "../../shared/suggestions.js";
import {
  connectSocket,
  eventually,
  join,
  must,
  openBoard,
  removeDataDir,
  seedWorkshop,
  startServer,
  type CommandSocket,
  type DocClient,
  type SeededWorkshop,
  type TestServer,
} from "../helpers/server.js";

const IDEAS = [
  "Free evening youth clubs with sport and music",
  "Free youth clubs in the evenings with sport and music",
  "Youth clubs open at weekends with sport",
  "Better street lighting on the way to the bus station",
  "Street lighting in the park and underpasses at night",
  "More street lighting on dark streets at night",
  "Multi-year funding instead of one-year grants",
  "Grants that last three years, funding projects for longer",
  "Long-term funding for grassroots groups instead of short grants",
];
const HELD = "Call the youth club leader on 07700 900123 about funding for street lighting";

/** Frames that carry board content (sync step 2 or an update), not heartbeats or sync step 1. */
function contentFrames(frames: Uint8Array[]): Uint8Array[] {
  return frames.filter((frame) => {
    const decoder = decoding.createDecoder(frame);
    return decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) !== 0;
  });
}

async function ask<T>(
  url: string,
  path: string,
  token: string | undefined,
  body: unknown,
): Promise<{ status: number; result: Result<T> }> {
  const response = await fetch(`${url}/api/suggestions${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, result: (await response.json()) as Result<T> };
}

describe("suggested clusters", () => {
  let server: TestServer;
  let workshop: SeededWorkshop;
  let facilitator: CommandSocket;
  let attendee: CommandSocket;
  let attendeeToken: string;
  let attendeeBoard: DocClient;
  let projectorBoard: DocClient;
  const ids = new Map<string, string>();

  beforeEach(async () => {
    server = await startServer({
      tuning: { rateLimit: { burst: 1000, perSecond: 1000 }, presenceMs: 20 },
    });
    workshop = await seedWorkshop(server, { phase: "brainstorm" });
    facilitator = await connectSocket(server.url, workshop.facilitatorToken);
    attendeeToken = (await join(server, workshop.code, "Ann")).token;
    attendee = await connectSocket(server.url, attendeeToken);
    for (const text of [...IDEAS, HELD]) {
      const posted = must(
        await attendee.send("idea.post", { promptId: workshop.promptIds[0], text }),
      );
      ids.set(text, posted.ideaId);
    }
    attendeeBoard = await openBoard(server.url, workshop.workshopId, attendeeToken);
    projectorBoard = await openBoard(server.url, workshop.workshopId, workshop.projectorToken);
    // Presence is written to the board too: let it settle before counting frames.
    await eventually(
      () =>
        readIdeas(projectorBoard.doc).length === IDEAS.length &&
        readMeta(projectorBoard.doc)?.online === 1 &&
        readMeta(attendeeBoard.doc)?.online === 1,
      { what: "both replicas settled" },
    );
  });

  afterEach(async () => {
    attendeeBoard.destroy();
    projectorBoard.destroy();
    facilitator.close();
    attendee.close();
    await server.stop();
    removeDataDir(server.dataDir);
  });

  it("previews groups without touching the board, then accepting one group changes it once for everyone", async () => {
    const framesBefore = {
      attendee: contentFrames(attendeeBoard.received).length,
      projector: contentFrames(projectorBoard.received).length,
    };
    const ideasBefore = JSON.stringify(readIdeas(server.app.engine.board(workshop.workshopId)));

    const { status, result } = await ask<Suggestions>(server.url, "", workshop.facilitatorToken, {
      scope: "unclustered",
    });
    expect(status).toBe(200);
    const suggestions = must(result);
    expect(suggestions.ideaCount).toBe(IDEAS.length);
    const themes = suggestions.groups.map((g) =>
      g.ideaIds.map((id) => IDEAS.findIndex((t) => ids.get(t) === id)),
    );
    // Three themes of three ideas each: every group stays within one theme.
    for (const members of themes) {
      expect(new Set(members.map((i) => Math.floor(i / 3))).size).toBe(1);
    }
    expect(suggestions.groups.length).toBeGreaterThanOrEqual(3);
    const suggested = suggestions.groups.flatMap((g) => g.ideaIds);
    expect(suggested).not.toContain(ids.get(HELD));
    expect(suggestions.alone).not.toContain(ids.get(HELD));

    // "More groups" and "fewer groups" are reads too.
    must(
      (
        await ask<Suggestions>(server.url, "", workshop.facilitatorToken, {
          scope: "all",
          granularity: 1,
        })
      ).result,
    );
    must(
      (
        await ask<Suggestions>(server.url, "", workshop.facilitatorToken, {
          scope: "all",
          granularity: 0,
        })
      ).result,
    );
    const similar = must(
      (
        await ask<SimilarIdeas>(server.url, "/similar", workshop.facilitatorToken, {
          ideaId: ids.get(IDEAS[0]),
        })
      ).result,
    );
    expect(similar.similar[0].ideaId).toBe(ids.get(IDEAS[1]));

    // Nothing reached anyone, and the server's board is as it was.
    expect(contentFrames(attendeeBoard.received)).toHaveLength(framesBefore.attendee);
    expect(contentFrames(projectorBoard.received)).toHaveLength(framesBefore.projector);
    expect(JSON.stringify(readIdeas(server.app.engine.board(workshop.workshopId)))).toBe(
      ideasBefore,
    );

    const chosen = { title: "Renamed by the facilitator", ideaIds: suggestions.groups[0].ideaIds };
    const applied = must(await facilitator.send("clusters.apply", { groups: [chosen] }));
    expect(applied.moved).toBe(chosen.ideaIds.length);

    for (const replica of [attendeeBoard, projectorBoard]) {
      await eventually(() => readClusters(replica.doc).length === 1, { what: "the new cluster" });
      const [cluster] = readClusters(replica.doc);
      expect(cluster.title).toBe(chosen.title);
      expect(
        readIdeas(replica.doc)
          .filter((i) => i.clusterId === cluster.id)
          .map((i) => i.id)
          .sort(),
      ).toEqual([...chosen.ideaIds].sort());
    }
    // One change for everyone: the accept arrived as one update.
    expect(contentFrames(attendeeBoard.received)).toHaveLength(framesBefore.attendee + 1);
    expect(contentFrames(projectorBoard.received)).toHaveLength(framesBefore.projector + 1);
    const facilitation = server.app.docs.open(docNames.facilitation(workshop.workshopId)).doc;
    expect(
      auditArray(facilitation)
        .toArray()
        .filter((e) => e.action === "applied suggested clusters"),
    ).toHaveLength(1);

    // The accepted ideas are clustered now: the next unclustered suggestion leaves them out.
    const next = must(
      (await ask<Suggestions>(server.url, "", workshop.facilitatorToken, { scope: "unclustered" }))
        .result,
    );
    expect(next.ideaCount).toBe(IDEAS.length - chosen.ideaIds.length);
    expect(next.groups.flatMap((g) => g.ideaIds)).not.toContain(chosen.ideaIds[0]);
  });

  it("refuses attendees and the projector (forbidden), and a wrong or missing token (unauthenticated)", async () => {
    for (const token of [attendeeToken, workshop.projectorToken]) {
      const { status, result } = await ask(server.url, "", token, { scope: "all" });
      expect(status).toBe(403);
      expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
      const similar = await ask(server.url, "/similar", token, { ideaId: ids.get(IDEAS[0]) });
      expect(similar.result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    for (const token of ["x".repeat(43), undefined]) {
      const { status, result } = await ask(server.url, "", token, { scope: "all" });
      expect(status).toBe(401);
      expect(result).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    }
    const organiser = await ask(server.url, "", workshop.organiserKey, { scope: "all" });
    expect(organiser.result).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("refuses malformed requests and an idea that is not on the board", async () => {
    const token = workshop.facilitatorToken;
    for (const body of [
      {},
      { scope: "some" },
      { scope: "all", granularity: 2 },
      { scope: "all", extra: 1 },
    ]) {
      expect((await ask(server.url, "", token, body)).result).toMatchObject({
        ok: false,
        error: { code: "invalid_payload" },
      });
    }
    const held = await ask(server.url, "/similar", token, { ideaId: ids.get(HELD) });
    expect(held.status).toBe(404);
    const broken = await fetch(`${server.url}/api/suggestions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
        authorization: `Bearer ${token}`,
      },
      body: "{not json",
    });
    expect(broken.status).toBe(400);
  });
});
