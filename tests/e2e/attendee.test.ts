import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ideasMap, readMeta } from "../../shared/board.js";
import { DEVICES, openBrowserRig, type BrowserRig } from "../helpers/browser.js";
import { must, post, seedWorkshop, type SeededWorkshop } from "../helpers/server.js";

/**
 * The attendee on a phone, in a real Chromium against the real server and
 * the built client: join by code, post, lose the network and keep posting,
 * reload with an idea still in the outbox, and vote through a budget. A
 * second attendee, in a browser context of their own, counts what arrives.
 */

const WAIT = 15_000;
const POLL = { timeout: WAIT };

describe("an attendee on a phone", () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await openBrowserRig({}, WAIT);
  });

  afterAll(async () => {
    await rig?.close();
  });

  /** A new person on a phone, with their own browser context (own storage, own connections). */
  const person = () => rig.person(DEVICES.phone);

  async function joinAs(page: Page, code: string, name: string): Promise<void> {
    await page.goto(`/join/${code}`);
    await page.getByLabel(/Your name/).fill(name);
    await page.getByRole("button", { name: "Join workshop" }).click();
    await page.waitForURL(/\/w\/[\w-]+$/);
    await page.getByText("Live", { exact: true }).waitFor();
  }

  async function postIdea(page: Page, text: string): Promise<void> {
    await page.getByLabel("Your idea", { exact: true }).fill(text);
    await page.getByRole("button", { name: "Post idea" }).click();
    // Online the composer waits a moment for the server's answer; offline it is free at once.
    await expect
      .poll(() => page.getByLabel("Your idea", { exact: true }).inputValue(), POLL)
      .toBe("");
  }

  let organiserKey: string | null = null;

  /** A workshop in the test summit (made with the first one), moved to a phase. */
  async function newWorkshop(
    options: Parameters<typeof seedWorkshop>[1] & { title: string },
  ): Promise<SeededWorkshop> {
    if (!organiserKey) {
      const seeded = await seedWorkshop(rig.server, options);
      organiserKey = seeded.organiserKey;
      return seeded;
    }
    const created = must(
      await post(rig.server.url, organiserKey, "workshop.create", {
        title: options.title,
        prompts: options.prompts ?? ["What do you hear first?"],
        settings: options.settings,
      }),
    );
    if (options.phase) {
      must(
        await post(rig.server.url, created.facilitatorToken, "phase.set", { phase: options.phase }),
      );
    }
    const meta = readMeta(rig.server.app.engine.board(created.workshopId));
    return { organiserKey, ...created, promptIds: meta?.prompts.map((p) => p.id) ?? [] };
  }

  /** The list items that show an idea; an idea shown twice is a bug. */
  const itemsWith = (page: Page, text: string): Locator =>
    page.getByRole("listitem").filter({ hasText: text });

  /** The ideas the server holds on the board, by text. */
  function boardTexts(workshop: SeededWorkshop): string[] {
    return [...ideasMap(rig.server.app.engine.board(workshop.workshopId)).values()].map(
      (i) => i.text,
    );
  }

  it("posts offline, survives a reload with an idea in the outbox, and votes through a budget", async () => {
    const workshop = await newWorkshop({
      title: "Community intelligence",
      phase: "brainstorm",
      settings: { votesPerAttendee: 3, maxVotesPerIdea: 2 },
    });
    const code = workshop.code;
    const ideas = {
      first: "Youth workers at the bus station on Friday nights",
      offline1: "A shared map of places people avoid after dark",
      offline2: "Translate the reporting form into the five most spoken languages",
      applied: "Monthly walkabouts with residents and the neighbourhood team",
      unsent: "A single phone number for every partner agency",
    };

    // Someone else in the room, on their own phone, who counts what arrives.
    const other = await person();
    await joinAs(other, code, "Ben");

    // Join by typing the code, with a space, on the landing page.
    const phone = await person();
    const context = phone.context();
    await phone.goto("/");
    await phone.getByLabel("Join code").fill(`${code.slice(0, 3)} ${code.slice(3)}`);
    await phone.getByRole("button", { name: "Join", exact: true }).click();
    await phone.getByLabel(/Your name/).fill("Asha");
    await phone.getByRole("button", { name: "Join workshop" }).click();
    await phone.waitForURL(/\/w\/[\w-]+$/);
    await phone.getByText("Live", { exact: true }).waitFor();
    await phone.getByText("0 of 20 ideas posted").waitFor();

    await postIdea(phone, ideas.first);
    await phone.getByText("Your idea was posted.").waitFor();
    await itemsWith(phone, ideas.first).getByText("Yours").waitFor();
    await itemsWith(other, ideas.first).getByText("Asha").waitFor();

    // The network goes. The connection indicator says so.
    await context.setOffline(true);
    await phone.getByText("Offline, reconnecting…").waitFor();
    await postIdea(phone, ideas.offline1);
    await postIdea(phone, ideas.offline2);
    for (const text of [ideas.offline1, ideas.offline2]) {
      await itemsWith(phone, text).getByText("Waiting to send").waitFor();
    }
    await phone.getByText("2 changes are kept on this device").waitFor();
    expect(boardTexts(workshop)).toEqual([ideas.first]);

    // It comes back: both arrive at the other phone, once each.
    await context.setOffline(false);
    await phone.getByText("Live", { exact: true }).waitFor();
    for (const text of [ideas.offline1, ideas.offline2]) {
      await itemsWith(other, text).first().waitFor();
      await itemsWith(phone, text).getByText("Yours").waitFor();
    }
    await other.getByRole("heading", { name: "Ideas on the board (3)" }).waitFor();
    for (const text of Object.values(ideas).slice(0, 3)) {
      expect(await itemsWith(other, text).count(), text).toBe(1);
      expect(await itemsWith(phone, text).count(), text).toBe(1);
    }
    expect(boardTexts(workshop).sort()).toEqual(Object.values(ideas).slice(0, 3).sort());
    await expect.poll(() => phone.getByText("Waiting to send").count(), POLL).toBe(0);

    // Now the answers go missing: the server applies the next idea but its
    // answer never arrives, and the idea after it waits its turn in the outbox.
    let proxy: "pass" | "drop-answers" = "pass";
    await phone.routeWebSocket(/\/socket\.io\//, (ws) => {
      const upstream = ws.connectToServer();
      ws.onMessage((message) => upstream.send(message));
      upstream.onMessage((message) => {
        // Engine.IO message (4) carrying a Socket.IO ack (3): the answer to a command.
        if (proxy === "drop-answers" && String(message).startsWith("43")) return;
        ws.send(message);
      });
    });
    await phone.reload();
    await phone.getByText("Live", { exact: true }).waitFor();
    proxy = "drop-answers";
    await postIdea(phone, ideas.applied);
    await expect.poll(() => boardTexts(workshop), POLL).toContain(ideas.applied);
    await postIdea(phone, ideas.unsent);
    await itemsWith(phone, ideas.unsent).getByText("Sending…").waitFor();
    const outboxKey = `roundtable.outbox.${workshop.workshopId}`;
    const stored = await phone.evaluate((key) => localStorage.getItem(key), outboxKey);
    expect(
      JSON.parse(stored ?? "[]").map((c: { payload: { text: string } }) => c.payload.text),
    ).toEqual([ideas.applied, ideas.unsent]);

    // A reload with both still in the outbox: the first is sent again (same
    // id: the server answers from its record) and the second for the first time.
    proxy = "pass";
    await phone.reload();
    await phone.getByText("Live", { exact: true }).waitFor();
    await expect
      .poll(() => phone.evaluate((key) => localStorage.getItem(key), outboxKey), POLL)
      .toBe(null);
    for (const text of [ideas.applied, ideas.unsent]) {
      await itemsWith(phone, text).getByText("Yours").waitFor();
      await itemsWith(other, text).first().waitFor();
    }
    await other.getByRole("heading", { name: "Ideas on the board (5)" }).waitFor();
    for (const text of Object.values(ideas)) {
      expect(await itemsWith(other, text).count(), text).toBe(1);
      expect(await itemsWith(phone, text).count(), text).toBe(1);
    }
    expect(boardTexts(workshop).sort()).toEqual(Object.values(ideas).sort());

    // Voting: three dots, at most two on one idea.
    must(await post(rig.server.url, workshop.facilitatorToken, "phase.set", { phase: "vote" }));
    const votesLeft = (n: number) => phone.getByText(`${n} of 3 votes left`);
    await votesLeft(3).waitFor();
    const add = (text: string) =>
      itemsWith(phone, text).getByRole("button", { name: "Add a vote" });
    const remove = (text: string) =>
      itemsWith(phone, text).getByRole("button", { name: "Remove a vote" });
    await add(ideas.first).click();
    await add(ideas.first).click();
    await votesLeft(1).waitFor();
    expect(await add(ideas.first).isDisabled(), "two dots is the most one idea takes").toBe(true);
    await add(ideas.offline1).click();
    await votesLeft(0).waitFor();
    const addButtons = phone.getByRole("button", { name: "Add a vote" });
    expect(await addButtons.count()).toBe(5);
    await expect
      .poll(
        () => addButtons.evaluateAll((buttons) => buttons.every((b) => b.hasAttribute("disabled"))),
        POLL,
      )
      .toBe(true);

    await remove(ideas.offline1).click();
    await votesLeft(1).waitFor();
    expect(await add(ideas.offline1).isDisabled()).toBe(false);

    // The server holds the same dots: a reload shows them from there.
    await expect
      .poll(() => phone.evaluate((key) => localStorage.getItem(key), outboxKey), POLL)
      .toBe(null);
    await phone.reload();
    await votesLeft(1).waitFor();
    await itemsWith(phone, ideas.first).getByText("2 votes", { exact: true }).waitFor();
    // Votes are secret: the other attendee sees their own dots only, no tallies or results.
    await other.getByText("3 of 3 votes left").waitFor();
    expect(await itemsWith(other, ideas.first).getByText("2 votes").count()).toBe(0);
    expect(await other.getByRole("heading", { name: "Results" }).count()).toBe(0);

    expect(rig.problems).toEqual([]);
  });

  it("asks to read the content note once per workshop, and keeps workshops in two tabs apart", async () => {
    const safety = await newWorkshop({ title: "Trauma-informed practice", phase: "brainstorm" });
    const note = "Some of what is shared here may be hard to hear. Take a break when you need one.";
    const support = "Victim Support: 0808 168 9111";
    must(
      await post(rig.server.url, safety.facilitatorToken, "workshop.update", {
        contentNote: { text: note, signposting: support },
      }),
    );
    const funding = await newWorkshop({ title: "Funding that lasts", phase: "brainstorm" });

    const first = await person();
    await joinAs(first, safety.code, "Asha");
    await first.getByRole("heading", { name: "Before you take part" }).waitFor();
    await first.getByText(support).waitFor();
    expect(await first.getByLabel("Your idea", { exact: true }).count()).toBe(0);
    await first.getByRole("button", { name: "Continue" }).click();
    await postIdea(first, "Ask before sharing anyone's story");
    await itemsWith(first, "Ask before sharing").getByText("Yours").waitFor();

    // The same phone, another tab, another workshop: another participant.
    const second = await first.context().newPage();
    second.setDefaultTimeout(WAIT);
    second.on("pageerror", (error) => rig.problems.push(`${second.url()}: ${error.message}`));
    await joinAs(second, funding.code, "Asha");
    await postIdea(second, "Three-year grants instead of one");
    await itemsWith(second, "Three-year grants").getByText("Yours").waitFor();
    expect(await second.getByText("Before you take part").count()).toBe(0);

    await first.reload();
    await itemsWith(first, "Ask before sharing").getByText("Yours").waitFor();
    expect(await itemsWith(first, "Three-year grants").count()).toBe(0);
    expect(await itemsWith(second, "Ask before sharing").count()).toBe(0);
    expect(await first.getByText("Before you take part").count()).toBe(0);

    // The note stays within reach.
    await first.getByRole("button", { name: "About this workshop and support" }).click();
    const dialog = first.getByRole("dialog", { name: "About this workshop" });
    await dialog.getByText(note).waitFor();
    await dialog.getByRole("button", { name: "Close" }).click();
    await dialog.waitFor({ state: "hidden" });

    // A closed tab is no loss: the landing page leads back to both.
    await second.goto("/");
    await second.getByRole("link", { name: /Trauma-informed practice/ }).waitFor();
    await second.getByRole("link", { name: /Funding that lasts/ }).click();
    await itemsWith(second, "Three-year grants").getByText("Yours").waitFor();

    expect(rig.problems).toEqual([]);
  });
});
