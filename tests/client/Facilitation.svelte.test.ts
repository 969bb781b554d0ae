import { flushSync } from "svelte";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { BoardIdea } from "../../shared/board.js";
import {
  auditArray,
  FACILITATION,
  liveTalliesMap,
  queueMap,
  type QueuedIdea,
} from "../../shared/facilitation.js";
import { excerpt, Facilitation } from "../../client/lib/Facilitation.svelte.js";

function queued(id: string, createdAt: number, status: QueuedIdea["status"]): QueuedIdea {
  const idea: BoardIdea = {
    id,
    promptId: "prompt1",
    text: `idea ${id}`,
    authorName: null,
    createdAt,
    clusterId: null,
    merged: 0,
  };
  return { idea, status, matches: [] };
}

describe("Facilitation", () => {
  it("follows the queue, live tallies, audit trail and guidance", () => {
    const server = new Y.Doc();
    const browser = new Y.Doc();
    server.on("update", (update: Uint8Array) => Y.applyUpdate(browser, update));
    const facilitation = new Facilitation(browser);
    const seen: string[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        seen.push(
          [
            facilitation.queue.map((q) => `${q.idea.id}:${q.status}`).join(","),
            JSON.stringify(facilitation.tallies),
            facilitation.audit.length,
            facilitation.guidance,
          ].join(" | "),
        );
      });
    });
    flushSync();
    expect(seen.at(-1)).toBe(" | {} | 0 | ");

    server.transact(() => {
      queueMap(server).set("b", queued("b", 2, "pending"));
      queueMap(server).set("a", queued("a", 1, "held"));
      liveTalliesMap(server).set("c", 3);
      auditArray(server).push([{ at: 1, action: "votes revealed", ideaId: null, detail: "" }]);
      server.getMap(FACILITATION.meta).set("guidance", "Read the content note aloud.");
    });
    flushSync();
    expect(seen.at(-1)).toBe('a:held,b:pending | {"c":3} | 1 | Read the content note aloud.');
    stop();
  });

  it("hands out the same queue until the queue changes", () => {
    const doc = new Y.Doc();
    const facilitation = new Facilitation(doc);
    queueMap(doc).set("a", queued("a", 1, "pending"));
    const first = facilitation.queue;
    liveTalliesMap(doc).set("a", 1);
    expect(facilitation.queue).toBe(first);
    queueMap(doc).delete("a");
    expect(facilitation.queue).toEqual([]);
  });
});

describe("excerpt", () => {
  it("shortens long text at a word, and leaves short text alone", () => {
    expect(excerpt("Quiet rooms in A&E", 40)).toBe("Quiet rooms in A&E");
    expect(excerpt("Stop asking people to retell their story to every agency", 30)).toBe(
      "Stop asking people to retell…",
    );
    expect(excerpt("  spaced \n out  ", 40)).toBe("spaced out");
  });
});
