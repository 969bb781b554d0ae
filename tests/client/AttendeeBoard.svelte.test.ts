import { beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  ideasMap,
  metaMap,
  talliesMap,
  type BoardIdea,
  type BoardMeta,
} from "../../shared/board.js";
import type { CommandEnvelope } from "../../shared/commands.js";
import { fail, ok, type Result, type SelfState } from "../../shared/protocol.js";
import { STOPPED } from "../../shared/timer.js";
import { DEFAULT_SETTINGS, type Phase } from "../../shared/workshop.js";
import {
  AttendeeBoard,
  type AttendeeSources,
} from "../../client/components/attendee/AttendeeBoard.svelte.js";
import { Board } from "../../client/lib/Board.svelte.js";
import type { ConnectionStatus } from "../../client/lib/Connection.svelte.js";
import { Outbox, type OutboxTransport } from "../../client/lib/Outbox.svelte.js";
import { outboxStore } from "../../client/lib/storage.js";

/** A server that answers each command when the test says so. */
class FakeTransport implements OutboxTransport {
  connected = false;
  readonly inFlight: ((result: Result | null) => void)[] = [];
  emit(_envelope: CommandEnvelope): Promise<Result | null> {
    return new Promise((answer) => this.inFlight.push(answer));
  }
  async answer(result: Result): Promise<void> {
    this.inFlight.shift()?.(result);
    for (let i = 0; i < 5; i++) await Promise.resolve();
  }
}

const PROMPT = "prompt1";

function idea(id: string, createdAt: number, text = `idea ${id}`): BoardIdea {
  return { id, promptId: PROMPT, text, authorName: null, createdAt, clusterId: null, merged: 0 };
}

/** An attendee's view over a board document the test writes as the server would. */
function setUp(phase: Phase, settings: Partial<BoardMeta["settings"]> = {}) {
  const doc = new Y.Doc();
  const meta: BoardMeta = {
    workshopId: "workshop1",
    title: "Funding that lasts",
    code: "123456",
    phase,
    prompts: [{ id: PROMPT, text: "How do we keep projects going?" }],
    settings: { ...DEFAULT_SETTINGS, ...settings },
    votesRevealed: false,
    timer: STOPPED,
    spotlight: null,
    contentNote: null,
    online: 0,
  };
  doc.transact(() => {
    for (const [key, value] of Object.entries(meta))
      metaMap(doc).set(key as keyof BoardMeta, value);
  });
  const transport = new FakeTransport();
  const outbox = new Outbox({ transport, store: outboxStore("workshop1") });
  const state = $state<{ self: SelfState | null; status: ConnectionStatus }>({
    self: null,
    status: { state: "offline" },
  });
  const sources: AttendeeSources = {
    board: new Board(doc),
    outbox,
    doc: () => doc,
    get self() {
      return state.self;
    },
    get status() {
      return state.status;
    },
  };
  const self = (patch: Partial<SelfState>) => {
    state.self = {
      participantId: "me",
      workshopId: "workshop1",
      ideaIds: [],
      votes: {},
      queued: [],
      ...patch,
    };
  };
  const goOnline = () => {
    state.status = { state: "online" };
    transport.connected = true;
    outbox.flush();
  };
  return { doc, view: new AttendeeBoard(sources), outbox, transport, self, goOnline };
}

describe("AttendeeBoard", () => {
  beforeEach(() => localStorage.clear());

  it("shows an idea posted offline as waiting, then sending, then once on the board as theirs", async () => {
    const { doc, view, outbox, transport, self, goOnline } = setUp("brainstorm");
    ideasMap(doc).set("other", idea("other", 1));
    void outbox.send("idea.post", { promptId: PROMPT, text: "Mine" });

    expect(view.ideas.map((i) => [i.text, i.status, i.own])).toEqual([
      ["Mine", "waiting", true],
      ["idea other", "board", false],
    ]);
    expect(view.postedCount).toBe(1);

    goOnline();
    expect(view.ideas[0]).toMatchObject({ text: "Mine", status: "sending", ideaId: null });

    // The answer (and the attendee's own state) arrive before the board shows the idea.
    self({ ideaIds: ["mine"] });
    await transport.answer(ok({ ideaId: "mine", status: "published" }));
    expect(view.ideas[0]).toMatchObject({ text: "Mine", status: "sending", ideaId: "mine" });
    expect(view.postedCount).toBe(1);

    ideasMap(doc).set("mine", idea("mine", 2, "Mine"));
    expect(view.ideas.map((i) => [i.text, i.status, i.own])).toEqual([
      ["Mine", "board", true],
      ["idea other", "board", false],
    ]);
  });

  it("shows the author their ideas the facilitator holds back, with why", () => {
    const { view, self } = setUp("brainstorm");
    self({
      ideaIds: ["a", "b"],
      queued: [
        { idea: idea("a", 1), status: "held" },
        { idea: idea("b", 2), status: "hidden" },
      ],
    });
    expect(view.ideas.map((i) => [i.key, i.status, i.own])).toEqual([
      ["b", "hidden", true],
      ["a", "held", true],
    ]);
    // A held idea is still the author's to correct; a hidden one is the facilitator's call.
    expect(view.mayChange(view.ideas[1], "idea.edit")).toBe(true);
    expect(view.mayChange(view.ideas[0], "idea.edit")).toBe(false);
  });

  it("marks an edit or a withdrawal on its way, and hides an idea once its withdrawal is accepted", async () => {
    const { doc, view, outbox, transport, self, goOnline } = setUp("brainstorm");
    ideasMap(doc).set("a", idea("a", 1, "Before"));
    self({ ideaIds: ["a"] });
    void outbox.send("idea.edit", { ideaId: "a", text: "After" });
    expect(view.ideas[0]).toMatchObject({ text: "After", change: "edit" });

    void outbox.send("idea.withdraw", { ideaId: "a" });
    expect(view.ideas[0]).toMatchObject({ change: "withdraw" });
    expect(view.mayChange(view.ideas[0], "idea.edit")).toBe(false);

    goOnline();
    await transport.answer(ok({ ideaId: "a", status: "published" }));
    await transport.answer(ok({ ideaId: "a" }));
    expect(view.ideas).toEqual([]);
  });

  it("counts dots on their way against the budget and the per-idea cap, and not refused ones", async () => {
    const { doc, view, outbox, transport, self, goOnline } = setUp("vote", {
      votesPerAttendee: 3,
      maxVotesPerIdea: 2,
    });
    ideasMap(doc).set("a", idea("a", 1));
    ideasMap(doc).set("b", idea("b", 2));
    self({ votes: { a: 1 } });
    const [b, a] = view.ideas;
    expect(view.votesLeft).toBe(2);

    void outbox.send("vote.cast", { ideaId: "a" });
    expect(view.votes).toEqual({ a: 2 });
    expect(view.votesLeft).toBe(1);
    expect(view.mayAddVote(a)).toBe(false);
    expect(view.mayAddVote(b)).toBe(true);

    void outbox.send("vote.cast", { ideaId: "b" });
    expect(view.votesLeft).toBe(0);
    expect(view.mayAddVote(b)).toBe(false);
    expect(view.mayRemoveVote(b)).toBe(true);

    goOnline();
    await transport.answer(fail("limit_reached", "You have used all 3 of your votes."));
    expect(view.votes).toEqual({ a: 1, b: 1 });
    expect(view.votesLeft).toBe(1);
    expect(view.refused.map((r) => r.rejection.message)).toEqual([
      "You have used all 3 of your votes.",
    ]);
  });

  it("offers nothing the phase does not allow", () => {
    const { doc, view, self } = setUp("cluster");
    ideasMap(doc).set("a", idea("a", 1));
    self({ ideaIds: ["a"], votes: {} });
    const [a] = view.ideas;
    expect(view.allows("idea.post")).toBe(false);
    expect(view.mayChange(a, "idea.edit")).toBe(false);
    expect(view.mayAddVote(a)).toBe(false);
  });

  it("keeps results secret until the board carries tallies, then ranks them with ties", () => {
    const { doc, view } = setUp("discuss");
    for (const [id, at] of [
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ] as const)
      ideasMap(doc).set(id, idea(id, at));
    expect(view.results).toBeNull();

    doc.transact(() => {
      metaMap(doc).set("votesRevealed", true);
      talliesMap(doc).set("b", 4);
      talliesMap(doc).set("c", 4);
      talliesMap(doc).set("a", 1);
    });
    expect(view.results?.map((r) => [r.item.id, r.rank, r.tied])).toEqual([
      ["b", 1, true],
      ["c", 1, true],
      ["a", 3, false],
    ]);
  });
});
