import { createSubscriber } from "svelte/reactivity";
import type * as Y from "yjs";
import {
  clustersMap,
  readClusters,
  readTallies,
  talliesMap,
  type BoardCluster,
} from "../../shared/board.js";

/**
 * The board's clusters and vote tallies, read-only, following the document
 * live, beside `Board` (meta and ideas). Like it, each part is read again
 * only after it changed and handed out as a plain value.
 */
export class BoardGroups {
  readonly #doc: Y.Doc;
  readonly #subscribe: () => void;
  #clusters: BoardCluster[] = [];
  #tallies: Record<string, number> = {};
  #clustersStale = true;
  #talliesStale = true;

  constructor(doc: Y.Doc) {
    this.#doc = doc;
    clustersMap(doc).observe(() => (this.#clustersStale = true));
    talliesMap(doc).observe(() => (this.#talliesStale = true));
    this.#subscribe = createSubscriber((update) => {
      doc.on("update", update);
      return () => doc.off("update", update);
    });
  }

  /** clusters in their order */
  get clusters(): BoardCluster[] {
    this.#subscribe();
    if (this.#clustersStale) {
      this.#clusters = readClusters(this.#doc);
      this.#clustersStale = false;
    }
    return this.#clusters;
  }

  /** votes per idea id; empty while the votes are secret */
  get tallies(): Record<string, number> {
    this.#subscribe();
    if (this.#talliesStale) {
      this.#tallies = readTallies(this.#doc);
      this.#talliesStale = false;
    }
    return this.#tallies;
  }
}
