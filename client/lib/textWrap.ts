/**
 * How many lines a text takes at a width, without laying anything out: the
 * widths of its words are measured once (a canvas in the browser, a stub in
 * tests) at a reference size and scaled, and the lines are broken the way a
 * browser breaks `white-space: normal; overflow-wrap: anywhere` text.
 */

/** The size at which words are measured; widths scale linearly with the font size. */
export const REFERENCE_FONT_PX = 100;

/** The width in px of `text` at REFERENCE_FONT_PX, in the regular or the bold weight. */
export type MeasureText = (text: string, bold: boolean) => number;

/**
 * Line breaks are estimated against a slightly narrower line than the real
 * one, so that rounding differences between the measure and the renderer
 * (both shape with the same font) can only cost some white space, never a line.
 */
const WIDTH_SAFETY = 0.99;
const WIDTH_SAFETY_PX = 1;

/** Enough for a workshop's ideas and headings; older entries are dropped past it. */
const CACHE_LIMIT = 4000;

interface MeasuredText {
  /** the widths of the pieces a line may break between: words, and the parts of hyphenated words */
  words: Float64Array;
  /** whether each piece follows the one before it with a space (false after a hyphen) */
  spaced: Uint8Array;
  space: number;
}

export class TextWrapper {
  readonly #measure: MeasureText;
  readonly #cache = new Map<string, MeasuredText>();
  #space: [number, number] | null = null;

  constructor(measure: MeasureText) {
    this.#measure = measure;
  }

  /** The width in px of `text` on one line at `fontPx`. */
  width(text: string, fontPx: number, bold = false): number {
    return (this.#measure(text, bold) * fontPx) / REFERENCE_FONT_PX;
  }

  /** The number of lines `text` wraps to in a box `widthPx` wide at `fontPx` (at least 1). */
  lines(text: string, widthPx: number, fontPx: number, bold = false): number {
    const { words, spaced, space } = this.#measured(text, bold);
    // Compare at the reference size: one division instead of one per word.
    const limit =
      (Math.max(1, widthPx * WIDTH_SAFETY - WIDTH_SAFETY_PX) * REFERENCE_FONT_PX) / fontPx;
    let lines = 1;
    let x = 0;
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      const before = spaced[i] ? space : 0;
      if (x > 0 && x + before + word <= limit) {
        x += before + word;
        continue;
      }
      if (x > 0) lines += 1;
      if (word <= limit) {
        x = word;
      } else {
        // A word longer than the line is broken wherever it reaches the edge.
        const extra = Math.ceil(word / limit) - 1;
        lines += extra;
        x = word - extra * limit;
      }
    }
    return lines;
  }

  #measured(text: string, bold: boolean): MeasuredText {
    const key = (bold ? "b" : "r") + text;
    const hit = this.#cache.get(key);
    if (hit) return hit;
    const pieces: string[] = [];
    const spaced: number[] = [];
    for (const word of text.split(/\s+/)) {
      if (!word) continue;
      // Browsers may break a line after a hyphen between letters ("follow-" / "up").
      word.split(/(?<=\p{L}-)(?=\p{L})/u).forEach((piece, i) => {
        pieces.push(piece);
        spaced.push(i === 0 ? 1 : 0);
      });
    }
    const measured = {
      words: Float64Array.from(pieces, (piece) => this.#measure(piece, bold)),
      spaced: Uint8Array.from(spaced),
      space: this.#spaceWidth(bold),
    };
    if (this.#cache.size >= CACHE_LIMIT) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    this.#cache.set(key, measured);
    return measured;
  }

  #spaceWidth(bold: boolean): number {
    this.#space ??= [this.#measure(" ", false), this.#measure(" ", true)];
    return this.#space[bold ? 1 : 0];
  }
}

/**
 * A measure for tests and for places without a canvas: every character is
 * `em` wide (0.6 is generous for proportional sans-serif text).
 */
export function monospaceMeasure(em = 0.6): MeasureText {
  return (text, bold) => text.length * em * REFERENCE_FONT_PX * (bold ? 1.08 : 1);
}

/** A measure backed by a 2D canvas in `fontFamily`; word widths are cached by the wrapper. */
export function canvasMeasure(fontFamily: string): MeasureText {
  const context = document.createElement("canvas").getContext("2d");
  if (!context) return monospaceMeasure();
  const fonts = [
    `400 ${REFERENCE_FONT_PX}px ${fontFamily}`,
    `700 ${REFERENCE_FONT_PX}px ${fontFamily}`,
  ];
  let current = -1;
  return (text, bold) => {
    const font = bold ? 1 : 0;
    // Setting the font parses it again, so only when it changes.
    if (font !== current) context.font = fonts[(current = font)];
    return context.measureText(text).width;
  };
}
