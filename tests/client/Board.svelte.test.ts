import { flushSync } from "svelte";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { BOARD, type BoardIdea, type BoardMeta } from "../../shared/board.js";
import { DEFAULT_SETTINGS } from "../../shared/workshop.js";
import { Board } from "../../client/lib/Board.svelte.js";

// Only the fields the Board reads; the rest of the board's shape is not its business.
const meta = {
  workshopId: "workshop1",
  title: "Funding that lasts",
  code: "123456",
  phase: "lobby",
  prompts: [{ id: "prompt1", text: "How do we keep projects going?" }],
  settings: DEFAULT_SETTINGS,
} satisfies Partial<BoardMeta>;

function idea(id: string, createdAt: number) {
  return { id, promptId: "prompt1", text: `idea ${id}`, createdAt } satisfies Partial<BoardIdea>;
}

const metaMap = (doc: Y.Doc) => doc.getMap<unknown>(BOARD.meta);
const ideasMap = (doc: Y.Doc) => doc.getMap<Partial<BoardIdea>>(BOARD.ideas);

/** A copy of the board as a browser receives it: updates from another replica. */
function replicaPair(): { server: Y.Doc; browser: Y.Doc } {
  const server = new Y.Doc();
  const browser = new Y.Doc();
  server.on("update", (update: Uint8Array) => Y.applyUpdate(browser, update));
  return { server, browser };
}

describe("Board", () => {
  it("follows the document: effects re-run when meta or ideas change", () => {
    const { server, browser } = replicaPair();
    const board = new Board(browser);
    const seen: { phase: string | null; ideas: string[] }[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        seen.push({ phase: board.meta?.phase ?? null, ideas: board.ideas.map((i) => i.id) });
      });
    });
    flushSync();
    expect(seen.at(-1)).toEqual({ phase: null, ideas: [] });

    server.transact(() => {
      for (const [key, value] of Object.entries(meta)) metaMap(server).set(key, value);
    });
    flushSync();
    expect(seen.at(-1)).toEqual({ phase: "lobby", ideas: [] });

    ideasMap(server).set("b", idea("b", 2));
    ideasMap(server).set("a", idea("a", 1));
    metaMap(server).set("phase", "brainstorm");
    flushSync();
    expect(seen.at(-1)).toEqual({ phase: "brainstorm", ideas: ["a", "b"] });
    stop();
  });

  it("hands out the same ideas array until the ideas change", () => {
    const { server, browser } = replicaPair();
    const board = new Board(browser);
    ideasMap(server).set("a", idea("a", 1));
    const first = board.ideas;
    metaMap(server).set("phase", "vote");
    expect(board.ideas).toBe(first);
    ideasMap(server).set("b", idea("b", 2));
    expect(board.ideas).not.toBe(first);
    expect(board.ideas.map((i) => i.id)).toEqual(["a", "b"]);
  });
});
