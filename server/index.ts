import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "./app.js";
import { readConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { SqliteStore } from "./store/SqliteStore.js";

// Reads the environment and listens; everything else is in createApp.
const read = readConfig(process.env);
if (!read.ok) {
  console.error(`roundtable: invalid configuration: ${read.reason}`);
  process.exit(2);
}
const { config } = read;
const log = createLogger(config.logLevel);
const root = packageRoot();
const version = (
  JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }
).version;

mkdirSync(config.dataDir, { recursive: true });
const store = new SqliteStore(path.join(config.dataDir, "roundtable.db"));
const app = createApp({
  store,
  log,
  version,
  clientDir: path.join(root, "dist", "client"),
  retentionDays: config.retentionDays,
});

app.server.listen(config.port, config.host, () => {
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const base = config.publicUrl ?? `http://localhost:${port}`;
  log.info({ port, host: config.host, dataDir: config.dataDir, version }, "roundtable listening");
  if (app.setupToken) {
    // Printed, not logged: the link is a secret for whoever started the server.
    console.log(
      `\n  Roundtable is running. Create your first summit here (one-time link):\n\n    ${base}/setup#${app.setupToken}\n`,
    );
  } else {
    console.log(`\n  Roundtable is running at ${base}\n`);
  }
});

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    void app.close().then(() => process.exit(0));
  });
}

/** The folder holding package.json, from server/ under tsx or dist/server/ when built. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("package.json not found above the server");
    dir = parent;
  }
  return dir;
}
