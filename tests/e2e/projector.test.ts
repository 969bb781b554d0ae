import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandPayload, CommandType } from "../../shared/commands.js";
import type { ProjectorTheme } from "../../shared/workshop.js";
import { CHROMIUM, CHROMIUM_ARGS, CLIENT_DIR } from "../helpers/browser.js";
import { ideaText } from "../helpers/ideaTexts.js";
import { seededRandom } from "../helpers/random.js";
import {
  connectSocket,
  join,
  must,
  post,
  removeDataDir,
  seedWorkshop,
  startServer,
  type CommandSocket,
  type SeededWorkshop,
  type TestServer,
} from "../helpers/server.js";

/**
 * The projector in a real Chromium at 1920x1080 and 1280x720, with 0, 30
 * and 300 ideas, in every phase and both themes: nothing scrolls, no card
 * leaves the screen or covers another, no idea's text is cut short, the
 * type stays readable, and the join code and the timer are there.
 * Screenshots go to /tmp/shots-projector/ for people to look at.
 */

const clientDir = CLIENT_DIR;
const SHOTS = "/tmp/shots-projector";
const WAIT = 15_000;
/** how long a page of the board stays up (Projector.svelte) */
const PAGE_MS = 12_000;

const VIEWPORTS = [
  { name: "1920x1080", width: 1920, height: 1080 },
  { name: "1280x720", width: 1280, height: 720 },
] as const;

const PROMPTS = [
  "What do you hear first, before anyone reports it?",
  "Who is missing from the room?",
  "What would help partners share concerns sooner?",
];

const NAMES = [
  "Asha Patel",
  "Ben Okafor",
  "Carys Evans",
  "Dariusz Nowak",
  "Efua Mensah",
  "Finlay Ross",
  "Grace O'Neill",
  "Hamza Iqbal",
  "Isla Campbell",
  "Jonah Levi",
  "Kezia Brown",
  "Luis Ortega",
  "Maryam Hassan",
];

const CLUSTERS = [
  "Trusted local contacts",
  "Sharing information between partners",
  "Young people and outreach",
  "Funding that lasts beyond the pilot",
  "Training, awareness and confidence",
  "Listening to communities who are rarely heard",
];

interface Seeded {
  count: number;
  workshop: SeededWorkshop;
  ideaIds: string[];
  longestIdeaId: string | null;
  biggestClusterId: string | null;
}

describe("the projector on the big screen", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(clientDir, "staff.html"))) {
      throw new Error(
        "No built client in dist/client: run `npm run build:client` first (npm test does).",
      );
    }
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ clientDir });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    if (server) {
      await server.stop();
      removeDataDir(server.dataDir);
    }
  });

  /** A facilitator command over REST; waits out the rate limit rather than failing on it. */
  async function facilitate<T extends CommandType>(
    workshop: SeededWorkshop,
    type: T,
    payload: CommandPayload<T>,
  ) {
    for (;;) {
      const result = await post(server.url, workshop.facilitatorToken, type, payload);
      if (result.ok || result.error.code !== "rate_limited") return must(result);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** An attendee command over their socket, waiting out the rate limit the same way. */
  async function attend<T extends CommandType>(
    socket: CommandSocket,
    type: T,
    payload: CommandPayload<T>,
  ) {
    for (;;) {
      const result = await socket.send(type, payload);
      if (result.ok || result.error.code !== "rate_limited") return must(result);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  let organiserKey: string | null = null;
  const settings = { ideasPerAttendee: 200, votesPerAttendee: 10, maxVotesPerIdea: 3 };

  /** A fresh workshop in brainstorm; the first one also sets up the summit. */
  async function newWorkshop(): Promise<SeededWorkshop> {
    if (!organiserKey) {
      const first = await seedWorkshop(server, { prompts: PROMPTS, settings, phase: "brainstorm" });
      organiserKey = first.organiserKey;
      return first;
    }
    const created = must(
      await post(server.url, organiserKey, "workshop.create", {
        title: "Community intelligence",
        prompts: PROMPTS,
        settings,
      }),
    );
    const workshop = { organiserKey, ...created, promptIds: [] as string[] };
    await facilitate(workshop, "phase.set", { phase: "brainstorm" });
    const meta = server.app.engine.board(created.workshopId).getMap("meta").toJSON() as {
      prompts: { id: string }[];
    };
    return { ...workshop, promptIds: meta.prompts.map((p) => p.id) };
  }

  /** A workshop with `count` ideas from several attendees, clustered, voted on (not revealed). */
  async function seed(count: number): Promise<Seeded> {
    const random = seededRandom(1000 + count);
    const workshop = await newWorkshop();
    const attendees = count === 0 ? 0 : Math.max(3, Math.ceil(count / 25));
    const sockets = await Promise.all(
      NAMES.slice(0, attendees).map(async (name) =>
        connectSocket(server.url, (await join(server, workshop.code, name)).token),
      ),
    );
    // Each attendee posts their share at once, within the rate limit's burst.
    const posts = Array.from({ length: count }, (_, i) => ({
      socket: sockets[i % attendees],
      promptId: workshop.promptIds[Math.floor(random() * random() * PROMPTS.length)],
      text: ideaText(random),
      anonymous: random() < 0.3,
    }));
    const ideaIds = await Promise.all(
      posts.map(
        async ({ socket, ...payload }) => (await attend(socket, "idea.post", payload)).ideaId,
      ),
    );

    let biggestClusterId: string | null = null;
    if (count > 0) {
      // About two ideas in three go into clusters; the rest stay ungrouped.
      const clusterCount = count >= 100 ? 6 : 4;
      const grouped = ideaIds.filter(() => random() < 0.7);
      let biggest = 0;
      for (let c = 0; c < clusterCount; c++) {
        const members = grouped.filter((_, i) => i % clusterCount === c);
        const { clusterId } = await facilitate(workshop, "cluster.create", {
          title: CLUSTERS[c],
          ideaIds: members,
        });
        if (members.length > biggest) {
          biggest = members.length;
          biggestClusterId = clusterId;
        }
      }
      await facilitate(workshop, "phase.set", { phase: "vote" });
      await Promise.all(
        sockets.map(async (socket) => {
          const picks = new Set<string>();
          while (picks.size < Math.min(10, ideaIds.length)) {
            picks.add(ideaIds[Math.floor(random() ** 2 * ideaIds.length)]);
          }
          for (const ideaId of picks) await attend(socket, "vote.cast", { ideaId });
        }),
      );
    }
    await facilitate(workshop, "timer.start", { seconds: 600 });
    for (const socket of sockets) socket.close();
    const longest = posts.reduce<number>(
      (best, p, i) => (best < 0 || p.text.length > posts[best].text.length ? i : best),
      -1,
    );
    return {
      count,
      workshop,
      ideaIds,
      longestIdeaId: longest >= 0 ? ideaIds[longest] : null,
      biggestClusterId,
    };
  }

  async function openProjector(
    workshop: SeededWorkshop,
    viewport: (typeof VIEWPORTS)[number],
  ): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: viewport.width, height: viewport.height },
      reducedMotion: "reduce",
      baseURL: server.url,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT);
    page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    // A fake clock that runs normally, so a test can turn the page without waiting 12 s.
    await page.clock.install();
    await page.goto(`/p/${workshop.workshopId}#${workshop.projectorToken}`);
    return page;
  }

  interface Expected {
    screen: string;
    theme: ProjectorTheme;
    ideas: number;
    spotlight: string | null;
  }

  /** Waits until the page shows the expected state, laid out. */
  async function settled(page: Page, expected: Expected): Promise<void> {
    await page.waitForFunction((want) => {
      const main = document.querySelector<HTMLElement>("main.pj-screen");
      if (!main) return false;
      const d = main.dataset;
      return (
        d.screen === want.screen &&
        d.theme === want.theme &&
        Number(d.ideas) === want.ideas &&
        (d.spotlight ?? null) === want.spotlight &&
        (want.screen === "lobby" || Number(d.pages) > 0)
      );
    }, expected);
    // Two frames: the board area's size is observed, then the cards are placed.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
  }

  /** Everything the screen must never do, measured in the page. */
  async function problemsOn(page: Page, code: string, minFont: number) {
    return page.evaluate(
      ({ code, minFont }) => {
        const problems: string[] = [];
        const root = document.documentElement;
        if (root.scrollWidth > innerWidth) problems.push(`scrollWidth ${root.scrollWidth}`);
        if (root.scrollHeight > innerHeight) problems.push(`scrollHeight ${root.scrollHeight}`);
        const area = document.querySelector(".pj-area")?.getBoundingClientRect() ?? {
          left: 0,
          top: 0,
          right: innerWidth,
          bottom: innerHeight,
        };
        const inside = (
          r: DOMRect,
          box: { left: number; top: number; right: number; bottom: number },
        ) =>
          r.left >= box.left - 0.5 &&
          r.top >= box.top - 0.5 &&
          r.right <= box.right + 0.5 &&
          r.bottom <= box.bottom + 0.5;
        const viewport = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
        const boxes = [
          ...document.querySelectorAll<HTMLElement>("[data-card], .pj-heading, .pj-note"),
        ].map((el) => ({ el, r: el.getBoundingClientRect() }));
        for (const { el, r } of boxes) {
          const name = (el.textContent ?? "").trim().slice(0, 40);
          if (!inside(r, viewport)) problems.push(`outside the screen: ${name}`);
          if (!inside(r, area)) problems.push(`outside the board: ${name}`);
        }
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i].r;
            const b = boxes[j].r;
            if (
              a.left < b.right - 0.5 &&
              b.left < a.right - 0.5 &&
              a.top < b.bottom - 0.5 &&
              b.top < a.bottom - 0.5
            ) {
              problems.push(
                `overlap: ${boxes[i].el.textContent?.trim().slice(0, 30)} / ${boxes[j].el.textContent?.trim().slice(0, 30)}`,
              );
            }
          }
        }
        // The layout's line estimate held: no idea's text is cut short.
        for (const el of document.querySelectorAll<HTMLElement>(".pj-card-text, blockquote")) {
          if (el.scrollHeight > el.clientHeight + 1) {
            problems.push(`text cut short: ${el.textContent?.trim().slice(0, 40)}`);
          }
        }
        for (const el of document.querySelectorAll<HTMLElement>(
          ".pj-card-text, .pj-card-meta, .pj-votes, .pj-heading, .pj-note, blockquote",
        )) {
          const size = parseFloat(getComputedStyle(el).fontSize);
          if (size < minFont)
            problems.push(`${size}px text: ${el.textContent?.trim().slice(0, 30)}`);
        }
        const shownCode = document.querySelector("[data-join-code]")?.textContent ?? "";
        if (shownCode.replace(/\s/g, "") !== code) problems.push(`join code shows "${shownCode}"`);
        const timer = document.querySelector("[role=timer]")?.textContent ?? "";
        if (!/^\d+:\d\d$/.test(timer)) problems.push(`timer shows "${timer}"`);
        return { problems, cards: document.querySelectorAll("[data-card]").length };
      },
      { code, minFont },
    );
  }

  /** Checks both screens in the current state and saves their screenshots. */
  async function shoot(
    pages: Page[],
    seeded: Seeded,
    name: string,
    expected: Expected,
  ): Promise<void> {
    await Promise.all(pages.map((page) => settled(page, expected)));
    for (const [v, page] of pages.entries()) {
      const viewport = VIEWPORTS[v];
      // 20 px at 720p, scaled with the screen's height.
      const minFont = Math.floor((20 * viewport.height) / 720);
      const label = `${seeded.count} ideas, ${name}, ${expected.theme}, ${viewport.name}`;
      const file = `${String(seeded.count).padStart(3, "0")}-${name}-${expected.theme}-${viewport.name}`;
      const { problems, cards } = await problemsOn(page, seeded.workshop.code, minFont);
      await page.screenshot({ path: `${SHOTS}/${file}.png`, animations: "disabled" });
      expect(problems, label).toEqual([]);
      if (expected.screen !== "lobby" && seeded.count > 0) expect(cards, label).toBeGreaterThan(0);
      const main = page.locator("main.pj-screen");
      const pageCount = Number(await main.getAttribute("data-pages"));
      if (pageCount > 1) {
        // The next page comes up on its own, and holds to the same rules.
        const next = (Number(await main.getAttribute("data-page")) % pageCount) + 1;
        await page.clock.fastForward(PAGE_MS);
        await page.getByText(`Page ${next} of ${pageCount}`).waitFor();
        await settled(page, expected);
        const turned = await problemsOn(page, seeded.workshop.code, minFont);
        await page.screenshot({ path: `${SHOTS}/${file}-next.png`, animations: "disabled" });
        expect(turned.problems, `${label}, page ${next}`).toEqual([]);
      }
    }
  }

  for (const count of [0, 30, 300]) {
    it(`shows ${count} ideas in every phase and theme without overflow`, async () => {
      const seeded = await seed(count);
      const { workshop } = seeded;
      const pages = await Promise.all(VIEWPORTS.map((v) => openProjector(workshop, v)));
      let theme: ProjectorTheme = "dark";
      const base = { ideas: count, spotlight: null };

      // Each state in the theme the last one ended in, then in the other.
      const bothThemes = async (name: string, expected: Omit<Expected, "theme">) => {
        await shoot(pages, seeded, name, { ...expected, theme });
        theme = theme === "dark" ? "light" : "dark";
        await facilitate(workshop, "settings.update", { settings: { projectorTheme: theme } });
        await shoot(pages, seeded, name, { ...expected, theme });
      };

      await facilitate(workshop, "phase.set", { phase: "lobby" });
      await bothThemes("1-lobby", { ...base, screen: "lobby" });
      await facilitate(workshop, "phase.set", { phase: "brainstorm" });
      await bothThemes("2-brainstorm", { ...base, screen: "brainstorm" });
      await facilitate(workshop, "phase.set", { phase: "cluster" });
      await bothThemes("3-cluster", { ...base, screen: "board" });
      await facilitate(workshop, "phase.set", { phase: "vote" });
      await facilitate(workshop, "votes.reveal", { revealed: true });
      await bothThemes("4-results", { ...base, screen: "results" });
      if (seeded.longestIdeaId) {
        await facilitate(workshop, "spotlight.set", {
          target: { kind: "idea", id: seeded.longestIdeaId },
        });
        await bothThemes("5-spotlight-idea", { ...base, screen: "results", spotlight: "idea" });
      }
      if (seeded.biggestClusterId) {
        await facilitate(workshop, "spotlight.set", {
          target: { kind: "cluster", id: seeded.biggestClusterId },
        });
        await bothThemes("6-spotlight-cluster", {
          ...base,
          screen: "results",
          spotlight: "cluster",
        });
      }
      if (count === 0) {
        // One click asks for full screen; the hint that says so goes for good.
        const [page] = pages;
        await page.getByText("Click or press any key for full screen").waitFor();
        await page.mouse.click(10, 10);
        await page
          .getByText("Click or press any key for full screen")
          .waitFor({ state: "detached" });
      }
      for (const page of pages) await page.close();
      expect(pageErrors).toEqual([]);
    });
  }
});
