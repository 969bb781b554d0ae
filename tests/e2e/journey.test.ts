import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEVICES, openBrowserRig, type BrowserRig } from "../helpers/browser.js";

/**
 * One workshop, end to end, in a real Chromium against the real server and
 * the built client: the organiser sets up a summit and a workshop, the
 * facilitator opens the brainstorm, an attendee joins on a phone with the
 * code and posts an idea, and another attendee and the projector see it
 * arrive live. One browser context per person.
 */

const { phone: PHONE, laptop: LAPTOP, projector: PROJECTOR } = DEVICES;

describe("a workshop in the browser", () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await openBrowserRig();
  });

  afterAll(async () => {
    await rig?.close();
  });

  it("runs from setup to an idea on every screen", async () => {
    const title = "Community intelligence";
    const question = "What would help you share concerns early?";
    const idea = "A monthly drop-in at the library with a familiar officer";

    // The organiser uses the one-time setup link, then creates a workshop.
    const organiser = await rig.person(LAPTOP);
    expect(rig.server.app.setupToken).toBeTruthy();
    await organiser.goto(`/setup#${rig.server.app.setupToken}`);
    await organiser.getByLabel("Summit name").fill("Safer Together 2025");
    await organiser.getByRole("button", { name: "Create summit" }).click();
    await organiser.getByRole("heading", { name: "Workshops", level: 1 }).waitFor();
    await organiser.getByLabel("Title").fill(title);
    await organiser.getByLabel("Questions").fill(`${question}\nWho is missing from the room?`);
    await organiser.getByRole("button", { name: "Create workshop" }).click();
    await organiser.getByRole("heading", { name: title, level: 3 }).waitFor();

    const href = (name: RegExp) => organiser.getByRole("link", { name }).getAttribute("href");
    const attendeeLink = await href(/^Attendee link/);
    const facilitatorLink = await href(/^Facilitator link/);
    const projectorLink = await href(/^Projector link/);
    const code = /\/join\/(\d{6})$/.exec(attendeeLink ?? "")?.[1];
    expect(code, "the attendee link carries the join code").toBeDefined();
    expect(facilitatorLink).toMatch(/\/f\/[\w-]+#[\w-]{22}$/);
    expect(projectorLink).toMatch(/\/p\/[\w-]+#[\w-]{22}$/);

    // The projector shows the code from the start.
    const projector = await rig.person(PROJECTOR);
    await projector.goto(projectorLink!);
    await projector.getByRole("heading", { name: title, level: 1 }).waitFor();
    await projector.getByText(`${code!.slice(0, 3)} ${code!.slice(3)}`).waitFor();

    // The facilitator opens the brainstorm.
    const facilitator = await rig.person(LAPTOP);
    await facilitator.goto(facilitatorLink!);
    await facilitator.getByRole("heading", { name: title, level: 1 }).waitFor();
    await facilitator.getByRole("button", { name: "Brainstorm", exact: true }).click();
    await facilitator
      .getByRole("button", { name: "Brainstorm", exact: true, pressed: true })
      .waitFor();

    // A second attendee, on a laptop, is already on the board before the idea is posted.
    const laptop = await rig.person(LAPTOP);
    await laptop.goto(attendeeLink!);
    await laptop.getByLabel(/Your name/).fill("Ben");
    await laptop.getByRole("button", { name: "Join workshop" }).click();
    await laptop.getByRole("heading", { name: title, level: 1 }).waitFor();
    await laptop.getByRole("heading", { name: /Ideas on the board \(0\)/ }).waitFor();

    // The attendee on a phone types the code (with a space) on the landing page.
    const phone = await rig.person(PHONE);
    await phone.goto("/");
    await phone.getByLabel("Join code").fill(`${code!.slice(0, 3)} ${code!.slice(3)}`);
    await phone.getByRole("button", { name: "Join" }).click();
    await phone.getByRole("heading", { name: title, level: 1 }).waitFor();
    await phone.getByLabel(/Your name/).fill("Asha");
    await phone.getByRole("button", { name: "Join workshop" }).click();
    await phone.waitForURL(/\/w\/[\w-]+$/);
    await phone.getByText("Brainstorm", { exact: true }).waitFor();
    await phone.getByRole("radio", { name: question }).check();
    await phone.getByLabel("Your idea", { exact: true }).fill(idea);
    await phone.getByRole("button", { name: "Post idea" }).click();
    await phone.getByText("Your idea was posted.").waitFor();
    const own = phone.getByRole("listitem").filter({ hasText: idea });
    await own.getByText("Yours").waitFor();
    expect(await phone.getByLabel("Your idea", { exact: true }).inputValue()).toBe("");

    // Everyone else sees it arrive, with the author's name.
    const onLaptop = laptop.getByRole("listitem").filter({ hasText: idea });
    await onLaptop.getByText("Asha").waitFor();
    expect(await onLaptop.getByText("Yours").count()).toBe(0);
    await projector.getByRole("region", { name: question }).getByText(idea).waitFor();
    await projector.getByText("1 idea", { exact: true }).waitFor();
    await facilitator
      .getByRole("region", { name: /^Board/ })
      .getByText(idea)
      .waitFor();

    // A reload on the phone is the same participant: the idea is still theirs.
    await phone.reload();
    await phone.getByRole("listitem").filter({ hasText: idea }).getByText("Yours").waitFor();

    expect(rig.problems).toEqual([]);
  });
});
