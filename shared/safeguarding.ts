/**
 * The safeguarding filter: an idea that looks like it holds personal data
 * is held for a facilitator's review before anyone else sees it, even with
 * pre-moderation off. It errs towards holding (a facilitator releases a
 * false alarm with one click) but must not hold ordinary workshop language
 * such as "24/7 youth services" or "A&E data sharing".
 */

export const SAFEGUARDING_KINDS = {
  email: "an email address",
  phone: "a phone number",
  vehicle: "a vehicle registration",
  postcode: "a postcode",
  address: "a street address",
  handle: "a social media handle",
} as const;

export type SafeguardingKind = keyof typeof SAFEGUARDING_KINDS;

/** One reason an idea was held: what it looked like, and the words that did. */
export interface SafeguardingMatch {
  kind: SafeguardingKind;
  /** the part of the text that matched, for the facilitator to judge */
  excerpt: string;
}

const STREET_ALWAYS = "street|st|road|rd|avenue|ave|lane|crescent|terrace|mews|boulevard";
const STREET_NAMED = "close|way|drive|court|place|square|gardens|grove|hill|walk|row|park|parade";

const PATTERNS: readonly [SafeguardingKind, RegExp][] = [
  ["email", /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g],
  // UK numbers: +44 or 0, then 9-10 more digits, spaces, dashes or brackets between.
  ["phone", /(?<![\w/])(?:\+44\s?\(?0?\)?|\(?0)\d(?:[\s)-]{0,2}\d){8,9}(?![\w/])/g],
  // Current plates (AB12 CDE) in any case; older prefix (A123 BCD) and suffix (ABC 123D) in capitals.
  [
    "vehicle",
    /\b[A-Za-z]{2}\d{2}\s?[A-Za-z]{3}\b|\b[A-Z]\d{1,3}\s?[A-Z]{3}\b|\b[A-Z]{3}\s?\d{1,3}[A-Z]\b/g,
  ],
  ["postcode", /\b[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}\b/g],
  [
    "address",
    new RegExp(
      `\\b\\d{1,4}[a-z]?,?\\s+(?:(?:[A-Za-z'-]+\\s+){0,3}(?:${STREET_ALWAYS})|(?:[A-Za-z'-]+\\s+){1,3}(?:${STREET_NAMED}))\\b`,
      "gi",
    ),
  ],
  ["handle", /(?<![\w.@])@[A-Za-z0-9_]{2,30}\b/g],
];

/** What in `text` looks like personal data; empty when nothing does. */
export function safeguardingMatches(text: string): SafeguardingMatch[] {
  const matches: SafeguardingMatch[] = [];
  const claimed: [number, number][] = [];
  for (const [kind, pattern] of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      // An email's domain is not also a handle; a plate inside a postcode is not two findings.
      if (claimed.some(([a, b]) => start < b && end > a)) continue;
      claimed.push([start, end]);
      matches.push({ kind, excerpt: match[0] });
    }
  }
  return matches;
}
