import fc from "fast-check";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docNames } from "../../shared/board.js";
import { PROTOCOL_VERSION, YJS_CLOSE, YJS_PATH } from "../../shared/protocol.js";
import {
  join,
  openBoard,
  removeDataDir,
  seedWorkshop,
  startServer,
  type SeededWorkshop,
  type TestServer,
} from "../helpers/server.js";

const RUNS = Math.max(50, Math.round(Number(process.env.FUZZ_RUNS ?? 300) / 5));

/** Frames from random bytes to well-typed messages with broken bodies. */
const frames = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc
    .tuple(
      fc.constantFrom(0, 1, 2, 3),
      fc.constantFrom(0, 1, 2, 7),
      fc.uint8Array({ maxLength: 48 }),
    )
    .map(([type, sub, rest]) => Uint8Array.from([type, sub, ...rest])),
  fc
    .tuple(
      fc.constantFrom(0),
      fc.constantFrom(1, 2),
      fc.uint8Array({ minLength: 1, maxLength: 40 }),
    )
    .map(([type, sub, update]) => Uint8Array.from([type, sub, update.length, ...update])),
);

/**
 * [F2] Malformed Yjs frames from a read-only attendee and from a writable
 * facilitator: the connection is closed or the frame ignored, the server
 * stays up, and the board never changes.
 */
describe("fuzzing the Yjs endpoint", () => {
  let server: TestServer;
  let workshop: SeededWorkshop;
  let attendeeToken: string;

  beforeAll(async () => {
    server = await startServer();
    workshop = await seedWorkshop(server, { phase: "brainstorm" });
    attendeeToken = (await join(server, workshop.code, "Ann")).token;
  });
  afterAll(async () => {
    await server.stop();
    removeDataDir(server.dataDir);
  });

  it(
    `survives ${RUNS} generated frames per connection kind without changing the board`,
    { timeout: 30_000 + RUNS * 5 },
    async () => {
      const board = server.app.docs.open(docNames.board(workshop.workshopId)).doc;
      const before = Buffer.from(Y.encodeStateAsUpdate(board)).toString("base64");
      const targets = [
        [docNames.board(workshop.workshopId), attendeeToken],
        [docNames.notes(workshop.workshopId), workshop.facilitatorToken],
      ] as const;
      for (const [doc, token] of targets) {
        let ws: WebSocket | null = null;
        const open = async () => {
          const socket = new WebSocket(
            `${server.url.replace("http", "ws")}${YJS_PATH}/${encodeURIComponent(doc)}?token=${token}&v=${PROTOCOL_VERSION}`,
          );
          await new Promise((resolve, reject) => {
            socket.once("open", resolve);
            socket.once("error", reject);
          });
          return socket;
        };
        await fc.assert(
          fc.asyncProperty(frames, async (frame) => {
            if (!ws || ws.readyState !== WebSocket.OPEN) ws = await open();
            const socket = ws;
            const closed = new Promise<number>((resolve) => socket.once("close", resolve));
            socket.send(frame);
            // A ping after the frame: its pong proves the frame was handled and the connection lived.
            const pong = new Promise<string>((resolve) =>
              socket.once("pong", () => resolve("alive")),
            );
            socket.ping();
            const outcome = await Promise.race([pong, closed]);
            if (outcome !== "alive") expect([YJS_CLOSE.malformed, 1006]).toContain(outcome);
          }),
          { numRuns: RUNS },
        );
        (ws as WebSocket | null)?.close();
      }
      expect(Buffer.from(Y.encodeStateAsUpdate(board)).toString("base64")).toBe(before);
      console.log(`fuzz: ${RUNS} Yjs frames on each of ${targets.length} connection kinds`);
      const check = await openBoard(server.url, workshop.workshopId, attendeeToken);
      check.destroy();
    },
  );
});
