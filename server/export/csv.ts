import { stringify } from "csv-stringify/sync";
import { safeCell } from "./cells.js";
import type { SummitExport } from "./model.js";

/** Excel reads a UTF-8 CSV's accents and emoji right only with a byte order mark. */
const BOM = "\uFEFF";

export const IDEA_COLUMNS = ["Workshop", "Prompt", "Cluster", "Idea", "Votes", "Author", "Status"];
export const ACTION_COLUMNS = ["Workshop", "Action", "Owner", "Due", "From", "Idea or cluster"];

/** One row per idea: workshop, prompt, cluster, text, votes, author (never of an anonymous idea), status. */
export function ideasCsv(model: SummitExport): string {
  const rows = model.workshops.flatMap((w) =>
    w.ideas.map((i) => [w.title, i.prompt, i.cluster, i.text, i.votes, i.author, i.status]),
  );
  return table(IDEA_COLUMNS, rows);
}

/** The action plan: one row per action of every workshop. */
export function actionsCsv(model: SummitExport): string {
  const rows = model.workshops.flatMap((w) =>
    w.actions.map((a) => [
      w.title,
      a.text,
      a.owner,
      a.due,
      a.source?.kind ?? null,
      a.source?.label ?? null,
    ]),
  );
  return table(ACTION_COLUMNS, rows);
}

function table(columns: string[], rows: (string | number | null)[][]): string {
  return (
    BOM +
    stringify([columns, ...rows.map((row) => row.map(safeCell))], { record_delimiter: "windows" })
  );
}
