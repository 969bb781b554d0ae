import { fail, isErrorCode, type Result } from "../../shared/protocol.js";
import { unreachable } from "./api.js";

/**
 * The organiser's REST reads (`/api/summit`): the summit with its workshops,
 * and the exports. Both need the organiser key as a Bearer token; commands
 * go through `postCommand` like everyone else's.
 */

/** The summit as `GET /api/summit` describes it. */
export interface SummitInfo {
  id: string;
  name: string;
  /** yyyy-mm-dd, or null when not set */
  date: string | null;
  venue: string | null;
  archived: boolean;
}

/** One workshop of the summit, as the server lists it (its links are secrets it does not keep). */
export interface SummitWorkshop {
  id: string;
  title: string;
  code: string;
}

export interface SummitListing {
  summit: SummitInfo;
  workshops: SummitWorkshop[];
}

/** The summit this organiser key opens, with its workshops in the order they were created. */
export async function fetchSummit(key: string): Promise<Result<SummitListing>> {
  let response: Response;
  let body: unknown;
  try {
    response = await fetch("/api/summit", { headers: { authorization: `Bearer ${key}` } });
    body = await response.json();
  } catch {
    return unreachable();
  }
  if (isRecord(body) && body.ok === true && isListing(body.value)) {
    return { ok: true, value: body.value };
  }
  return refusalOf(body);
}

/** A downloaded export: the file's bytes and the name the server gave it. */
export interface ExportFile {
  blob: Blob;
  filename: string;
}

/** Downloads one export of the whole summit, or of one workshop when `workshopId` is given. */
export async function fetchExport(
  key: string,
  file: string,
  workshopId: string | null = null,
): Promise<Result<ExportFile>> {
  const query = workshopId ? `?workshop=${encodeURIComponent(workshopId)}` : "";
  let response: Response;
  try {
    response = await fetch(`/api/summit/export/${encodeURIComponent(file)}${query}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    if (!response.ok) return refusalOf(await response.json());
    const blob = await response.blob();
    return { ok: true, value: { blob, filename: filenameOf(response) ?? file } };
  } catch {
    return unreachable();
  }
}

/** The file name in a `Content-Disposition: attachment; filename="…"` header. */
export function filenameOf(response: Pick<Response, "headers">): string | null {
  const header = response.headers.get("content-disposition") ?? "";
  const match = /filename="([^"]+)"/.exec(header) ?? /filename=([^;\s]+)/.exec(header);
  return match ? match[1] : null;
}

function refusalOf(body: unknown): Result<never> {
  const error = isRecord(body) ? body.error : null;
  if (isRecord(body) && body.ok === false && isRecord(error) && isErrorCode(error.code)) {
    return fail(error.code, typeof error.message === "string" ? error.message : undefined);
  }
  return fail("internal");
}

function isListing(value: unknown): value is SummitListing {
  if (!isRecord(value) || !isRecord(value.summit) || !Array.isArray(value.workshops)) return false;
  const { summit } = value;
  return (
    typeof summit.id === "string" &&
    typeof summit.name === "string" &&
    (summit.date === null || typeof summit.date === "string") &&
    (summit.venue === null || typeof summit.venue === "string") &&
    typeof summit.archived === "boolean" &&
    value.workshops.every(
      (w) =>
        isRecord(w) &&
        typeof w.id === "string" &&
        typeof w.title === "string" &&
        typeof w.code === "string",
    )
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
