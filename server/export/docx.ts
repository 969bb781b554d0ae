import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { SummitExport, WorkshopExport } from "./model.js";

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
  const ideas = model.workshops.reduce((n, w) => n + published(w).length, 0);
  const people = model.workshops.reduce((n, w) => n + w.participants, 0);
  const votes = model.workshops.reduce((n, w) => n + w.votesCast, 0);
  children.push(
    new Paragraph({ text: "Summary", heading: HeadingLevel.HEADING_1 }),
    new Paragraph({
      text: `${model.workshops.length} workshops, ${people} participants, ${ideas} ideas and ${votes} votes.`,
    }),
    table(
      ["Workshop", "Theme", "Ideas", "Votes", "Top cluster"],
      model.workshops.map((w) => [
        w.title,
        w.theme ?? "",
        String(published(w).length),
        String(w.votesCast),
        w.clusters[0]?.title ?? "",
      ]),
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
  const ideas = published(w);
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
      text: `${w.participants} participants, ${ideas.length} ideas, ${w.votesCast} votes.`,
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
      ),
    );
  }
  return out;
}

/** Votes per cluster as horizontal bars: a shaded cell whose width is the share of the top cluster's votes. */
function barChart(w: WorkshopExport): Table {
  const top = Math.max(1, ...w.clusters.map((c) => c.votes));
  const BAR = 5000; // twentieths of a point: the width of a full bar
  return new Table({
    width: { size: 9000, type: WidthType.DXA },
    rows: w.clusters.map((c) => {
      const filled = Math.max(1, Math.round((c.votes / top) * BAR));
      return new TableRow({
        children: [
          new TableCell({
            width: { size: 3000, type: WidthType.DXA },
            children: [new Paragraph(c.title)],
          }),
          new TableCell({
            width: { size: filled, type: WidthType.DXA },
            shading: {
              type: ShadingType.CLEAR,
              fill: c.votes > 0 ? "1F4E9C" : "FFFFFF",
              color: "auto",
            },
            children: [new Paragraph("")],
          }),
          new TableCell({
            width: { size: BAR - filled + 1000, type: WidthType.DXA },
            children: [new Paragraph({ text: String(c.votes), alignment: AlignmentType.LEFT })],
          }),
        ],
      });
    }),
  });
}

function table(header: string[], rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
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

function published(w: WorkshopExport) {
  return w.ideas.filter((i) => i.status === "published");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
