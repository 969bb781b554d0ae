import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEVICES, openBrowserRig, type BrowserRig } from "../helpers/browser.js";
import { seedWorkshop, type SeededWorkshop } from "../helpers/server.js";

/**
 * The attendee's and the staff's apps are separate builds and pages
 * (shared/routes.ts): within one app a link routes in place; a link to the
 * other app loads that app's page; a phone never fetches staff code.
 */
describe("the attendee's and the staff's apps", () => {
  let rig: BrowserRig;
  let workshop: SeededWorkshop;

  beforeAll(async () => {
    rig = await openBrowserRig();
    workshop = await seedWorkshop(rig.server, { phase: "brainstorm" });
  });
  afterAll(async () => {
    await rig?.close();
  });

  it("gives a phone the attendee's scripts only", async () => {
    const page = await rig.person(DEVICES.phone);
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(`/join/${workshop.code}`);
    await page.getByLabel(/Your name/).fill("Ann");
    await page.getByRole("button", { name: "Join workshop" }).click();
    await page.waitForURL(/\/w\/[\w-]+$/);
    await page.getByText("Live", { exact: true }).waitFor();
    expect(scripts.map((s) => s.replace(/-[\w-]+\.js$/, ""))).toEqual([
      "/assets/index",
      "/assets/Join",
    ]);
    expect(rig.problems).toEqual([]);
  });

  it("routes in place within the staff's app and loads the attendee's page for its addresses", async () => {
    const page = await rig.person(DEVICES.laptop);
    await page.goto(`/organiser#${workshop.organiserKey}`);
    await page.getByRole("heading", { level: 1, name: "Workshops" }).waitFor();
    await page.evaluate(() => Object.assign(window, { samePage: true }));
    await page
      .getByRole("navigation", { name: "Organiser pages" })
      .getByRole("link", { name: "Overview" })
      .click();
    await page.waitForURL(/\/organiser\/overview$/);
    expect(await page.evaluate(() => "samePage" in window)).toBe(true);
    // The page is a chunk of its own; its heading takes focus once it is shown.
    await page.waitForFunction(() => document.activeElement?.tagName === "H1");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/overview/i);

    // staff.html opened by its file name shows its not-found page, whose link is the attendee's home
    await page.goto("/staff.html");
    await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
    await page.evaluate(() => Object.assign(window, { samePage: true }));
    await page.getByRole("link", { name: "Join a workshop with its code" }).click();
    await page.getByRole("heading", { level: 1, name: "Join a workshop" }).waitFor();
    expect(await page.evaluate(() => "samePage" in window)).toBe(false);
    expect(rig.problems).toEqual([]);
  });
});
