import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import { defineConfig } from "vitest/config";

// The dev server proxies the API, Socket.io and the Yjs endpoint to the
// restarting Node server started by `npm run dev` (PORT, default 3000).
const backend = `http://localhost:${process.env.PORT ?? "3000"}`;

export default defineConfig({
  root: "client",
  plugins: [svelte({ configFile: false })],
  build: { outDir: "../dist/client", emptyOutDir: true },
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
});
