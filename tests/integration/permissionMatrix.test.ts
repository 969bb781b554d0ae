import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMAND_TYPES, type CommandPayload, type CommandType } from "../../shared/commands.js";
import { PERMISSIONS, refusal } from "../../shared/permissions.js";
import { EVENTS, type Result } from "../../shared/protocol.js";
import { PHASES } from "../../shared/workshop.js";
import { readMeta } from "../../shared/board.js";
import {
  commandId,
  connectSocket,
  eventually,
  join,
  must,
  post,
  removeDataDir,
  seedWorkshop,
  startServer,
  type CommandSocket,
  type SeededWorkshop,
  type TestServer,
} from "../helpers/server.js";
import { fingerprint } from "../helpers/state.js";

/** A well-formed payload for every command, aimed at ids that need not exist. */
const SAMPLES: { [T in CommandType]: CommandPayload<T> } = {
  "summit.create": { name: "Another summit" },
  "workshop.create": { title: "Another", prompts: ["Why?"] },
  "summit.update": { name: "Renamed summit" },
  "summit.archive": { archived: true },
  "summit.delete": {},
  "workshop.rotate-links": { workshopId: "unknownworkshop" },
  "workshop.delete": { workshopId: "unknownworkshop" },
  "workshop.update": { title: "Renamed" },
  "settings.update": { settings: { votesPerAttendee: 4 } },
  "participant.join": { code: "000000" },
  "phase.set": { phase: "vote" },
  "timer.start": { seconds: 60 },
  "timer.pause": {},
  "timer.resume": {},
  "timer.extend": { seconds: 60 },
  "timer.stop": {},
  "idea.post": { promptId: "unknownprompt", text: "matrix" },
  "idea.edit": { ideaId: "unknownidea", text: "matrix" },
  "idea.withdraw": { ideaId: "unknownidea" },
  "idea.approve": { ideaIds: ["unknownidea"] },
  "idea.hide": { ideaId: "unknownidea" },
  "idea.restore": { ideaId: "unknownidea" },
  "idea.delete": { ideaId: "unknownidea" },
  "idea.correct": { ideaId: "unknownidea", text: "matrix" },
  "idea.merge": { ideaId: "unknownidea", intoId: "otheridea" },
  "vote.cast": { ideaId: "unknownidea" },
  "vote.retract": { ideaId: "unknownidea" },
  "votes.reveal": { revealed: false },
  "votes.reset": {},
  "cluster.create": { title: "matrix" },
  "cluster.rename": { clusterId: "unknowncluster", title: "x" },
  "cluster.dissolve": { clusterId: "unknowncluster" },
  "cluster.merge": { clusterId: "unknowncluster", intoId: "othercluster" },
  "cluster.reorder": { clusterId: "unknowncluster", index: 0 },
  "cluster.move-idea": { ideaId: "unknownidea", clusterId: null },
  "clusters.apply": { groups: [{ title: "matrix", ideaIds: ["unknownidea"] }] },
  "spotlight.set": { target: null },
};

type Sender = "none" | "attendee" | "projector" | "facilitator" | "other facilitator" | "organiser";
const SENDERS: Sender[] = [
  "none",
  "attendee",
  "projector",
  "other facilitator",
  "facilitator",
  "organiser",
];

/**
 * [P1] [P2] [P3] Every command, from every role (no token, attendee,
 * projector, facilitator, a facilitator of another workshop, organiser), in
 * every phase: a refusal
 * from the permissions table comes with its code and changes nothing. A
 * facilitator of another workshop is a facilitator there, not here.
 */
describe("the role x phase x command matrix", () => {
  let server: TestServer;
  let workshop: SeededWorkshop;
  let other: { facilitatorToken: string };
  const sockets = new Map<Sender, CommandSocket>();

  beforeAll(async () => {
    server = await startServer({
      tuning: { rateLimit: { burst: 10_000, perSecond: 10_000 }, presenceMs: 1 },
    });
    workshop = await seedWorkshop(server);
    other = must(
      await post(server.url, workshop.organiserKey, "workshop.create", {
        title: "Other room",
        prompts: ["?"],
      }),
    );
    const attendee = await join(server, workshop.code, "Ann");
    const tokens: Record<Sender, string | undefined> = {
      none: undefined,
      attendee: attendee.token,
      projector: workshop.projectorToken,
      facilitator: workshop.facilitatorToken,
      "other facilitator": other.facilitatorToken,
      organiser: workshop.organiserKey,
    };
    for (const sender of SENDERS) {
      sockets.set(sender, await connectSocket(server.url, tokens[sender]));
    }
    // The attendee's arrival is written to the board; let it land before fingerprints are taken.
    await eventually(() => readMeta(server.app.engine.board(workshop.workshopId))?.online === 1, {
      what: "the attendee counted online",
    });
  });
  afterAll(async () => {
    for (const socket of sockets.values()) socket.close();
    await server.stop();
    removeDataDir(server.dataDir);
  });

  // The other workshop's facilitator has its own test below: its commands act on its own room.
  const HERE: Exclude<Sender, "other facilitator">[] = [
    "none",
    "attendee",
    "projector",
    "facilitator",
    "organiser",
  ];
  const matrix = PHASES.flatMap((phase) =>
    COMMAND_TYPES.flatMap((type) => HERE.map((sender) => [phase, type, sender] as const)),
  );

  it(`refuses with the table's code, and changes nothing, in all ${matrix.length} cases`, async () => {
    let refusals = 0;
    for (const phase of PHASES) {
      must(await post(server.url, workshop.facilitatorToken, "phase.set", { phase }));
      must(await post(server.url, workshop.facilitatorToken, "timer.stop", {}));
      for (const type of COMMAND_TYPES) {
        for (const sender of HERE) {
          const expected = refusal(type, sender, sender === "none" ? null : phase);
          if (!expected && sender !== "attendee") continue; // allowed: other suites cover effects
          const before = fingerprint(server, workshop.workshopId);
          const result: Result = await sockets
            .get(sender)!
            .socket.timeout(5000)
            .emitWithAck(EVENTS.command, { id: commandId(), type, payload: SAMPLES[type] });
          const where = `${type} by ${sender} in ${phase}`;
          if (expected) {
            refusals++;
            expect(result, where).toMatchObject({ ok: false, error: { code: expected } });
            expect(fingerprint(server, workshop.workshopId), where).toBe(before);
          }
        }
      }
    }
    expect(refusals).toBeGreaterThan(500);
  });

  it.each(COMMAND_TYPES.filter((t) => PERMISSIONS[t].facilitator))(
    "a facilitator of another workshop cannot %s here",
    async (type) => {
      // Their token names their own workshop; commands act on it, never on this one.
      const before = fingerprint(server, workshop.workshopId);
      await sockets.get("other facilitator")!.send(type, SAMPLES[type] as never);
      expect(fingerprint(server, workshop.workshopId)).toBe(before);
    },
  );

  it("[P3] attendees cluster only in the cluster phase of a workshop that allows it", async () => {
    const attendee = sockets.get("attendee")!;
    must(await post(server.url, workshop.facilitatorToken, "phase.set", { phase: "cluster" }));
    expect(await attendee.send("cluster.create", { title: "ours" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    must(
      await post(server.url, workshop.facilitatorToken, "settings.update", {
        settings: { attendeesMayCluster: true },
      }),
    );
    expect(await attendee.send("cluster.create", { title: "ours" })).toMatchObject({ ok: true });
    expect(await attendee.send("cluster.dissolve", { clusterId: "whatever1" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
  });
});
