import type { TermMatrix } from "./tfidf.js";

/**
 * A group's title: its two or three key words, those frequent in the group
 * and rare in the whole board (class-based TF-IDF), in the words the ideas
 * used and in the order they tend to come ("Street, lighting", not
 * "Lighting, street"). A third word is added only when it is nearly as telling.
 */
export function groupTitle(matrix: TermMatrix, members: readonly number[]): string {
  const inGroup = new Map<number, number>();
  for (const i of members) {
    for (let k = matrix.rowStart[i]; k < matrix.rowStart[i + 1]; k++) {
      inGroup.set(matrix.columns[k], (inGroup.get(matrix.columns[k]) ?? 0) + 1);
    }
  }
  const n = matrix.rows;
  const scored = [...inGroup.entries()]
    .map(([term, count]) => ({
      term,
      score: (count / members.length) * Math.log(1 + n / matrix.documentFrequency[term]),
    }))
    .sort((a, b) => b.score - a.score || a.term - b.term);
  const top = scored.slice(0, 3).filter((s, i) => i < 2 || s.score >= 0.6 * scored[0].score);
  const words = top
    .sort((a, b) => matrix.meanPosition[a.term] - matrix.meanPosition[b.term])
    .map((s) => matrix.surfaces[s.term]);
  if (words.length === 0) return "Other ideas";
  const title = words.join(", ");
  return (title[0].toUpperCase() + title.slice(1)).slice(0, 80);
}
