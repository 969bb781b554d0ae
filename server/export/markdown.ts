import { plural } from "../../shared/words.js";
import { countsLine, publishedIdeas, type SummitExport, type WorkshopExport } from "./model.js";

/**
 * A report to publish: the summit, then per workshop its prompts, clusters
 * ranked by votes with their ideas, notes and actions. Only ideas that were
 * on the board appear; held, pending and hidden ones stay in the CSV, XLSX
 * and JSON records.
 */
export function markdownReport(model: SummitExport): string {
  const { summit } = model;
  const lines = [
    `# ${text(summit.name)}`,
    "",
    [summit.date, summit.venue]
      .filter(Boolean)
      .map((s) => text(s ?? ""))
      .join(" · "),
    "",
    countsLine(model.workshops),
    "",
  ];
  for (const workshop of model.workshops) lines.push(...section(workshop));
  return lines.join("\n").replace(/\n{3,}/g, "\n\n");
}

function section(w: WorkshopExport): string[] {
  const ideas = publishedIdeas(w);
  const byId = new Map(ideas.map((i) => [i.id, i]));
  const lines = [`## ${text(w.title)}`, ""];
  if (w.theme) lines.push(`Theme: ${text(w.theme)}`, "");
  lines.push(countsLine([w]), "");
  lines.push("### Prompts", "", ...w.prompts.map((p) => `- ${text(p.text)}`), "");
  if (w.clusters.length > 0) {
    lines.push("### Clusters by votes", "");
    for (const c of w.clusters) {
      lines.push(
        `${c.tied ? "=" : ""}${c.rank}. **${text(c.title)}** (${plural(c.votes, "vote")})`,
      );
      for (const id of c.ideaIds) {
        const idea = byId.get(id);
        if (idea) lines.push(`   - ${text(idea.text)} (${plural(idea.votes, "vote")})`);
      }
    }
    lines.push("");
  }
  const loose = ideas.filter((i) => i.cluster === null);
  if (loose.length > 0) {
    lines.push(w.clusters.length > 0 ? "### Other ideas" : "### Ideas", "");
    for (const i of [...loose].sort((a, b) => b.votes - a.votes)) {
      lines.push(`- ${text(i.text)} (${plural(i.votes, "vote")})`);
    }
    lines.push("");
  }
  if (w.notes.trim()) lines.push("### Notes", "", text(w.notes.trim()), "");
  if (w.actions.length > 0) {
    lines.push("### Actions", "", "| Action | Owner | Due | From |", "| --- | --- | --- | --- |");
    for (const a of w.actions) {
      lines.push(
        `| ${cell(a.text)} | ${cell(a.owner)} | ${cell(a.due)} | ${cell(a.source?.label ?? "")} |`,
      );
    }
    lines.push("");
  }
  return lines;
}

/** Text as Markdown shows it, not as Markdown or HTML it could run as. */
function text(value: string): string {
  return value.replace(/[\\`*_{}[\]<>()#+\-!|~]/g, (c) => `\\${c}`).replace(/&/g, "&amp;");
}

function cell(value: string): string {
  return text(value).replace(/\r?\n/g, " ");
}
