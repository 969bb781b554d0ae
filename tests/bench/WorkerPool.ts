import type { Worker } from "node:worker_threads";
import { tsWorker } from "./tsWorker.js";
import type { ArgsOf, Op, OutcomeOf, Request, Response } from "./workerApi.js";

/**
 * The attendee workers, seen from the main thread: typed calls to one
 * worker or to all.
 */
export class WorkerPool {
  readonly size: number;
  readonly #workers: Worker[];
  readonly #pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  #next = 0;

  constructor(size: number) {
    this.size = size;
    this.#workers = Array.from({ length: size }, () => {
      const worker = tsWorker(new URL("./worker.ts", import.meta.url));
      worker.on("message", (response: Response) => {
        const pending = this.#pending.get(response.id);
        if (!pending) return;
        this.#pending.delete(response.id);
        if (response.ok) pending.resolve(response.value);
        else pending.reject(new Error(`worker: ${response.error}`));
      });
      worker.on("error", (error) => {
        for (const pending of this.#pending.values()) pending.reject(error);
        this.#pending.clear();
      });
      return worker;
    });
  }

  /** The worker that holds attendee `index`. */
  workerOf(index: number): number {
    return index % this.size;
  }

  call<K extends Op>(worker: number, op: K, args: ArgsOf<K>): Promise<OutcomeOf<K>> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#workers[worker].postMessage({ id, op, args } satisfies Request);
    });
  }

  /** The same call on every worker, outcomes in worker order. */
  all<K extends Op>(
    op: K,
    args: ArgsOf<K> | ((worker: number) => ArgsOf<K>),
  ): Promise<OutcomeOf<K>[]> {
    return Promise.all(
      this.#workers.map((_, w) =>
        this.call(w, op, typeof args === "function" ? (args as (w: number) => ArgsOf<K>)(w) : args),
      ),
    );
  }

  /** Splits items by the worker of their attendee index. */
  split<T extends { index: number }>(items: T[]): T[][] {
    const parts: T[][] = Array.from({ length: this.size }, () => []);
    for (const item of items) parts[this.workerOf(item.index)].push(item);
    return parts;
  }

  async terminate(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}
