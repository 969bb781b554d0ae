import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";

/**
 * The y-websocket protocol as a light client speaks it: no Y.Doc, only the
 * frames. Outer message 0 is sync (step 1, step 2, update), 1 awareness.
 */

const MESSAGE_SYNC = 0;

/** Sync step 1 with the state vector the client holds (empty: send me everything). */
export function syncStep1(stateVector: Map<number, number>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(stateVector));
  return encoding.toUint8Array(encoder);
}

/** Sync step 2 answering a peer's state vector (the relay's answer). */
export function syncStep2(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An update message, as a writer sends it and as a relay forwards it. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export type Frame =
  | { kind: "step1"; stateVector: Uint8Array }
  | { kind: "step2" | "update"; update: Uint8Array }
  | { kind: "other" };

/** Reads one frame far enough to act on it; awareness and heartbeats are "other". */
export function readFrame(data: Uint8Array): Frame {
  const decoder = decoding.createDecoder(data);
  if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return { kind: "other" };
  const type = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  switch (type) {
    case syncProtocol.messageYjsSyncStep1:
      return { kind: "step1", stateVector: payload };
    case syncProtocol.messageYjsSyncStep2:
      return { kind: "step2", update: payload };
    case syncProtocol.messageYjsUpdate:
      return { kind: "update", update: payload };
    default:
      return { kind: "other" };
  }
}
