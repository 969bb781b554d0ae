import * as decoding from "lib0/decoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readIdeas, readTallies } from "../../shared/board.js";
import type { CommandPayload, CommandType } from "../../shared/commands.js";
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
  type CommandSocket,
  type DocClient,
  type SeededWorkshop,
  type TestServer,
} from "../helpers/server.js";

/**
 * [A1] [V3] [M1] [M2] What the projector receives, byte by byte: the room's
 * screen gets the public board and nothing else. No held, pending or hidden
 * idea's text, no author of an anonymous idea, no participant's id or token,
 * and no tally while the votes are secret.
 */

const TEXTS = {
  anonymous: "A drop-in at the night bus stop",
  named: "A named officer for each estate",
  held: "Ring me on 07700 900123 about it",
  pending: "A youth worker at the chip shop",
  hidden: "A rumour about one family",
};
const ANONYMOUS_AUTHOR = "Annabel Secretname";

/** The updates in a list of y-websocket frames (sync step 2 and updates; not heartbeats). */
function updatesIn(frames: Uint8Array[]): Uint8Array[] {
  const updates: Uint8Array[] = [];
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== 0) continue; // not a sync message
    if (decoding.readVarUint(decoder) === 0) continue; // sync step 1 carries no content
    updates.push(decoding.readVarUint8Array(decoder));
  }
  return updates;
}

const bytesOf = (frames: Uint8Array[]) => Buffer.concat(frames.map((f) => Buffer.from(f)));
const holds = (bytes: Buffer, text: string) => bytes.includes(Buffer.from(text));

describe("what the projector receives", () => {
  let server: TestServer;
  let workshop: SeededWorkshop;
  let projector: DocClient;
  let ann: Awaited<ReturnType<typeof join>>;
  let bob: Awaited<ReturnType<typeof join>>;
  let annSocket: CommandSocket;
  let bobSocket: CommandSocket;
  /** frames before the hidden idea was hidden, and before the votes were revealed */
  let framesBeforeHide = 0;
  let framesBeforeReveal = 0;
  /** the tallies the projector's copy held after each update, while the votes were secret */
  const talliesWhileSecret: Record<string, number>[] = [];

  async function facilitate<T extends CommandType>(type: T, payload: CommandPayload<T>) {
    return must(await post(server.url, workshop.facilitatorToken, type, payload));
  }

  beforeAll(async () => {
    server = await startServer();
    workshop = await seedWorkshop(server, {
      phase: "brainstorm",
      settings: { anonymity: "optional" },
    });
    projector = await openBoard(server.url, workshop.workshopId, workshop.projectorToken);
    ann = await join(server, workshop.code, ANONYMOUS_AUTHOR);
    bob = await join(server, workshop.code, "Bob Voter");
    annSocket = await connectSocket(server.url, ann.token);
    bobSocket = await connectSocket(server.url, bob.token);
    const promptId = workshop.promptIds[0];

    const anonymous = must(
      await annSocket.send("idea.post", { promptId, text: TEXTS.anonymous, anonymous: true }),
    );
    const named = must(await bobSocket.send("idea.post", { promptId, text: TEXTS.named }));
    const held = must(await annSocket.send("idea.post", { promptId, text: TEXTS.held }));
    expect(held.status).toBe("held");
    const hidden = must(await bobSocket.send("idea.post", { promptId, text: TEXTS.hidden }));
    await eventually(() => readIdeas(projector.doc).length === 3, { what: "three ideas" });

    // The hidden idea was on the board for a moment; from the hiding on, it is gone.
    framesBeforeHide = projector.received.length;
    await facilitate("idea.hide", { ideaId: hidden.ideaId });
    await facilitate("settings.update", { settings: { preModeration: true } });
    const pending = must(await bobSocket.send("idea.post", { promptId, text: TEXTS.pending }));
    expect(pending.status).toBe("pending");

    await facilitate("phase.set", { phase: "vote" });
    must(await annSocket.send("vote.cast", { ideaId: named.ideaId }));
    must(await annSocket.send("vote.cast", { ideaId: anonymous.ideaId }));
    must(await bobSocket.send("vote.cast", { ideaId: anonymous.ideaId }));
    must(await bobSocket.send("vote.cast", { ideaId: anonymous.ideaId }));
    // A change after the votes, so that every frame the votes caused has arrived before it.
    await facilitate("timer.start", { seconds: 60 });
    await eventually(() => projector.doc.getMap("meta").get("timer"), { what: "the timer" });
    await eventually(
      () => (projector.doc.getMap("meta").get("timer") as { state: string }).state === "running",
      { what: "the running timer" },
    );

    framesBeforeReveal = projector.received.length;
    const replica = new Y.Doc();
    for (const update of updatesIn(projector.received.slice(0, framesBeforeReveal))) {
      Y.applyUpdate(replica, update);
      talliesWhileSecret.push(readTallies(replica));
    }
    await facilitate("votes.reveal", { revealed: true });
    await eventually(() => Object.keys(readTallies(projector.doc)).length > 0, {
      what: "the revealed tallies",
    });
  });

  afterAll(async () => {
    annSocket?.close();
    bobSocket?.close();
    projector?.destroy();
    await server.stop();
    removeDataDir(server.dataDir);
  });

  const participantSecrets = () => [ann.participantId, ann.token, bob.participantId, bob.token];

  it("[A1] holds the public ideas but never an anonymous author, a participant's id or a token", () => {
    const bytes = bytesOf(projector.received);
    expect(holds(bytes, TEXTS.anonymous)).toBe(true); // the check can see idea texts
    expect(holds(bytes, "Bob Voter")).toBe(true); // and names
    for (const secret of [
      "Annabel",
      "Secretname",
      ...participantSecrets(),
      workshop.facilitatorToken,
      workshop.projectorToken,
      workshop.organiserKey,
    ]) {
      expect(holds(bytes, secret), secret).toBe(false);
    }
  });

  it("[M1] never receives a held or pending idea", () => {
    const bytes = bytesOf(projector.received);
    expect(holds(bytes, TEXTS.held)).toBe(false);
    expect(holds(bytes, "07700 900123")).toBe(false);
    expect(holds(bytes, TEXTS.pending)).toBe(false);
  });

  it("[M2] loses a hidden idea: nothing after the hiding holds it, and its copy of the board does not", () => {
    expect(holds(bytesOf(projector.received.slice(0, framesBeforeHide)), TEXTS.hidden)).toBe(true);
    expect(holds(bytesOf(projector.received.slice(framesBeforeHide)), TEXTS.hidden)).toBe(false);
    expect(readIdeas(projector.doc).map((i) => i.text)).not.toContain(TEXTS.hidden);
  });

  it("[V3] carries no tally while the votes are secret, and the tallies once revealed", () => {
    expect(talliesWhileSecret.length).toBeGreaterThan(0);
    for (const tallies of talliesWhileSecret) expect(tallies).toEqual({});
    expect(Object.values(readTallies(projector.doc)).sort()).toEqual([1, 3]);
  });

  it("[A1] [M2] a projector that connects afterwards receives none of it at all", async () => {
    const late = await openBoard(server.url, workshop.workshopId, workshop.projectorToken);
    try {
      const bytes = bytesOf(late.received);
      expect(holds(bytes, TEXTS.named)).toBe(true);
      expect(holds(bytes, TEXTS.anonymous)).toBe(true);
      for (const secret of [
        TEXTS.hidden,
        TEXTS.held,
        TEXTS.pending,
        "Annabel",
        ...participantSecrets(),
      ]) {
        expect(holds(bytes, secret), secret).toBe(false);
      }
    } finally {
      late.destroy();
    }
  });
});
