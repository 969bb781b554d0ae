/**
 * A spreadsheet cell that cannot run: text starting with `=`, `+`, `-`, `@`,
 * a tab or a carriage return would be read as a formula by Excel or
 * LibreOffice (CSV injection), so it gets a leading apostrophe, which both
 * show as plain text. Numbers pass through.
 */
export function safeCell(value: string | number | null): string | number {
  if (value === null) return "";
  if (typeof value === "number") return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
