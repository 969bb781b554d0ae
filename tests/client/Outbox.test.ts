import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CommandEnvelope } from "../../shared/commands.js";
import { fail, ok, type Result } from "../../shared/protocol.js";
import { Outbox, type OutboxTransport } from "../../client/lib/Outbox.svelte.js";
import { outboxStore } from "../../client/lib/storage.js";

/**
 * A server at the other end of the outbox that answers when told to: each
 * command sent waits in `inFlight` until the test answers it (or drops it).
 */
class FakeTransport implements OutboxTransport {
  connected = true;
  readonly sent: CommandEnvelope[] = [];
  readonly inFlight: { envelope: CommandEnvelope; answer: (result: Result | null) => void }[] = [];

  emit(envelope: CommandEnvelope): Promise<Result | null> {
    this.sent.push(envelope);
    return new Promise((answer) => this.inFlight.push({ envelope, answer }));
  }

  /** Answers the oldest command in flight and lets the outbox go on. */
  async answer(result: Result | null): Promise<CommandEnvelope> {
    const next = this.inFlight.shift();
    if (!next) throw new Error("nothing in flight");
    next.answer(result);
    await settle();
    return next.envelope;
  }

  /** The connection drops: whatever was in flight is never answered. */
  async drop(): Promise<void> {
    this.connected = false;
    for (const { answer } of this.inFlight.splice(0)) answer(null);
    await settle();
  }
}

/** Lets pending promise callbacks run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

const WORKSHOP = "workshop1";
const stored = () => JSON.parse(localStorage.getItem(`roundtable.outbox.${WORKSHOP}`) ?? "[]");
const post = (text: string) => ({ promptId: "prompt1", text });

describe("Outbox", () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.useRealTimers());

  it("keeps commands made offline in storage, in order, and a reload finds them", async () => {
    const transport = new FakeTransport();
    transport.connected = false;
    const outbox = new Outbox({ transport, store: outboxStore(WORKSHOP) });
    void outbox.send("idea.post", post("first"));
    void outbox.send("idea.post", post("second"));
    await settle();

    expect(transport.sent).toEqual([]);
    expect(stored().map((c: { payload: { text: string } }) => c.payload.text)).toEqual([
      "first",
      "second",
    ]);
    const ids = outbox.entries.map((e) => e.id);
    outbox.destroy();

    // The page reloads: a new outbox over the same storage holds the same commands.
    const again = new Outbox({ transport, store: outboxStore(WORKSHOP) });
    expect(again.entries.map((e) => e.id)).toEqual(ids);
    expect(again.entries.map((e) => e.rejection)).toEqual([null, null]);

    // Back online: sent one at a time, in order, with the ids they were made with.
    transport.connected = true;
    again.flush();
    await settle();
    expect(transport.sent.map((e) => e.id)).toEqual([ids[0]]);
    await transport.answer(ok({ ideaId: "idea1", status: "published" }));
    expect(transport.sent.map((e) => e.id)).toEqual(ids);
    await transport.answer(ok({ ideaId: "idea2", status: "published" }));
    expect(again.entries).toEqual([]);
    expect(stored()).toEqual([]);
  });

  it("sends a command again with the same id when the connection dropped before the answer", async () => {
    const transport = new FakeTransport();
    const outbox = new Outbox({ transport, store: outboxStore(WORKSHOP) });
    const answer = outbox.send("vote.cast", { ideaId: "idea1" });
    await settle();
    expect(transport.sent).toHaveLength(1);

    await transport.drop();
    expect(outbox.entries).toHaveLength(1);
    expect(stored()).toHaveLength(1);

    transport.connected = true;
    outbox.flush();
    await settle();
    expect(transport.sent).toHaveLength(2);
    expect(transport.sent[1]).toEqual(transport.sent[0]);

    await transport.answer(ok({ ideaId: "idea1", votes: 1 }));
    expect(await answer).toEqual(ok({ ideaId: "idea1", votes: 1 }));
    expect(outbox.entries).toEqual([]);
    expect(stored()).toEqual([]);
    expect(outbox.delivered.map((d) => d.value)).toEqual([{ ideaId: "idea1", votes: 1 }]);
  });

  it("removes a command on its answer and remembers what the server said", async () => {
    const transport = new FakeTransport();
    const outbox = new Outbox({ transport, store: outboxStore(WORKSHOP) });
    const answer = outbox.send("idea.post", post("an idea"));
    await settle();
    expect(stored()).toHaveLength(1);
    await transport.answer(ok({ ideaId: "idea1", status: "pending" }));

    expect(await answer).toEqual(ok({ ideaId: "idea1", status: "pending" }));
    expect(outbox.entries).toEqual([]);
    expect(stored()).toEqual([]);
    expect(outbox.delivered).toMatchObject([
      { type: "idea.post", payload: post("an idea"), value: { ideaId: "idea1" } },
    ]);
  });

  it("keeps a refused command with its reason until dismissed, and sends the next ones", async () => {
    const transport = new FakeTransport();
    const outbox = new Outbox({ transport, store: outboxStore(WORKSHOP) });
    void outbox.send("idea.post", post("too late"));
    void outbox.send("vote.cast", { ideaId: "idea1" });
    await settle();

    const reason = { code: "wrong_phase", message: "Posting has closed." } as const;
    await transport.answer(fail(reason.code, reason.message));
    const [refused] = outbox.entries;
    expect(refused).toMatchObject({ type: "idea.post", rejection: reason });
    expect(stored()).toMatchObject([{ id: refused.id, rejection: reason }, {}]);

    // The refusal does not hold up the command after it, nor is it sent again.
    expect(transport.sent.map((e) => e.type)).toEqual(["idea.post", "vote.cast"]);
    await transport.answer(ok({ ideaId: "idea1", votes: 1 }));
    outbox.flush();
    await settle();
    expect(transport.sent).toHaveLength(2);

    // A reload still shows it; dismissing it is the only way it goes.
    outbox.destroy();
    const again = new Outbox({ transport, store: outboxStore(WORKSHOP) });
    expect(again.entries).toMatchObject([{ id: refused.id, rejection: reason }]);
    again.dismiss(refused.id);
    expect(again.entries).toEqual([]);
    expect(stored()).toEqual([]);
  });

  it("hands a refusal back to the caller only when nothing is stored (facilitators)", async () => {
    const transport = new FakeTransport();
    const outbox = new Outbox({ transport });
    const answer = outbox.send("phase.set", { phase: "vote" });
    await settle();
    await transport.answer(fail("forbidden"));
    expect(await answer).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(outbox.entries).toEqual([]);
    expect(stored()).toEqual([]);
  });

  it("retries a rate-limited or unreachable command later, with growing jittered waits, in order", async () => {
    vi.useFakeTimers();
    const transport = new FakeTransport();
    const outbox = new Outbox({
      transport,
      store: outboxStore(WORKSHOP),
      retryMs: { first: 1000, max: 8000 },
      random: () => 0.5, // no jitter, so the waits are exact
    });
    void outbox.send("vote.cast", { ideaId: "idea1" });
    void outbox.send("vote.cast", { ideaId: "idea2" });
    await settle();

    await transport.answer(fail("rate_limited"));
    await vi.advanceTimersByTimeAsync(999);
    expect(transport.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(transport.sent.map((e) => e.payload)).toEqual([
      { ideaId: "idea1" },
      { ideaId: "idea1" },
    ]);

    await transport.answer(fail("unreachable"));
    await vi.advanceTimersByTimeAsync(1999);
    expect(transport.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(transport.sent).toHaveLength(3);

    await transport.answer(ok({ ideaId: "idea1", votes: 1 }));
    expect(transport.sent.at(-1)?.payload).toEqual({ ideaId: "idea2" });
    await transport.answer(ok({ ideaId: "idea2", votes: 1 }));
    expect(outbox.entries).toEqual([]);
    expect(new Set(transport.sent.slice(0, 3).map((e) => e.id)).size).toBe(1);
  });

  it("a command unanswered on a live connection is sent again after a wait", async () => {
    vi.useFakeTimers();
    const transport = new FakeTransport();
    const outbox = new Outbox({ transport, retryMs: { first: 500, max: 500 }, random: () => 0.5 });
    void outbox.send("idea.withdraw", { ideaId: "idea1" });
    await settle();
    await transport.answer(null); // an ack timeout, the socket still up
    await vi.advanceTimersByTimeAsync(500);
    expect(transport.sent).toHaveLength(2);
    expect(transport.sent[1].id).toBe(transport.sent[0].id);
  });

  it("two tabs of one workshop share the stored commands and keep both tabs' additions", async () => {
    const transport = new FakeTransport();
    transport.connected = false;
    const tabA = new Outbox({ transport, store: outboxStore(WORKSHOP) });
    const tabB = new Outbox({ transport, store: outboxStore(WORKSHOP) });
    void tabA.send("idea.post", post("from A"));
    void tabB.send("idea.post", post("from B"));
    await settle();
    expect(stored().map((c: { payload: { text: string } }) => c.payload.text)).toEqual([
      "from A",
      "from B",
    ]);
  });
});
