/**
 * A worker that measures what a durable commit costs on the disk under the
 * server's data directory while a scenario runs: a one-row SQLite
 * transaction with WAL and synchronous=FULL (the server's settings) every
 * 20 ms. When the disk is shared with other work, this tells a slow engine
 * from a slow disk.
 */
import Database from "better-sqlite3";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { distribution } from "./stats.js";

const { folder, maxMs } = workerData as { folder: string; maxMs: number };
const db = new Database(path.join(folder, "disk-probe.db"));
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.exec("CREATE TABLE IF NOT EXISTS probe (at REAL, payload BLOB)");
const insert = db.prepare("INSERT INTO probe VALUES (?, ?)");
const commit = db.transaction((at: number) => insert.run(at, Buffer.alloc(256)));
const payload: number[] = [];
let stop = false;
const started = performance.now();

parentPort?.on("message", () => (stop = true));

function tick(): void {
  if (stop || performance.now() - started > maxMs || payload.length >= 100_000) {
    db.close();
    parentPort?.postMessage(distribution(payload));
    return;
  }
  const at = performance.now();
  commit(at);
  payload.push(performance.now() - at);
  setTimeout(tick, 20);
}
tick();
