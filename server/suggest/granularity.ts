import { DEFAULT_THRESHOLD, MOST_THRESHOLD } from "./pipeline.js";

/** The granularity the console starts at: the default cut. */
export const DEFAULT_GRANULARITY = 0.5;

const FEWEST = 0.95;
const MOST = MOST_THRESHOLD;

/**
 * The cut height for a granularity in 0..1: 0.5 is the default threshold,
 * lower cuts higher (fewer, broader groups), higher cuts lower (more,
 * tighter groups). Piecewise linear, so each step of the console's control
 * moves the cut by the same amount on either side of the default.
 */
export function thresholdFor(granularity: number = DEFAULT_GRANULARITY): number {
  const g = Math.min(1, Math.max(0, granularity));
  return g <= DEFAULT_GRANULARITY
    ? FEWEST + (DEFAULT_THRESHOLD - FEWEST) * (g / DEFAULT_GRANULARITY)
    : DEFAULT_THRESHOLD +
        (MOST - DEFAULT_THRESHOLD) * ((g - DEFAULT_GRANULARITY) / (1 - DEFAULT_GRANULARITY));
}
