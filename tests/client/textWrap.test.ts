import { describe, expect, it } from "vitest";
import { monospaceMeasure, REFERENCE_FONT_PX, TextWrapper } from "../../client/lib/textWrap.js";

// Every character 10 px wide at 20 px type (0.5 em), spaces included.
const wrap = new TextWrapper(monospaceMeasure(0.5));
const FONT = 20;

describe("TextWrapper", () => {
  it("breaks lines between words the way a browser does, with a little room to spare", () => {
    expect(wrap.lines("", 200, FONT)).toBe(1);
    expect(wrap.lines("one two three", 200, FONT)).toBe(1); // 130 px
    // 19 characters, 190 px: fits 200 px only without the safety margin's px.
    expect(wrap.lines("aaaa bbbb cccc dddd", 200, FONT)).toBe(1);
    expect(wrap.lines("aaaa bbbb cccc dddd e", 200, FONT)).toBe(2);
    expect(wrap.lines("aaaa bbbb cccc dddd eeee ffff gggg hhhh", 200, FONT)).toBe(2);
    expect(wrap.lines("  spaced   out\n\ntext  ", 200, FONT)).toBe(1);
  });

  it("scales with the type size", () => {
    const text = "aaaa bbbb cccc dddd eeee ffff gggg hhhh"; // 390 px at 20 px
    expect(wrap.lines(text, 400, FONT)).toBe(1);
    expect(wrap.lines(text, 400, FONT * 2)).toBe(2);
    expect(wrap.width(text, FONT)).toBe(390);
    expect(wrap.width("ab", REFERENCE_FONT_PX)).toBe(100);
  });

  it("breaks after a hyphen between letters, but not inside numbers", () => {
    // "xx aaaaa-" / "bbbbb": without the break it would be "xx" / "aaaaa-bbbbb" cut at the edge.
    expect(wrap.lines("xx aaaaa-bbbbb", 100, FONT)).toBe(2);
    // "xx" / "2024-2025" / "yy": browsers do not break a number range after its hyphen.
    expect(wrap.lines("xx 2024-2025 yy", 100, FONT)).toBe(3);
  });

  it("breaks a word longer than the line wherever it reaches the edge", () => {
    const long = "x".repeat(50); // 500 px
    expect(wrap.lines(long, 200, FONT)).toBe(3);
    expect(wrap.lines(`ab ${long} cd`, 200, FONT)).toBe(4);
  });

  it("measures each text once", () => {
    let calls = 0;
    const counted = new TextWrapper((text, bold) => {
      calls += 1;
      return monospaceMeasure(0.5)(text, bold);
    });
    counted.lines("one two three", 100, FONT);
    const first = calls;
    counted.lines("one two three", 300, 30);
    expect(calls).toBe(first);
  });
});
