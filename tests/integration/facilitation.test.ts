import { afterEach, describe, expect, it } from "vitest";
import { docNames, readClusters, readIdeas, readMeta, readTallies } from "../../shared/board.js";
import { auditArray, liveTalliesMap, queueMap } from "../../shared/facilitation.js";
import {
  connectSocket,
  eventually,
  join,
  must,
  openBoard,
  openDoc,
  removeDataDir,
  seedWorkshop,
  startServer,
  type CommandSocket,
  type SeededWorkshop,
  type TestServer,
} from "../helpers/server.js";
import { column } from "../helpers/state.js";

describe("running a workshop", () => {
  let server: TestServer;
  let workshop: SeededWorkshop;
  let facilitator: CommandSocket;
  afterEach(async () => {
    facilitator.close();
    await server.stop();
    removeDataDir(server.dataDir);
  });

  async function start(settings: Parameters<typeof seedWorkshop>[1] = {}): Promise<CommandSocket> {
    server = await startServer({ tuning: { rateLimit: { burst: 1000, perSecond: 1000 } } });
    workshop = await seedWorkshop(server, { phase: "brainstorm", ...settings });
    facilitator = await connectSocket(server.url, workshop.facilitatorToken);
    return connectSocket(server.url, (await join(server, workshop.code, "Ann")).token);
  }
  const board = () => server.app.engine.board(workshop.workshopId);
  const facilitation = () => server.app.docs.open(docNames.facilitation(workshop.workshopId)).doc;

  it("[S1] holds an idea with personal data for review, shows why, and releases it on approval", async () => {
    const ann = await start();
    const projector = await openBoard(server.url, workshop.workshopId, workshop.projectorToken);
    const held = must(
      await ann.send("idea.post", {
        promptId: workshop.promptIds[0],
        text: "ring Dave on 07700 900123 about the van",
      }),
    );
    expect(held.status).toBe("held");
    expect(readIdeas(board())).toEqual([]);
    const entry = queueMap(facilitation()).get(held.ideaId);
    expect(entry).toMatchObject({
      status: "held",
      matches: [{ kind: "phone", excerpt: "07700 900123" }],
    });
    await eventually(() => ann.selves.at(-1)?.queued.some((q) => q.idea.id === held.ideaId), {
      what: "the author told their idea waits",
    });

    const clean = must(
      await ann.send("idea.post", {
        promptId: workshop.promptIds[0],
        text: "call for 24/7 youth services",
      }),
    );
    expect(clean.status).toBe("published");
    await eventually(() => readIdeas(projector.doc).length === 1, { what: "the clean idea" });

    expect(must(await facilitator.send("idea.approve", { ideaIds: [held.ideaId] }))).toEqual({
      approved: 1,
    });
    await eventually(() => readIdeas(projector.doc).length === 2, { what: "the released idea" });
    expect(queueMap(facilitation()).size).toBe(0);
    expect(
      auditArray(facilitation())
        .toArray()
        .map((e) => e.action),
    ).toContain("released held idea");
    projector.destroy();
    ann.close();
  });

  it("[S2] under pre-moderation, ideas and edits wait in the facilitation document until approved", async () => {
    const ann = await start({ settings: { preModeration: true } });
    const attendeeBoard = await openBoard(server.url, workshop.workshopId, workshop.projectorToken);
    const facilitatorFeed = openDoc(
      server.url,
      docNames.facilitation(workshop.workshopId),
      workshop.facilitatorToken,
    );
    const { ideaId, status } = must(
      await ann.send("idea.post", { promptId: workshop.promptIds[0], text: "first" }),
    );
    expect(status).toBe("pending");
    await eventually(() => queueMap(facilitatorFeed.doc).get(ideaId)?.status === "pending", {
      what: "the facilitators to see it pending",
    });
    must(await facilitator.send("idea.approve", { ideaIds: [ideaId] }));
    await eventually(() => readIdeas(attendeeBoard.doc).length === 1, { what: "approved idea" });
    // An edit of an approved idea goes back for approval.
    expect(must(await ann.send("idea.edit", { ideaId, text: "first, edited" })).status).toBe(
      "pending",
    );
    await eventually(() => readIdeas(attendeeBoard.doc).length === 0, {
      what: "the edit off the board",
    });
    // Nothing of the pending edit reached the board's replica.
    expect(JSON.stringify(readIdeas(attendeeBoard.doc))).not.toContain("edited");
    attendeeBoard.destroy();
    facilitatorFeed.destroy();
    ann.close();
  });

  it("[M2] [M3] [M4] hides, restores, corrects and deletes, with an audit trail", async () => {
    const ann = await start();
    const { ideaId } = must(
      await ann.send("idea.post", { promptId: workshop.promptIds[0], text: "recieve funding" }),
    );
    must(await facilitator.send("idea.hide", { ideaId }));
    expect(readIdeas(board())).toEqual([]);
    expect(queueMap(facilitation()).get(ideaId)?.status).toBe("hidden");
    expect(await ann.send("idea.edit", { ideaId, text: "sneaky" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    must(await facilitator.send("idea.restore", { ideaId }));
    must(await facilitator.send("idea.correct", { ideaId, text: "receive funding" }));
    expect(readIdeas(board())[0].text).toBe("receive funding");
    must(await facilitator.send("idea.delete", { ideaId }));
    expect(readIdeas(board())).toEqual([]);
    expect(queueMap(facilitation()).size).toBe(0);
    expect(column(server, "SELECT action FROM audit_log ORDER BY seq")).toEqual([
      "hid idea",
      "restored idea",
      "corrected idea",
      "deleted idea",
    ]);
    expect(column(server, "SELECT detail FROM audit_log WHERE action = 'corrected idea'")).toEqual([
      '"recieve funding" -> "receive funding"',
    ]);
    ann.close();
  });

  it("[K1]-[K6] creates, renames, moves into, reorders, merges and dissolves clusters", async () => {
    const ann = await start();
    const ids = [];
    for (const text of ["a", "b", "c"]) {
      ids.push(must(await ann.send("idea.post", { promptId: workshop.promptIds[0], text })).ideaId);
    }
    const first = must(
      await facilitator.send("cluster.create", { title: "Youth", ideaIds: [ids[0]] }),
    ).clusterId;
    const second = must(await facilitator.send("cluster.create", { title: "Money" })).clusterId;
    must(await facilitator.send("cluster.move-idea", { ideaId: ids[1], clusterId: second }));
    must(await facilitator.send("cluster.rename", { clusterId: second, title: "Funding" }));
    must(await facilitator.send("cluster.reorder", { clusterId: second, index: 0 }));
    expect(readClusters(board()).map((c) => c.title)).toEqual(["Funding", "Youth"]);
    must(await facilitator.send("cluster.merge", { clusterId: first, intoId: second }));
    expect(readClusters(board()).map((c) => c.id)).toEqual([second]);
    expect(readIdeas(board()).map((i) => i.clusterId)).toEqual([second, second, null]);
    must(await facilitator.send("spotlight.set", { target: { kind: "cluster", id: second } }));
    must(await facilitator.send("cluster.dissolve", { clusterId: second }));
    expect(readIdeas(board()).every((i) => i.clusterId === null)).toBe(true);
    expect(readMeta(board())?.spotlight).toBeNull(); // the spotlight does not point at nothing
    ann.close();
  });

  it("[K8] applies several suggested clusters in one command, skipping ideas that left the board", async () => {
    const ann = await start();
    const ids = [];
    for (const text of ["a", "b", "c", "d"]) {
      ids.push(must(await ann.send("idea.post", { promptId: workshop.promptIds[0], text })).ideaId);
    }
    must(await facilitator.send("idea.hide", { ideaId: ids[3] }));
    const before = auditArray(facilitation()).length;
    const applied = must(
      await facilitator.send("clusters.apply", {
        groups: [
          { title: "First", ideaIds: [ids[0], ids[1]] },
          { title: "Second", ideaIds: [ids[2], ids[3], ids[0]] },
        ],
      }),
    );
    expect(applied).toMatchObject({ moved: 3, skipped: 2 });
    expect(readClusters(board()).map((c) => c.title)).toEqual(["First", "Second"]);
    const [first, second] = applied.clusterIds;
    expect(readIdeas(board()).map((i) => i.clusterId)).toEqual([first, first, second]);
    expect(auditArray(facilitation()).length).toBe(before + 1);
    ann.close();
  });

  it("[M5] merging duplicates carries votes over without breaking any budget", async () => {
    const ann = await start({ settings: { votesPerAttendee: 4, maxVotesPerIdea: 3 } });
    const [keep, dupe] = [
      must(
        await ann.send("idea.post", { promptId: workshop.promptIds[0], text: "more youth clubs" }),
      ).ideaId,
      must(
        await ann.send("idea.post", { promptId: workshop.promptIds[0], text: "More youth clubs!" }),
      ).ideaId,
    ];
    must(await facilitator.send("phase.set", { phase: "vote" }));
    for (const ideaId of [keep, keep, dupe, dupe]) must(await ann.send("vote.cast", { ideaId }));
    must(await facilitator.send("idea.merge", { ideaId: dupe, intoId: keep }));
    expect(readIdeas(board()).map((i) => [i.id, i.merged])).toEqual([[keep, 1]]);
    // 2 + 2 capped at 3: one dot goes back to Ann, who may cast it again.
    expect(liveTalliesMap(facilitation()).toJSON()).toEqual({ [keep]: 3 });
    await eventually(
      () => JSON.stringify(ann.selves.at(-1)?.votes) === JSON.stringify({ [keep]: 3 }),
      {
        what: "Ann's votes after the merge",
      },
    );
    ann.close();
  });

  it("[W2] a lower budget keeps the dots already cast and says how many people are over it", async () => {
    const ann = await start({ settings: { votesPerAttendee: 3 } });
    const { ideaId } = must(
      await ann.send("idea.post", { promptId: workshop.promptIds[0], text: "x" }),
    );
    const other = must(
      await ann.send("idea.post", { promptId: workshop.promptIds[0], text: "y" }),
    ).ideaId;
    must(await facilitator.send("phase.set", { phase: "vote" }));
    for (const id of [ideaId, ideaId, other]) must(await ann.send("vote.cast", { ideaId: id }));
    const changed = must(
      await facilitator.send("settings.update", { settings: { votesPerAttendee: 2 } }),
    );
    expect(changed).toEqual({ overBudget: 1 });
    expect(column(server, "SELECT sum(count) FROM votes")).toEqual([3]);
    expect(await ann.send("vote.cast", { ideaId: other })).toMatchObject({
      ok: false,
      error: { code: "limit_reached" },
    });
    must(await ann.send("vote.retract", { ideaId }));
    must(await ann.send("vote.retract", { ideaId }));
    expect(await ann.send("vote.cast", { ideaId: other })).toMatchObject({ ok: true });
    ann.close();
  });

  it("[W2] switching to anonymous takes every name off the board", async () => {
    const ann = await start();
    must(await ann.send("idea.post", { promptId: workshop.promptIds[0], text: "named" }));
    expect(readIdeas(board())[0].authorName).toBe("Ann");
    must(await facilitator.send("settings.update", { settings: { anonymity: "anonymous" } }));
    expect(readIdeas(board())[0].authorName).toBeNull();
    ann.close();
  });

  it("[V3] [V4] live results show on the board at once; a reset clears every vote", async () => {
    const ann = await start();
    const { ideaId } = must(
      await ann.send("idea.post", { promptId: workshop.promptIds[0], text: "x" }),
    );
    must(await facilitator.send("phase.set", { phase: "vote" }));
    must(await ann.send("vote.cast", { ideaId }));
    expect(readTallies(board())).toEqual({});
    must(await facilitator.send("settings.update", { settings: { liveResults: true } }));
    expect(readTallies(board())).toEqual({ [ideaId]: 1 });
    must(await facilitator.send("votes.reset", {}));
    expect(readTallies(board())).toEqual({});
    expect(liveTalliesMap(facilitation()).size).toBe(0);
    expect(column(server, "SELECT count(*) FROM votes")).toEqual([0]);
    ann.close();
  });

  it("[T1]-[T4] holds the timer's end time on the server: start, pause, resume, add a minute, stop", async () => {
    const ann = await start();
    const timer = () => readMeta(board())!.timer;
    const before = Date.now();
    must(await facilitator.send("timer.start", { seconds: 300 }));
    const started = timer();
    expect(started.state).toBe("running");
    if (started.state === "running") {
      expect(started.endsAt).toBeGreaterThanOrEqual(before + 300_000);
      expect(started.endsAt).toBeLessThanOrEqual(Date.now() + 300_000);
    }
    must(await facilitator.send("timer.pause", {}));
    const paused = timer();
    expect(paused.state === "paused" && paused.remainingMs).toBeGreaterThan(290_000);
    expect(await facilitator.send("timer.pause", {})).toMatchObject({
      ok: false,
      error: { code: "wrong_phase" },
    });
    must(await facilitator.send("timer.extend", { seconds: 60 }));
    const extended = timer();
    expect(extended.state === "paused" && extended.remainingMs).toBeGreaterThan(350_000);
    must(await facilitator.send("timer.resume", {}));
    expect(timer().state).toBe("running");
    must(await facilitator.send("timer.stop", {}));
    expect(timer()).toEqual({ state: "stopped" });
    ann.close();
  });

  it("[W1] edits prompts, keeping ids, and refuses to drop one that has ideas", async () => {
    const ann = await start({ prompts: ["One?", "Two?"] });
    const [one, two] = workshop.promptIds;
    must(await ann.send("idea.post", { promptId: one, text: "x" }));
    expect(
      await facilitator.send("workshop.update", { prompts: [{ id: two, text: "Two, better?" }] }),
    ).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    must(
      await facilitator.send("workshop.update", {
        title: "Renamed",
        prompts: [{ id: one, text: "One, better?" }, { text: "Three?" }],
      }),
    );
    const meta = readMeta(board())!;
    expect(meta.title).toBe("Renamed");
    expect(meta.prompts.map((p) => p.text)).toEqual(["One, better?", "Three?"]);
    expect(meta.prompts[0].id).toBe(one);
    ann.close();
  });
});
