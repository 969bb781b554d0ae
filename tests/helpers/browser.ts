import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { APP_PAGES } from "../../shared/routes.js";
import { removeDataDir, startServer, type TestServer } from "./server.js";

/** The built client, both apps (`npm test`'s pretest runs `npm run build:client`). */
export const CLIENT_DIR = path.resolve(fileURLToPath(import.meta.url), "../../../dist/client");

/** Debian's chromium, or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** Flags Chromium needs headless, as root, on a machine that reaches no network. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The sizes people look at Roundtable on. */
export const DEVICES = {
  phone: {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
  },
  laptop: { viewport: { width: 1366, height: 768 } },
  projector: { viewport: { width: 1920, height: 1080 } },
  projector720: { viewport: { width: 1280, height: 720 } },
} satisfies Record<string, Parameters<Browser["newContext"]>[0]>;

/** A real server serving the built client, and a real Chromium with one context per person. */
export interface BrowserRig {
  server: TestServer;
  browser: Browser;
  /** uncaught errors and Content-Security-Policy violations seen on any page */
  problems: string[];
  /** A new person: their own context (storage, connections) and page. */
  person(options?: Parameters<Browser["newContext"]>[0]): Promise<Page>;
  close(): Promise<void>;
}

/** Starts the server (with the built client) and Chromium. */
export async function openBrowserRig(
  options: Parameters<typeof startServer>[0] = {},
  timeoutMs = 15_000,
): Promise<BrowserRig> {
  if (!Object.values(APP_PAGES).every((page) => existsSync(path.join(CLIENT_DIR, page)))) {
    throw new Error(
      "No built client in dist/client: run `npm run build:client` first (npm test does).",
    );
  }
  const server = await startServer({ clientDir: CLIENT_DIR, ...options });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  return {
    server,
    browser,
    problems,
    async person(contextOptions = {}) {
      const context = await browser.newContext({ ...contextOptions, baseURL: server.url });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(timeoutMs);
      page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text()))
          problems.push(`${page.url()}: ${message.text()}`);
      });
      return page;
    },
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
      await server.stop();
      removeDataDir(server.dataDir);
    },
  };
}
