import Database from "better-sqlite3";
import * as Y from "yjs";
import type { TestServer } from "./server.js";

const TABLES = [
  "summits",
  "workshops",
  "participants",
  "tokens",
  "idea_authors",
  "votes",
  "processed_commands",
  "doc_updates",
] as const;

/**
 * Everything a command could have changed, read from the outside: the row
 * count of every table in the SQLite file and the server's board document.
 * Two equal fingerprints mean nothing changed.
 */
export function fingerprint(server: TestServer, workshopId?: string): string {
  const db = new Database(server.dbFile, { readonly: true, fileMustExist: true });
  try {
    const counts = TABLES.map(
      (table) => `${table}=${db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number}`,
    );
    const board = workshopId
      ? Buffer.from(Y.encodeStateAsUpdate(server.app.engine.board(workshopId))).toString("base64")
      : "";
    return `${counts.join(",")}|${board}`;
  } finally {
    db.close();
  }
}

/** Reads one column of every row of a table, for assertions on private state. */
export function column(server: TestServer, sql: string, ...params: unknown[]): unknown[] {
  const db = new Database(server.dbFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(sql)
      .pluck()
      .all(...params);
  } finally {
    db.close();
  }
}
