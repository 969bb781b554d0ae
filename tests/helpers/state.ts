import Database from "better-sqlite3";
import * as Y from "yjs";
import { docNames } from "../../shared/board.js";
import type { TestServer } from "./server.js";

/** Row counts that say whether anything about one workshop (or anything at all) changed. */
const COUNTS = {
  summits: { all: "SELECT count(*) FROM summits", workshop: null },
  workshops: {
    all: "SELECT count(*) FROM workshops",
    workshop: "SELECT count(*) FROM workshops WHERE id = ?",
  },
  participants: {
    all: "SELECT count(*) FROM participants",
    workshop: "SELECT count(*) FROM participants WHERE workshop_id = ?",
  },
  tokens: {
    all: "SELECT count(*) FROM tokens",
    workshop: "SELECT count(*) FROM tokens WHERE workshop_id = ?",
  },
  idea_authors: {
    all: "SELECT count(*) FROM idea_authors",
    workshop: "SELECT count(*) FROM idea_authors WHERE workshop_id = ?",
  },
  votes: {
    all: "SELECT coalesce(sum(count), 0) FROM votes",
    workshop: "SELECT coalesce(sum(count), 0) FROM votes WHERE workshop_id = ?",
  },
  processed_commands: { all: "SELECT count(*) FROM processed_commands", workshop: null },
  audit_log: {
    all: "SELECT count(*) FROM audit_log",
    workshop: "SELECT count(*) FROM audit_log WHERE workshop_id = ?",
  },
  doc_updates: {
    all: "SELECT count(*) FROM doc_updates",
    workshop: "SELECT count(*) FROM doc_updates WHERE doc IN (?, ?, ?)",
  },
} as const;

/**
 * Everything a command could have changed, read from the outside: row
 * counts in the SQLite file and the server's board and facilitation
 * documents. With a workshop id, only what belongs to that workshop (other
 * workshops may change meanwhile); without, the whole database. Two equal
 * fingerprints mean nothing changed.
 */
export function fingerprint(server: TestServer, workshopId?: string): string {
  const db = new Database(server.dbFile, { readonly: true, fileMustExist: true });
  try {
    const counts = Object.entries(COUNTS).flatMap(([table, sql]) => {
      if (!workshopId) return [`${table}=${db.prepare(sql.all).pluck().get() as number}`];
      if (!sql.workshop) return [];
      const params =
        table === "doc_updates"
          ? Object.values(docNames).map((name) => name(workshopId))
          : [workshopId];
      return [
        `${table}=${
          db
            .prepare(sql.workshop)
            .pluck()
            .get(...params) as number
        }`,
      ];
    });
    const docs = workshopId
      ? [docNames.board(workshopId), docNames.facilitation(workshopId)].map((name) =>
          Buffer.from(Y.encodeStateAsUpdate(server.app.docs.open(name).doc)).toString("base64"),
        )
      : [];
    return [counts.join(","), ...docs].join("|");
  } finally {
    db.close();
  }
}

/** Reads one column of every row of a query, for assertions on private state. */
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
