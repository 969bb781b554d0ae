/** Every screen of the app and what its address carries. */
export type Route =
  | { view: "home" }
  | { view: "join"; code: string }
  | { view: "attendee"; workshopId: string }
  | { view: "setup" }
  | { view: "organiser" }
  | { view: "facilitator"; workshopId: string }
  | { view: "projector"; workshopId: string }
  | { view: "not-found" };

const ID = "([A-Za-z0-9_-]{6,40})";

/** The route a pathname stands for. */
export function matchRoute(path: string): Route {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  let m: RegExpExecArray | null;
  if (trimmed === "/") return { view: "home" };
  if (trimmed === "/setup") return { view: "setup" };
  if (trimmed === "/organiser") return { view: "organiser" };
  if ((m = /^\/join\/([^/]+)$/.exec(trimmed))) return { view: "join", code: decode(m[1]) };
  if ((m = new RegExp(`^/w/${ID}$`).exec(trimmed))) return { view: "attendee", workshopId: m[1] };
  if ((m = new RegExp(`^/f/${ID}$`).exec(trimmed)))
    return { view: "facilitator", workshopId: m[1] };
  if ((m = new RegExp(`^/p/${ID}$`).exec(trimmed))) return { view: "projector", workshopId: m[1] };
  return { view: "not-found" };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
