import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readIdeas } from "../../shared/board.js";
import type { CommandPayload } from "../../shared/commands.js";
import {
  commandId,
  connectSocket,
  eventually,
  join,
  openBoard,
  removeDataDir,
  seedWorkshop,
  startServer,
  type CommandSocket,
  type DocClient,
  type SeededWorkshop,
  type TestServer,
} from "../helpers/server.js";
import { seededRandom } from "../helpers/random.js";

/**
 * [C1] Several attendees post while their sockets and document connections
 * drop and come back in a seeded random order; each keeps unacked commands
 * in an outbox and resends them with the same id. In the end every replica
 * equals the server's document and every command applied exactly once.
 */
describe("convergence under random disconnects", () => {
  let server: TestServer;
  let workshop: SeededWorkshop;

  beforeAll(async () => {
    server = await startServer({ tuning: { rateLimit: { burst: 1000, perSecond: 1000 } } });
    workshop = await seedWorkshop(server, {
      phase: "brainstorm",
      settings: { ideasPerAttendee: 200 },
    });
  });
  afterAll(async () => {
    await server.stop();
    removeDataDir(server.dataDir);
  });

  interface Attendee {
    token: string;
    socket: CommandSocket | null;
    board: DocClient;
    outbox: Map<string, CommandPayload<"idea.post">>;
    acked: Map<string, string>;
  }

  async function run(seed: number): Promise<void> {
    const random = seededRandom(seed);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
    const attendees: Attendee[] = [];
    for (let i = 0; i < 4; i++) {
      const { token } = await join(server, workshop.code, `Person ${i}`);
      attendees.push({
        token,
        socket: await connectSocket(server.url, token),
        board: await openBoard(server.url, workshop.workshopId, token),
        outbox: new Map(),
        acked: new Map(),
      });
    }
    const inFlight: Promise<void>[] = [];
    const problems: string[] = [];
    const send = (a: Attendee, id: string) => {
      const payload = a.outbox.get(id) ?? { promptId: workshop.promptIds[0], text: "replay" };
      const socket = a.socket;
      if (!socket) return;
      inFlight.push(
        socket.socket
          .timeout(1500)
          .emitWithAck("command", { id, type: "idea.post", payload })
          .then(
            (result: { ok: boolean; value?: { ideaId: string } }) => {
              const ideaId = result.value?.ideaId;
              const earlier = a.acked.get(id);
              if (!ideaId) return void problems.push(`${id} refused: ${JSON.stringify(result)}`);
              // A replay must answer exactly what the first send did.
              if (earlier && earlier !== ideaId)
                problems.push(`${id} answered ${ideaId}, then ${earlier}`);
              a.acked.set(id, ideaId);
              a.outbox.delete(id);
            },
            () => undefined, // lost with its socket: it stays in the outbox
          ),
      );
    };

    for (let step = 0; step < 60; step++) {
      const a = pick(attendees);
      const roll = random();
      if (roll < 0.45) {
        const id = commandId();
        a.outbox.set(id, { promptId: workshop.promptIds[0], text: `seed ${seed} step ${step}` });
        send(a, id);
      } else if (roll < 0.6) {
        if (a.board.provider.wsconnected) a.board.provider.disconnect();
        else void a.board.provider.connect();
      } else if (roll < 0.8) {
        if (a.socket) {
          a.socket.close();
          a.socket = null;
        } else {
          a.socket = await connectSocket(server.url, a.token);
          for (const id of a.outbox.keys()) send(a, id);
        }
      } else if (a.acked.size > 0) {
        send(a, pick([...a.acked.keys()]));
      }
      if (random() < 0.3) await new Promise((resolve) => setImmediate(resolve));
    }

    // Everyone comes back and empties their outbox.
    await Promise.all(inFlight);
    for (const a of attendees) {
      if (!a.board.provider.wsconnected) void a.board.provider.connect();
      a.socket ??= await connectSocket(server.url, a.token);
    }
    await eventually(
      async () => {
        for (const a of attendees) for (const id of a.outbox.keys()) send(a, id);
        await Promise.all(inFlight);
        return attendees.every((a) => a.outbox.size === 0);
      },
      { what: "every outbox to empty" },
    );

    expect(problems).toEqual([]);
    const serverDoc = server.app.engine.board(workshop.workshopId);
    const serverVector = Buffer.from(Y.encodeStateVector(serverDoc));
    for (const a of attendees) {
      await eventually(() => serverVector.equals(Buffer.from(Y.encodeStateVector(a.board.doc))), {
        what: `replica of seed ${seed} to converge`,
      });
      expect(readIdeas(a.board.doc)).toEqual(readIdeas(serverDoc));
    }
    const ideaIds = new Set(readIdeas(serverDoc).map((i) => i.id));
    for (const a of attendees) {
      for (const ideaId of a.acked.values()) expect(ideaIds.has(ideaId)).toBe(true);
    }
    // Exactly once: one idea per command id, however often it was sent.
    const mine = readIdeas(serverDoc).filter((i) => i.text.startsWith(`seed ${seed} `));
    const commands = attendees.reduce((n, a) => n + a.acked.size, 0);
    expect(mine).toHaveLength(commands);
    for (const a of attendees) {
      a.socket?.close();
      a.board.destroy();
    }
  }

  it.each([1, 7, 42, 2026])(
    "[C1] seed %i: every replica ends equal to the server",
    async (seed) => {
      await run(seed);
    },
  );
});
