import { AxeBuilder } from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readClusters, readIdeas } from "../../shared/board.js";
import { DEVICES, openBrowserRig, type BrowserRig } from "../helpers/browser.js";
import { eventually, join, must, post, seedWorkshop } from "../helpers/server.js";

/**
 * Suggested clusters in a real Chromium: the facilitator asks for
 * suggestions, previews them beside the board, renames one group, leaves
 * an idea out, accepts one group, asks for more groups, then accepts the
 * rest at once. Role and label selectors only; no sleeps.
 */

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

const IDEAS = [
  "Free evening youth clubs with sport and music",
  "Free youth clubs in the evenings with sport and music",
  "Youth clubs open at weekends with sport",
  "Better street lighting on the way to the bus station",
  "Street lighting in the park and underpasses at night",
  "More street lighting on dark streets at night",
  "Multi-year funding instead of one-year grants",
  "Grants that last three years, funding projects for longer",
  "Long-term funding for grassroots groups instead of short grants",
];

describe("suggested clusters in the facilitator console", () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await openBrowserRig({ tuning: { rateLimit: { burst: 1000, perSecond: 1000 } } });
  });
  afterAll(async () => {
    await rig?.close();
  });

  it("suggests, previews, and accepts one group and then all", async () => {
    const workshop = await seedWorkshop(rig.server, { phase: "brainstorm" });
    const { token } = await join(rig.server, workshop.code, "Ann");
    for (const text of IDEAS) {
      must(
        await post(rig.server.url, token, "idea.post", { promptId: workshop.promptIds[0], text }),
      );
    }
    const board = () => rig.server.app.engine.board(workshop.workshopId);

    const page = await rig.person(DEVICES.laptop);
    await page.goto(`/f/${workshop.workshopId}#${workshop.facilitatorToken}`);
    const panel = page.getByRole("region", { name: "Suggested clusters" });
    await panel.getByRole("radio", { name: /Unclustered ideas/ }).check();
    await panel.getByRole("button", { name: "Suggest clusters" }).click();
    const groups = panel.getByRole("list", { name: "Suggested groups" });
    await groups.waitFor();
    const count = await groups.locator(":scope > li").count();
    expect(count).toBeGreaterThanOrEqual(3);
    // Nothing moved: the preview is the facilitator's alone.
    expect(readClusters(board())).toEqual([]);

    const violations = (await new AxeBuilder({ page }).include("section").withTags(WCAG).analyze())
      .violations;
    expect(violations.map((v) => `${v.id} (${v.nodes.length})`)).toEqual([]);

    // Rename the first group and leave one of its ideas out, by keyboard-reachable controls.
    const first = groups.locator(":scope > li").first();
    const title = first.getByLabel("Title of suggested group 1");
    await title.fill("Evening clubs");
    const ideasInFirst = first.getByRole("list", { name: "Ideas in “Evening clubs”" });
    const before = await ideasInFirst.getByRole("listitem").count();
    const leftOut = (
      await ideasInFirst.getByRole("listitem").first().locator(".text").innerText()
    ).trim();
    await ideasInFirst
      .getByRole("button", { name: /^Leave out “.*” from “Evening clubs”$/ })
      .first()
      .click();
    expect(await ideasInFirst.getByRole("listitem").count()).toBe(before - 1);

    await first.getByRole("button", { name: "Accept “Evening clubs”" }).click();
    await eventually(() => readClusters(board()).length === 1, { what: "one accepted cluster" });
    const [cluster] = readClusters(board());
    expect(cluster.title).toBe("Evening clubs");
    const clustered = readIdeas(board()).filter((i) => i.clusterId === cluster.id);
    expect(clustered).toHaveLength(before - 1);
    expect(clustered.map((i) => i.text)).not.toContain(leftOut);
    // The board beside the preview shows the new cluster.
    await page
      .getByRole("region", { name: /^Board/ })
      .getByText("Evening clubs")
      .first()
      .waitFor();
    await expect.poll(() => groups.locator(":scope > li").count()).toBe(count - 1);

    // More groups: a new preview from the server, at once; then accept everything in it.
    await panel.getByRole("button", { name: "More groups" }).click();
    // The summary, and the same words announced in the status region.
    await panel
      .getByText(/groups? suggested from \d+ ideas/)
      .first()
      .waitFor();
    const remaining = await groups.locator(":scope > li").count();
    expect(remaining).toBeGreaterThan(0);
    await panel.getByRole("button", { name: /^Accept all/ }).click();
    await eventually(() => readClusters(board()).length === 1 + remaining, {
      what: "every suggested group accepted",
    });
    await panel.getByText("No suggestions left.", { exact: false }).waitFor();

    // Similar ideas: the near-duplicate comes first, and merging it is one confirmed step.
    const similar = panel.getByRole("region", { name: "Similar ideas" });
    await similar.getByLabel("Idea").selectOption({ label: IDEAS[0] });
    await similar.getByRole("button", { name: "Find similar ideas" }).click();
    const found = similar.getByRole("list", { name: /^Ideas similar to/ });
    await expect.poll(() => found.getByRole("listitem").first().innerText()).toContain(IDEAS[1]);
    await found
      .getByRole("listitem")
      .first()
      .getByRole("button", { name: /^Merge into the chosen idea/ })
      .click();
    await page.getByRole("dialog").getByRole("button", { name: "Merge" }).click();
    await eventually(() => readIdeas(board()).length === IDEAS.length - 1, {
      what: "the duplicate merged",
    });
    expect(readIdeas(board()).find((i) => i.text === IDEAS[0])?.merged).toBe(1);
    expect(rig.problems).toEqual([]);
  });
});
