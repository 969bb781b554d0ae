import { expect, it } from "vitest";
import { rankByVotes } from "../../shared/results.js";

it("[R2] ranks by votes, shares a rank between ties and marks them, keeping the given order among equals", () => {
  const ranked = rankByVotes(
    ["a", "b", "c", "d", "e"],
    (x) => ({ a: 3, b: 5, c: 3, d: 1, e: 0 })[x] ?? 0,
  );
  expect(ranked.map((r) => [r.item, r.votes, r.rank, r.tied])).toEqual([
    ["b", 5, 1, false],
    ["a", 3, 2, true],
    ["c", 3, 2, true],
    ["d", 1, 4, false],
    ["e", 0, 5, false],
  ]);
});

it("[R2] ranks nothing as nothing", () => {
  expect(rankByVotes([], () => 0)).toEqual([]);
});
