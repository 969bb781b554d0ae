import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";

/** y-websocket's outer message types. */
export const MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

/** A sync message carrying one update, ready to send to every peer as the same bytes. */
export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Sync step 2: the part of the document the peer lacks. */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.sync);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1: our state vector, asking a writable peer for what we lack. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.sync);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

/**
 * An awareness message announcing no clients. y-websocket applies it as a
 * no-op, and it counts as traffic for the client's 30 s silence timeout, so
 * it serves as the heartbeat without any per-attendee presence.
 */
export const HEARTBEAT: Uint8Array = (() => {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 0);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.awareness);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
})();

/** What a peer asked for, decoded far enough to decide; anything else is malformed. */
export type PeerMessage =
  | { kind: "syncStep1"; stateVector: Uint8Array }
  | { kind: "update"; update: Uint8Array }
  | { kind: "ignored" };

/**
 * Decodes one frame from a peer. Throws on a malformed frame (truncated,
 * unknown type, trailing bytes), which the endpoint answers by closing the
 * connection.
 */
export function decodePeerMessage(data: Uint8Array): PeerMessage {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  let message: PeerMessage;
  switch (type) {
    case MESSAGE.sync: {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        message = { kind: "syncStep1", stateVector: payload };
      } else if (
        syncType === syncProtocol.messageYjsSyncStep2 ||
        syncType === syncProtocol.messageYjsUpdate
      ) {
        message = { kind: "update", update: payload };
      } else {
        throw new Error(`unknown sync message type ${syncType}`);
      }
      break;
    }
    case MESSAGE.awareness:
      // Presence is counted by the server, never relayed between attendees.
      decoding.readVarUint8Array(decoder);
      message = { kind: "ignored" };
      break;
    case MESSAGE.queryAwareness:
      message = { kind: "ignored" };
      break;
    default:
      throw new Error(`unknown message type ${type}`);
  }
  if (decoding.hasContent(decoder)) throw new Error("trailing bytes after message");
  return message;
}
