import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { commandSchemas, COMMAND_TYPES, envelopeSchema } from "../../shared/commands.js";
import { docNames, readMeta } from "../../shared/board.js";
import { EVENTS, isErrorCode, type Result } from "../../shared/protocol.js";
import {
  connectSocket,
  eventually,
  join,
  removeDataDir,
  seedWorkshop,
  startServer,
  type CommandSocket,
  type SeededWorkshop,
  type TestServer,
} from "../helpers/server.js";

/** `npm test` runs a few hundred cases; `npm run fuzz` sets FUZZ_RUNS for the long run. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** Whether the engine should accept the envelope's shape at all, as it arrives (JSON on the wire). */
function wellFormed(sent: unknown): boolean {
  const json = JSON.stringify(sent);
  const envelope: unknown = json === undefined ? undefined : JSON.parse(json);
  const parsed = envelopeSchema.safeParse(envelope);
  if (!parsed.success) return false;
  const schema = (
    commandSchemas as Record<string, { safeParse(v: unknown): { success: boolean } }>
  )[parsed.data.type];
  return (
    Object.hasOwn(commandSchemas, parsed.data.type) && schema.safeParse(parsed.data.payload).success
  );
}

const anyKey = fc.oneof(
  fc.constantFrom(
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    "id",
    "type",
    "payload",
    "text",
  ),
  fc.string({ maxLength: 12 }),
);
const junk = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.anything({ maxDepth: 3, key: anyKey }),
    fc.dictionary(anyKey, tie("value"), { maxKeys: 4 }),
    fc.array(tie("value"), { maxLength: 4 }),
  ),
})).value;

/** Envelopes from pure junk to nearly valid commands with one field wrong. */
const envelopes = fc.oneof(
  junk,
  fc.record({
    id: fc.oneof(fc.uuid(), fc.string({ maxLength: 80 }), fc.integer()),
    type: fc.oneof(fc.constantFrom(...COMMAND_TYPES), fc.string({ maxLength: 20 })),
    payload: junk,
  }),
  fc.record({
    id: fc.uuid().map((u) => u.replace(/-/g, "")),
    type: fc.constantFrom(...COMMAND_TYPES),
    payload: fc.dictionary(
      fc.constantFrom(
        "ideaId",
        "promptId",
        "text",
        "clusterId",
        "phase",
        "seconds",
        "title",
        "settings",
        "target",
        "x",
      ),
      junk,
      { maxKeys: 3 },
    ),
  }),
);

/**
 * [F1] Generated commands from an attendee and a facilitator: the server
 * answers every one with a Result from the closed set of codes, refuses
 * every malformed one with invalid_payload or unknown_command without
 * changing anything, and stays up.
 */
describe("fuzzing commands", () => {
  let server: TestServer;
  let workshop: SeededWorkshop;
  const sockets: CommandSocket[] = [];

  beforeAll(async () => {
    server = await startServer({
      tuning: { rateLimit: { burst: 1e9, perSecond: 1e9 }, presenceMs: 1 },
    });
    workshop = await seedWorkshop(server, { phase: "brainstorm" });
    sockets.push(await connectSocket(server.url, (await join(server, workshop.code, "Ann")).token));
    sockets.push(await connectSocket(server.url, workshop.facilitatorToken));
    // The attendee's arrival is written to the board; let it land before states are compared.
    await eventually(() => readMeta(server.app.engine.board(workshop.workshopId))?.online === 1, {
      what: "the attendee counted online",
    });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.stop();
    removeDataDir(server.dataDir);
  });

  /** What a malformed command could have changed, cheaply: document states and log lengths. */
  function state(): string {
    return [docNames.board(workshop.workshopId), docNames.facilitation(workshop.workshopId)]
      .map((name) => {
        const doc = server.app.docs.open(name).doc;
        return `${Buffer.from(Y.encodeStateVector(doc)).toString("base64")}:${server.store.updateCount(name)}`;
      })
      .join("|");
  }

  it(
    `answers ${RUNS} generated commands with a clear Result and changes nothing on malformed ones`,
    { timeout: 30_000 + RUNS * 5 },
    async () => {
      let malformed = 0;
      await fc.assert(
        fc.asyncProperty(envelopes, fc.integer({ min: 0, max: 1 }), async (envelope, who) => {
          const before = state();
          const result: Result = await sockets[who].socket
            .timeout(5000)
            .emitWithAck(EVENTS.command, envelope);
          expect(typeof result.ok).toBe("boolean");
          if (result.ok) return;
          expect(isErrorCode(result.error.code)).toBe(true);
          expect(result.error.message.length).toBeGreaterThan(0);
          if (!wellFormed(envelope)) {
            malformed++;
            expect(["invalid_payload", "unknown_command"]).toContain(result.error.code);
            expect(state()).toBe(before);
          }
        }),
        { numRuns: RUNS },
      );
      console.log(`fuzz: ${RUNS} commands, ${malformed} malformed, all answered`);
      expect(malformed).toBeGreaterThan(RUNS / 2);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    },
  );
});
