/**
 * The command engine alone, without the network: how many durable posts a
 * second one core acks when nothing else competes for it. Run by hand:
 *
 *   npx tsx tests/bench/engine.ts [--attendees 1000] [--rounds 10]
 *
 * The real app (createApp) over a real SQLite file (WAL, synchronous=FULL)
 * in a temporary folder; every attendee has one post in flight at a time,
 * as the app sends them, and every post is parsed, authorised, applied,
 * committed (group commit), acked, and answered with the poster's own
 * state as the Socket.io layer would send it. Nothing goes over a socket,
 * so the difference to `npm run bench`'s `ackedCommandsPerSec` is what
 * Socket.io, the harness and sharing two cores cost. The last line is JSON.
 */
import { cpus } from "node:os";
import { commandId, join, removeDataDir, seedWorkshop, startServer } from "../helpers/server.js";
import type { Principal } from "../../server/engine/Principal.js";
import { loadAverage } from "./proc.js";

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
}

const attendees = option("attendees", 1000);
const rounds = option("rounds", 10);
const server = await startServer({ tuning: { rateLimit: { burst: 1000, perSecond: 1000 } } });
try {
  const workshop = await seedWorkshop(server, {
    phase: "brainstorm",
    settings: { ideasPerAttendee: 200 },
  });
  const { engine } = server.app;
  const people: Principal[] = [];
  for (let i = 0; i < attendees; i++) {
    const principal = engine.authenticate((await join(server, workshop.code, `P${i}`)).token);
    if (typeof principal === "string") throw new Error(principal);
    people.push(principal);
  }
  // What the Socket.io layer does after each commit: the poster's own state.
  engine.onSelfChanged((participantId) => JSON.stringify(engine.selfState(participantId)));

  const round = async (r: number): Promise<void> => {
    const results = await Promise.all(
      people.map((principal, i) =>
        engine.submit(principal, {
          id: commandId(),
          type: "idea.post",
          payload: {
            promptId: workshop.promptIds[0],
            text: `More youth workers on the street after school, round ${r}, person ${i}`,
            anonymous: i % 2 === 0,
          },
        }),
      ),
    );
    const refused = results.find((result) => !result.ok);
    if (refused) throw new Error(JSON.stringify(refused));
  };

  await round(-1); // warm-up
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let r = 0; r < rounds; r++) await round(r);
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const commands = attendees * rounds;
  console.log(
    JSON.stringify({
      attendees,
      commands,
      ackedCommandsPerSec: Math.round((commands / wallMs) * 1000),
      cpuUsPerCommand: Math.round((used.user + used.system) / commands),
      wallMs: Math.round(wallMs),
      machine: { nproc: cpus().length, node: process.version, load1: loadAverage() },
      date: new Date().toISOString(),
    }),
  );
} finally {
  await server.stop();
  removeDataDir(server.dataDir);
}
