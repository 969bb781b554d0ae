import type {
  BoardLayout,
  BoardLayoutInput,
  CardContent,
  LayoutPage,
  Metrics,
  PageSection,
  PlacedCard,
  PlacedHeading,
  PlacedNote,
  SectionContent,
} from "./projectorLayout.js";
import type { TextWrapper } from "./textWrap.js";

/**
 * The two ways projectorLayout.ts places cards at one density: prompts side
 * by side in columns of their own, or sections flowing down the columns
 * one after another. Both only place; choosing the density is the caller's.
 */

/** The lines a heading may take before it is cut short. */
const HEADING_LINES = { columns: 3, flow: 3, continued: 1 } as const;

/**
 * In the flow, when the next card does not fit at the foot of a column, a
 * card this many places further on may take the space instead (not in
 * ordered sections such as rankings).
 */
const LOOKAHEAD = 8;

/** How many columns of at least the minimum width fit across `width`. */
export function laneCount(width: number, m: Metrics): number {
  return Math.max(1, Math.floor((width + m.laneGap) / (m.minLaneWidth + m.laneGap)));
}

/**
 * Columns for each section: one each, and the spare ones to the sections
 * with the most cards per column (never more columns than cards).
 */
export function allocateLanes(counts: readonly number[], lanes: number): number[] {
  const alloc = counts.map(() => 1);
  for (let spare = lanes - counts.length; spare > 0; spare--) {
    let best = -1;
    let bestLoad = 1;
    counts.forEach((count, i) => {
      const load = count / alloc[i];
      if (count > alloc[i] && load > bestLoad) {
        best = i;
        bestLoad = load;
      }
    });
    if (best < 0) break;
    alloc[best] += 1;
  }
  return alloc;
}

interface Sized {
  height: number;
  lines: number;
  truncated: boolean;
}

function cardSize(
  card: CardContent,
  laneWidth: number,
  maxHeight: number,
  m: Metrics,
  wrap: TextWrapper,
  rankWidth: number,
): Sized {
  const chrome = 2 * m.border + 2 * m.padY + (card.result ? m.barGap + m.metaLineHeight : 0);
  const textWidth =
    laneWidth - 2 * m.border - 2 * m.padX - (card.result ? rankWidth + m.rankGap : 0);
  const wanted = wrap.lines(cardText(card), textWidth, m.font);
  const room = Math.max(1, Math.floor((maxHeight - chrome) / m.lineHeight));
  const lines = Math.min(wanted, room);
  return { height: chrome + lines * m.lineHeight, lines, truncated: wanted > lines };
}

/** A card's text as it wraps: the text, then its byline after a dash. */
export function cardText(card: CardContent): string {
  return card.byline === null ? card.text : `${card.text} — ${card.byline}`;
}

function headingText(section: SectionContent): string {
  return section.note ? `${section.title} (${section.note})` : (section.title ?? "");
}

/** The height a heading takes, its margin below included. */
function headingBlock(lines: number, m: Metrics): number {
  return lines * m.headingLineHeight + m.headingPad + m.headingRule + m.headingMargin;
}

function rankWidthOf(sections: SectionContent[], m: Metrics, wrap: TextWrapper): number {
  let widest = 0;
  for (const section of sections) {
    for (const card of section.cards) {
      if (card.result) widest = Math.max(widest, wrap.width(card.result.label, m.font, true));
    }
  }
  return widest > 0 ? Math.ceil(widest) + 2 : 0;
}

/** Collects what goes on each page, keeping the sections in their order. */
class Pages {
  readonly #pages: Map<string, PageSection>[] = [];

  section(page: number, section: SectionContent): PageSection {
    while (this.#pages.length <= page) this.#pages.push(new Map());
    const sections = this.#pages[page];
    let found = sections.get(section.id);
    if (!found) {
      found = { id: section.id, title: section.title, headings: [], cards: [], notes: [] };
      sections.set(section.id, found);
    }
    return found;
  }

  get count(): number {
    return this.#pages.length;
  }

  done(): LayoutPage[] {
    return this.#pages.map((sections) => ({ sections: [...sections.values()] }));
  }
}

/** Each section in its own columns on every page; null when there are more sections than columns. */
export function arrangeInColumns(
  input: BoardLayoutInput,
  m: Metrics,
  maxPages: number,
): BoardLayout | null {
  const { sections, width, height, wrap } = input;
  const lanes = laneCount(width, m);
  if (sections.length > lanes) return null;
  const alloc = allocateLanes(
    sections.map((s) => s.cards.length),
    lanes,
  );
  const used = alloc.reduce((a, b) => a + b, 0);
  const laneWidth = Math.floor((width - (used - 1) * m.laneGap) / used);
  const spanOf = (n: number) => n * laneWidth + (n - 1) * m.laneGap;
  const rankWidth = rankWidthOf(sections, m, wrap);

  // One heading height for all, so that the first cards and the rules line up.
  const headingLines = sections.map((s, i) =>
    s.title === null
      ? 0
      : Math.min(
          HEADING_LINES.columns,
          wrap.lines(headingText(s), spanOf(alloc[i]), m.headingFont, true),
        ),
  );
  const maxHeadingLines = Math.max(...headingLines);
  const top = maxHeadingLines > 0 ? headingBlock(maxHeadingLines, m) : 0;
  const room = height - top;

  // Each section's cards, page by page.
  const placed: PlacedCard[][][] = [];
  let truncated = 0;
  let x = 0;
  for (const [i, section] of sections.entries()) {
    // The bottom of each column's last card; -gap while empty, so the next one goes at 0.
    const bottoms = new Array<number>(alloc[i]).fill(-m.gap);
    const own: PlacedCard[][] = [[]];
    for (const card of section.cards) {
      const size = cardSize(card, laneWidth, room, m, wrap, rankWidth);
      if (size.truncated) truncated += 1;
      let lane = bottoms.indexOf(Math.min(...bottoms));
      let y = bottoms[lane] + m.gap;
      if (y + size.height > room) {
        if (own.length >= maxPages) return null;
        own.push([]);
        bottoms.fill(-m.gap);
        lane = 0;
        y = 0;
      }
      own[own.length - 1].push({
        x: x + lane * (laneWidth + m.laneGap),
        y: top + y,
        width: laneWidth,
        height: size.height,
        card,
        lines: size.lines,
      });
      bottoms[lane] = y + size.height;
    }
    placed.push(own);
    x += spanOf(alloc[i]) + m.laneGap;
  }

  // Every section shows its heading on every page, and says why it has no cards there.
  const pageCount = Math.max(...placed.map((own) => own.length));
  const pages: LayoutPage[] = [];
  for (let page = 0; page < pageCount; page++) {
    x = 0;
    const shown: PageSection[] = sections.map((section, i) => {
      const span = spanOf(alloc[i]);
      const cards = placed[i][page] ?? [];
      const headings: PlacedHeading[] =
        section.title === null
          ? []
          : [
              {
                key: `${section.id}:0`,
                x,
                y: 0,
                width: span,
                height: top - m.headingMargin,
                text: section.title,
                note: section.note,
                lines: headingLines[i],
                continued: false,
              },
            ];
      const notes: PlacedNote[] = [];
      if (cards.length === 0) {
        const text =
          section.cards.length === 0 ? section.emptyText : (section.doneText ?? "No more here.");
        const lines = Math.min(
          Math.max(1, Math.floor(room / m.lineHeight)),
          wrap.lines(text, span, m.font),
        );
        notes.push({
          key: `${section.id}:note`,
          x,
          y: top,
          width: span,
          height: lines * m.lineHeight,
          text,
          lines,
        });
      }
      x += span + m.laneGap;
      return { id: section.id, title: section.title, headings, cards, notes };
    });
    pages.push({ sections: shown });
  }
  return {
    metrics: m,
    arrangement: "columns",
    laneWidth,
    rankWidth,
    pages,
    truncated,
  };
}

/** Sections one after another down the columns, `height` high; null past `maxPages`. */
export function arrangeInFlow(
  input: BoardLayoutInput,
  m: Metrics,
  height: number,
  maxPages: number,
): BoardLayout | null {
  const { sections, width, wrap } = input;
  const lanes = laneCount(width, m);
  const laneWidth = Math.floor((width - (lanes - 1) * m.laneGap) / lanes);
  const rankWidth = rankWidthOf(sections, m, wrap);
  const continuedHeight = headingBlock(HEADING_LINES.continued, m);

  const pages = new Pages();
  let truncated = 0;
  let page = 0;
  let lane = 0;
  // The bottom of the last thing in the current column; 0 while it is empty.
  let y = 0;
  const laneX = () => lane * (laneWidth + m.laneGap);
  const nextLane = (): boolean => {
    lane += 1;
    if (lane === lanes) {
      lane = 0;
      page += 1;
    }
    y = 0;
    return page < maxPages;
  };

  for (const section of sections) {
    const titled = section.title !== null;
    const headingLines = titled
      ? Math.min(
          HEADING_LINES.flow,
          wrap.lines(headingText(section), laneWidth, m.headingFont, true),
        )
      : 0;
    const headingHeight = titled ? headingBlock(headingLines, m) : 0;
    // A card must fit under the tallest heading it can have in an empty column.
    const cardRoom = height - Math.max(headingHeight, titled ? continuedHeight : 0);
    const noteLines = wrap.lines(section.emptyText, laneWidth, m.font);
    const firstHeight = section.cards.length
      ? cardSize(section.cards[0], laneWidth, cardRoom, m, wrap, rankWidth).height
      : noteLines * m.lineHeight;

    let top = y === 0 ? 0 : y + m.sectionGap;
    if (y > 0 && top + headingHeight + firstHeight > height) {
      if (!nextLane()) return null;
      top = 0;
    }
    if (titled) {
      pages.section(page, section).headings.push({
        key: `${section.id}:${lane}`,
        x: laneX(),
        y: top,
        width: laneWidth,
        height: headingHeight - m.headingMargin,
        text: section.title!,
        note: section.note,
        lines: headingLines,
        continued: false,
      });
    }
    y = top + headingHeight;
    if (section.cards.length === 0) {
      pages.section(page, section).notes.push({
        key: `${section.id}:note`,
        x: laneX(),
        y,
        width: laneWidth,
        height: noteLines * m.lineHeight,
        text: section.emptyText,
        lines: noteLines,
      });
      y += noteLines * m.lineHeight;
      continue;
    }
    const sizes = section.cards.map(() => null as Sized | null);
    const sizeOf = (index: number): Sized =>
      (sizes[index] ??= cardSize(section.cards[index], laneWidth, cardRoom, m, wrap, rankWidth));
    const waiting = section.cards.map((_, index) => index);
    const lookahead = section.ordered ? 0 : LOOKAHEAD;
    // Right under a heading a card needs no gap above it.
    let underHeading = true;
    while (waiting.length > 0) {
      let cardY = underHeading ? y : y + m.gap;
      let pick = -1;
      for (let k = 0; k <= Math.min(lookahead, waiting.length - 1); k++) {
        if (cardY + sizeOf(waiting[k]).height <= height) {
          pick = k;
          break;
        }
      }
      if (pick < 0) {
        if (!nextLane()) return null;
        if (titled) {
          pages.section(page, section).headings.push({
            key: `${section.id}:${lane}`,
            x: laneX(),
            y: 0,
            width: laneWidth,
            height: continuedHeight - m.headingMargin,
            text: section.title!,
            note: section.note,
            lines: HEADING_LINES.continued,
            continued: true,
          });
        }
        y = titled ? continuedHeight : 0;
        cardY = y;
        pick = 0;
      }
      const [index] = waiting.splice(pick, 1);
      const size = sizeOf(index);
      if (size.truncated) truncated += 1;
      pages.section(page, section).cards.push({
        x: laneX(),
        y: cardY,
        width: laneWidth,
        height: size.height,
        card: section.cards[index],
        lines: size.lines,
      });
      y = cardY + size.height;
      underHeading = false;
    }
  }
  return { metrics: m, arrangement: "flow", laneWidth, rankWidth, pages: pages.done(), truncated };
}
