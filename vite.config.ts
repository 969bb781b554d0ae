import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip as gzipCallback } from "node:zlib";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { APP_PAGES, appFor } from "./shared/routes.js";

/**
 * Writes a Brotli (.br) and a gzip (.gz) copy beside every built script and
 * style sheet, at the highest levels, for the server to send as they are
 * (server/http/clientFiles.ts): smaller than compressing on the fly, and no
 * CPU spent per request when a room of phones loads the page at once.
 */
function precompress(): Plugin {
  return {
    name: "roundtable:precompress",
    apply: "build",
    async writeBundle(options, bundle) {
      const brotli = promisify(brotliCompress);
      const gzip = promisify(gzipCallback);
      const writes = Object.values(bundle)
        .filter((file) => /\.(js|css|svg)$/.test(file.fileName))
        .map(async (file) => {
          const source = Buffer.from(file.type === "chunk" ? file.code : file.source);
          const target = path.join(options.dir ?? "", file.fileName);
          const [br, gz] = await Promise.all([
            brotli(source, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
              },
            }),
            gzip(source, { level: 9 }),
          ]);
          await Promise.all([writeFile(`${target}.br`, br), writeFile(`${target}.gz`, gz)]);
        });
      await Promise.all(writes);
    },
  };
}

/**
 * Leaves out of the browser bundle code that can never run there, which the
 * libraries cannot tree-shake themselves:
 * - engine.io-client's long-polling and WebTransport: Connection opens
 *   Socket.io with `transports: ["websocket"]` (the board needs WebSockets
 *   anyway), but engine.io-client imports every transport into one table;
 * - lib0/schema, which yjs drags in only through lib0/logging's DOM helpers
 *   (a few checks built at module level that nothing here calls).
 */
function browserTrim(): Plugin {
  return {
    name: "roundtable:browser-trim",
    apply: "build",
    async load(id) {
      if (id.endsWith("/engine.io-client/build/esm/transports/index.js")) {
        return 'import { WS } from "./websocket.js";\nexport const transports = { websocket: WS };\n';
      }
      // Still re-exported by engine.io-client's index; only a probe at load time keeps them.
      if (/\/engine\.io-client\/build\/esm\/transports\/polling-xhr\.js$/.test(id)) {
        return { code: await readFile(id, "utf8"), moduleSideEffects: false };
      }
      return null;
    },
    transform(code, id) {
      if (!id.endsWith("/lib0/dom.js")) return null;
      return { code: code.replaceAll("= $.$custom(", "= /* @__PURE__ */ $.$custom("), map: null };
    },
  };
}

/**
 * In development, sends the staff's page for the staff's addresses, as the
 * server does in production (server/http/clientFiles.ts); the dev server's
 * own fallback sends index.html for every other address.
 */
function staffPageInDev(): Plugin {
  return {
    name: "roundtable:staff-page-in-dev",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = new URL(req.url ?? "/", "http://dev");
        if (req.headers.accept?.includes("text/html") && appFor(url.pathname) === "staff") {
          req.url = `/${APP_PAGES.staff}${url.search}`;
        }
        next();
      });
    },
  };
}

// The dev server proxies the API, Socket.io and the Yjs endpoint to the
// restarting Node server started by `npm run dev` (PORT, default 3000).
const backend = `http://localhost:${process.env.PORT ?? "3000"}`;

// Two builds, one per app (shared/routes.ts), each a rollup graph of its
// own so each is tree-shaken alone: `vite build` makes the attendee's and
// empties dist/client first, `vite build --mode staff` adds the staff's.
// One graph with both pages as inputs would put a module's every export,
// used by either app, into a chunk both load.
export default defineConfig(({ mode }) => ({
  root: "client",
  plugins: [svelte({ configFile: false }), browserTrim(), precompress(), staffPageInDev()],
  build: {
    outDir: "../dist/client",
    emptyOutDir: mode !== "staff",
    rolldownOptions: {
      input: fileURLToPath(
        new URL(`./client/${APP_PAGES[mode === "staff" ? "staff" : "attendee"]}`, import.meta.url),
      ),
    },
  },
  server: {
    proxy: {
      "/api": backend,
      "/healthz": backend,
      "/socket.io": { target: backend, ws: true },
      "/yjs": { target: backend, ws: true },
    },
  },
  test: {
    root: ".",
    projects: [
      {
        extends: true,
        test: {
          name: "server",
          environment: "node",
          include: [
            "tests/unit/**/*.test.ts",
            "tests/integration/**/*.test.ts",
            "tests/fuzz/**/*.test.ts",
          ],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        plugins: [svelteTesting()],
        test: {
          name: "client",
          environment: "jsdom",
          include: ["tests/client/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          environment: "node",
          include: ["tests/e2e/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
}));
