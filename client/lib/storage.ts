import type { CommandResults } from "../../shared/commands.js";

/**
 * What this browser keeps between visits. An attendee token per workshop, so
 * a reload (or another tab) is the same participant and workshops open in
 * several tabs do not mix; the organiser key; the organiser's workshops.
 * Storage can be unavailable (private modes, blocked cookies): then nothing
 * is kept and the app still works for the current page.
 */

const KEYS = {
  attendee: (workshopId: string) => `roundtable.attendee.${workshopId}`,
  organiser: "roundtable.organiser",
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

export function organiserKey(): string | null {
  return read(KEYS.organiser);
}

export function storeOrganiserKey(key: string): void {
  write(KEYS.organiser, key);
}

/** A workshop this organiser created, with the links that were shown once. */
export type CreatedWorkshop = CommandResults["workshop.create"] & {
  title: string;
  createdAt: number;
};

export function createdWorkshops(): CreatedWorkshop[] {
  try {
    const parsed: unknown = JSON.parse(read(KEYS.workshops) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isCreatedWorkshop) : [];
  } catch {
    return [];
  }
}

export function storeCreatedWorkshops(workshops: CreatedWorkshop[]): void {
  write(KEYS.workshops, JSON.stringify(workshops));
}

function isCreatedWorkshop(value: unknown): value is CreatedWorkshop {
  if (typeof value !== "object" || value === null) return false;
  const w = value as Record<string, unknown>;
  return ["workshopId", "code", "facilitatorToken", "projectorToken", "title"].every(
    (key) => typeof w[key] === "string",
  );
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
