/**
 * A token bucket per key (a participant or a token, never an IP address: a
 * whole room shares the venue's). Buckets idle long enough to be full again
 * are forgotten.
 */
export class RateLimiter {
  readonly #capacity: number;
  readonly #perSecond: number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(capacity: number, perSecond: number) {
    this.#capacity = capacity;
    this.#perSecond = perSecond;
  }

  /** Takes one token for `key`; false when the bucket is empty. */
  take(key: string, now: number): boolean {
    const bucket = this.#buckets.get(key) ?? { tokens: this.#capacity, at: now };
    bucket.tokens = Math.min(
      this.#capacity,
      bucket.tokens + ((now - bucket.at) / 1000) * this.#perSecond,
    );
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.#buckets.set(key, bucket);
      return false;
    }
    bucket.tokens -= 1;
    if (this.#buckets.size > 100_000) this.#forgetFull(now);
    this.#buckets.set(key, bucket);
    return true;
  }

  #forgetFull(now: number): void {
    const fullAfterMs = (this.#capacity / this.#perSecond) * 1000;
    for (const [key, bucket] of this.#buckets) {
      if (now - bucket.at >= fullAfterMs) this.#buckets.delete(key);
    }
  }
}
