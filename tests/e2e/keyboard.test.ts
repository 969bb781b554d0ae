import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readIdeas } from "../../shared/board.js";
import { DEVICES, openBrowserRig, type BrowserRig } from "../helpers/browser.js";
import { must, post, seedWorkshop } from "../helpers/server.js";

/**
 * [X2] Without a mouse: an attendee joins, posts and votes, and a
 * facilitator clusters an idea, each by Tab, typing, Enter, Space and arrow
 * keys only. Every control is reached by Tab from where the page starts.
 */
describe("keyboard only", () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await openBrowserRig();
  });
  afterAll(async () => {
    await rig?.close();
  });

  /** Presses Tab until `target` has focus (a keyboard user can reach it), at most 60 times. */
  async function tabTo(page: Page, target: Locator): Promise<void> {
    for (let i = 0; i < 60; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press("Tab");
    }
    throw new Error(`could not reach ${target} by Tab`);
  }

  it("[X2] joins, posts and votes as an attendee, and clusters as a facilitator", async () => {
    const workshop = await seedWorkshop(rig.server, {
      phase: "brainstorm",
      settings: { votesPerAttendee: 2, anonymity: "named" },
    });
    const page = await rig.person(DEVICES.laptop);

    // Join: the code on the landing page, then a name.
    await page.goto("/");
    await tabTo(page, page.getByLabel("Join code"));
    await page.keyboard.type(workshop.code);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/join\//);
    await tabTo(page, page.getByLabel(/Your name/));
    await page.keyboard.type("Kim");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/w\/[\w-]+$/);

    // Post.
    await tabTo(page, page.getByLabel("Your idea", { exact: true }));
    await page.keyboard.type("Keyboard users post too");
    await tabTo(page, page.getByRole("button", { name: "Post idea" }));
    await page.keyboard.press("Enter");
    const board = rig.server.app.engine.board(workshop.workshopId);
    await expect
      .poll(() => readIdeas(board).map((i) => i.text))
      .toEqual(["Keyboard users post too"]);

    // Vote: Space on the first idea's "Add a vote".
    must(await post(rig.server.url, workshop.facilitatorToken, "phase.set", { phase: "vote" }));
    const add = page.getByRole("button", { name: "Add a vote" }).first();
    await add.waitFor();
    await tabTo(page, add);
    await page.keyboard.press("Space");
    await expect.poll(() => page.locator("body").innerText()).toMatch(/1 of 2\s+votes left/);

    // Cluster, as a facilitator, with the "Move to cluster" menu.
    must(await post(rig.server.url, workshop.facilitatorToken, "phase.set", { phase: "cluster" }));
    must(
      await post(rig.server.url, workshop.facilitatorToken, "cluster.create", { title: "Access" }),
    );
    const facilitator = await rig.person(DEVICES.laptop);
    await facilitator.goto(`/f/${workshop.workshopId}#${workshop.facilitatorToken}`);
    const menu = facilitator.getByRole("button", { name: /Move to cluster/ }).first();
    await menu.waitFor();
    await tabTo(facilitator, menu);
    await facilitator.keyboard.press("Enter");
    const option = facilitator.getByRole("menuitem", { name: "Access" });
    await option.waitFor();
    for (
      let i = 0;
      i < 10 && !(await option.evaluate((el) => el === document.activeElement));
      i++
    ) {
      await facilitator.keyboard.press("ArrowDown");
    }
    await facilitator.keyboard.press("Enter");
    await expect.poll(() => readIdeas(board)[0].clusterId).not.toBeNull();
    expect(rig.problems).toEqual([]);
  });
});
