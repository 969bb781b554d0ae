/** Every screen of the app and what its address carries. */
export type Route =
  | { view: "home" }
  | { view: "join"; code: string }
  | { view: "attendee"; workshopId: string }
  | { view: "setup" }
  | { view: "organiser"; section: OrganiserSection }
  | { view: "facilitator"; workshopId: string }
  | { view: "projector"; workshopId: string }
  | { view: "not-found" };

/** The organiser's pages: workshops and links, the live overview with exports, the summit, the join sheet. */
export const ORGANISER_SECTIONS = ["workshops", "overview", "summit", "sheet"] as const;
export type OrganiserSection = (typeof ORGANISER_SECTIONS)[number];

/** Where each organiser page lives. */
export function organiserPath(section: OrganiserSection): string {
  return section === "workshops" ? "/organiser" : `/organiser/${section}`;
}

const ID = "([A-Za-z0-9_-]{6,40})";

/** The route a pathname stands for. */
export function matchRoute(path: string): Route {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  let m: RegExpExecArray | null;
  if (trimmed === "/") return { view: "home" };
  if (trimmed === "/setup") return { view: "setup" };
  const section = ORGANISER_SECTIONS.find((s) => organiserPath(s) === trimmed);
  if (section) return { view: "organiser", section };
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
