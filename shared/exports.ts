/** Every export an organiser can download (`GET /api/summit/export/<file>`); README "Exports" says what each holds. */
export const EXPORT_FILES = [
  "ideas.csv",
  "actions.csv",
  "summit.xlsx",
  "report.docx",
  "report.md",
  "summit.json",
] as const;

export type ExportFile = (typeof EXPORT_FILES)[number];

/** Whether a string names one of the exports. */
export function isExportFile(name: string): name is ExportFile {
  return (EXPORT_FILES as readonly string[]).includes(name);
}
