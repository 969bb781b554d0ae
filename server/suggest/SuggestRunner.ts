import { Worker } from "node:worker_threads";
import type {
  GroupsOut,
  IdeaText,
  SimilarOut,
  WorkerRequest,
  WorkerResponse,
} from "./workerProtocol.js";

type Pending = { resolve: (value: GroupsOut | SimilarOut) => void; reject: (e: Error) => void };
type Call = WorkerRequest extends infer R
  ? R extends WorkerRequest
    ? Omit<R, "id">
    : never
  : never;

/**
 * The suggestion worker seen from the main thread. The worker starts on
 * the first request and stops after a quiet spell, so a server whose
 * facilitators never ask for suggestions pays nothing for them; it never
 * keeps the process alive.
 */
export class SuggestRunner {
  #worker: Worker | null = null;
  #idle: NodeJS.Timeout | null = null;
  #next = 0;
  readonly #pending = new Map<number, Pending>();
  readonly #idleMs: number;

  constructor(options: { idleMs?: number } = {}) {
    this.#idleMs = options.idleMs ?? 5 * 60_000;
  }

  suggest(ideas: IdeaText[], threshold: number): Promise<GroupsOut> {
    return this.#call({ op: "suggest", ideas, threshold }) as Promise<GroupsOut>;
  }

  similar(ideas: IdeaText[], ideaId: string, limit: number): Promise<SimilarOut> {
    return this.#call({ op: "similar", ideas, ideaId, limit }) as Promise<SimilarOut>;
  }

  async close(): Promise<void> {
    if (this.#idle) clearTimeout(this.#idle);
    const worker = this.#worker;
    this.#worker = null;
    if (worker) await worker.terminate();
  }

  #call(call: Call): Promise<GroupsOut | SimilarOut> {
    const worker = this.#start();
    if (this.#idle) clearTimeout(this.#idle);
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ ...call, id } as WorkerRequest);
    });
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = spawn();
    worker.unref();
    worker.on("message", (response: WorkerResponse) => {
      const pending = this.#pending.get(response.id);
      if (!pending) return;
      this.#pending.delete(response.id);
      if (response.ok) pending.resolve(response.value);
      else pending.reject(new Error(`suggestion worker: ${response.error}`));
      if (this.#pending.size === 0) this.#scheduleStop();
    });
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = null;
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (this.#worker === worker) fail(new Error(`suggestion worker exited (${code})`));
    });
    this.#worker = worker;
    return worker;
  }

  #scheduleStop(): void {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = setTimeout(() => void this.close(), this.#idleMs);
    this.#idle.unref();
  }
}

/**
 * The worker from the built server (worker.js), or from the sources under
 * tsx or vitest (worker.ts), which a worker thread does not inherit.
 */
function spawn(): Worker {
  const fromSource = import.meta.url.endsWith(".ts");
  const entry = new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url);
  if (!fromSource) return new Worker(entry);
  const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true });
}
