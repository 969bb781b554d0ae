/**
 * Milliseconds on the machine's monotonic clock (CLOCK_MONOTONIC). Every
 * thread and every process on the box reads the same clock, so a post's send
 * time in one worker and its arrival in another can be subtracted.
 */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Resolves after `ms` milliseconds (never less than 0). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Resolves at the monotonic time `at` (see `now`). */
export function sleepUntil(at: number): Promise<void> {
  return sleep(at - now());
}
