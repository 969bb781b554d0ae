import Database from "better-sqlite3";
import path from "node:path";
import type { SummitExport } from "../../server/export/model.js";

/** Votes as the store holds them: per idea, and how many attendees hold more than `budget`. */
export function storedVotes(
  dataDir: string,
  workshopId: string,
  budget: number,
): { perIdea: Record<string, number>; overBudget: number } {
  const db = new Database(path.join(dataDir, "roundtable.db"), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    const rows = db
      .prepare(
        "SELECT idea_id AS ideaId, sum(count) AS n FROM votes WHERE workshop_id = ? GROUP BY idea_id",
      )
      .all(workshopId) as { ideaId: string; n: number }[];
    const overBudget = db
      .prepare(
        `SELECT count(*) FROM (SELECT participant_id FROM votes WHERE workshop_id = ?
         GROUP BY participant_id HAVING sum(count) > ?)`,
      )
      .pluck()
      .get(workshopId, budget) as number;
    return { perIdea: Object.fromEntries(rows.map((r) => [r.ideaId, r.n])), overBudget };
  } finally {
    db.close();
  }
}

/** Votes per idea in the organiser's export of one workshop (summit.json). */
export async function exportedVotes(
  url: string,
  organiserKey: string,
  workshopId: string,
): Promise<Record<string, number>> {
  const response = await fetch(`${url}/api/summit/export/summit.json?workshop=${workshopId}`, {
    headers: { authorization: `Bearer ${organiserKey}` },
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`export: HTTP ${response.status}`);
  const model = (await response.json()) as SummitExport;
  const ideas = model.workshops[0]?.ideas ?? [];
  return Object.fromEntries(ideas.filter((i) => i.votes > 0).map((i) => [i.id, i.votes]));
}

/**
 * Votes an ack said were counted but the server does not hold (lost), and
 * votes it holds that no ack accounted for (phantom).
 */
export function compareVotes(
  acked: Record<string, number>,
  held: Record<string, number>,
): { lost: number; phantom: number } {
  let lost = 0;
  let phantom = 0;
  for (const id of new Set([...Object.keys(acked), ...Object.keys(held)])) {
    const difference = (held[id] ?? 0) - (acked[id] ?? 0);
    if (difference < 0) lost -= difference;
    else phantom += difference;
  }
  return { lost, phantom };
}
