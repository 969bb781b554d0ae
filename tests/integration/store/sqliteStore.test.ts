import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, it } from "vitest";
import { MIGRATIONS } from "../../../server/store/migrations.js";
import { SqliteStore } from "../../../server/store/SqliteStore.js";
import { storeContract } from "./storeContract.js";

storeContract("SQLite file", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "roundtable-store-"));
  const file = path.join(dir, "roundtable.db");
  return {
    store: new SqliteStore(file),
    reopen: () => new SqliteStore(file),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
});

it("opens in WAL mode with synchronous=FULL and records the schema version", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "roundtable-store-"));
  const file = path.join(dir, "roundtable.db");
  new SqliteStore(file).close();
  const db = new Database(file);
  expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
  expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
  db.close();
  // synchronous is per connection: check the store's own.
  const store = new SqliteStore(file);
  expect(store.pragma("synchronous")).toBe(2); // FULL
  store.close();
  rmSync(dir, { recursive: true, force: true });
});
