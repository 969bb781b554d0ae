import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { cpuMs, mainThreadCpuNs, residentBytes } from "./proc.js";

/** The V8 heap as process.memoryUsage() reports it inside the child. */
export interface HeapSample {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/**
 * A server (ours, or the baseline relay) running as a child process: its
 * own event loop on its own core, measured from outside through /proc.
 */
export class ChildServer {
  readonly name: string;
  readonly process: ChildProcess;
  readonly #lines: ((line: string) => void)[] = [];
  readonly output: string[] = [];
  #exited = false;

  constructor(name: string, command: string, args: string[], env: NodeJS.ProcessEnv) {
    this.name = name;
    this.process = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    this.process.on("exit", () => (this.#exited = true));
    for (const stream of [this.process.stdout, this.process.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on("line", (line) => {
        if (process.env.BENCH_ECHO) console.log(`# ${name}: ${line}`);
        if (!line.startsWith("BENCH-")) {
          // Keep the last lines to show if the child dies; warnings are worth seeing.
          this.output.push(line);
          if (this.output.length > 200) this.output.shift();
        }
        for (const listener of [...this.#lines]) listener(line);
      });
    }
  }

  get pid(): number {
    if (this.process.pid === undefined) throw new Error(`${this.name} did not start`);
    return this.process.pid;
  }

  get exited(): boolean {
    return this.#exited;
  }

  /** Waits for an output line matching `pattern`; fails after `timeoutMs` or if the child exits. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const done = (error: Error | null, match?: RegExpExecArray) => {
        clearTimeout(timer);
        this.#lines.splice(this.#lines.indexOf(listener), 1);
        this.process.off("exit", onExit);
        if (error) reject(error);
        else resolve(match as RegExpExecArray);
      };
      const listener = (line: string) => {
        const match = pattern.exec(line);
        if (match) done(null, match);
      };
      const onExit = (code: number | null) =>
        done(new Error(`${this.name} exited (${code}):\n${this.output.slice(-20).join("\n")}`));
      const timer = setTimeout(
        () => done(new Error(`${this.name}: no line matching ${pattern} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.#lines.push(listener);
      this.process.on("exit", onExit);
    });
  }

  cpu(): { user: number; system: number; total: number } {
    return cpuMs(this.pid);
  }

  mainThreadCpuNs(): number {
    return mainThreadCpuNs(this.pid);
  }

  resident(): { rss: number; peak: number } {
    return residentBytes(this.pid);
  }

  /**
   * The live heap: the memory probe writes a heap snapshot (which collects
   * all garbage first) and reports the usage right after it.
   */
  async liveHeap(timeoutMs = 120_000): Promise<HeapSample & { snapshot: string | null }> {
    const line = this.waitForLine(/^BENCH-HEAP (.*)$/, timeoutMs);
    this.process.kill("SIGWINCH");
    return JSON.parse((await line)[1]) as HeapSample & { snapshot: string | null };
  }

  /** SIGTERM, then SIGKILL if it has not gone within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.#exited) return;
    const gone = new Promise<void>((resolve) => this.process.once("exit", () => resolve()));
    this.process.kill("SIGTERM");
    const timer = setTimeout(() => this.process.kill("SIGKILL"), graceMs);
    await gone;
    clearTimeout(timer);
  }
}
