import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readClusters, readMeta } from "../../shared/board.js";
import { findTemplate } from "../../shared/templates.js";
import { DEVICES, openBrowserRig, type BrowserRig } from "../helpers/browser.js";
import { join, must, post } from "../helpers/server.js";

/**
 * A trauma-informed workshop run from the facilitator console in a real
 * Chromium against the real server and the built client: the organiser
 * creates it from the theme template, the facilitator moderates what two
 * attendees post (one idea is held for a phone number), clusters one idea
 * by drag and drop and one by keyboard only, runs and reveals the vote,
 * spotlights the top cluster, and writes notes and an action that a second
 * facilitator sees. Attendees post and vote over REST: their pages are
 * covered by the journey test. axe-core checks the console on the way, in
 * the states the accessibility test does not reach (queue, menu, dialog).
 */

/** WCAG 2.2 A and AA, as in the accessibility test. */
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

const template = findTemplate("trauma-informed-violence-prevention")!;
const HELD = "Publicise the youth hub helpline 0161 496 0000 in every school";
const PENDING = "Ask young people what feeling safe with services means to them";
const SAFE = "Safe, trusted relationships";
const VOICE = "Youth voice";

describe("the facilitator console", () => {
  let rig: BrowserRig;
  const violations: string[] = [];

  beforeAll(async () => {
    rig = await openBrowserRig();
  });
  afterAll(async () => {
    await rig?.close();
  });

  async function audit(state: string, page: Page): Promise<void> {
    const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    for (const v of result.violations) violations.push(`${state}: ${v.id} (${v.nodes.length})`);
  }

  it("runs a trauma-informed workshop from template to actions", async () => {
    // The organiser starts from the theme template and adjusts the title before creating.
    const organiser = await rig.person(DEVICES.laptop);
    await organiser.goto(`/setup#${rig.server.app.setupToken}`);
    await organiser.getByLabel("Summit name").fill("Safer Together 2025");
    await organiser.getByRole("button", { name: "Create summit" }).click();
    await organiser.getByRole("heading", { name: "Workshops", level: 1 }).waitFor();
    await organiser.getByLabel("Theme template").selectOption({ label: template.name });
    expect(await organiser.getByLabel("Title").inputValue()).toBe(template.title);
    expect(await organiser.getByLabel("Questions").inputValue()).toBe(template.prompts.join("\n"));
    expect(await organiser.getByLabel("Names on ideas").inputValue()).toBe("anonymous");
    expect(await organiser.getByRole("checkbox", { name: /Pre-moderation/ }).isChecked()).toBe(
      true,
    );
    expect(await organiser.getByLabel("Content note", { exact: true }).inputValue()).toBe(
      template.contentNote!.text,
    );
    const title = `${template.title}: room 2`;
    await organiser.getByLabel("Title").fill(title);
    await organiser.getByRole("button", { name: "Create workshop" }).click();
    await organiser.getByRole("heading", { name: title, level: 3 }).waitFor();
    const facilitatorLink = await organiser
      .getByRole("link", { name: /^Facilitator link/ })
      .getAttribute("href");
    const workshopId = /\/f\/([\w-]+)#/.exec(facilitatorLink!)![1];
    const board = () => rig.server.app.engine.board(workshopId);
    const meta = readMeta(board())!;
    expect(meta.settings).toMatchObject({ anonymity: "anonymous", preModeration: true });
    expect(meta.contentNote).toEqual(template.contentNote);

    // The console opens in the lobby with the template's guidance for the facilitator.
    const facilitator = await rig.person(DEVICES.laptop);
    await facilitator.goto(facilitatorLink!);
    await facilitator.getByRole("heading", { name: title, level: 1 }).waitFor();
    await facilitator.getByText("Read the content note aloud", { exact: false }).waitFor();
    await facilitator.getByRole("button", { name: "Brainstorm", exact: true }).click();
    await facilitator
      .getByRole("button", { name: "Brainstorm", exact: true, pressed: true })
      .waitFor();

    // Two attendees post; the filter holds one, pre-moderation holds the other.
    const [ana, ben] = [await join(rig.server, meta.code), await join(rig.server, meta.code)];
    const promptId = meta.prompts[0].id;
    const held = must(await post(rig.server.url, ana.token, "idea.post", { promptId, text: HELD }));
    const pending = must(
      await post(rig.server.url, ben.token, "idea.post", { promptId, text: PENDING }),
    );
    expect([held.status, pending.status]).toEqual(["held", "pending"]);

    // The facilitator sees why the first was held, releases it and approves the other.
    const moderation = facilitator.getByRole("region", { name: /^Moderation/ });
    const heldEntry = moderation.getByRole("listitem").filter({ hasText: HELD });
    await heldEntry.getByText("Held by the filter").waitFor();
    await heldEntry.getByText(/Looks like a phone number/).waitFor();
    await heldEntry.getByText("0161 496 0000", { exact: true }).waitFor();
    await facilitator
      .getByText(/1 idea held for your review: it looks like it has a phone/)
      .waitFor();
    await audit("console with held and pending ideas", facilitator);
    await heldEntry.getByRole("button", { name: "Release" }).click();
    const pendingEntry = moderation.getByRole("listitem").filter({ hasText: PENDING });
    await pendingEntry.getByText("Waiting for approval").waitFor();
    await pendingEntry.getByRole("button", { name: "Approve" }).click();
    await moderation.getByText("Nothing is waiting.", { exact: false }).waitFor();

    const boardRegion = facilitator.getByRole("region", { name: /^Board/ });
    const card = (text: string) => boardRegion.getByRole("listitem").filter({ hasText: text });
    await card(HELD).waitFor();
    await card(PENDING).waitFor();

    // Clustering: two clusters, one idea dragged, one moved with the keyboard alone.
    await facilitator.getByRole("button", { name: "Cluster", exact: true }).click();
    for (const name of [SAFE, VOICE]) {
      await facilitator.getByLabel("New cluster").fill(name);
      await facilitator.getByRole("button", { name: "Add cluster" }).click();
      await boardRegion.getByRole("region", { name }).waitFor();
    }
    const area = (name: string) => boardRegion.getByRole("region", { name, exact: true });
    await card(HELD).dragTo(area(SAFE));
    await area(SAFE).getByText(HELD).waitFor();

    const move = card(PENDING).getByRole("button", { name: "Move to cluster…" });
    await move.focus();
    await facilitator.keyboard.press("Enter");
    const menu = facilitator.getByRole("menu");
    await menu.waitFor();
    await expect
      .poll(() =>
        menu.getByRole("menuitem", { name: SAFE }).evaluate((el) => el === document.activeElement),
      )
      .toBe(true);
    await audit("console with a menu open", facilitator);
    await facilitator.keyboard.press("ArrowDown");
    await facilitator.keyboard.press("Enter");
    await area(VOICE).getByText(PENDING).waitFor();
    // Focus follows the idea to its new place, so the keyboard user can carry on from there.
    await expect
      .poll(() =>
        area(VOICE)
          .getByRole("button", { name: "Move to cluster…" })
          .evaluate((el) => el === document.activeElement),
      )
      .toBe(true);
    const clusterIds = Object.fromEntries(readClusters(board()).map((c) => [c.title, c.id]));
    expect(
      Object.fromEntries(
        [...board().getMap<{ text: string; clusterId: string }>("ideas").values()].map((i) => [
          i.text,
          i.clusterId,
        ]),
      ),
    ).toEqual({ [HELD]: clusterIds[SAFE], [PENDING]: clusterIds[VOICE] });

    // The vote: attendees vote, the facilitator alone sees the live tallies.
    await facilitator.getByRole("button", { name: "Vote", exact: true }).click();
    await facilitator.getByRole("button", { name: "Vote", exact: true, pressed: true }).waitFor();
    for (let i = 0; i < 3; i++)
      must(await post(rig.server.url, ana.token, "vote.cast", { ideaId: held.ideaId }));
    must(await post(rig.server.url, ben.token, "vote.cast", { ideaId: held.ideaId }));
    must(await post(rig.server.url, ben.token, "vote.cast", { ideaId: pending.ideaId }));
    const votes = facilitator.getByRole("region", { name: "Votes and results" });
    await votes.getByText("Only you see these").waitFor();
    await votes.getByText("5 votes cast so far", { exact: false }).waitFor();
    expect(readMeta(board())!.votesRevealed).toBe(false);

    // Lowering the budget keeps the votes already cast, and says so.
    const settingsToggle = facilitator.getByRole("button", { name: "Settings", exact: true });
    if ((await settingsToggle.getAttribute("aria-expanded")) !== "true")
      await settingsToggle.click();
    await facilitator.getByLabel("Votes per attendee").fill("2");
    await facilitator.getByRole("button", { name: "Save settings" }).click();
    await facilitator
      .getByText("1 person already has more votes than this; they keep them", { exact: false })
      .waitFor();

    // Reveal, and the results are ranked by cluster and by idea.
    await votes.getByRole("button", { name: "Reveal results" }).click();
    await votes.getByText("Revealed to everyone").waitFor();
    expect(readMeta(board())!.votesRevealed).toBe(true);
    const byCluster = votes.getByRole("region", { name: "By cluster" }).getByRole("listitem");
    await byCluster.first().getByText(SAFE).waitFor();
    await byCluster.first().getByText("4 votes").waitFor();
    await byCluster.nth(1).getByText(VOICE).waitFor();
    await byCluster.nth(1).getByText("1 vote", { exact: true }).waitFor();
    const byIdea = votes.getByRole("region", { name: "By idea" }).getByRole("listitem");
    await expect.poll(() => byIdea.first().innerText()).toContain(HELD);

    // Resetting asks first; cancelling keeps every vote.
    await votes.getByRole("button", { name: "Reset votes…" }).click();
    const dialog = facilitator.getByRole("dialog", { name: "Reset every vote?" });
    await dialog.waitFor();
    await audit("console with a confirmation", facilitator);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(rig.server.store.talliesOf(workshopId)).toEqual({
      [held.ideaId]: 4,
      [pending.ideaId]: 1,
    });

    // Discussion: the top cluster goes on the projector.
    await facilitator.getByRole("button", { name: "Discuss", exact: true }).click();
    await byCluster.first().getByRole("button", { name: "Spotlight" }).click();
    await facilitator
      .getByRole("region", { name: "Spotlight" })
      .getByText(SAFE, { exact: true })
      .waitFor();
    expect(readMeta(board())!.spotlight).toEqual({ kind: "cluster", id: clusterIds[SAFE] });

    // Notes and an action, taken from the top cluster.
    const note = "The room wants youth workers present at every first contact.";
    await facilitator.getByLabel("Notes", { exact: true }).fill(note);
    await facilitator.getByRole("button", { name: "Add an action" }).click();
    await facilitator
      .getByLabel("Action", { exact: true })
      .fill("Map where young people first meet services");
    await facilitator.getByLabel(/^Owner/).fill("Community safety partnership");
    await facilitator.getByLabel(/^Due/).fill("2027-01-31");
    await facilitator.getByLabel(/^From/).selectOption({ label: SAFE });
    await facilitator.getByRole("button", { name: "Add action", exact: true }).click();
    const actions = facilitator.getByRole("list", { name: /^Actions/ });
    await actions.getByText("Map where young people first meet services").waitFor();

    // A second facilitator sees both, and what they add reaches the first.
    const colleague = await rig.person(DEVICES.projector);
    await colleague.goto(facilitatorLink!);
    await colleague.getByRole("heading", { name: title, level: 1 }).waitFor();
    const theirNotes = colleague.getByLabel("Notes", { exact: true });
    await expect.poll(() => theirNotes.inputValue()).toBe(note);
    const theirAction = colleague
      .getByRole("list", { name: /^Actions/ })
      .getByRole("listitem")
      .filter({ hasText: "Map where young people first meet services" });
    await theirAction.getByText("Community safety partnership").waitFor();
    await theirAction.getByText(`Cluster: ${SAFE}`).waitFor();
    await audit("console in discussion, 1920x1080", colleague);
    await theirNotes.focus();
    await colleague.keyboard.press("ControlOrMeta+End");
    await colleague.keyboard.type(" Agreed by all.");
    await expect
      .poll(() => facilitator.getByLabel("Notes", { exact: true }).inputValue())
      .toBe(`${note} Agreed by all.`);

    expect(violations).toEqual([]);
    expect(rig.problems).toEqual([]);
  });
});
