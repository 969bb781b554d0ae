/**
 * Every screen of the app and what its address carries. The screens are
 * split over two client builds, each its own page: the attendee's (what a
 * phone loads, kept small) and the staff's. The server, the dev server and
 * both apps read the split from here.
 */
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

/** The two client builds: each tree-shaken alone, so a phone never loads code only staff pages use. */
export type ClientApp = "attendee" | "staff";

/** Each app's page in the built client (vite.config.ts builds one per app). */
export const APP_PAGES: Record<ClientApp, string> = {
  attendee: "index.html",
  staff: "staff.html",
};

const APP_OF_VIEW: Record<Route["view"], ClientApp> = {
  home: "attendee",
  join: "attendee",
  attendee: "attendee",
  "not-found": "attendee",
  setup: "staff",
  organiser: "staff",
  facilitator: "staff",
  projector: "staff",
};

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

/**
 * The app that shows a pathname: staff for setup, the organiser's pages,
 * the facilitator's console and the projector; the attendee's for the rest,
 * unknown addresses included (its not-found page).
 */
export function appFor(path: string): ClientApp {
  return APP_OF_VIEW[matchRoute(path).view];
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
