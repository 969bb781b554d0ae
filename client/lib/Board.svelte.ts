import { createSubscriber } from "svelte/reactivity";
import type * as Y from "yjs";
import {
  ideasMap,
  metaMap,
  readIdeas,
  readMeta,
  type BoardIdea,
  type BoardMeta,
} from "../../shared/board.js";

/**
 * The board document, read-only, as Svelte sees it. Components read `meta`
 * and `ideas`; both follow the document live.
 *
 * Each is read from the document again only after its part changed (a phase
 * change does not re-sort a few thousand ideas), and kept as a plain value,
 * never a deep $state proxy: the board is replaced, never mutated in place.
 */
export class Board {
  readonly #doc: Y.Doc;
  readonly #subscribe: () => void;
  #meta: BoardMeta | null = null;
  #ideas: BoardIdea[] = [];
  #metaStale = true;
  #ideasStale = true;

  constructor(doc: Y.Doc) {
    this.#doc = doc;
    metaMap(doc).observe(() => (this.#metaStale = true));
    ideasMap(doc).observe(() => (this.#ideasStale = true));
    // Effects that read the board re-run after every update of the document.
    this.#subscribe = createSubscriber((update) => {
      doc.on("update", update);
      return () => doc.off("update", update);
    });
  }

  /** workshop-wide facts, or null until the first sync has delivered them */
  get meta(): BoardMeta | null {
    this.#subscribe();
    if (this.#metaStale) {
      this.#meta = readMeta(this.#doc);
      this.#metaStale = false;
    }
    return this.#meta;
  }

  /** every idea on the board, in the order they were posted */
  get ideas(): BoardIdea[] {
    this.#subscribe();
    if (this.#ideasStale) {
      this.#ideas = readIdeas(this.#doc);
      this.#ideasStale = false;
    }
    return this.#ideas;
  }
}
