/**
 * The workshop timer. The server holds the end time; clients show it
 * corrected for their clock's offset from the server's.
 */
export type TimerState =
  | { state: "stopped" }
  | { state: "running"; endsAt: number }
  | { state: "paused"; remainingMs: number };

export const STOPPED: TimerState = { state: "stopped" };

/** Milliseconds left at server time `serverNow` (never negative), or null when stopped. */
export function timeLeft(timer: TimerState, serverNow: number): number | null {
  switch (timer.state) {
    case "stopped":
      return null;
    case "paused":
      return timer.remainingMs;
    case "running":
      return Math.max(0, timer.endsAt - serverNow);
  }
}

/**
 * The offset to add to this clock to read the server's, from one round trip:
 * sent at `sentAt`, answered with `serverNow`, received at `receivedAt`.
 */
export function clockOffset(sentAt: number, serverNow: number, receivedAt: number): number {
  return serverNow - (sentAt + receivedAt) / 2;
}

/** "4:05" for 245,000 ms; rounds up so 0:00 shows only when time is up. */
export function formatTimeLeft(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
