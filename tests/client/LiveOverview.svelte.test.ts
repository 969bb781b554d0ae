import { flushSync } from "svelte";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { BOARD, type BoardIdea } from "../../shared/board.js";
import { liveTalliesMap, queueMap, type QueuedIdea } from "../../shared/facilitation.js";
import { STOPPED } from "../../shared/timer.js";
import { DEFAULT_SETTINGS } from "../../shared/workshop.js";
import { Board } from "../../client/lib/Board.svelte.js";
import { Facilitation } from "../../client/lib/Facilitation.svelte.js";
import { LiveOverview, type Room } from "../../client/lib/LiveOverview.svelte.js";

function idea(id: string): BoardIdea {
  return {
    id,
    promptId: "p1",
    text: id,
    authorName: null,
    createdAt: 1,
    clusterId: null,
    merged: 0,
  };
}

function queued(id: string, status: QueuedIdea["status"]): QueuedIdea {
  return { idea: idea(id), status, matches: [] };
}

/** One workshop's documents as the server writes them, and a Room that reads them. */
function fakeRoom(workshopId: string) {
  const board = new Y.Doc();
  const facilitation = new Y.Doc();
  board.getMap(BOARD.meta).set("workshopId", workshopId);
  for (const [key, value] of Object.entries({
    title: workshopId,
    code: "123456",
    phase: "brainstorm",
    prompts: [{ id: "p1", text: "Why?" }],
    settings: DEFAULT_SETTINGS,
    votesRevealed: false,
    timer: STOPPED,
    spotlight: null,
    contentNote: null,
    online: 0,
  })) {
    board.getMap(BOARD.meta).set(key, value);
  }
  let destroyed = false;
  const room: Room = {
    status: { state: "online" },
    board: new Board(board),
    facilitation: new Facilitation(facilitation),
    destroy: () => (destroyed = true),
  };
  return { board, facilitation, room, destroyed: () => destroyed };
}

describe("LiveOverview", () => {
  it("opens a room per workshop, closes the rooms of workshops that went, and counts live", () => {
    const rooms = new Map<string, ReturnType<typeof fakeRoom>>();
    const overview = new LiveOverview((id) => {
      const room = fakeRoom(id);
      rooms.set(id, room);
      return room.room;
    });
    const seen: string[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        const a = overview.activity("workshopA");
        const t = overview.totals;
        seen.push(
          `${a?.meta?.online ?? "-"}/${a?.ideas ?? "-"}/${a?.pending ?? "-"}+${a?.held ?? "-"}/${a?.votes ?? "-"} | ${t.online} ${t.ideas} ${t.waiting} ${t.votes}`,
        );
      });
    });
    flushSync();
    expect(seen.at(-1)).toBe("-/-/-+-/- | 0 0 0 0");

    overview.follow(["workshopA", "workshopB"]);
    flushSync();
    expect([...rooms.keys()]).toEqual(["workshopA", "workshopB"]);
    expect(seen.at(-1)).toBe("0/0/0+0/0 | 0 0 0 0");

    const a = rooms.get("workshopA")!;
    a.board.getMap(BOARD.meta).set("online", 3);
    a.board.getMap<BoardIdea>(BOARD.ideas).set("i1", idea("i1"));
    a.board.getMap<BoardIdea>(BOARD.ideas).set("i2", idea("i2"));
    queueMap(a.facilitation).set("q1", queued("q1", "pending"));
    queueMap(a.facilitation).set("q2", queued("q2", "held"));
    queueMap(a.facilitation).set("q3", queued("q3", "hidden"));
    liveTalliesMap(a.facilitation).set("i1", 4);
    liveTalliesMap(a.facilitation).set("i2", 1);
    rooms.get("workshopB")!.board.getMap(BOARD.meta).set("online", 2);
    flushSync();
    // Hidden ideas are not waiting for anyone; every dot counts, revealed or not.
    expect(seen.at(-1)).toBe("3/2/1+1/5 | 5 2 2 5");

    // The same workshops again: nothing reopens.
    overview.follow(["workshopB", "workshopA"]);
    expect(rooms.size).toBe(2);

    overview.follow(["workshopA"]);
    flushSync();
    expect(rooms.get("workshopB")!.destroyed()).toBe(true);
    expect(seen.at(-1)).toBe("3/2/1+1/5 | 3 2 2 5");

    overview.destroy();
    expect(rooms.get("workshopA")!.destroyed()).toBe(true);
    flushSync();
    expect(seen.at(-1)).toBe("-/-/-+-/- | 0 0 0 0");
    stop();
  });
});
