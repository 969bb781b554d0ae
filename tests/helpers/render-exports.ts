/**
 * Renders the DOCX report and the XLSX workbook of a seeded summit to PDF
 * and PNG pages with LibreOffice, to look at them as a partner would.
 * Run by hand (needs Debian's libreoffice-writer-nogui, libreoffice-calc-nogui
 * and poppler-utils):
 *
 *   npx tsx tests/helpers/render-exports.ts [OUT_DIR]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { docNames } from "../../shared/board.js";
import { actionsArray, notesText } from "../../shared/notes.js";
import { THEME_TEMPLATES } from "../../shared/templates.js";
import {
  connectSocket,
  eventually,
  join,
  must,
  openDoc,
  post,
  removeDataDir,
  startServer,
} from "./server.js";

const out = path.resolve(process.argv[2] ?? "/tmp/roundtable-exports");
mkdirSync(out, { recursive: true });
const server = await startServer({ tuning: { rateLimit: { burst: 10_000, perSecond: 10_000 } } });
const { organiserKey } = must(
  await post(server.url, server.app.setupToken ?? "", "summit.create", {
    name: "Regional Community Safety Summit",
    date: "2026-11-27",
    venue: "Civic Centre, Main Hall",
  }),
);

const IDEAS = [
  ["Youth workers in the street, not only in the centre", "Reach"],
  ["Shopkeepers notice when young people stop coming in", "Reach"],
  ["A monthly drop-in at the library with a familiar officer", "Trust"],
  ["Tell people what happened after they spoke up", "Trust"],
  ["Trusted community members as go-betweens", "Trust"],
  ["Three-year grants as the norm", "Funding"],
  ["Core costs funded, not just new projects", "Funding"],
  ["One application form for all funders", "Funding"],
  ["Plain English in every joint plan", "Reach"],
] as const;

for (const template of THEME_TEMPLATES.filter((t) => t.id !== "blank").slice(0, 3)) {
  const w = must(
    await post(server.url, organiserKey, "workshop.create", {
      title: template.title,
      prompts: [...template.prompts],
      settings: { ...template.settings, preModeration: false },
      templateId: template.id,
    }),
  );
  const facilitator = await connectSocket(server.url, w.facilitatorToken);
  must(await facilitator.send("phase.set", { phase: "brainstorm" }));
  const people = [];
  for (const name of ["Asha", "Ben", "Chidi", "Dana", "Eilidh"]) {
    people.push(await connectSocket(server.url, (await join(server, w.code, name)).token));
  }
  const meta = server.app.engine.board(w.workshopId).getMap("meta").toJSON() as {
    prompts: { id: string }[];
  };
  const clusters = new Map<string, string[]>();
  for (const [i, [text, cluster]] of IDEAS.entries()) {
    const { ideaId } = must(
      await people[i % people.length].send("idea.post", {
        promptId: meta.prompts[i % meta.prompts.length].id,
        text,
        anonymous: i % 2 === 0,
      }),
    );
    clusters.set(cluster, [...(clusters.get(cluster) ?? []), ideaId]);
  }
  const clusterIds = new Map<string, string>();
  for (const [title, ideaIds] of clusters) {
    clusterIds.set(
      title,
      must(await facilitator.send("cluster.create", { title, ideaIds })).clusterId,
    );
  }
  must(await facilitator.send("phase.set", { phase: "vote" }));
  const ideaIds = [...clusters.values()].flat();
  for (const [p, person] of people.entries()) {
    for (let v = 0; v < 5; v++) {
      await person.send("vote.cast", { ideaId: ideaIds[(p * 3 + v * v) % ideaIds.length] });
    }
  }
  must(await facilitator.send("votes.reveal", { revealed: true }));
  const notes = openDoc(server.url, docNames.notes(w.workshopId), w.facilitatorToken);
  await eventually(() => notes.provider.synced);
  notes.doc.transact(() => {
    notesText(notes.doc).insert(
      0,
      "The room agreed that trust comes before reporting.\nFunding stability was raised by every table.",
    );
    actionsArray(notes.doc).push([
      {
        id: "a1",
        text: "Map youth provision across the three boroughs",
        owner: "Community Safety Partnership",
        due: "2027-01-31",
        source: { kind: "cluster", id: clusterIds.get("Reach") ?? "" },
      },
      {
        id: "a2",
        text: "Propose a shared application form to local funders",
        owner: "Voluntary sector forum",
        due: "2027-03-15",
        source: { kind: "cluster", id: clusterIds.get("Funding") ?? "" },
      },
    ]);
  });
  await eventually(
    () => actionsArray(server.app.docs.open(docNames.notes(w.workshopId)).doc).length === 2,
  );
  notes.destroy();
  for (const socket of [facilitator, ...people]) socket.close();
}

for (const file of ["report.docx", "summit.xlsx"]) {
  const response = await fetch(`${server.url}/api/summit/export/${file}`, {
    headers: { authorization: `Bearer ${organiserKey}` },
  });
  const target = path.join(out, file);
  writeFileSync(target, Buffer.from(await response.arrayBuffer()));
  execFileSync("soffice", ["--headless", "--convert-to", "pdf", "--outdir", out, target], {
    stdio: "inherit",
  });
  const pdf = target.replace(/\.\w+$/, ".pdf");
  execFileSync("pdftoppm", ["-png", "-r", "60", pdf, pdf.replace(/\.pdf$/, "")]);
  console.log(`rendered ${file} -> ${pdf} and its PNG pages`);
}
await server.stop();
removeDataDir(server.dataDir);
