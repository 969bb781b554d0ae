import { describe, expect, it } from "vitest";
import {
  allocateLanes,
  cardText,
  DENSITY_STEPS,
  layoutBoard,
  metricsFor,
  minFontFor,
  type Arrangement,
  type Box,
  type BoardLayout,
  type CardContent,
  type SectionContent,
} from "../../client/lib/projectorLayout.js";
import { layoutSpotlightCluster, layoutSpotlightIdea } from "../../client/lib/spotlightLayout.js";
import { monospaceMeasure, TextWrapper } from "../../client/lib/textWrap.js";
import { seededRandom } from "../helpers/random.js";

const wrap = new TextWrapper(monospaceMeasure(0.55));

/** Board areas as Projector.svelte leaves them: beside the join panel, full width, a spotlight. */
const SCREENS = [
  { name: "1080p beside the join panel", width: 1343, height: 884, viewportHeight: 1080 },
  { name: "1080p full width", width: 1823, height: 884, viewportHeight: 1080 },
  { name: "720p beside the join panel", width: 894, height: 589, viewportHeight: 720 },
  { name: "720p full width", width: 1215, height: 589, viewportHeight: 720 },
] as const;

function ideaTexts(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const words = ["trust", "local", "youth", "partners", "early", "information", "drop-in", "a"];
  return Array.from({ length: count }, () => {
    const length = random() < 0.1 ? 200 + random() * 80 : 15 + random() * 120;
    let text = "";
    while (text.length < length) text += `${words[Math.floor(random() * words.length)]} `;
    return text.trim();
  });
}

function sections(counts: number[], seed = 1, result = false): SectionContent[] {
  let next = 0;
  return counts.map((count, s) => ({
    id: `s${s}`,
    title: `Section ${s}: ${"a question worth asking ".repeat(1 + (s % 3))}`.trim(),
    note: String(count),
    cards: ideaTexts(count, seed * 100 + s).map((text, i): CardContent => ({
      id: `idea-${next++}`,
      text,
      byline: i % 3 === 0 ? "Asha Patel" : i % 3 === 1 ? null : "+2 similar",
      ...(result ? { result: { label: `=${i + 1}th`, votes: 10 - (i % 10), share: 0.5 } } : {}),
    })),
    emptyText: "Ideas appear here as they are posted.",
    ordered: result,
  }));
}

/** Every box on every page, with what it is. */
function boxesOf(layout: BoardLayout) {
  return layout.pages.map((page) =>
    page.sections.flatMap((section) => [
      ...section.headings.map((b) => ({ b: b as Box, what: `heading ${b.key}` })),
      ...section.notes.map((b) => ({ b: b as Box, what: `note ${b.key}` })),
      ...section.cards.map((b) => ({ b: b as Box, what: `card ${b.card.id}` })),
    ]),
  );
}

/** What must hold of any layout: inside the area, nothing overlapping, every card once. */
function expectSound(layout: BoardLayout, width: number, height: number, input: SectionContent[]) {
  const problems: string[] = [];
  for (const [p, boxes] of boxesOf(layout).entries()) {
    for (const { b, what } of boxes) {
      if (b.x < 0 || b.y < 0 || b.x + b.width > width || b.y + b.height > height) {
        problems.push(`page ${p}: ${what} leaves the area`);
      }
      if (b.width <= 0 || b.height <= 0) problems.push(`page ${p}: ${what} is empty`);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].b;
        const c = boxes[j].b;
        if (
          a.x < c.x + c.width &&
          c.x < a.x + a.width &&
          a.y < c.y + c.height &&
          c.y < a.y + a.height
        ) {
          problems.push(`page ${p}: ${boxes[i].what} overlaps ${boxes[j].what}`);
        }
      }
    }
  }
  expect(problems).toEqual([]);
  const placed = layout.pages.flatMap((page) =>
    page.sections.flatMap((section) => section.cards.map((c) => c.card.id)),
  );
  const wanted = input.flatMap((section) => section.cards.map((card) => card.id));
  expect([...placed].sort()).toEqual([...wanted].sort());
  // A card is as tall as its lines need, and no text smaller than the floor.
  for (const page of layout.pages) {
    for (const section of page.sections) {
      for (const placed of section.cards) {
        expect(placed.lines).toBeGreaterThanOrEqual(1);
      }
    }
  }
}

describe("layoutBoard", () => {
  for (const screen of SCREENS) {
    for (const arrangement of ["columns", "flow"] as Arrangement[]) {
      it(`fits 0 to 1,000 ideas in pages with no overlap: ${screen.name}, ${arrangement}`, () => {
        for (const [seed, counts] of [
          [1, [0]],
          [2, [0, 0, 0]],
          [3, [1]],
          [4, [3, 1, 0]],
          [5, [12, 9, 9]],
          [6, [30]],
          [7, [80, 5, 2, 1, 0, 12]],
          [8, [150, 150]],
          [9, [1000]],
          [10, [400, 300, 200, 100]],
        ] as [number, number[]][]) {
          const input = sections(counts, seed);
          const layout = layoutBoard({ ...screen, sections: input, arrangement, wrap });
          expectSound(layout, screen.width, screen.height, input);
          expect(layout.metrics.font).toBeGreaterThanOrEqual(minFontFor(screen.viewportHeight));
          expect(layout.metrics.metaFont).toBeGreaterThanOrEqual(minFontFor(screen.viewportHeight));
          expect(layout.truncated).toBe(0);
        }
      });
    }
  }

  it("never sets body text under 20 px at 720p (30 px at 1080p)", () => {
    expect(minFontFor(720)).toBe(20);
    expect(minFontFor(1080)).toBe(30);
    for (const step of DENSITY_STEPS) {
      expect(metricsFor(step, 720).font).toBeGreaterThanOrEqual(20);
      expect(metricsFor(step, 1080).font).toBeGreaterThanOrEqual(30);
    }
  });

  it("steps the type down as ideas arrive, and pages only at the smallest", () => {
    const screen = SCREENS[1];
    let last = Infinity;
    for (const count of [1, 3, 8, 15, 25, 40, 80, 200]) {
      const layout = layoutBoard({
        ...screen,
        sections: sections([count]),
        arrangement: "flow",
        wrap,
      });
      expect(layout.metrics.font).toBeLessThanOrEqual(last);
      last = layout.metrics.font;
      if (layout.pages.length > 1) {
        expect(layout.metrics.font).toBe(metricsFor(DENSITY_STEPS.at(-1)!, 1080).font);
      }
    }
    expect(
      layoutBoard({ ...screen, sections: sections([1]), arrangement: "flow", wrap }).metrics.font,
    ).toBe(metricsFor(DENSITY_STEPS[0], 1080).font);
    expect(last).toBe(metricsFor(DENSITY_STEPS.at(-1)!, 1080).font);
  });

  it("keeps prompts side by side, each under its own heading, while they fit on one page", () => {
    const screen = SCREENS[0];
    const input = sections([2, 1, 0]);
    const layout = layoutBoard({ ...screen, sections: input, arrangement: "columns", wrap });
    expect(layout.arrangement).toBe("columns");
    expect(layout.pages).toHaveLength(1);
    const [page] = layout.pages;
    expect(page.sections.map((s) => s.headings.length)).toEqual([1, 1, 1]);
    // The headings stand in a row, their rules level.
    const headings = page.sections.map((s) => s.headings[0]);
    expect(new Set(headings.map((h) => h.y + h.height)).size).toBe(1);
    expect(headings[0].x).toBeLessThan(headings[1].x);
    expect(headings[1].x).toBeLessThan(headings[2].x);
    // The empty prompt says so.
    expect(page.sections[2].notes[0].text).toBe("Ideas appear here as they are posted.");
  });

  it("gives a prompt with many ideas more columns than one with few", () => {
    expect(allocateLanes([10, 1, 0], 5)).toEqual([3, 1, 1]);
    expect(allocateLanes([1, 1], 4)).toEqual([1, 1]);
    expect(allocateLanes([0], 3)).toEqual([1]);
    expect(allocateLanes([6, 6], 4)).toEqual([2, 2]);
  });

  it("flows a board too full for one page into pages, repeating the heading where a section continues", () => {
    const screen = SCREENS[2];
    const input = sections([120, 40]);
    const layout = layoutBoard({ ...screen, sections: input, arrangement: "columns", wrap });
    expect(layout.arrangement).toBe("flow");
    expect(layout.pages.length).toBeGreaterThan(3);
    for (const page of layout.pages) {
      for (const section of page.sections) {
        if (section.cards.length === 0) continue;
        // Every column of cards on a page starts under its section's heading.
        const columns = new Set(section.cards.map((c) => c.x));
        const headed = new Set(section.headings.map((h) => h.x));
        for (const x of columns) expect(headed.has(x)).toBe(true);
      }
    }
    expect(
      layout.pages.some((p) => p.sections.some((s) => s.headings.some((h) => h.continued))),
    ).toBe(true);
  });

  it("keeps a ranking in order across columns and pages", () => {
    const screen = SCREENS[3];
    const input = sections([90], 3, true);
    const layout = layoutBoard({ ...screen, sections: input, arrangement: "flow", wrap });
    expectSound(layout, screen.width, screen.height, input);
    const order = layout.pages.flatMap((page) =>
      page.sections.flatMap((s) =>
        [...s.cards].sort((a, b) => a.x - b.x || a.y - b.y).map((c) => c.card.id),
      ),
    );
    expect(order).toEqual(input[0].cards.map((c) => c.id));
    expect(layout.rankWidth).toBeGreaterThan(0);
  });

  it("balances the columns of a board that fits on one page", () => {
    const screen = SCREENS[1];
    const input = sections([14]);
    const layout = layoutBoard({ ...screen, sections: input, arrangement: "flow", wrap });
    expect(layout.pages).toHaveLength(1);
    const bottoms = new Map<number, number>();
    for (const card of layout.pages[0].sections[0].cards) {
      bottoms.set(card.x, Math.max(bottoms.get(card.x) ?? 0, card.y + card.height));
    }
    // Every column is used, and none runs far below the others.
    expect(bottoms.size).toBeGreaterThan(1);
    const heights = [...bottoms.values()];
    expect(Math.max(...heights) - Math.min(...heights)).toBeLessThan(screen.height / 2);
  });

  it("sizes a card from its text and byline", () => {
    const m = metricsFor(DENSITY_STEPS.at(-1)!, 720);
    const card = { id: "a", text: "short", byline: "Asha Patel" };
    expect(cardText(card)).toBe("short — Asha Patel");
    const layout = layoutBoard({
      ...SCREENS[2],
      sections: [{ id: "s", title: null, cards: [card], emptyText: "" }],
      arrangement: "flow",
      wrap,
      steps: [DENSITY_STEPS.at(-1)!],
    });
    const [placed] = layout.pages[0].sections[0].cards;
    expect(placed.lines).toBe(1);
    expect(placed.height).toBe(2 * m.border + 2 * m.padY + m.lineHeight);
  });

  it("cuts short only a text that cannot fit a whole column, and says so", () => {
    const screen = SCREENS[2];
    const input: SectionContent[] = [
      {
        id: "s",
        title: "Long",
        cards: [{ id: "a", text: "word ".repeat(900).trim(), byline: null }],
        emptyText: "",
      },
    ];
    const layout = layoutBoard({ ...screen, sections: input, arrangement: "flow", wrap });
    expectSound(layout, screen.width, screen.height, input);
    expect(layout.truncated).toBe(1);
  });

  it("lays out a thousand ideas in a few milliseconds", () => {
    const input = sections([400, 300, 300], 42);
    layoutBoard({ ...SCREENS[0], sections: input, arrangement: "columns", wrap }); // warm the cache
    const started = performance.now();
    for (let i = 0; i < 10; i++) {
      layoutBoard({ ...SCREENS[0], sections: input, arrangement: "columns", wrap });
    }
    expect((performance.now() - started) / 10).toBeLessThan(40);
  });

  it("lays out nothing before the area is measured", () => {
    const layout = layoutBoard({
      width: 0,
      height: 0,
      viewportHeight: 720,
      sections: sections([3]),
      arrangement: "flow",
      wrap,
    });
    expect(layout.pages).toEqual([]);
  });
});

describe("spotlight", () => {
  it("shows a short idea large on a card its own size, centred", () => {
    const l = layoutSpotlightIdea({
      text: "More youth clubs",
      metaLines: 1,
      width: 1823,
      height: 884,
      viewportHeight: 1080,
      wrap,
    });
    expect(l.font).toBe(Math.round(1080 * 0.11));
    expect(l.lines).toBe(1);
    expect(l.card.width).toBeLessThan(1823);
    expect(l.card.x).toBe(Math.floor((1823 - l.card.width) / 2));
    expect(l.card.y + l.card.height).toBeLessThanOrEqual(884);
  });

  it("sets a long idea smaller, within the area", () => {
    for (const [width, height, viewportHeight] of [
      [1823, 884, 1080],
      [894, 589, 720],
    ]) {
      const l = layoutSpotlightIdea({
        text: "a long idea about trust ".repeat(12).trim(),
        metaLines: 2,
        width,
        height,
        viewportHeight,
        wrap,
      });
      expect(l.font).toBeLessThan(Math.round(viewportHeight * 0.11));
      expect(l.font).toBeGreaterThanOrEqual(minFontFor(viewportHeight));
      const needed = wrap.lines(
        "a long idea about trust ".repeat(12).trim(),
        l.card.width - 2 * l.padX - 2 * l.border,
        l.font,
        true,
      );
      expect(l.lines).toBe(needed);
      expect(l.card.y).toBeGreaterThanOrEqual(0);
      expect(l.card.y + l.card.height).toBeLessThanOrEqual(height);
    }
  });

  it("shows a cluster's title over its ideas, larger than on the board when they are few", () => {
    const input = ["More youth clubs", "Drop-in at the library", "Named officer"].map(
      (text, i) => ({ id: `i${i}`, text, byline: null }),
    );
    const l = layoutSpotlightCluster({
      title: "Trusted local contacts (3 ideas)",
      cards: input,
      emptyText: "None",
      width: 1823,
      height: 884,
      viewportHeight: 1080,
      wrap,
    });
    expect(l.titleLines).toBe(1);
    expect(l.board.metrics.font).toBeGreaterThan(metricsFor(DENSITY_STEPS[0], 1080).font);
    expectSound(l.board, 1823, 884 - l.titleHeight, [
      { id: "spotlight", title: null, cards: input, emptyText: "" },
    ]);
  });
});
