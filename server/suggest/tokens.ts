import { stem } from "./stem.js";
import { STOP_WORDS } from "./stopWords.js";

/** One token of an idea: the stem it counts as, and the word it was written as. */
export interface Token {
  term: string;
  surface: string;
}

// Words in any script (letters and digits, with inner apostrophes or hyphens), or one pictograph.
const WORD = /\p{Extended_Pictographic}|[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
// Scripts written without spaces: a run is cut into overlapping character pairs.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/**
 * The tokens of one idea, in order: lower-cased, accents folded on Latin
 * letters, stop words and bare numbers dropped, the rest stemmed. Emoji are
 * kept, each as a token of its own: "🚲" says something about an idea.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const folded = text
    .normalize("NFKD")
    .replace(/([a-zA-Z])\p{M}+/gu, "$1")
    .normalize("NFC")
    .toLowerCase();
  for (const match of folded.matchAll(WORD)) {
    const raw = match[0];
    if (/\p{Extended_Pictographic}/u.test(raw)) {
      tokens.push({ term: raw, surface: raw });
      continue;
    }
    for (const part of raw.split(/[-]/)) {
      const word = part.replace(/['’]/g, "");
      if (UNSPACED.test(word)) {
        for (const pair of characterPairs(word)) tokens.push({ term: pair, surface: pair });
        continue;
      }
      if (word.length < 2 || /^\d+$/.test(word) || STOP_WORDS.has(word)) continue;
      const term = stem(word);
      if (STOP_WORDS.has(term)) continue;
      tokens.push({ term, surface: word });
    }
  }
  return tokens;
}

function characterPairs(word: string): string[] {
  const chars = [...word];
  if (chars.length < 2) return chars;
  return chars.slice(1).map((c, i) => chars[i] + c);
}
