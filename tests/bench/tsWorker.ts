import { Worker } from "node:worker_threads";

/**
 * A worker thread running a TypeScript module through tsx: a worker does
 * not inherit the loader `npx tsx` registered for the main thread (Node 20).
 */
export function tsWorker(module: URL, workerData?: unknown): Worker {
  const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
