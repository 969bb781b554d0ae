/**
 * A summit's date (yyyy-mm-dd) as people read it: "Thursday 12 June 2025",
 * the same in every browser (locales differ on the comma after the weekday).
 */
export function formatSummitDate(date: string, locale = "en-GB"): string {
  const [year, month, day] = date.split("-").map(Number);
  if (!year || !month || !day) return date;
  const when = new Date(year, month - 1, day);
  const part = (options: Intl.DateTimeFormatOptions) => when.toLocaleDateString(locale, options);
  return `${part({ weekday: "long" })} ${day} ${part({ month: "long" })} ${year}`;
}
