import { expect, it } from "vitest";
import { RateLimiter } from "../../server/engine/RateLimiter.js";

it("allows a burst, then refills at the set rate, per key", () => {
  const limiter = new RateLimiter(3, 2);
  expect([1, 2, 3, 4].map(() => limiter.take("ann", 0))).toEqual([true, true, true, false]);
  expect(limiter.take("bob", 0)).toBe(true); // another participant on the same venue IP
  expect(limiter.take("ann", 400)).toBe(false);
  expect(limiter.take("ann", 500)).toBe(true); // half a second: one token back
});
