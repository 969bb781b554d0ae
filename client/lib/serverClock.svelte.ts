import { createSubscriber } from "svelte/reactivity";
import { clockOffset } from "../../shared/timer.js";

/**
 * The server's time as this browser best knows it: the local clock plus an
 * offset measured by one round trip to /api/time (phones are often minutes
 * off). Reading `now` in an effect re-runs it twice a second, for countdowns.
 */
class ServerClock {
  #offset = 0;
  #measured = false;
  readonly #subscribe = createSubscriber((update) => {
    const interval = setInterval(update, 500);
    return () => clearInterval(interval);
  });

  /** server time, ms since the epoch */
  get now(): number {
    this.#subscribe();
    if (!this.#measured) {
      this.#measured = true;
      void this.#measure();
    }
    return Date.now() + this.#offset;
  }

  async #measure(): Promise<void> {
    try {
      const sentAt = Date.now();
      const response = await fetch("/api/time", { cache: "no-store" });
      const body = (await response.json()) as { ok: boolean; value?: { now: number } };
      if (body.ok && body.value) this.#offset = clockOffset(sentAt, body.value.now, Date.now());
    } catch {
      this.#measured = false; // try again on the next read
    }
  }
}

export const serverClock = new ServerClock();
