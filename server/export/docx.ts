import { plural } from "../../shared/words.js";
import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import {
  countsLine,
  publishedIdeas,
  topClusters,
  type SummitExport,
  type WorkshopExport,
} from "./model.js";

/**
 * The report an organiser sends to partners: a summary of the summit, then
 * per workshop its theme, prompts, clusters ranked by votes with their ideas
 * and a bar chart of votes per cluster, notes and actions, and at the end
 * the action plan of every workshop. Only ideas that were on the board
 * appear.
 */
export async function docxReport(model: SummitExport): Promise<Buffer> {
  const { summit } = model;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: summit.name, heading: HeadingLevel.TITLE }),
  ];
  const when = [summit.date, summit.venue].filter(Boolean).join(" · ");
  if (when) children.push(new Paragraph({ text: when }));
  children.push(
    new Paragraph({ text: "Summary", heading: HeadingLevel.HEADING_1 }),
    new Paragraph({
      text: countsLine(model.workshops),
    }),
    table(
      ["Workshop", "Theme", "Ideas", "Votes", "Top cluster"],
      model.workshops.map((w) => [
        w.title,
        w.theme ?? "",
        String(publishedIdeas(w).length),
        String(w.votesCast),
        topClusters(w),
      ]),
      [4, 3, 1, 1, 3],
    ),
  );
  for (const workshop of model.workshops) children.push(...section(workshop));
  const actions = model.workshops.flatMap((w) =>
    w.actions.map((a) => ({ ...a, workshop: w.title })),
  );
  if (actions.length > 0) {
    children.push(
      new Paragraph({ text: "Action plan", heading: HeadingLevel.HEADING_1 }),
      table(
        ["Action", "Owner", "Due", "Workshop", "From"],
        actions.map((a) => [a.text, a.owner, a.due, a.workshop, a.source?.label ?? ""]),
        [4, 3, 2.4, 3, 2],
      ),
    );
  }
  const document = new Document({
    creator: "Roundtable",
    title: summit.name,
    styles: { default: { document: { run: { font: "Arial", size: 22 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

function section(w: WorkshopExport): (Paragraph | Table)[] {
  const ideas = publishedIdeas(w);
  const byId = new Map(ideas.map((i) => [i.id, i]));
  const out: (Paragraph | Table)[] = [
    new Paragraph({ text: w.title, heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
  ];
  if (w.theme)
    out.push(
      new Paragraph({
        children: [new TextRun({ text: "Theme: ", bold: true }), new TextRun(w.theme)],
      }),
    );
  out.push(
    new Paragraph({
      text: countsLine([w]),
    }),
    new Paragraph({ text: "Prompts", heading: HeadingLevel.HEADING_2 }),
    ...w.prompts.map((p) => new Paragraph({ text: p.text, bullet: { level: 0 } })),
  );
  if (w.clusters.length > 0) {
    out.push(
      new Paragraph({ text: "Votes per cluster", heading: HeadingLevel.HEADING_2 }),
      barChart(w),
    );
    out.push(new Paragraph({ text: "Clusters and their ideas", heading: HeadingLevel.HEADING_2 }));
    for (const c of w.clusters) {
      out.push(
        new Paragraph({
          children: [
            new TextRun({ text: `${c.tied ? "=" : ""}${c.rank}. ${c.title}`, bold: true }),
            new TextRun(` (${plural(c.votes, "vote")})`),
          ],
        }),
      );
      for (const id of c.ideaIds) {
        const idea = byId.get(id);
        if (idea)
          out.push(
            new Paragraph({
              text: `${idea.text} (${plural(idea.votes, "vote")})`,
              bullet: { level: 0 },
            }),
          );
      }
    }
  }
  const loose = ideas.filter((i) => i.cluster === null).sort((a, b) => b.votes - a.votes);
  if (loose.length > 0) {
    out.push(
      new Paragraph({
        text: w.clusters.length > 0 ? "Other ideas" : "Ideas",
        heading: HeadingLevel.HEADING_2,
      }),
    );
    for (const i of loose)
      out.push(
        new Paragraph({ text: `${i.text} (${plural(i.votes, "vote")})`, bullet: { level: 0 } }),
      );
  }
  if (w.notes.trim()) {
    out.push(new Paragraph({ text: "Notes", heading: HeadingLevel.HEADING_2 }));
    for (const line of w.notes.trim().split(/\r?\n/)) out.push(new Paragraph({ text: line }));
  }
  if (w.actions.length > 0) {
    out.push(
      new Paragraph({ text: "Actions", heading: HeadingLevel.HEADING_2 }),
      table(
        ["Action", "Owner", "Due", "From"],
        w.actions.map((a) => [a.text, a.owner, a.due, a.source?.label ?? ""]),
        [4, 3, 2.4, 2],
      ),
    );
  }
  return out;
}

/**
 * Votes per cluster as horizontal bars drawn with block characters, which
 * Word and LibreOffice both render at the same width (cell widths that vary
 * by row do not survive LibreOffice).
 */
function barChart(w: WorkshopExport): Table {
  const top = Math.max(1, ...w.clusters.map((c) => c.votes));
  const FULL = 30; // blocks in the longest bar
  return new Table({
    columnWidths: [3000, 6000],
    width: { size: 9000, type: WidthType.DXA },
    rows: w.clusters.map(
      (c) =>
        new TableRow({
          children: [
            new TableCell({ children: [new Paragraph(c.title)] }),
            new TableCell({
              children: [
                new Paragraph({
                  children: [
                    new TextRun({
                      text: "█".repeat(Math.round((c.votes / top) * FULL)),
                      color: "1F4E9C",
                    }),
                    new TextRun({ text: ` ${c.votes}`, bold: true }),
                  ],
                }),
              ],
            }),
          ],
        }),
    ),
  });
}

/** A table with a bold repeated header; `widths` are relative column widths. */
function table(header: string[], rows: string[][], widths: number[]): Table {
  const total = widths.reduce((a, b) => a + b, 0);
  return new Table({
    columnWidths: widths.map((w) => Math.round((w / total) * 9000)),
    width: { size: 9000, type: WidthType.DXA },
    rows: [
      new TableRow({
        tableHeader: true,
        children: header.map(
          (h) =>
            new TableCell({
              children: [new Paragraph({ children: [new TextRun({ text: h, bold: true })] })],
            }),
        ),
      }),
      ...rows.map(
        (row) =>
          new TableRow({
            children: row.map((cell) => new TableCell({ children: [new Paragraph(cell)] })),
          }),
      ),
    ],
  });
}
