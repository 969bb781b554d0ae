/**
 * Frame times of the projector while a room posts 500 ideas in a minute.
 *
 *   npm run build:client && npx tsx tests/bench/projector-frames.ts
 *
 * Starts the real server over the built client, opens the projector in
 * Chromium at 1920x1080 (animations on), posts 500 ideas over 60 s from a
 * few attendees, and samples every frame in the page with
 * requestAnimationFrame. Prints p50/p95/p99/max frame time and the number of
 * frames over 50 ms. Environment: IDEAS (500), SECONDS (60), ATTENDEES (5),
 * CHROMIUM_PATH (/usr/bin/chromium).
 */
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
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
} from "../helpers/server.js";
import { CHROMIUM, CHROMIUM_ARGS, CLIENT_DIR } from "../helpers/browser.js";
import { ideaText } from "../helpers/ideaTexts.js";

const IDEAS = Number(process.env.IDEAS ?? 500);
const SECONDS = Number(process.env.SECONDS ?? 60);
const ATTENDEES = Number(process.env.ATTENDEES ?? 5);
const clientDir = CLIENT_DIR;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  if (!existsSync(path.join(clientDir, "index.html"))) {
    throw new Error("No built client in dist/client: run `npm run build:client` first.");
  }
  const server = await startServer({ clientDir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  const sockets: CommandSocket[] = [];
  try {
    const workshop = await seedWorkshop(server, {
      prompts: [
        "What do you hear first, before anyone reports it?",
        "Who is missing from the room?",
        "What would help partners share concerns sooner?",
      ],
      settings: { ideasPerAttendee: 200 },
      phase: "brainstorm",
    });
    must(await post(server.url, workshop.facilitatorToken, "timer.start", { seconds: 900 }));
    for (let i = 0; i < ATTENDEES; i++) {
      const { token } = await join(server, workshop.code, `Attendee ${i + 1}`);
      sockets.push(await connectSocket(server.url, token));
    }

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${server.url}/p/${workshop.workshopId}#${workshop.projectorToken}`);
    await page.waitForSelector('main.pj-screen[data-screen="brainstorm"]');

    // Every frame's distance from the one before, and any long tasks, recorded in the page.
    // (A string, so that tsx's helpers for named functions stay out of the page.)
    await page.evaluate(`
      window.frames_ = [];
      window.longTasks_ = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.longTasks_.push(entry.duration);
      }).observe({ type: "longtask" });
      let last = performance.now();
      requestAnimationFrame(function tick(now) {
        window.frames_.push(now - last);
        last = now;
        requestAnimationFrame(tick);
      });
    `);

    // The page's main-thread time by kind, from Chromium itself: what the
    // projector costs, whatever else the machine is doing.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    const busy = async () => {
      const { metrics } = await cdp.send("Performance.getMetrics");
      const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
      return {
        task: get("TaskDuration"),
        script: get("ScriptDuration"),
        layout: get("LayoutDuration"),
        style: get("RecalcStyleDuration"),
      };
    };
    const busyBefore = await busy();
    const loadBefore = loadavg()[0];

    const random = seededRandom(500);
    const promptIds = workshop.promptIds;
    const interval = (SECONDS * 1000) / IDEAS;
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    const acks: Promise<unknown>[] = [];
    for (let i = 0; i < IDEAS; i++) {
      const due = started + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const socket = sockets[i % sockets.length];
      acks.push(
        socket
          .send("idea.post", {
            promptId: promptIds[Math.floor(random() * promptIds.length)],
            text: ideaText(random),
            anonymous: random() < 0.3,
          })
          .then(must),
      );
    }
    await Promise.all(acks);
    const postedIn = (performance.now() - started) / 1000;
    await page.waitForSelector(`main.pj-screen[data-ideas="${IDEAS}"]`, { timeout: 30_000 });
    await page.waitForTimeout(2000);
    const cpu = process.cpuUsage(cpuStart);
    const busyAfter = await busy();

    const { frames, longTasks, cards, pages } = await page.evaluate(() => {
      const w = window as unknown as { frames_: number[]; longTasks_: number[] };
      const main = document.querySelector<HTMLElement>("main.pj-screen");
      return {
        frames: w.frames_.slice(1),
        longTasks: w.longTasks_,
        cards: document.querySelectorAll("[data-card]").length,
        pages: Number(main?.dataset.pages),
      };
    });
    const sorted = [...frames].sort((a, b) => a - b);
    const f = (ms: number) => `${ms.toFixed(1)} ms`;
    console.log(`posted ${IDEAS} ideas from ${ATTENDEES} attendees in ${postedIn.toFixed(1)} s`);
    console.log(
      `frames: ${frames.length}  p50 ${f(percentile(sorted, 50))}  p95 ${f(percentile(sorted, 95))}  ` +
        `p99 ${f(percentile(sorted, 99))}  max ${f(sorted.at(-1) ?? NaN)}  ` +
        `over 50 ms: ${frames.filter((ms) => ms > 50).length}`,
    );
    console.log(
      `long tasks (>50 ms): ${longTasks.length}` +
        (longTasks.length ? `, longest ${f(Math.max(...longTasks))}` : ""),
    );
    const spent = (key: keyof typeof busyAfter) => (busyAfter[key] - busyBefore[key]).toFixed(2);
    console.log(
      `page main thread busy: ${spent("task")} s (script ${spent("script")} s, ` +
        `layout ${spent("layout")} s, style ${spent("style")} s)`,
    );
    console.log(`at the end: ${cards} cards in the DOM, ${pages} pages`);
    console.log(
      `machine load average (1 min): ${loadBefore.toFixed(1)} before, ` +
        `${loadavg()[0].toFixed(1)} after, on ${cpus().length} CPUs`,
    );
    console.log(
      `server + harness process CPU: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s ` +
        `over ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    for (const socket of sockets) socket.close();
    await browser.close();
    await server.stop();
    removeDataDir(server.dataDir);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
