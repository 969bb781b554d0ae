/**
 * Who a capability token makes you. `none` is a connection without a token;
 * `setup` holds the one-time link printed at first start, good only for
 * creating the first summit.
 */
export const ROLES = [
  "none",
  "setup",
  "attendee",
  "projector",
  "facilitator",
  "organiser",
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that belong to one workshop (their token names it). */
export const WORKSHOP_ROLES = ["attendee", "projector", "facilitator"] as const satisfies Role[];

/** Capability tokens are 128-bit random values, base64url: 22 characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;
