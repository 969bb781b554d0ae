import { parentPort } from "node:worker_threads";
import { AnalysisCache } from "./AnalysisCache.js";
import type { WorkerRequest, WorkerResponse } from "./workerProtocol.js";

/**
 * The suggestion worker: runs the pipeline off the server's main thread, so
 * a 1,000-idea analysis never blocks the event loop that serves the room.
 */
const cache = new AnalysisCache();

parentPort?.on("message", (request: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    const value =
      request.op === "suggest"
        ? cache.suggest(request.ideas, request.threshold)
        : cache.similar(request.ideas, request.ideaId, request.limit);
    response = { id: request.id, ok: true, value };
  } catch (error) {
    response = { id: request.id, ok: false, error: String(error) };
  }
  parentPort?.postMessage(response);
});
