/**
 * Idea texts like the ones people type on a phone at a summit: mostly one
 * short sentence (the demo's average is about 45 characters), some two,
 * a few up to the 280-character default cap.
 */

const OPENERS = [
  "More",
  "Fewer",
  "Better",
  "Shared",
  "Named",
  "Paid",
  "Local",
  "Regular",
  "Trusted",
  "Simple",
  "Longer",
  "Earlier",
];
const WORDS = (
  "youth workers in the street after school evening drop-in at the library with a familiar " +
  "officer text line that answers within a day in several languages feedback on what happened " +
  "after people spoke up community members as go-betweens faith groups hear things services " +
  "never do one application form for every funder core costs funded not just new projects " +
  "three-year grants exit plans agreed at the start training for reception staff quiet rooms " +
  "for young people mentors with lived experience fewer handovers between teams listen to " +
  "parents before deciding on them meet in community venues plain English in every joint plan"
).split(" ");

/** One idea's text of a realistic length, from a seeded random source. */
export function ideaText(random: () => number): string {
  const roll = random();
  const target =
    roll < 0.55 ? 25 + random() * 40 : roll < 0.92 ? 65 + random() * 60 : 125 + random() * 130;
  const words = [OPENERS[Math.floor(random() * OPENERS.length)]];
  let length = words[0].length;
  while (length < target) {
    const word = WORDS[Math.floor(random() * WORDS.length)];
    words.push(word);
    length += word.length + 1;
  }
  return words.join(" ").slice(0, 270);
}

const NAMES = ["Asha", "Ben", "Chloe", "Dev", "Ewa", "Farid", "Grace", "Hamza", "Iris", "Jon"];

/** A first name, or none (the attendee joins without one): summit attendees do both. */
export function attendeeName(index: number): string | undefined {
  return index % 3 === 0 ? undefined : `${NAMES[index % NAMES.length]} ${index}`;
}
