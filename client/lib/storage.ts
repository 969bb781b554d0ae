import type { CommandResults } from "../../shared/commands.js";
import type { CommandError } from "../../shared/protocol.js";

/**
 * What this browser keeps between visits. Per workshop, for an attendee: the
 * token (so a reload or another tab is the same participant, and workshops
 * open in several tabs do not mix), the commands not yet sent, and whether
 * the content note was read. For an organiser: the keys of their summits
 * (one open at a time) and the links of the workshops they made.
 * Storage can be unavailable (private modes, blocked cookies): then nothing
 * is kept and the app still works for the current page.
 */

const KEYS = {
  attendee: (workshopId: string) => `roundtable.attendee.${workshopId}`,
  joined: "roundtable.attendee.joined",
  outbox: (workshopId: string) => `roundtable.outbox.${workshopId}`,
  contentNote: (workshopId: string) => `roundtable.content-note-read.${workshopId}`,
  organiser: "roundtable.organiser",
  summits: "roundtable.organiser.summits",
  workshops: "roundtable.organiser.workshops",
};

export function attendeeToken(workshopId: string): string | null {
  return read(KEYS.attendee(workshopId));
}

export function storeAttendeeToken(workshopId: string, token: string): void {
  write(KEYS.attendee(workshopId), token);
}

export function forgetAttendeeToken(workshopId: string): void {
  write(KEYS.attendee(workshopId), null);
}

/** A workshop this browser joined, for the landing page to offer going back to it. */
export interface JoinedWorkshop {
  workshopId: string;
  code: string;
  title: string;
  /** the name given when joining; null when none was given or asked */
  name: string | null;
  joinedAt: number;
}

/** Workshops joined on this device that still have a token, most recent first. */
export function joinedWorkshops(): JoinedWorkshop[] {
  return readJson(KEYS.joined)
    .filter(isJoinedWorkshop)
    .filter((w) => attendeeToken(w.workshopId) !== null)
    .sort((a, b) => b.joinedAt - a.joinedAt);
}

export function joinedWorkshop(workshopId: string): JoinedWorkshop | null {
  return joinedWorkshops().find((w) => w.workshopId === workshopId) ?? null;
}

export function storeJoinedWorkshop(workshop: JoinedWorkshop): void {
  const others = readJson(KEYS.joined)
    .filter(isJoinedWorkshop)
    .filter((w) => w.workshopId !== workshop.workshopId);
  // A handful is plenty: a summit has a few workshops per person.
  write(KEYS.joined, JSON.stringify([workshop, ...others].slice(0, 10)));
}

/** A command on its way to the server, as the outbox keeps it between visits. */
export interface StoredCommand {
  /** the command id: the same on every resend, so the server applies it once */
  id: string;
  type: string;
  payload: unknown;
  queuedAt: number;
  /** why the server refused it, kept until the attendee dismisses it */
  rejection: CommandError | null;
}

/** Where an outbox keeps its commands, and hears of changes made by other tabs. */
export interface CommandStore {
  load(): StoredCommand[] | null;
  save(commands: StoredCommand[]): void;
  /** calls `listener` when another tab changed the commands; returns the unsubscribe */
  subscribe(listener: () => void): () => void;
}

/** The commands one workshop's attendee has not had answered yet, in this browser. */
export function outboxStore(workshopId: string): CommandStore {
  const key = KEYS.outbox(workshopId);
  return {
    load: () => (readable() ? readJson(key).filter(isStoredCommand) : null),
    save: (commands) => write(key, commands.length > 0 ? JSON.stringify(commands) : null),
    subscribe(listener) {
      const onStorage = (event: StorageEvent) => {
        if (event.key === key || event.key === null) listener();
      };
      addEventListener("storage", onStorage);
      return () => removeEventListener("storage", onStorage);
    },
  };
}

export function contentNoteRead(workshopId: string): boolean {
  return read(KEYS.contentNote(workshopId)) !== null;
}

export function storeContentNoteRead(workshopId: string): void {
  write(KEYS.contentNote(workshopId), "1");
}

/** The organiser key of the summit this browser has open, if any. */
export function organiserKey(): string | null {
  return read(KEYS.organiser);
}

/** Opens a summit in this browser: its key becomes the current one and joins the known ones. */
export function storeOrganiserKey(key: string, name: string | null = null): void {
  write(KEYS.organiser, key);
  rememberSummit(key, name);
}

/** A summit whose organiser key this browser holds, to switch between them. */
export interface KnownSummit {
  key: string;
  /** its name when last seen; null until it has loaded once */
  name: string | null;
}

/** Every summit this browser holds a key for, in the order they were first opened. */
export function knownSummits(): KnownSummit[] {
  const known = readJson(KEYS.summits).filter(isKnownSummit);
  const current = organiserKey();
  // A key stored before summits were listed (or by a test) still counts.
  return current && !known.some((s) => s.key === current)
    ? [...known, { key: current, name: null }]
    : known;
}

/** Adds a summit to the known ones, or updates the name it is listed under. */
export function rememberSummit(key: string, name: string | null): void {
  const stored = readJson(KEYS.summits).filter(isKnownSummit);
  const index = stored.findIndex((s) => s.key === key);
  const entry = { key, name: name ?? stored[index]?.name ?? null };
  if (index >= 0 && stored[index].name === entry.name) return;
  const next = index >= 0 ? stored.map((s, i) => (i === index ? entry : s)) : [...stored, entry];
  write(KEYS.summits, JSON.stringify(next));
}

/**
 * Drops a summit's key (deleted, or refused). When it was the open one, the
 * first other known summit opens instead; returns its key, or null.
 */
export function forgetSummit(key: string): string | null {
  const others = knownSummits().filter((s) => s.key !== key);
  write(KEYS.summits, others.length > 0 ? JSON.stringify(others) : null);
  const current = organiserKey();
  if (current !== null && current !== key) return current;
  const next = others[0]?.key ?? null;
  write(KEYS.organiser, next);
  return next;
}

/** A workshop this organiser created, with the links that were shown once. */
export type CreatedWorkshop = CommandResults["workshop.create"] & {
  title: string;
  createdAt: number;
};

export function createdWorkshops(): CreatedWorkshop[] {
  return readJson(KEYS.workshops).filter(isCreatedWorkshop);
}

export function storeCreatedWorkshops(workshops: CreatedWorkshop[]): void {
  write(KEYS.workshops, JSON.stringify(workshops));
}

function isKnownSummit(value: unknown): value is KnownSummit {
  return (
    isRecord(value) &&
    typeof value.key === "string" &&
    (value.name === null || typeof value.name === "string")
  );
}

function isCreatedWorkshop(value: unknown): value is CreatedWorkshop {
  return (
    isRecord(value) &&
    ["workshopId", "code", "facilitatorToken", "projectorToken", "title"].every(
      (key) => typeof value[key] === "string",
    )
  );
}

function isJoinedWorkshop(value: unknown): value is JoinedWorkshop {
  return (
    isRecord(value) &&
    ["workshopId", "code", "title"].every((key) => typeof value[key] === "string") &&
    (value.name === null || typeof value.name === "string") &&
    typeof value.joinedAt === "number"
  );
}

function isStoredCommand(value: unknown): value is StoredCommand {
  if (!isRecord(value)) return false;
  const { rejection } = value;
  return (
    typeof value.id === "string" &&
    typeof value.type === "string" &&
    typeof value.queuedAt === "number" &&
    (rejection === null ||
      (isRecord(rejection) &&
        typeof rejection.code === "string" &&
        typeof rejection.message === "string"))
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** An array kept as JSON under `key`, or an empty one when there is none or it is unreadable. */
function readJson(key: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(read(key) ?? "[]");
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** Whether this page can use storage at all. */
function readable(): boolean {
  try {
    return typeof localStorage !== "undefined" && localStorage !== null;
  } catch {
    return false;
  }
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage full or blocked: the session still works, it just is not kept.
  }
}
