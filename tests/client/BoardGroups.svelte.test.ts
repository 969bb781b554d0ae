import { flushSync } from "svelte";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { BOARD, type BoardCluster } from "../../shared/board.js";
import { BoardGroups } from "../../client/lib/BoardGroups.svelte.js";

/** A copy of the board as a browser receives it: updates from another replica. */
function replicaPair(): { server: Y.Doc; browser: Y.Doc } {
  const server = new Y.Doc();
  const browser = new Y.Doc();
  server.on("update", (update: Uint8Array) => Y.applyUpdate(browser, update));
  return { server, browser };
}

const cluster = (id: string, order: number): BoardCluster => ({ id, title: `group ${id}`, order });

describe("BoardGroups", () => {
  it("follows the clusters in their order and the tallies once they are public", () => {
    const { server, browser } = replicaPair();
    const groups = new BoardGroups(browser);
    const seen: { clusters: string[]; tallies: Record<string, number> }[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        seen.push({ clusters: groups.clusters.map((c) => c.id), tallies: groups.tallies });
      });
    });
    flushSync();
    expect(seen.at(-1)).toEqual({ clusters: [], tallies: {} });

    server.getMap<BoardCluster>(BOARD.clusters).set("b", cluster("b", 1));
    server.getMap<BoardCluster>(BOARD.clusters).set("a", cluster("a", 0));
    flushSync();
    expect(seen.at(-1)).toEqual({ clusters: ["a", "b"], tallies: {} });

    server.getMap<number>(BOARD.tallies).set("idea1", 3);
    flushSync();
    expect(seen.at(-1)).toEqual({ clusters: ["a", "b"], tallies: { idea1: 3 } });
    stop();
  });

  it("hands out the same clusters until the clusters change", () => {
    const { server, browser } = replicaPair();
    const groups = new BoardGroups(browser);
    server.getMap<BoardCluster>(BOARD.clusters).set("a", cluster("a", 0));
    const first = groups.clusters;
    server.getMap<number>(BOARD.tallies).set("idea1", 1);
    expect(groups.clusters).toBe(first);
    server.getMap<BoardCluster>(BOARD.clusters).set("b", cluster("b", 1));
    expect(groups.clusters).not.toBe(first);
  });
});
