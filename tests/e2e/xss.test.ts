import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docNames } from "../../shared/board.js";
import { actionsArray, notesText } from "../../shared/notes.js";
import { DEVICES, openBrowserRig, type BrowserRig } from "../helpers/browser.js";
import { connectSocket, eventually, join, must, openDoc, seedWorkshop } from "../helpers/server.js";

/** Markup that would run if any view put text into the page as HTML. */
const PAYLOAD = `<img src=x onerror="window.__xss=(window.__xss||0)+1"><script>window.__xss=1</script>`;
/** Names are short: the same attack in 60 characters. */
const SHORT = `<img src=x onerror="window.__xss=1">`;

/**
 * [H5] Idea text, names, cluster titles, notes and actions carrying HTML and
 * script are shown as text in every view, and nothing runs.
 */
describe("hostile text in every view", () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await openBrowserRig();
  });
  afterAll(async () => {
    await rig?.close();
  });

  async function inert(page: Page, path: string): Promise<void> {
    await page.goto(path);
    await page.getByText(`${PAYLOAD} idea`).first().waitFor();
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator("img[src=x]").count()).toBe(0);
    expect(await page.locator("script:not([src])").count()).toBe(0);
  }

  it("[H5] shows every payload as text on the attendee, facilitator and projector views", async () => {
    const workshop = await seedWorkshop(rig.server, { phase: "brainstorm" });
    const author = await join(rig.server, workshop.code, `${SHORT} name`);
    const socket = await connectSocket(rig.server.url, author.token);
    const { ideaId } = must(
      await socket.send("idea.post", { promptId: workshop.promptIds[0], text: `${PAYLOAD} idea` }),
    );
    const facilitator = await connectSocket(rig.server.url, workshop.facilitatorToken);
    must(
      await facilitator.send("cluster.create", { title: `${SHORT} cluster`, ideaIds: [ideaId] }),
    );
    const notes = openDoc(
      rig.server.url,
      docNames.notes(workshop.workshopId),
      workshop.facilitatorToken,
    );
    await eventually(() => notes.provider.synced);
    notes.doc.transact(() => {
      notesText(notes.doc).insert(0, `${PAYLOAD} note`);
      actionsArray(notes.doc).push([
        { id: "xss1", text: `${PAYLOAD} action`, owner: PAYLOAD, due: "", source: null },
      ]);
    });

    const attendee = await rig.person(DEVICES.phone);
    await attendee.addInitScript(
      ([id, token]) => localStorage.setItem(`roundtable.attendee.${id}`, token),
      [workshop.workshopId, author.token] as const,
    );
    await inert(attendee, `/w/${workshop.workshopId}`);
    await inert(
      await rig.person(DEVICES.laptop),
      `/f/${workshop.workshopId}#${workshop.facilitatorToken}`,
    );
    await inert(
      await rig.person(DEVICES.projector),
      `/p/${workshop.workshopId}#${workshop.projectorToken}`,
    );
    expect(rig.problems).toEqual([]);
    notes.destroy();
    socket.close();
    facilitator.close();
  });
});
