import { readFileSync } from "node:fs";

/**
 * What /proc tells about another process on Linux, read without its help:
 * CPU time (all threads), CPU time of its main thread (the event loop, in
 * nanoseconds, precise enough for one fresh sync), and resident memory.
 */

/** Clock ticks per second of /proc/<pid>/stat (`getconf CLK_TCK`; 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** User and system CPU milliseconds of every thread of `pid` (10 ms resolution). */
export function cpuMs(pid: number): { user: number; system: number; total: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name is in parentheses and may hold spaces: fields count from after it.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const user = (Number(fields[11]) * 1000) / TICKS_PER_SECOND;
  const system = (Number(fields[12]) * 1000) / TICKS_PER_SECOND;
  return { user, system, total: user + system };
}

/** Nanoseconds the main thread of `pid` has spent on a CPU (scheduler accounting). */
export function mainThreadCpuNs(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").split(" ")[0]);
}

/** Resident set size and its peak, in bytes. */
export function residentBytes(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1]);
  return { rss: kb("VmRSS") * 1024, peak: kb("VmHWM") * 1024 };
}

/** Load average over the last minute, to tell a quiet machine from a busy one. */
export function loadAverage(): number {
  return Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
}
