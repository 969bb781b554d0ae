import { arrangeInColumns, arrangeInFlow } from "./boardArrangements.js";
import type { TextWrapper } from "./textWrap.js";

export { allocateLanes, cardText, laneCount } from "./boardArrangements.js";

/**
 * Where every card of the projector's board goes, as a pure function of the
 * content and the size of the board area. Text is wrapped from measured
 * word widths (see textWrap.ts), so nothing is laid out to find out whether
 * it fits, and unit tests can prove that no card leaves the area or covers
 * another.
 *
 * The largest type that shows everything on one page wins; below the
 * smallest step the board is split into pages that the screen rotates.
 */

/**
 * The projector's type, named without `system-ui` so that the canvas that
 * measures words resolves the same face as the page that shows them.
 */
export const PROJECTOR_FONT_FAMILY =
  '"Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", "DejaVu Sans", sans-serif';

/** Body text sizes to try, largest first, in % of the screen's height. */
export const DENSITY_STEPS: readonly number[] = [5.4, 4.6, 4, 3.5, 3.1, 2.8];

/** No text on the board is smaller than 20 px on a 720p screen, or in proportion on others. */
export const MIN_FONT_PX = 20;

/** The smallest type on a screen `viewportHeight` px high: 20 px at 720p, 30 px at 1080p. */
export function minFontFor(viewportHeight: number): number {
  return Math.max(MIN_FONT_PX, Math.ceil((viewportHeight * MIN_FONT_PX) / 720));
}

/** What one card shows. */
export interface CardContent {
  id: string;
  text: string;
  /**
   * who wrote it, how many were merged, and so on: shown after the text in
   * the same type (so it is measured exactly), or null
   */
  byline: string | null;
  /** results only: the place ("=2nd") and the votes behind the bar */
  result?: { label: string; votes: number; share: number };
}

/** A group of cards under one heading: a prompt, a cluster, a ranking. */
export interface SectionContent {
  id: string;
  /** the heading, or null for a section shown without one */
  title: string | null;
  /** a figure after the title, e.g. how many ideas */
  note?: string;
  cards: CardContent[];
  /** what the section says while it has no cards */
  emptyText: string;
  /** what the section says on a page after its last card (columns only) */
  doneText?: string;
  /** the cards' order is the point (a ranking): the flow must not fill gaps out of order */
  ordered?: boolean;
}

/**
 * `columns`: each section keeps its own column(s) on every page, and pages
 * turn for all at once (prompts side by side). `flow`: sections follow each
 * other down the columns like a newspaper (clusters, rankings).
 */
export type Arrangement = "columns" | "flow";

/** Every size on the board at one density, in whole px. */
export interface Metrics {
  font: number;
  lineHeight: number;
  metaFont: number;
  metaLineHeight: number;
  padX: number;
  padY: number;
  border: number;
  gap: number;
  laneGap: number;
  sectionGap: number;
  headingFont: number;
  headingLineHeight: number;
  headingPad: number;
  headingRule: number;
  headingMargin: number;
  minLaneWidth: number;
  rankGap: number;
  barGap: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedCard extends Box {
  card: CardContent;
  /** lines of text the card has room for */
  lines: number;
}

export interface PlacedHeading extends Box {
  key: string;
  text: string;
  note: string | undefined;
  lines: number;
  continued: boolean;
}

export interface PlacedNote extends Box {
  key: string;
  text: string;
  lines: number;
}

/** What one section shows on one page. */
export interface PageSection {
  id: string;
  title: string | null;
  headings: PlacedHeading[];
  cards: PlacedCard[];
  notes: PlacedNote[];
}

export interface LayoutPage {
  sections: PageSection[];
}

export interface BoardLayout {
  metrics: Metrics;
  arrangement: Arrangement;
  laneWidth: number;
  /** width of the place labels of result cards */
  rankWidth: number;
  pages: LayoutPage[];
  /** cards whose text had to be cut short (only ever at the smallest type) */
  truncated: number;
}

export interface BoardLayoutInput {
  /** the board area, in px */
  width: number;
  height: number;
  /** the screen's height, which sizes the type */
  viewportHeight: number;
  sections: SectionContent[];
  arrangement: Arrangement;
  wrap: TextWrapper;
  /** type sizes to try instead of DENSITY_STEPS */
  steps?: readonly number[];
}

/** The sizes of everything at body text `step` % of the screen's height. */
export function metricsFor(step: number, viewportHeight: number): Metrics {
  const minFont = minFontFor(viewportHeight);
  const font = Math.max(minFont, Math.round((step * viewportHeight) / 100));
  const of = (k: number) => Math.round(font * k);
  const metaFont = Math.max(minFont, of(0.8));
  const headingFont = of(1.08);
  return {
    font,
    lineHeight: of(1.25),
    metaFont,
    metaLineHeight: Math.round(metaFont * 1.25),
    padX: of(0.55),
    padY: of(0.4),
    border: Math.max(2, of(0.06)),
    gap: of(0.45),
    laneGap: of(0.9),
    sectionGap: of(1),
    headingFont,
    headingLineHeight: Math.round(headingFont * 1.2),
    headingPad: of(0.2),
    headingRule: Math.max(3, of(0.12)),
    headingMargin: of(0.45),
    minLaneWidth: of(12.5),
    rankGap: of(0.4),
    barGap: of(0.3),
  };
}

/** Lays the board out at the largest density that fits, or in pages at the smallest. */
export function layoutBoard(input: BoardLayoutInput): BoardLayout {
  const steps = input.steps ?? DENSITY_STEPS;
  const smallest = metricsFor(steps[steps.length - 1], input.viewportHeight);
  if (input.width <= 0 || input.height <= 0 || input.sections.length === 0) {
    return {
      metrics: smallest,
      arrangement: input.arrangement,
      laneWidth: 0,
      rankWidth: 0,
      pages: input.sections.length === 0 && input.width > 0 ? [{ sections: [] }] : [],
      truncated: 0,
    };
  }
  // Prompts stay side by side while they fit on one screen. Past that, the
  // board flows: columns of unequal prompts would turn many half-empty pages.
  if (input.arrangement === "columns") {
    const side = largestFitting(input, "columns", steps);
    if (side) return side;
  }
  return (
    largestFitting(input, "flow", steps) ??
    attempt(input, "flow", smallest, input.height, Infinity)!
  );
}

/** The layout at the largest type that fits on one page, or null when even the smallest needs more. */
function largestFitting(
  input: BoardLayoutInput,
  arrangement: Arrangement,
  steps: readonly number[],
): BoardLayout | null {
  for (const step of steps) {
    const m = metricsFor(step, input.viewportHeight);
    const fits = attempt(input, arrangement, m, input.height, 1);
    if (fits && fits.pages.length === 1 && fits.truncated === 0) {
      return arrangement === "flow" ? balanced(input, m, fits) : fits;
    }
  }
  return null;
}

/** One try at one density: null when the arrangement is impossible or needs more than `maxPages`. */
function attempt(
  input: BoardLayoutInput,
  arrangement: Arrangement,
  m: Metrics,
  height: number,
  maxPages: number,
): BoardLayout | null {
  return arrangement === "columns"
    ? arrangeInColumns(input, m, maxPages)
    : arrangeInFlow(input, m, height, maxPages);
}

/** A one-page flow laid out as low as it can go, so its columns come out even. */
function balanced(input: BoardLayoutInput, m: Metrics, fits: BoardLayout): BoardLayout {
  let best = fits;
  let low = 0;
  let high = input.height;
  while (high - low > 2) {
    const mid = Math.floor((low + high) / 2);
    const tried = arrangeInFlow(input, m, mid, 1);
    if (tried && tried.pages.length === 1 && tried.truncated === 0) {
      best = tried;
      high = mid;
    } else {
      low = mid;
    }
  }
  return best;
}
