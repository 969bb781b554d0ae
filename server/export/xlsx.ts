import ExcelJS from "exceljs";
import { safeCell } from "./cells.js";
import { ACTION_COLUMNS, IDEA_COLUMNS } from "./csv.js";
import { topClusters, type SummitExport } from "./model.js";

/**
 * A workbook: a summary sheet, a sheet of ideas per workshop and the action
 * plan, each with a frozen bold header and widths that fit their content.
 */
export async function xlsxWorkbook(model: SummitExport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Roundtable";
  book.created = new Date(model.exportedAt);

  addSheet(
    book,
    "Summary",
    ["Workshop", "Theme", "Phase", "Participants", "Ideas", "Votes", "Top cluster"],
    model.workshops.map((w) => [
      w.title,
      w.theme,
      w.phase,
      w.participants,
      w.ideas.filter((i) => i.status === "published").length,
      w.votesCast,
      topClusters(w) || null,
    ]),
  );
  const names = new Set<string>(["Summary", "Actions"]);
  for (const w of model.workshops) {
    addSheet(
      book,
      sheetName(w.title, names),
      IDEA_COLUMNS,
      w.ideas.map((i) => [w.title, i.prompt, i.cluster, i.text, i.votes, i.author, i.status]),
    );
  }
  addSheet(
    book,
    "Actions",
    ACTION_COLUMNS,
    model.workshops.flatMap((w) =>
      w.actions.map((a) => [
        w.title,
        a.text,
        a.owner,
        a.due,
        a.source?.kind ?? null,
        a.source?.label ?? null,
      ]),
    ),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}

function addSheet(
  book: ExcelJS.Workbook,
  name: string,
  columns: string[],
  rows: (string | number | null)[][],
): void {
  const sheet = book.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 1 }],
    // Printed, a sheet fits the page's width, landscape, repeating its header.
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.pageSetup.printTitlesRow = "1:1";
  sheet.addRow(columns).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map(safeCell));
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(columns[i].length, ...rows.map((r) => String(r[i] ?? "").length));
    column.width = Math.min(60, Math.max(8, longest + 2));
    if (longest > 60) column.alignment = { wrapText: true, vertical: "top" };
  });
}

/** Excel allows 31 characters and none of []:*?/\ in a sheet name, and no two alike. */
function sheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, " ")
      .trim()
      .slice(0, 28) || "Workshop";
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()) || taken.has(name); n++) name = `${base} ${n}`;
  taken.add(name);
  taken.add(name.toLowerCase());
  return name;
}
