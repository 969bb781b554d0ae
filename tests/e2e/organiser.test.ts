import { readFile } from "node:fs/promises";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMeta } from "../../shared/board.js";
import { ERROR_CODES } from "../../shared/protocol.js";
import { findTemplate } from "../../shared/templates.js";
import { DEVICES, openBrowserRig, type BrowserRig } from "../helpers/browser.js";
import { connectSocket, join, must, post, type CommandSocket } from "../helpers/server.js";
import { unzip } from "../helpers/zip.js";

/**
 * The organiser's pages in a real Chromium against the real server and the
 * built client: an organiser opens the setup link, creates a summit with
 * its date and venue and three workshops from three theme templates, watches
 * the live overview while two attendees post and vote (over REST and
 * Socket.io, as the attendee pages are covered elsewhere), downloads every
 * export of the summit and of one workshop, makes new links for a workshop
 * (the facilitator on the old link is refused), and prints the join sheet.
 * A second test archives, reopens, starts another summit and deletes it
 * with a typed confirmation, and opens a key from an organiser link.
 */

const SUMMIT = { name: "Safer Together 2025", date: "2025-06-12", venue: "Manchester Central" };
const TEMPLATES = [
  "community-intelligence",
  "grant-funding",
  "trauma-informed-violence-prevention",
].map((id) => findTemplate(id)!);
const [CI, FUNDING, TRAUMA] = TEMPLATES.map((t) => t.title);

/** Presence is written every 2 s at most; expect.poll gives up after 1 s unless told. */
const LIVE = { timeout: 10_000 };

interface CreatedRoom {
  title: string;
  workshopId: string;
  code: string;
  facilitatorToken: string;
  promptId: string;
}

describe("the organiser's pages", () => {
  let rig: BrowserRig;
  const sockets: CommandSocket[] = [];
  /** the first summit's organiser key, as the first test's browser keeps it */
  let firstKey = "";

  beforeAll(async () => {
    rig = await openBrowserRig();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await rig?.close();
  });

  /** Svelte's runtime warnings (they link to svelte.dev/e/...), which rig.problems does not catch. */
  const warnings: string[] = [];

  async function organiserPage(device: keyof typeof DEVICES): Promise<Page> {
    const page = await rig.person(DEVICES[device]);
    page.on("console", (message) => {
      if (/svelte\.dev\/e\//.test(message.text())) warnings.push(message.text());
    });
    return page;
  }

  /** A workshop's card on the Workshops page, or its live card on the overview. */
  const card = (page: Page, title: string): Locator =>
    page.getByRole("listitem", { name: title, exact: true });

  async function openSection(page: Page, link: string, heading: string): Promise<void> {
    await page
      .getByRole("navigation", { name: "Organiser pages" })
      .getByRole("link", { name: link })
      .click();
    await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
  }

  /** Clicks a download button and returns the file's suggested name and bytes. */
  async function download(page: Page, button: Locator): Promise<{ name: string; body: Buffer }> {
    const [file] = await Promise.all([page.waitForEvent("download"), button.click()]);
    const filePath = await file.path();
    return { name: file.suggestedFilename(), body: await readFile(filePath) };
  }

  it("sets up a summit with three workshops, watches them live, downloads every export, rotates links and prints the join sheet", async () => {
    const page = await organiserPage("laptop");
    const url = rig.server.url;

    // Setup: the one-time link, then the summit with its date and venue.
    await page.goto(`/setup#${rig.server.app.setupToken}`);
    await page.getByLabel("Summit name").fill(SUMMIT.name);
    await page.getByLabel("Date").fill(SUMMIT.date);
    await page.getByLabel("Venue").fill(SUMMIT.venue);
    await page.getByRole("button", { name: "Create summit" }).click();
    await page.getByRole("heading", { name: "Workshops", level: 1 }).waitFor();
    await page.getByText("Thursday 12 June 2025 · Manchester Central").waitFor();
    expect(page.url()).toBe(`${url}/organiser`);
    firstKey = (await page.evaluate(() => localStorage.getItem("roundtable.organiser")))!;
    expect(firstKey).toMatch(/^[\w-]{22}$/);

    // Three workshops, each from its theme template.
    const rooms: CreatedRoom[] = [];
    for (const template of TEMPLATES) {
      await page.getByLabel("Theme template").selectOption({ label: template.name });
      expect(await page.getByLabel("Title").inputValue()).toBe(template.title);
      await page.getByRole("button", { name: "Create workshop" }).click();
      await page.getByText(`Workshop “${template.title}” created with join code`).waitFor();
      const created = card(page, template.title);
      const attendeeHref = await created
        .getByRole("link", { name: /^Attendee link/ })
        .getAttribute("href");
      const facilitatorHref = await created
        .getByRole("link", { name: /^Facilitator link/ })
        .getAttribute("href");
      const code = /\/join\/(\d{6})$/.exec(attendeeHref!)![1];
      const [, workshopId, facilitatorToken] = /\/f\/([\w-]+)#([\w-]+)$/.exec(facilitatorHref!)!;
      await created.getByText(`${code.slice(0, 3)} ${code.slice(3)}`).waitFor();
      const meta = readMeta(rig.server.app.engine.board(workshopId))!;
      expect(meta.prompts.map((p) => p.text)).toEqual(template.prompts);
      rooms.push({
        title: template.title,
        workshopId,
        code,
        facilitatorToken,
        promptId: meta.prompts[0].id,
      });
    }
    expect(
      await page
        .getByRole("listitem")
        .filter({ has: page.getByRole("heading", { level: 3 }) })
        .count(),
    ).toBe(3);
    const [ci, funding, trauma] = rooms;

    // The live overview: every room, updating while two attendees post and vote.
    await openSection(page, "Overview", "Live overview");
    for (const room of rooms) {
      await expect
        .poll(() => card(page, room.title).innerText())
        .toMatch(/LOBBY[\s\S]*Online\s+0\s+Ideas\s+0\s+Waiting\s+0\s+Votes\s+0/i);
    }
    must(await post(url, ci.facilitatorToken, "phase.set", { phase: "brainstorm" }));
    must(await post(url, trauma.facilitatorToken, "phase.set", { phase: "brainstorm" }));
    must(await post(url, ci.facilitatorToken, "timer.start", { seconds: 600 }));
    const ann = await join(rig.server, ci.code, "Ann");
    const ben = await join(rig.server, ci.code, "Ben");
    const benInTrauma = await join(rig.server, trauma.code);
    const [annSocket, benSocket, benTraumaSocket] = await Promise.all(
      [ann, ben, benInTrauma].map((a) => connectSocket(url, a.token)),
    );
    sockets.push(annSocket, benSocket, benTraumaSocket);
    const ciCard = card(page, ci.title);
    await expect
      .poll(() => ciCard.innerText(), LIVE)
      .toMatch(/BRAINSTORM[\s\S]*Online\s+2\s+Ideas\s+0/i);
    await ciCard.getByRole("timer").waitFor();

    const first = must(
      await annSocket.send("idea.post", {
        promptId: ci.promptId,
        text: "A monthly drop-in at the library",
      }),
    );
    await expect.poll(() => ciCard.innerText(), LIVE).toMatch(/Ideas\s+1\b/);
    must(
      await benSocket.send("idea.post", {
        promptId: ci.promptId,
        text: "Youth workers in the street",
      }),
    );
    await expect
      .poll(() => ciCard.innerText(), LIVE)
      .toMatch(/Online\s+2\s+Ideas\s+2\s+Waiting\s+0\s+Votes\s+0/);
    // Pre-moderation (the trauma-informed template) keeps the idea waiting for its facilitator.
    must(
      await benTraumaSocket.send("idea.post", {
        promptId: trauma.promptId,
        text: "Trusted adults in every school",
      }),
    );
    await expect
      .poll(() => card(page, trauma.title).innerText())
      .toMatch(/Online\s+1\s+Ideas\s+0\s+Waiting\s+1\s+Votes\s+0[\s\S]*1 awaiting approval/);
    must(await post(url, ci.facilitatorToken, "phase.set", { phase: "vote" }));
    must(await annSocket.send("vote.cast", { ideaId: first.ideaId }));
    must(await benSocket.send("vote.cast", { ideaId: first.ideaId }));
    await expect.poll(() => ciCard.innerText(), LIVE).toMatch(/VOTE[\s\S]*Votes\s+2/);
    await page
      .getByText("3 workshops · 3 attendees online · 2 ideas · 1 waiting · 2 votes")
      .waitFor();
    benSocket.close();
    await expect.poll(() => ciCard.innerText(), LIVE).toMatch(/Online\s+1\b/);
    await expect
      .poll(() => card(page, funding.title).innerText())
      .toMatch(/LOBBY[\s\S]*Online\s+0/i);

    // Every export of the whole summit, through the page.
    const whole = page.getByRole("region", { name: "Whole summit" });
    const summitFiles = new Map<string, Buffer>();
    for (const label of [
      "Word report (DOCX)",
      "Spreadsheet (Excel)",
      "Ideas (CSV)",
      "Action plan (CSV)",
      "Report as text (Markdown)",
      "All the data (JSON)",
    ]) {
      const file = await download(page, whole.getByRole("button", { name: label }));
      summitFiles.set(file.name, file.body);
    }
    expect([...summitFiles.keys()].sort()).toEqual(
      ["actions.csv", "ideas.csv", "report.docx", "report.md", "summit.json", "summit.xlsx"].map(
        (f) => `safer-together-2025-${f}`,
      ),
    );
    const file = (name: string) => summitFiles.get(`safer-together-2025-${name}`)!;
    const ideasCsv = file("ideas.csv").toString("utf8");
    expect(ideasCsv.startsWith("\uFEFFWorkshop,Prompt,Cluster,Idea,Votes,Author,Status\r\n")).toBe(
      true,
    );
    expect(ideasCsv).toContain("A monthly drop-in at the library");
    expect(ideasCsv).toContain("Trusted adults in every school");
    expect(file("actions.csv").toString("utf8")).toMatch(
      /^\uFEFFWorkshop,Action,Owner,Due,From,Idea or cluster\r\n/,
    );
    const json = JSON.parse(file("summit.json").toString("utf8")) as {
      schema: string;
      version: number;
      summit: { name: string; venue: string };
      workshops: { title: string }[];
    };
    expect(json).toMatchObject({ schema: "roundtable.summit-export", version: 1 });
    expect(json.summit).toMatchObject({ name: SUMMIT.name, venue: SUMMIT.venue });
    expect(json.workshops.map((w) => w.title)).toEqual([CI, FUNDING, TRAUMA]);
    const markdown = file("report.md").toString("utf8");
    expect(markdown).toContain(SUMMIT.name);
    expect(markdown).toContain("Youth workers in the street");
    const documentXml = unzip(file("report.docx")).get("word/document.xml")!.toString("utf8");
    for (const title of [CI, FUNDING, TRAUMA]) expect(documentXml).toContain(title);
    const workbook = unzip(file("summit.xlsx"));
    expect(workbook.has("xl/workbook.xml")).toBe(true);
    expect(workbook.get("xl/sharedStrings.xml")!.toString("utf8")).toContain(
      "Youth workers in the street",
    );

    // And of one workshop: only its own outcomes. Chromium lets one page make ten downloads
    // without asking; a fresh load of the page starts the count again.
    await page.reload();
    await page.getByRole("heading", { name: "Live overview", level: 1 }).waitFor();
    const one = page.getByRole("region", { name: CI, exact: true });
    const jsonOfOne = await download(
      page,
      one.getByRole("button", { name: "All the data (JSON)" }),
    );
    expect(jsonOfOne.name).toBe("community-intelligence-hearing-what-communities-know-summit.json");
    expect(
      (JSON.parse(jsonOfOne.body.toString("utf8")) as typeof json).workshops.map((w) => w.title),
    ).toEqual([CI]);
    const csvOfOne = await download(page, one.getByRole("button", { name: "Ideas (CSV)" }));
    expect(csvOfOne.body.toString("utf8")).not.toContain("Trusted adults in every school");
    for (const label of [
      "Word report (DOCX)",
      "Spreadsheet (Excel)",
      "Action plan (CSV)",
      "Report as text (Markdown)",
    ]) {
      const { name, body } = await download(page, one.getByRole("button", { name: label }));
      expect(name).toMatch(
        /^community-intelligence-hearing-what-communities-know-(report\.docx|summit\.xlsx|actions\.csv|report\.md)$/,
      );
      expect(body.length).toBeGreaterThan(0);
    }

    // New links for one workshop: the facilitator on the old link is refused at once.
    const facilitator = await rig.person(DEVICES.laptop);
    await facilitator.goto(`/f/${funding.workshopId}#${funding.facilitatorToken}`);
    await facilitator.getByRole("heading", { name: funding.title, level: 1 }).waitFor();
    await openSection(page, "Workshops", "Workshops");
    const fundingCard = card(page, funding.title);
    const oldLink = await fundingCard
      .getByRole("link", { name: /^Facilitator link/ })
      .getAttribute("href");
    await fundingCard.getByRole("button", { name: "New links" }).click();
    const dialog = page.getByRole("dialog", { name: `New links for “${funding.title}”?` });
    await dialog.getByText("stop working at once").waitFor();
    await dialog.getByRole("button", { name: "Make new links" }).click();
    await fundingCard.getByText("New links made. The old ones no longer work.").waitFor();
    const newLink = await fundingCard
      .getByRole("link", { name: /^Facilitator link/ })
      .getAttribute("href");
    expect(newLink).not.toBe(oldLink);
    await facilitator.getByText(ERROR_CODES.unauthenticated).waitFor();
    expect(
      await post(url, funding.facilitatorToken, "phase.set", { phase: "brainstorm" }),
    ).toMatchObject({
      ok: false,
      error: { code: "unauthenticated" },
    });
    const renewed = /#([\w-]+)$/.exec(newLink!)![1];
    must(await post(url, renewed, "phase.set", { phase: "brainstorm" }));

    // The join sheet: one page per workshop with its code and QR code, one A4 page each in print.
    await openSection(page, "Join sheet", "Join sheet");
    const sheets = page.getByRole("article");
    await expect.poll(() => sheets.count(), LIVE).toBe(3);
    for (const [i, room] of rooms.entries()) {
      const sheet = sheets.nth(i);
      await sheet.getByRole("heading", { name: room.title, level: 2 }).waitFor();
      await sheet
        .getByText(`${room.code.slice(0, 3)} ${room.code.slice(3)}`, { exact: true })
        .waitFor();
      await sheet.getByRole("img", { name: `QR code to join ${room.title}` }).waitFor();
      await sheet.getByText(`${new URL(url).host}/join/${room.code}`, { exact: true }).waitFor();
    }
    await page.getByRole("button", { name: "Print 3 pages" }).waitFor();
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("banner").isVisible()).toBe(false);
    expect(await page.getByRole("navigation", { name: "Organiser pages" }).isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Print 3 pages" }).isVisible()).toBe(false);
    const breaks = await sheets.evaluateAll((all) =>
      all.map((el) => getComputedStyle(el).breakAfter),
    );
    expect(breaks).toEqual(["page", "page", "auto"]);
    await page.emulateMedia({ media: "screen" });

    expect(rig.problems).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it("archives and reopens, starts another summit, deletes it with a typed confirmation, and opens a key from a link", async () => {
    const page = await organiserPage("laptop");
    const first = firstKey;
    await page.goto(`/organiser#${first}`);
    await page.getByRole("heading", { name: "Workshops", level: 1 }).waitFor();
    // The key leaves the address bar once kept.
    expect(page.url()).toBe(`${rig.server.url}/organiser`);
    await page.getByText(SUMMIT.name, { exact: true }).waitFor();

    // Archive: read-only, clearly shown on every page; then reopen.
    await openSection(page, "Summit", "Summit");
    await page.getByRole("button", { name: "Archive summit" }).click();
    await page
      .getByRole("dialog", { name: `Archive “${SUMMIT.name}”?` })
      .getByRole("button", { name: "Archive summit" })
      .click();
    await page.getByText("Archived: read-only").waitFor();
    await page.getByRole("button", { name: "Reopen summit" }).waitFor();
    await openSection(page, "Workshops", "Workshops");
    await page.getByText("This summit is archived: nothing in it can change.").waitFor();
    expect(await page.getByRole("button", { name: "Create workshop" }).count()).toBe(0);
    await openSection(page, "Summit", "Summit");
    await page.getByRole("button", { name: "Reopen summit" }).click();
    await page.getByRole("button", { name: "Archive summit" }).waitFor();
    expect(await page.getByText("Archived: read-only").count()).toBe(0);

    // Another summit, which this browser opens, keeping the first one's key.
    const another = page.getByRole("region", { name: "Another summit" });
    await another.getByLabel("Summit name").fill("Spring review");
    await another.getByLabel("Venue").fill("Town hall");
    await another.getByRole("button", { name: "Create another summit" }).click();
    await page.getByRole("heading", { name: "Workshops", level: 1 }).waitFor();
    await page.getByText("Spring review", { exact: true }).waitFor();
    await page.getByText("No workshops yet.", { exact: false }).waitFor();

    // A workshop in it, deleted again after a confirmation.
    await page.getByLabel("Title").fill("Try-out room");
    await page.getByLabel("Questions").fill("What should we try?");
    await page.getByRole("button", { name: "Create workshop" }).click();
    const tryOut = card(page, "Try-out room");
    await tryOut.getByRole("button", { name: "Delete workshop" }).click();
    await page
      .getByRole("dialog", { name: "Delete “Try-out room”?" })
      .getByRole("button", { name: "Delete workshop" })
      .click();
    await page.getByText("No workshops yet.", { exact: false }).waitFor();
    expect(await tryOut.count()).toBe(0);

    // Delete it: the name must be typed exactly.
    await openSection(page, "Summit", "Summit");
    await page.getByRole("button", { name: "Delete summit…" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete “Spring review”?" });
    await dialog.getByLabel("Type “Spring review” to confirm").fill("Spring");
    await dialog.getByRole("button", { name: "Delete summit for good" }).click();
    await dialog.getByText("That is not the name.", { exact: false }).waitFor();
    await dialog.getByLabel("Type “Spring review” to confirm").fill("Spring review");
    await dialog.getByRole("button", { name: "Delete summit for good" }).click();
    await page.getByText("“Spring review” was deleted", { exact: false }).waitFor();
    const deletedKey = await page.evaluate(() => localStorage.getItem("roundtable.organiser"));
    expect(deletedKey).toBe(first);
    await page.getByRole("button", { name: "Open your other summit" }).click();
    await page.getByText(SUMMIT.name, { exact: true }).waitFor();

    // A browser still holding a deleted summit's key is told plainly.
    const stale = await organiserPage("phone");
    const spring = must(await post(rig.server.url, first, "summit.create", { name: "Gone soon" }));
    must(await post(rig.server.url, spring.organiserKey, "summit.delete", {}));
    await stale.goto(`/organiser/overview#${spring.organiserKey}`);
    await stale.getByRole("heading", { name: "Live overview", level: 1 }).waitFor();
    await stale
      .getByRole("alert")
      .getByText("This organiser key does not open any summit.", { exact: false })
      .waitFor();
    await stale.getByRole("button", { name: "Forget this key" }).click();
    await stale.getByText("This browser holds no organiser key.").waitFor();

    expect(rig.problems).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
