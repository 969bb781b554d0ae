import type { ExportFile } from "../../shared/exports.js";

/**
 * The exports an organiser can download, in the order the page offers them,
 * with the words it uses for each; the file names are shared/exports.ts's.
 */
export const EXPORT_FORMATS = [
  {
    file: "report.docx",
    label: "Word report",
    kind: "DOCX",
    description: "To send to partners: clusters ranked by votes, a chart, notes and actions.",
  },
  {
    file: "summit.xlsx",
    label: "Spreadsheet",
    kind: "Excel",
    description: "A summary, every idea per workshop and the action plan, one sheet each.",
  },
  {
    file: "ideas.csv",
    label: "Ideas",
    kind: "CSV",
    description: "One row per idea: workshop, question, cluster, votes, author if named, status.",
  },
  {
    file: "actions.csv",
    label: "Action plan",
    kind: "CSV",
    description: "Every action with its owner, due date and the idea or cluster it came from.",
  },
  {
    file: "report.md",
    label: "Report as text",
    kind: "Markdown",
    description: "The Word report as plain text, for a website or an email.",
  },
  {
    file: "summit.json",
    label: "All the data",
    kind: "JSON",
    description: "Everything above as structured data, for other tools.",
  },
] as const satisfies readonly {
  file: ExportFile;
  label: string;
  kind: string;
  description: string;
}[];

export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type ExportFileName = ExportFile;

/** Hands a downloaded file to the browser to save, as a link with `download` would. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has the blob once the click is handled; free it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
