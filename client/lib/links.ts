/**
 * Addresses people are handed. Capability tokens go in the fragment, which
 * browsers never send to the server, so they stay out of access logs.
 */

export function joinPath(code: string): string {
  return `/join/${code}`;
}

export function attendeePath(workshopId: string): string {
  return `/w/${workshopId}`;
}

export function joinUrl(code: string, origin = location.origin): string {
  return origin + joinPath(code);
}

/** The join address as people type it from paper: no scheme, e.g. `summit.example.org/join/123456`. */
export function shortJoinUrl(code: string, origin = location.origin): string {
  return joinUrl(code, origin).replace(/^https?:\/\//, "");
}

export function facilitatorUrl(
  workshopId: string,
  token: string,
  origin = location.origin,
): string {
  return `${origin}/f/${workshopId}#${token}`;
}

export function projectorUrl(workshopId: string, token: string, origin = location.origin): string {
  return `${origin}/p/${workshopId}#${token}`;
}

/** The WebSocket origin that goes with an http(s) origin. */
export function wsUrl(origin: string): string {
  return origin.replace(/^http/, "ws");
}

/** A join code the way people read it aloud: "123 456". */
export function formatCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}
