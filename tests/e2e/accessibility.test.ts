import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Phase } from "../../shared/workshop.js";
import { DEVICES, openBrowserRig, type BrowserRig } from "../helpers/browser.js";
import {
  connectSocket,
  join,
  must,
  post,
  seedWorkshop,
  type SeededWorkshop,
} from "../helpers/server.js";

/** WCAG 2.2 A and AA, the level public bodies must meet. */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * [X1] axe-core finds no violation on any view, at phone and desktop sizes,
 * with real content on the board.
 */
describe("accessibility of every view", () => {
  let rig: BrowserRig;
  let workshop: SeededWorkshop;
  let attendeeToken: string;
  const found: { view: string; rules: string[] }[] = [];

  beforeAll(async () => {
    rig = await openBrowserRig();
    workshop = await seedWorkshop(rig.server, {
      phase: "brainstorm",
      prompts: ["What works?", "What next?"],
    });
    const ann = await join(rig.server, workshop.code, "Ann");
    attendeeToken = ann.token;
    const socket = await connectSocket(rig.server.url, ann.token);
    for (const text of [
      "Youth workers in the street",
      "A drop-in at the library",
      "Fund core costs",
    ]) {
      must(await socket.send("idea.post", { promptId: workshop.promptIds[0], text }));
    }
    socket.close();
  }, 60_000);
  afterAll(async () => {
    await rig.close();
  });

  async function audit(view: string, page: Page): Promise<void> {
    await page.waitForLoadState("networkidle");
    const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    found.push({ view, rules: result.violations.map((v) => `${v.id} (${v.nodes.length})`) });
  }

  async function asAttendee(device: keyof typeof DEVICES): Promise<Page> {
    const page = await rig.person(DEVICES[device]);
    await page.addInitScript(
      ([id, token]) => localStorage.setItem(`roundtable.attendee.${id}`, token),
      [workshop.workshopId, attendeeToken] as const,
    );
    return page;
  }

  it("has no violations on the landing, join, attendee, facilitator, projector and organiser views", async () => {
    for (const device of ["phone", "laptop"] as const) {
      const home = await rig.person(DEVICES[device]);
      await home.goto("/");
      await audit(`landing ${device}`, home);
      await home.goto(`/join/${workshop.code}`);
      await home.getByRole("heading", { level: 1 }).waitFor();
      await audit(`join ${device}`, home);

      const attendee = await asAttendee(device);
      for (const phase of ["brainstorm", "vote", "closed"] as Phase[]) {
        must(await post(rig.server.url, workshop.facilitatorToken, "phase.set", { phase }));
        await attendee.goto(`/w/${workshop.workshopId}`);
        await attendee.getByText("Youth workers in the street").first().waitFor();
        await audit(`attendee ${phase} ${device}`, attendee);
      }
      must(
        await post(rig.server.url, workshop.facilitatorToken, "phase.set", { phase: "brainstorm" }),
      );
    }
    const facilitator = await rig.person(DEVICES.laptop);
    await facilitator.goto(`/f/${workshop.workshopId}#${workshop.facilitatorToken}`);
    await facilitator.getByText("Youth workers in the street").first().waitFor();
    await audit("facilitator laptop", facilitator);

    const projector = await rig.person(DEVICES.projector);
    await projector.goto(`/p/${workshop.workshopId}#${workshop.projectorToken}`);
    await projector.getByText("Youth workers in the street").first().waitFor();
    await audit("projector", projector);

    for (const device of ["laptop", "phone"] as const) {
      const organiser = await rig.person(DEVICES[device]);
      await organiser.addInitScript(
        (key) => localStorage.setItem("roundtable.organiser", key),
        workshop.organiserKey,
      );
      await organiser.goto("/organiser");
      await organiser.getByRole("heading", { level: 1 }).waitFor();
      await organiser.getByRole("heading", { name: "Community intelligence", level: 3 }).waitFor();
      await audit(`organiser ${device}`, organiser);
      // The live overview, with the room's numbers in (3 ideas on its board).
      await organiser.goto("/organiser/overview");
      await organiser
        .getByRole("listitem", { name: "Community intelligence" })
        .getByText("Brainstorm", { exact: false })
        .waitFor();
      await audit(`organiser overview ${device}`, organiser);
      await organiser.goto("/organiser/sheet");
      await organiser
        .getByRole("img", { name: "QR code to join Community intelligence" })
        .waitFor();
      await audit(`join sheet ${device}`, organiser);
      await organiser.goto("/organiser/summit");
      await organiser.getByRole("button", { name: "Delete summit…" }).waitFor();
      await audit(`organiser summit ${device}`, organiser);
    }

    console.log(found.map((f) => `${f.view}: ${f.rules.length} violations`).join("\n"));
    expect(found.filter((f) => f.rules.length > 0)).toEqual([]);
    expect(rig.problems).toEqual([]);
  });
});
