import { afterEach, describe, expect, it } from "vitest";
import { readTallies, talliesMap } from "../../shared/board.js";
import {
  commandId,
  connectSocket,
  eventually,
  join,
  must,
  openBoard,
  post,
  removeDataDir,
  seedWorkshop,
  startServer,
  type CommandSocket,
  type SeededWorkshop,
  type TestServer,
} from "../helpers/server.js";
import { column, fingerprint } from "../helpers/state.js";

/** The rules of dot voting, by their ids in server/engine/commands/vote.ts. */
describe("voting", () => {
  let server: TestServer;
  let workshop: SeededWorkshop;
  afterEach(async () => {
    await server.stop();
    removeDataDir(server.dataDir);
  });

  /** A workshop with `count` ideas posted in brainstorm, then moved to `phase`. */
  async function withIdeas(
    count: number,
    settings: NonNullable<Parameters<typeof seedWorkshop>[1]>["settings"] = {},
  ): Promise<{ ideaIds: string[]; voter: CommandSocket; voterToken: string }> {
    server = await startServer();
    workshop = await seedWorkshop(server, { phase: "brainstorm", settings });
    const author = await connectSocket(
      server.url,
      (await join(server, workshop.code, "Author")).token,
    );
    const ideaIds: string[] = [];
    for (let i = 0; i < count; i++) {
      ideaIds.push(
        must(await author.send("idea.post", { promptId: workshop.promptIds[0], text: `idea ${i}` }))
          .ideaId,
      );
    }
    author.close();
    must(await post(server.url, workshop.facilitatorToken, "phase.set", { phase: "vote" }));
    const voterToken = (await join(server, workshop.code, "Voter")).token;
    return { ideaIds, voter: await connectSocket(server.url, voterToken), voterToken };
  }

  it("[V1] [V2] holds the budget and the per-idea cap, and a retract gives a dot back", async () => {
    const { ideaIds, voter } = await withIdeas(3, { votesPerAttendee: 4, maxVotesPerIdea: 2 });
    const cast = (i: number) => voter.send("vote.cast", { ideaId: ideaIds[i] });
    expect(await cast(0)).toMatchObject({ ok: true, value: { votes: 1 } });
    expect(await cast(0)).toMatchObject({ ok: true, value: { votes: 2 } });
    expect(await cast(0)).toMatchObject({ ok: false, error: { code: "limit_reached" } });
    expect(await cast(1)).toMatchObject({ ok: true });
    expect(await cast(2)).toMatchObject({ ok: true });
    const before = fingerprint(server, workshop.workshopId);
    expect(await cast(1)).toMatchObject({
      ok: false,
      error: { code: "limit_reached", message: expect.stringContaining("4") },
    });
    expect(fingerprint(server, workshop.workshopId)).toBe(before);
    expect(await voter.send("vote.retract", { ideaId: ideaIds[0] })).toMatchObject({
      ok: true,
      value: { votes: 1 },
    });
    expect(await cast(1)).toMatchObject({ ok: true, value: { votes: 2 } });
    expect(await voter.send("vote.retract", { ideaId: "nosuchidea" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    await eventually(() => voter.selves.at(-1)?.votes[ideaIds[1]] === 2, { what: "own votes" });
    expect(voter.selves.at(-1)?.votes).toEqual({
      [ideaIds[0]]: 1,
      [ideaIds[1]]: 2,
      [ideaIds[2]]: 1,
    });
    voter.close();
  });

  it("[V1] two tabs of one attendee voting at once never exceed the budget", async () => {
    const { ideaIds, voter, voterToken } = await withIdeas(4, {
      votesPerAttendee: 3,
      maxVotesPerIdea: 3,
    });
    const tab = await connectSocket(server.url, voterToken);
    const results = await Promise.all(
      ideaIds.flatMap((ideaId) => [
        voter.send("vote.cast", { ideaId }),
        tab.send("vote.cast", { ideaId }),
      ]),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(column(server, "SELECT sum(count) FROM votes")).toEqual([3]);
    voter.close();
    tab.close();
  });

  it("[P2] votes only in the vote phase", async () => {
    const { ideaIds, voter } = await withIdeas(1);
    must(await post(server.url, workshop.facilitatorToken, "phase.set", { phase: "discuss" }));
    expect(await voter.send("vote.cast", { ideaId: ideaIds[0] })).toMatchObject({
      ok: false,
      error: { code: "wrong_phase" },
    });
    voter.close();
  });

  it("[I2] the same vote sent three times counts once", async () => {
    const { ideaIds, voter } = await withIdeas(1);
    const id = commandId();
    const results = await Promise.all(
      [1, 2, 3].map(() => voter.send("vote.cast", { ideaId: ideaIds[0] }, id)),
    );
    expect(results.every((r) => JSON.stringify(r) === JSON.stringify(results[0]))).toBe(true);
    expect(column(server, "SELECT sum(count) FROM votes")).toEqual([1]);
    voter.close();
  });

  it("[V3] the board carries no tallies until the facilitator reveals them", async () => {
    const { ideaIds, voter, voterToken } = await withIdeas(2);
    const board = await openBoard(server.url, workshop.workshopId, voterToken);
    must(await voter.send("vote.cast", { ideaId: ideaIds[0] }));
    must(await voter.send("vote.cast", { ideaId: ideaIds[0] }));
    must(await voter.send("vote.cast", { ideaId: ideaIds[1] }));
    expect(readTallies(server.app.engine.board(workshop.workshopId))).toEqual({});
    must(await post(server.url, workshop.facilitatorToken, "votes.reveal", { revealed: true }));
    await eventually(() => readTallies(board.doc)[ideaIds[0]] === 2, { what: "revealed tallies" });
    expect(readTallies(board.doc)).toEqual({ [ideaIds[0]]: 2, [ideaIds[1]]: 1 });
    must(await post(server.url, workshop.facilitatorToken, "votes.reveal", { revealed: false }));
    await eventually(() => Object.keys(readTallies(board.doc)).length === 0, {
      what: "hidden again",
    });
    board.destroy();
    voter.close();
  });

  it("[V3] a live-results workshop shows each vote as it is cast", async () => {
    const { ideaIds, voter, voterToken } = await withIdeas(1, { liveResults: true });
    const board = await openBoard(server.url, workshop.workshopId, voterToken);
    must(await voter.send("vote.cast", { ideaId: ideaIds[0] }));
    await eventually(() => readTallies(board.doc)[ideaIds[0]] === 1, { what: "live tally" });
    must(await voter.send("vote.retract", { ideaId: ideaIds[0] }));
    await eventually(() => readTallies(board.doc)[ideaIds[0]] === undefined, {
      what: "tally gone",
    });
    board.destroy();
    voter.close();
  });

  it("[V3] a room voting at once changes each idea's tally once a commit, not once a vote", async () => {
    const { ideaIds, voter } = await withIdeas(2, { liveResults: true });
    voter.close();
    const { engine } = server.app;
    const voters = [];
    for (let i = 0; i < 12; i++) {
      const principal = engine.authenticate((await join(server, workshop.code, `V${i}`)).token);
      if (typeof principal === "string") throw new Error(principal);
      voters.push(principal);
    }
    const tallies = talliesMap(engine.board(workshop.workshopId));
    const changes: Record<string, number[]> = {};
    tallies.observe((event) => {
      for (const key of event.keysChanged) (changes[key] ??= []).push(tallies.get(key) ?? 0);
    });
    // Submitted in one turn of the event loop: one group commit.
    const results = await Promise.all(
      voters.map((principal, i) =>
        engine.submit(principal, {
          id: commandId(),
          type: "vote.cast",
          payload: { ideaId: ideaIds[i % 3 === 0 ? 1 : 0] },
        }),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(changes).toEqual({ [ideaIds[0]]: [8], [ideaIds[1]]: [4] });
  });
});
