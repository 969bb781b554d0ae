import type { ChildServer } from "./ChildServer.js";
import { now } from "./clock.js";
import { loadAverage } from "./proc.js";
import { r1 } from "./stats.js";
import type { WorkerPool } from "./WorkerPool.js";

export interface Options {
  clients: number;
  workers: number;
  /** attendees holding a full Y.Doc with the real provider */
  full: number;
  posts: number;
  postRate: number;
  joinSpreadMs: number;
  throughputAttendees: number;
  throughputPerAttendee: number;
  freshRounds: number;
  seed: number;
  /** run only the room's scenarios or only the durable ones */
  only: "room" | "durable" | null;
  /** write a V8 CPU profile of the server to this folder */
  profileDir: string | null;
}

/** A workshop the harness made, with what it needs to drive it. */
export interface Workshop {
  workshopId: string;
  code: string;
  facilitatorToken: string;
  promptId: string;
}

/** CPU and event-loop load of one phase, on each side. */
export interface PhaseLoad {
  /** on the monotonic clock (clock.ts), to cut a phase out of a CPU profile */
  startedAt: number;
  wallMs: number | null;
  serverCpuMs: number | null;
  /** the part of serverCpuMs spent in the kernel (sockets, fsync) */
  serverSystemMs: number | null;
  relayCpuMs: number | null;
  harnessCpuMs: number | null;
  /** event-loop utilisation of each attendee worker, 0-1 */
  workerElu: (number | null)[];
  /** Yjs frames all light clients received, and the harness's CPU per frame */
  framesIn: number;
  harnessUsPerFrame: number | null;
  load1: number;
}

/** Everything a scenario needs: the servers, the workers, the workshops and the organiser key. */
export interface Bench {
  options: Options;
  server: ChildServer;
  relay: ChildServer;
  url: string;
  relayUrl: string;
  pool: WorkerPool;
  organiserKey: string;
  dataDir: string;
  room: Workshop;
  log(line: string): void;
  phases: Record<string, PhaseLoad>;
}

/** Runs `fn` as a named phase and records its wall time and the CPU each side spent on it. */
export async function phase<T>(bench: Bench, name: string, fn: () => Promise<T>): Promise<T> {
  bench.log(`${name}...`);
  await bench.pool.all("load", {});
  const serverBefore = bench.server.cpu();
  const relayBefore = bench.relay.cpu().total;
  const harnessBefore = process.cpuUsage();
  const started = now();
  const value = await fn();
  const harness = process.cpuUsage(harnessBefore);
  const serverAfter = bench.server.cpu();
  const loads = await bench.pool.all("load", {});
  const load: PhaseLoad = {
    startedAt: Math.round(started),
    wallMs: r1(now() - started),
    serverCpuMs: r1(serverAfter.total - serverBefore.total),
    serverSystemMs: r1(serverAfter.system - serverBefore.system),
    relayCpuMs: r1(bench.relay.cpu().total - relayBefore),
    harnessCpuMs: r1((harness.user + harness.system) / 1000),
    workerElu: loads.map((l) => Math.round(l.elu * 100) / 100),
    framesIn: loads.reduce((n, l) => n + l.messages, 0),
    harnessUsPerFrame: null,
    load1: loadAverage(),
  };
  if (load.framesIn > 0 && load.harnessCpuMs !== null) {
    load.harnessUsPerFrame = r1((load.harnessCpuMs * 1000) / load.framesIn);
  }
  bench.phases[name] = load;
  bench.log(
    `${name}: ${load.wallMs} ms; cpu server ${load.serverCpuMs} ms (kernel ${load.serverSystemMs}), relay ${load.relayCpuMs} ms, ` +
      `harness ${load.harnessCpuMs} ms; worker loops ${load.workerElu.join(", ")}; ` +
      `${load.framesIn} frames in`,
  );
  return value;
}
