import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docNames } from "../../shared/board.js";
import { actionsArray, notesText } from "../../shared/notes.js";
import type { SummitExport } from "../../server/export/model.js";
import {
  connectSocket,
  eventually,
  join,
  must,
  openDoc,
  post,
  removeDataDir,
  seedWorkshop,
  startServer,
  type SeededWorkshop,
  type TestServer,
} from "../helpers/server.js";
import { unzip } from "../helpers/zip.js";

/**
 * Texts a spreadsheet would run as formulas if they were written as they
 * are. Ideas are trimmed, so the tab and carriage return ones arrive through
 * an action, which facilitators write freely.
 */
const INJECTIONS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)"];
const WHITESPACE_INJECTIONS = ["\tcmd /c calc", "\rcmd /c calc"];

/**
 * [E1] Every export of a seeded summit, checked field by field: anonymity and
 * vote secrecy hold in every format, spreadsheet cells cannot run, and held,
 * pending and hidden ideas stay out of the published reports.
 */
describe("exports", () => {
  let server: TestServer;
  let workshop: SeededWorkshop;
  let ids: Record<string, string>;
  const secrets: string[] = [];

  beforeAll(async () => {
    server = await startServer({ tuning: { rateLimit: { burst: 1000, perSecond: 1000 } } });
    workshop = await seedWorkshop(server, {
      phase: "brainstorm",
      prompts: ["What works?", "What should change?"],
    });
    const ann = await join(server, workshop.code, "Annabel Quiet");
    const bob = await join(server, workshop.code, "Bob Named");
    secrets.push(ann.token, bob.token, ann.participantId, bob.participantId, "Annabel", "Quiet");
    secrets.push(workshop.organiserKey, workshop.facilitatorToken, workshop.projectorToken);
    const a = await connectSocket(server.url, ann.token);
    const b = await connectSocket(server.url, bob.token);
    const facilitator = await connectSocket(server.url, workshop.facilitatorToken);
    const [works, change] = workshop.promptIds;
    const postAs = async (socket: typeof a, promptId: string, text: string, anonymous = false) =>
      must(await socket.send("idea.post", { promptId, text, anonymous })).ideaId;
    ids = {
      quiet: await postAs(a, works, "Youth clubs open late é 🎉", true),
      named: await postAs(b, works, "Outreach at the market"),
      change: await postAs(b, change, "<script>alert(1)</script> fewer forms"),
      held: await postAs(b, change, "call Dave on 07700 900123"),
      hidden: await postAs(b, change, "an idea the facilitator hid"),
    };
    for (const [i, text] of INJECTIONS.entries())
      ids[`inject${i}`] = await postAs(a, change, text, true);
    must(await facilitator.send("idea.hide", { ideaId: ids.hidden }));
    const youth = must(
      await facilitator.send("cluster.create", {
        title: "Young people",
        ideaIds: [ids.quiet, ids.named],
      }),
    ).clusterId;
    const forms = must(
      await facilitator.send("cluster.create", { title: "=Forms", ideaIds: [ids.change] }),
    ).clusterId;
    must(await facilitator.send("phase.set", { phase: "vote" }));
    for (const ideaId of [ids.quiet, ids.quiet, ids.named])
      must(await a.send("vote.cast", { ideaId }));
    for (const ideaId of [ids.change, ids.change, ids.change])
      must(await b.send("vote.cast", { ideaId }));
    must(await facilitator.send("votes.reveal", { revealed: true }));

    const notes = openDoc(
      server.url,
      docNames.notes(workshop.workshopId),
      workshop.facilitatorToken,
    );
    await eventually(() => notes.provider.synced, { what: "notes sync" });
    notes.doc.transact(() => {
      notesText(notes.doc).insert(0, "Agreed to meet again in March.");
      actionsArray(notes.doc).push([
        {
          id: "action01",
          text: "Map youth provision",
          owner: "Council",
          due: "2027-03-01",
          source: { kind: "cluster", id: youth },
        },
        {
          id: "action02",
          text: "@Reduce forms",
          owner: "+Health",
          due: "",
          source: { kind: "cluster", id: forms },
        },
        ...WHITESPACE_INJECTIONS.map((text, i) => ({
          id: `ws${i}`,
          text,
          owner: "-",
          due: "",
          source: null,
        })),
      ]);
    });
    await eventually(
      () =>
        actionsArray(server.app.docs.open(docNames.notes(workshop.workshopId)).doc).length === 4,
      { what: "actions on the server" },
    );
    notes.destroy();
    for (const s of [a, b, facilitator]) s.close();
  });
  afterAll(async () => {
    await server.stop();
    removeDataDir(server.dataDir);
  });

  async function download(file: string, key = workshop.organiserKey) {
    const response = await fetch(`${server.url}/api/summit/export/${file}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    return { response, body: Buffer.from(await response.arrayBuffer()) };
  }

  function expectNoSecrets(text: string): void {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }

  it("[E2] JSON: a versioned document with every idea, its status, votes and label", async () => {
    const { response, body } = await download("summit.json");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="?summit-summit\.json"?$/,
    );
    const model = JSON.parse(body.toString()) as SummitExport;
    expect(model).toMatchObject({
      schema: "roundtable.summit-export",
      version: 1,
      summit: { name: "Summit" },
    });
    const [w] = model.workshops;
    expect(w).toMatchObject({
      title: "Community intelligence",
      participants: 2,
      votesCast: 6,
      phase: "vote",
    });
    const byId = new Map(w.ideas.map((i) => [i.id, i]));
    expect(byId.get(ids.quiet)).toMatchObject({
      author: null,
      votes: 2,
      cluster: "Young people",
      status: "published",
      prompt: "What works?",
    });
    expect(byId.get(ids.named)).toMatchObject({ author: "Bob Named", votes: 1 });
    expect(byId.get(ids.held)).toMatchObject({ status: "held", votes: 0, cluster: null });
    expect(byId.get(ids.hidden)).toMatchObject({ status: "hidden" });
    expect(w.clusters.map((c) => [c.title, c.votes, c.rank, c.tied])).toEqual([
      ["Young people", 3, 1, true],
      ["=Forms", 3, 1, true],
    ]);
    expect(w.notes).toBe("Agreed to meet again in March.");
    expect(w.actions[0]).toEqual({
      text: "Map youth provision",
      owner: "Council",
      due: "2027-03-01",
      source: { kind: "cluster", label: "Young people" },
    });
    expectNoSecrets(body.toString());
  });

  it("[E3] CSV: UTF-8 with a BOM, one row per idea, cells that cannot run", async () => {
    const { response, body } = await download("ideas.csv");
    expect(response.headers.get("content-type")).toMatch(/text\/csv/);
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.toString("utf8").slice(1);
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe("Workshop,Prompt,Cluster,Idea,Votes,Author,Status");
    expect(text).toContain(
      "Community intelligence,What works?,Young people,Youth clubs open late é 🎉,2,,published",
    );
    expect(text).toContain("Outreach at the market,1,Bob Named,published");
    expect(text).toContain("'=Forms");
    for (const injection of INJECTIONS) {
      expect(text).toContain(`'${injection.replace(/"/g, '""')}`);
      expect(text).not.toMatch(new RegExp(`(^|,|")${escape(injection.replace(/"/g, '""'))}`, "m"));
    }
    expectNoSecrets(text);
  });

  it("[E4] the action plan CSV lists every action with owner, due date and source", async () => {
    const text = (await download("actions.csv")).body.toString("utf8");
    expect(text).toContain("Action,Owner,Due,From,Idea or cluster");
    expect(text).toContain(
      "Community intelligence,Map youth provision,Council,2027-03-01,cluster,Young people",
    );
    expect(text).toContain("'@Reduce forms,'+Health,,cluster,'=Forms");
    for (const injection of WHITESPACE_INJECTIONS) expect(text).toContain(`'${injection}`);
  });

  it("[E5] XLSX: a summary, a sheet per workshop and the actions, with frozen headers", async () => {
    const { body } = await download("summit.xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      "Summary",
      "Community intelligence",
      "Actions",
    ]);
    const summary = book.getWorksheet("Summary")!;
    expect(summary.getRow(2).values).toEqual([
      undefined,
      "Community intelligence",
      "",
      "vote",
      2,
      6,
      6,
      "Young people (3) = =Forms (3)",
    ]);
    const sheet = book.getWorksheet("Community intelligence")!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const cells = sheet.getSheetValues().flat().map(String);
    for (const injection of INJECTIONS) expect(cells).toContain(`'${injection}`);
    const actions = book.getWorksheet("Actions")!.getSheetValues().flat().map(String);
    expect(actions.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(actions.filter((cell) => cell.startsWith("'")).length).toBeGreaterThanOrEqual(5);
    expect(cells.some((c) => c.startsWith("="))).toBe(false);
    expectNoSecrets(cells.join("\n"));
    expect(book.getWorksheet("Actions")!.getRow(2).getCell(2).value).toBe("Map youth provision");
  });

  it("[E6] DOCX and Markdown reports: ranked clusters, ties, notes and actions; nothing held or hidden", async () => {
    const document = unzip((await download("report.docx")).body)
      .get("word/document.xml")!
      .toString();
    const words = document.replace(/<[^>]+>/g, " ");
    const markdown = (await download("report.md")).body.toString();
    for (const report of [words, markdown]) {
      expect(report).toContain("Young people");
      expect(report).toContain("Map youth provision");
      expect(report).toContain("Agreed to meet again in March.");
      expect(report).not.toContain("07700");
      expect(report).not.toContain("the facilitator hid");
      expectNoSecrets(report);
    }
    expect(words).toContain("=1. Young people");
    expect(markdown).toContain("=1. **Young people** (3 votes)");
    expect(markdown).toContain("\\<script\\>alert\\(1\\)\\</script\\>");
    expect(document).not.toContain("<script>");
  });

  it("[E7] one workshop's export holds only that workshop", async () => {
    const other = must(
      await post(server.url, workshop.organiserKey, "workshop.create", {
        title: "Funding",
        prompts: ["?"],
      }),
    );
    const all = JSON.parse((await download("summit.json")).body.toString()) as SummitExport;
    expect(all.workshops.map((w) => w.title)).toEqual(["Community intelligence", "Funding"]);
    const response = await fetch(
      `${server.url}/api/summit/export/summit.json?workshop=${other.workshopId}`,
      {
        headers: { authorization: `Bearer ${workshop.organiserKey}` },
      },
    );
    const one = (await response.json()) as SummitExport;
    expect(one.workshops.map((w) => w.title)).toEqual(["Funding"]);
  });

  it("[E8] refuses a wrong key, another role's token and an unknown format, each with its code", async () => {
    const cases: [string, string, number, string][] = [
      ["summit.json", "A".repeat(22), 401, "unauthenticated"],
      ["summit.json", workshop.facilitatorToken, 403, "forbidden"],
      ["summit.exe", workshop.organiserKey, 404, "not_found"],
    ];
    for (const [file, key, status, code] of cases) {
      const { response, body } = await download(file, key);
      expect(response.status).toBe(status);
      expect(JSON.parse(body.toString())).toMatchObject({ ok: false, error: { code } });
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
