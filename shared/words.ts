/** "1 vote", "3 votes": a count with its noun, for the screens and the reports alike. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
