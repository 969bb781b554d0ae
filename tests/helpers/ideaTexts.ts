/** Words of the kind workshop ideas are made of. */
const WORDS = (
  "community trust local officer youth club school council housing health charity " +
  "partners information sharing early concerns neighbours parents carers outreach " +
  "drop-in library mosque church market bus station evening weekend volunteers " +
  "funding grant pilot sustain training awareness trauma informed listening " +
  "referral pathway safeguarding data consent translation interpreter faith " +
  "leaders shopkeepers taxi drivers night-time economy mentoring sport music " +
  "regular feedback visible follow-up simple reporting anonymous text line"
).split(" ");

/** An idea text of a workshop-like length: mostly one or two sentences, some long. */
export function ideaText(random: () => number): string {
  const roll = random();
  const target =
    roll < 0.4 ? 20 + random() * 40 : roll < 0.85 ? 60 + random() * 80 : 140 + random() * 140;
  const words: string[] = [];
  while (words.join(" ").length < target) words.push(WORDS[Math.floor(random() * WORDS.length)]);
  const text = words.join(" ").slice(0, 280).trim();
  return text[0].toUpperCase() + text.slice(1);
}
