import * as Y from "yjs";

/**
 * What a light client takes from a Yjs update without applying it to a
 * Y.Doc: the bench's idea markers, the entries of the maps it waits on
 * (tallies on our server, votes on the relay), which of those entries the
 * update deletes, and how far it advances each writer's clock (so the
 * client can send a real state vector when it reconnects).
 *
 * The server sends the same bytes to every peer, so one worker decodes each
 * distinct message once and every client in the worker applies the digest
 * to its own state; arrival is still taken per client, when its socket
 * delivers the frame.
 */

/** One write to a key of a root map: a value, or a placeholder whose content was deleted. */
export interface MapEntry {
  parent: string;
  key: string;
  /** `${client}:${clock}` */
  id: string;
  value: unknown;
}

export interface Digest {
  /** idea posts of the bench: run tag and sequence number, found in the idea's text */
  markers: { tag: string; seq: number }[];
  /** writes to watched maps, in update order */
  entries: MapEntry[];
  /** writes to watched maps that this update deletes */
  deletions: { parent: string; key: string; id: string }[];
  /** each writer's clock after this update */
  clocks: [number, number][];
}

/** Root maps whose entries light clients track. */
const WATCHED = new Set(["tallies", "votes"]);
/** Root maps whose writes are remembered, to find the key of a later write (it names only its origin). */
const KEYED = new Set(["ideas", "tallies", "votes"]);

/** A bench idea ends with "#b<tag><seq>", e.g. "#bs12" (letters never trip the safeguarding filter). */
const MARKER = /#b([a-z])(\d+)$/;

/** The text a bench post carries so that every client can tell when it arrived. */
export function markedText(text: string, tag: string, seq: number): string {
  return `${text} #b${tag}${seq}`;
}

const idOf = (client: number, clock: number) => `${client}:${clock}`;

export class UpdateDigests {
  /** every keyed write seen, so a write that names only its origin can be placed */
  readonly #keys = new Map<string, { parent: string; key: string }>();
  /** recent messages by length, compared byte for byte */
  readonly #recent = new Map<number, { bytes: Uint8Array; digest: Digest }[]>();
  readonly #order: number[] = [];

  /** The digest of an update, decoding it only if this worker has not seen the same bytes. */
  of(update: Uint8Array): Digest {
    const sameLength = this.#recent.get(update.length);
    if (sameLength) {
      for (const seen of sameLength) {
        if (Buffer.compare(seen.bytes, update) === 0) return seen.digest;
      }
    }
    const digest = this.#decode(update);
    const bucket = sameLength ?? [];
    // A copy: the socket's buffer may be a slice of a larger chunk.
    bucket.push({ bytes: update.slice(), digest });
    if (bucket.length > 8) bucket.shift();
    this.#recent.set(update.length, bucket);
    this.#order.push(update.length);
    // Forget old messages: a client is never more than a few messages behind the others.
    while (this.#order.length > 4096) {
      const length = this.#order.shift() as number;
      const old = this.#recent.get(length);
      old?.shift();
      if (old && old.length === 0) this.#recent.delete(length);
    }
    return digest;
  }

  #decode(update: Uint8Array): Digest {
    const { structs, ds } = Y.decodeUpdate(update);
    const digest: Digest = { markers: [], entries: [], deletions: [], clocks: [] };
    const clocks = new Map<number, number>();
    let unplaced: Y.Item[] = [];
    for (const struct of structs) {
      const end = struct.id.clock + struct.length;
      if (end > (clocks.get(struct.id.client) ?? 0)) clocks.set(struct.id.client, end);
      if (struct instanceof Y.Item) unplaced.push(struct);
    }
    // A write's key is in the write itself or in its origin, which may come later in
    // the same update (writers are encoded in client order): place until nothing moves.
    for (let pass = 0; unplaced.length > 0 && pass < 16; pass++) {
      const left: Y.Item[] = [];
      for (const item of unplaced) {
        const place = this.#place(item);
        if (place === undefined) left.push(item);
        else if (place !== null) this.#take(digest, item, place);
      }
      if (left.length === unplaced.length) break;
      unplaced = left;
    }
    for (const [client, ranges] of ds.clients) {
      for (const { clock, len } of ranges) {
        for (let c = clock; c < clock + len; c++) {
          const place = this.#keys.get(idOf(client, c));
          if (place && WATCHED.has(place.parent)) {
            digest.deletions.push({ ...place, id: idOf(client, c) });
          }
        }
      }
    }
    digest.clocks = [...clocks];
    return digest;
  }

  /** Parent and key of a root-map write; null when it is something else; undefined: not yet known. */
  #place(item: Y.Item): { parent: string; key: string } | null | undefined {
    if (typeof item.parent === "string") {
      return item.parentSub === null ? null : { parent: item.parent, key: item.parentSub };
    }
    if (item.origin) {
      const place = this.#keys.get(idOf(item.origin.client, item.origin.clock));
      return place ?? undefined;
    }
    return null;
  }

  #take(digest: Digest, item: Y.Item, place: { parent: string; key: string }): void {
    if (!KEYED.has(place.parent)) return;
    const id = idOf(item.id.client, item.id.clock);
    this.#keys.set(id, place);
    const value = item.content instanceof Y.ContentAny ? item.content.getContent()[0] : undefined;
    if (WATCHED.has(place.parent)) digest.entries.push({ ...place, id, value });
    if (place.parent === "ideas" && value && typeof value === "object" && "text" in value) {
      const match = MARKER.exec(String(value.text));
      if (match) digest.markers.push({ tag: match[1], seq: Number(match[2]) });
    }
  }
}
