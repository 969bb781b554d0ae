import {
  DENSITY_STEPS,
  layoutBoard,
  minFontFor,
  type Box,
  type BoardLayout,
  type CardContent,
} from "./projectorLayout.js";
import type { TextWrapper } from "./textWrap.js";

/** The spotlight: one idea, or one cluster with its ideas, as large as the area allows. */

/** One idea shown as large as it fits. */
export interface SpotlightIdeaLayout {
  card: Box;
  font: number;
  lineHeight: number;
  lines: number;
  metaFont: number;
  metaLineHeight: number;
  padX: number;
  padY: number;
  border: number;
}

/**
 * Lays out a spotlit idea: the largest type (up to 11% of the screen's
 * height) at which its text fits the area, with `metaLines` lines of
 * details below, the card centred and no wider than it needs to be.
 */
export function layoutSpotlightIdea(input: {
  text: string;
  metaLines: number;
  width: number;
  height: number;
  viewportHeight: number;
  wrap: TextWrapper;
}): SpotlightIdeaLayout {
  const { text, metaLines, width, height, viewportHeight, wrap } = input;
  const metaFont = Math.max(minFontFor(viewportHeight), Math.round(viewportHeight * 0.04));
  const metaLineHeight = Math.round(metaFont * 1.3);
  const minFont = metaFont;
  const maxFont = Math.max(minFont, Math.round(viewportHeight * 0.11));
  let chosen: Omit<SpotlightIdeaLayout, "card"> | null = null;
  let cardWidth = width;
  for (let font = maxFont; font >= minFont; font = Math.min(font - 1, Math.floor(font * 0.94))) {
    const lineHeight = Math.round(font * 1.2);
    const padX = Math.round(font * 0.6);
    const padY = Math.round(font * 0.45);
    const border = Math.max(3, Math.round(font * 0.05));
    const textWidth = width - 2 * padX - 2 * border;
    const lines = wrap.lines(text, textWidth, font, true);
    const chrome = 2 * padY + 2 * border + (metaLines > 0 ? padY + metaLines * metaLineHeight : 0);
    chosen = { font, lineHeight, lines, metaFont, metaLineHeight, padX, padY, border };
    if (chrome + lines * lineHeight <= height) {
      // A short idea gets a card its own size, not the whole width.
      if (lines === 1) {
        const oneLine = Math.ceil(wrap.width(text, font, true) / 0.99) + 4 + 2 * padX + 2 * border;
        cardWidth = Math.min(width, Math.max(oneLine, Math.round(width * 0.5)));
      }
      break;
    }
    const room = Math.max(1, Math.floor((height - chrome) / lineHeight));
    chosen.lines = Math.min(lines, room);
  }
  const c = chosen!;
  const cardHeight = Math.min(
    height,
    2 * c.padY +
      2 * c.border +
      c.lines * c.lineHeight +
      (metaLines > 0 ? c.padY + metaLines * metaLineHeight : 0),
  );
  return {
    ...c,
    card: {
      x: Math.floor((width - cardWidth) / 2),
      y: Math.floor((height - cardHeight) / 2),
      width: cardWidth,
      height: cardHeight,
    },
  };
}

/** A spotlit cluster: its title large, its ideas below in the board's usual cards. */
export interface SpotlightClusterLayout {
  titleFont: number;
  titleLineHeight: number;
  titleLines: number;
  /** the title's block, margin below included; the ideas' board starts under it */
  titleHeight: number;
  board: BoardLayout;
}

export function layoutSpotlightCluster(input: {
  title: string;
  cards: CardContent[];
  emptyText: string;
  width: number;
  height: number;
  viewportHeight: number;
  wrap: TextWrapper;
}): SpotlightClusterLayout {
  const { title, width, height, viewportHeight, wrap } = input;
  const titleFont = Math.max(minFontFor(viewportHeight), Math.round(viewportHeight * 0.075));
  const titleLineHeight = Math.round(titleFont * 1.15);
  const titleLines = Math.min(2, wrap.lines(title, width, titleFont, true));
  const titleHeight = titleLines * titleLineHeight + Math.round(titleFont * 0.4);
  const board = layoutBoard({
    width,
    height: height - titleHeight,
    viewportHeight,
    wrap,
    arrangement: "columns",
    // A handful of ideas deserves larger type than the busy board.
    steps: [7, 6, ...DENSITY_STEPS],
    sections: [{ id: "spotlight", title: null, cards: input.cards, emptyText: input.emptyText }],
  });
  return { titleFont, titleLineHeight, titleLines, titleHeight, board };
}
