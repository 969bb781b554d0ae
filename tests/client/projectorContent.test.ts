import { describe, expect, it } from "vitest";
import { create } from "qrcode";
import type { BoardCluster, BoardIdea, BoardMeta } from "../../shared/board.js";
import { STOPPED } from "../../shared/timer.js";
import { DEFAULT_SETTINGS, type Phase } from "../../shared/workshop.js";
import {
  clusterSections,
  ideaDetails,
  joinHost,
  ordinal,
  placeLabel,
  promptSections,
  resultSections,
  screenOf,
  spotlightContent,
  UNCLUSTERED_ID,
} from "../../client/lib/projectorContent.js";
import { qrShape } from "../../client/lib/qrCode.js";

function meta(overrides: Partial<BoardMeta> = {}): BoardMeta {
  return {
    workshopId: "workshop1",
    title: "Funding that lasts",
    code: "123456",
    phase: "brainstorm",
    prompts: [
      { id: "p1", text: "How do we keep projects going?" },
      { id: "p2", text: "Who else should fund this?" },
    ],
    settings: DEFAULT_SETTINGS,
    votesRevealed: false,
    timer: STOPPED,
    spotlight: null,
    contentNote: null,
    online: 0,
    ...overrides,
  };
}

function idea(id: string, overrides: Partial<BoardIdea> = {}): BoardIdea {
  return {
    id,
    promptId: "p1",
    text: `idea ${id}`,
    authorName: null,
    createdAt: Number(id.replace(/\D/g, "")) || 0,
    clusterId: null,
    merged: 0,
    ...overrides,
  };
}

const clusters: BoardCluster[] = [
  { id: "c1", title: "Trust", order: 0 },
  { id: "c2", title: "Money", order: 1 },
];

describe("the projector's screens", () => {
  it("follows the phase, and shows results only once the tallies are public", () => {
    const screens = (
      ["lobby", "brainstorm", "cluster", "vote", "discuss", "closed"] as Phase[]
    ).map((phase) => screenOf(meta({ phase })));
    expect(screens).toEqual(["lobby", "brainstorm", "board", "board", "board", "board"]);
    expect(screenOf(meta({ phase: "vote", votesRevealed: true }))).toBe("results");
    expect(screenOf(meta({ phase: "discuss", votesRevealed: true }))).toBe("results");
    expect(screenOf(meta({ phase: "closed", votesRevealed: true }))).toBe("results");
    expect(screenOf(meta({ phase: "cluster", votesRevealed: true }))).toBe("board");
    const live = { ...DEFAULT_SETTINGS, liveResults: true };
    expect(screenOf(meta({ phase: "vote", settings: live }))).toBe("results");
  });
});

describe("sections", () => {
  it("puts ideas under their prompts in the order they came, with author and merges", () => {
    const ideas = [
      idea("i1", { authorName: "Asha" }),
      idea("i2", { promptId: "p2", merged: 2 }),
      idea("i3", { authorName: "Ben", merged: 1 }),
    ];
    const sections = promptSections(meta().prompts, ideas);
    expect(sections.map((s) => [s.title, s.note, s.cards.map((c) => c.id)])).toEqual([
      ["How do we keep projects going?", "2", ["i1", "i3"]],
      ["Who else should fund this?", "1", ["i2"]],
    ]);
    expect(sections[0].cards.map((c) => c.byline)).toEqual(["Asha", "Ben · +1 similar"]);
    expect(ideaDetails(idea("x"))).toBeNull();
  });

  it("groups ideas by cluster, then the ones in none (or in a cluster that has gone)", () => {
    const ideas = [
      idea("i1", { clusterId: "c2" }),
      idea("i2"),
      idea("i3", { clusterId: "c1" }),
      idea("i4", { clusterId: "gone" }),
    ];
    const sections = clusterSections(clusters, ideas);
    expect(sections.map((s) => [s.id, s.title, s.cards.map((c) => c.id)])).toEqual([
      ["c1", "Trust", ["i3"]],
      ["c2", "Money", ["i1"]],
      [UNCLUSTERED_ID, "Not grouped yet", ["i2", "i4"]],
    ]);
    expect(clusterSections([], []).map((s) => [s.title, s.cards.length])).toEqual([["Ideas", 0]]);
    expect(clusterSections(clusters, [idea("i1", { clusterId: "c1" })]).map((s) => s.id)).toEqual([
      "c1",
      "c2",
    ]);
  });

  it("[R2] ranks clusters and voted ideas, shows ties as ties, and counts the rest", () => {
    const ideas = [
      idea("i1", { clusterId: "c1" }),
      idea("i2", { clusterId: "c2" }),
      idea("i3", { clusterId: "c2" }),
      idea("i4"),
      idea("i5"),
    ];
    const tallies = { i1: 3, i2: 3, i3: 1, i4: 0 };
    const [groups, ranked, rest] = resultSections(clusters, ideas, tallies);
    expect(groups.cards.map((c) => [c.text, c.result?.label, c.result?.votes])).toEqual([
      ["Money", "1st", 4],
      ["Trust", "2nd", 3],
    ]);
    expect(groups.cards[0].byline).toBe("2 ideas");
    expect(ranked.cards.map((c) => [c.id, c.result?.label, c.result?.share])).toEqual([
      ["i1", "=1st", 1],
      ["i2", "=1st", 1],
      ["i3", "3rd", 1 / 3],
    ]);
    expect(ranked.ordered).toBe(true);
    expect(rest.emptyText).toBe("2 other ideas had no votes.");
    // Without clusters there is no cluster ranking; without votes, nothing is ranked yet.
    const [only] = resultSections([], ideas, {});
    expect(only.cards).toEqual([]);
    expect(only.emptyText).toBe("No votes yet.");
  });

  it("names places in English", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].map(ordinal)).toEqual([
      "1st",
      "2nd",
      "3rd",
      "4th",
      "11th",
      "12th",
      "13th",
      "21st",
      "22nd",
      "23rd",
      "101st",
      "111th",
      "112th",
    ]);
    expect(placeLabel(2, true)).toBe("=2nd");
    expect(placeLabel(2, false)).toBe("2nd");
  });
});

describe("spotlight", () => {
  const ideas = [idea("i1", { clusterId: "c1", authorName: "Asha" }), idea("i2")];

  it("shows the spotlit idea with its author, cluster and, once public, its votes", () => {
    const hidden = spotlightContent(
      meta({ spotlight: { kind: "idea", id: "i1" } }),
      ideas,
      clusters,
      {},
    );
    expect(hidden).toMatchObject({ kind: "idea", details: ["Asha", "In “Trust”"] });
    const shown = spotlightContent(
      meta({ spotlight: { kind: "idea", id: "i1" }, votesRevealed: true }),
      ideas,
      clusters,
      { i1: 1 },
    );
    expect(shown).toMatchObject({ details: ["Asha", "In “Trust” · 1 vote"] });
  });

  it("shows a spotlit cluster with its ideas, and nothing for a target that is not on the board", () => {
    const cluster = spotlightContent(
      meta({ spotlight: { kind: "cluster", id: "c1" } }),
      ideas,
      clusters,
      {},
    );
    expect(cluster?.kind === "cluster" && cluster.ideas.map((i) => i.id)).toEqual(["i1"]);
    expect(
      spotlightContent(meta({ spotlight: { kind: "idea", id: "hidden" } }), ideas, clusters, {}),
    ).toBeNull();
    expect(spotlightContent(meta(), ideas, clusters, {})).toBeNull();
  });
});

describe("joining", () => {
  it("tells people the host to type the code into", () => {
    expect(joinHost("https://roundtable.example.org/join/123456")).toBe("roundtable.example.org");
    expect(joinHost("http://127.0.0.1:3000/join/123456")).toBe("127.0.0.1:3000");
  });

  it("draws the QR code of the join address, module for module, inside a quiet zone", () => {
    const url = "https://roundtable.example.org/join/123456";
    const { modules } = create(url, { errorCorrectionLevel: "M" });
    const shape = qrShape(url);
    expect(shape.size).toBe(modules.size + 8);
    const dark = new Set<string>();
    for (const [, x, y, w] of shape.path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
      for (let i = 0; i < Number(w); i++) dark.add(`${Number(x) + i - 4},${Number(y) - 4}`);
    }
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        expect(dark.has(`${col},${row}`)).toBe(modules.get(row, col) !== 0);
      }
    }
  });
});
