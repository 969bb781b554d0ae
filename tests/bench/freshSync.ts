import WebSocket from "ws";
import * as Y from "yjs";
import { docNames } from "../../shared/board.js";
import { PROTOCOL_VERSION, YJS_PARAMS, YJS_PATH } from "../../shared/protocol.js";
import { now } from "./clock.js";
import { readFrame, syncStep1 } from "./yjsWire.js";

export interface FreshSync {
  /** the whole document, as the server sent it in sync step 2 */
  update: Uint8Array;
  /** each writer's clock in it */
  clocks: [number, number][];
  /** from opening the socket to step 2 */
  ms: number;
}

/**
 * One fresh sync of a workshop's board, as a new phone does it: connect,
 * send an empty state vector, take step 2. Nothing is decoded on the way,
 * so the harness spends next to nothing while the server works.
 */
export function freshSync(
  url: string,
  workshopId: string,
  token: string,
  timeoutMs = 30_000,
): Promise<FreshSync> {
  const params = new URLSearchParams({
    [YJS_PARAMS.token]: token,
    [YJS_PARAMS.protocolVersion]: String(PROTOCOL_VERSION),
  });
  const address = `${url.replace(/^http/, "ws")}${YJS_PATH}/${encodeURIComponent(docNames.board(workshopId))}?${params}`;
  const started = now();
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(address, { perMessageDeflate: false });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`fresh sync of ${workshopId}: no step 2 in ${timeoutMs} ms`));
    }, timeoutMs);
    ws.on("open", () => ws.send(syncStep1(new Map())));
    ws.on("message", (data: Buffer) => {
      const frame = readFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (frame.kind !== "step2") return;
      const ms = now() - started;
      clearTimeout(timer);
      ws.close();
      const update = frame.update.slice();
      const clocks = [...Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))];
      resolve({ update, clocks, ms });
    });
    ws.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    ws.on("close", (code, reason) => {
      clearTimeout(timer);
      reject(new Error(`fresh sync of ${workshopId}: closed ${code} ${String(reason)}`));
    });
  });
}

/** The board in a fresh sync, as a Y.Doc (to check what clients hold against it). */
export function boardOf(sync: FreshSync): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, sync.update);
  return doc;
}
