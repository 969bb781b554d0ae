import Database from "better-sqlite3";
import { docNames } from "../../shared/board.js";
import type { Role } from "../../shared/roles.js";
import { MIGRATIONS } from "./migrations.js";
import type {
  AuditRow,
  IdeaAuthorRow,
  ParticipantRow,
  ProcessedRow,
  Store,
  SummitRow,
  TokenRow,
  VoteRow,
  WorkshopRow,
} from "./Store.js";

/**
 * The embedded Store: one SQLite file in WAL mode with synchronous=FULL, so
 * a committed transaction survives a power cut, not only a crash.
 */
export class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #stmts;
  /**
   * One transaction wrapper for every call (better-sqlite3 builds a new one
   * per `db.transaction(fn)`, which showed up in the throughput profile);
   * called inside itself it uses a savepoint.
   */
  readonly #inTransaction: (fn: () => unknown) => unknown;
  /**
   * Rows every command reads (its workshop and summit; an attendee's own
   * row, ideas and authorship for their own state), kept in memory: five
   * fewer queries a post. Every write to these tables goes through this
   * class and updates or drops what it touches, and any rollback drops
   * everything, since a write that was rolled back may have been read in
   * meanwhile.
   */
  readonly #rows = {
    summits: new Map<string, SummitRow>(),
    workshops: new Map<string, WorkshopRow>(),
    participants: new Map<string, ParticipantRow>(),
    /** ideas not withdrawn, by author, in the order posted */
    ideasOf: new Map<string, readonly string[]>(),
    authors: new Map<string, IdeaAuthor>(),
  };

  /** Opens (creating if needed) the database at `file` and migrates it; ":memory:" works too. */
  constructor(file: string) {
    const db = new Database(file);
    this.#db = db;
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    migrate(db);
    this.#inTransaction = db.transaction((fn: () => unknown) => fn());
    this.#stmts = {
      insertSummit: db.prepare(
        `INSERT INTO summits (id, name, date, venue, archived_at, created_at)
         VALUES (@id, @name, @date, @venue, @archivedAt, @createdAt)`,
      ),
      getSummit: db.prepare(
        `SELECT id, name, date, venue, archived_at AS archivedAt, created_at AS createdAt
         FROM summits WHERE id = ?`,
      ),
      updateSummit: db.prepare(
        "UPDATE summits SET name = @name, date = @date, venue = @venue WHERE id = @id",
      ),
      setSummitArchived: db.prepare("UPDATE summits SET archived_at = ? WHERE id = ?"),
      deleteSummitRow: db.prepare("DELETE FROM summits WHERE id = ?"),
      summitsBefore: db.prepare(
        `SELECT id, name, date, venue, archived_at AS archivedAt, created_at AS createdAt
         FROM summits
         WHERE coalesce(unixepoch(date) * 1000, created_at) < ?`,
      ),
      workshopsOf: db.prepare(`${WORKSHOP_COLUMNS} WHERE summit_id = ? ORDER BY created_at, id`),
      deleteWorkshopRow: db.prepare("DELETE FROM workshops WHERE id = ?"),
      deleteAuditOf: db.prepare("DELETE FROM audit_log WHERE workshop_id = ?"),
      deleteProcessedOf: db.prepare("DELETE FROM processed_commands WHERE workshop_id = ?"),
      countSummits: db.prepare("SELECT count(*) AS n FROM summits").pluck(),
      insertWorkshop: db.prepare(
        `INSERT INTO workshops (id, summit_id, code, title, created_at)
         VALUES (@id, @summitId, @code, @title, @createdAt)`,
      ),
      getWorkshop: db.prepare(`${WORKSHOP_COLUMNS} WHERE id = ?`),
      updateWorkshopTitle: db.prepare("UPDATE workshops SET title = ? WHERE id = ?"),
      findWorkshopByCode: db.prepare(`${WORKSHOP_COLUMNS} WHERE code = ?`),
      insertParticipant: db.prepare(
        `INSERT INTO participants (id, workshop_id, name, created_at)
         VALUES (@id, @workshopId, @name, @createdAt)`,
      ),
      countParticipants: db
        .prepare("SELECT count(*) FROM participants WHERE workshop_id = ?")
        .pluck(),
      getParticipant: db.prepare(
        `SELECT id, workshop_id AS workshopId, name, created_at AS createdAt
         FROM participants WHERE id = ?`,
      ),
      insertToken: db.prepare(
        `INSERT INTO tokens (hash, role, summit_id, workshop_id, participant_id, created_at, revoked_at)
         VALUES (@hash, @role, @summitId, @workshopId, @participantId, @createdAt, @revokedAt)`,
      ),
      findToken: db.prepare(
        `SELECT hash, role, summit_id AS summitId, workshop_id AS workshopId,
                participant_id AS participantId, created_at AS createdAt, revoked_at AS revokedAt
         FROM tokens WHERE hash = ?`,
      ),
      revokeTokens: db.prepare(
        `UPDATE tokens SET revoked_at = @at
         WHERE role = @role AND revoked_at IS NULL
           AND (@summitId IS NULL OR summit_id = @summitId)
           AND (@workshopId IS NULL OR workshop_id = @workshopId)`,
      ),
      insertIdeaAuthor: db.prepare(
        `INSERT INTO idea_authors (idea_id, workshop_id, participant_id, anonymous)
         VALUES (@ideaId, @workshopId, @participantId, @anonymous)`,
      ),
      getIdeaAuthor: db.prepare(
        `SELECT idea_id AS ideaId, workshop_id AS workshopId, participant_id AS participantId,
                anonymous, withdrawn_at AS withdrawnAt
         FROM idea_authors WHERE idea_id = ?`,
      ),
      withdrawIdea: db.prepare("UPDATE idea_authors SET withdrawn_at = ? WHERE idea_id = ?"),
      ideasOf: db
        .prepare(
          `SELECT idea_id FROM idea_authors
           WHERE participant_id = ? AND withdrawn_at IS NULL ORDER BY rowid`,
        )
        .pluck(),
      votesOf: db.prepare("SELECT idea_id AS ideaId, count FROM votes WHERE participant_id = ?"),
      upsertVotes: db.prepare(
        `INSERT INTO votes (workshop_id, participant_id, idea_id, count)
         VALUES (@workshopId, @participantId, @ideaId, @count)
         ON CONFLICT (participant_id, idea_id) DO UPDATE SET count = excluded.count`,
      ),
      deleteVote: db.prepare("DELETE FROM votes WHERE participant_id = ? AND idea_id = ?"),
      tallyOf: db.prepare("SELECT coalesce(sum(count), 0) FROM votes WHERE idea_id = ?").pluck(),
      talliesOf: db.prepare(
        "SELECT idea_id AS ideaId, sum(count) AS count FROM votes WHERE workshop_id = ? GROUP BY idea_id",
      ),
      deleteVotesOn: db.prepare("DELETE FROM votes WHERE idea_id = ?"),
      votesOn: db.prepare(
        "SELECT participant_id AS participantId, count FROM votes WHERE idea_id = ?",
      ),
      deleteVotesIn: db.prepare("DELETE FROM votes WHERE workshop_id = ?"),
      votesPerParticipant: db.prepare(
        `SELECT participant_id AS ideaId, sum(count) AS count FROM votes
         WHERE workshop_id = ? GROUP BY participant_id`,
      ),
      insertAudit: db.prepare(
        `INSERT INTO audit_log (workshop_id, actor, action, idea_id, detail, at)
         VALUES (@workshopId, @actor, @action, @ideaId, @detail, @at)`,
      ),
      auditOf: db.prepare(
        `SELECT workshop_id AS workshopId, actor, action, idea_id AS ideaId, detail, at
         FROM audit_log WHERE workshop_id = ? ORDER BY seq`,
      ),
      findProcessed: db
        .prepare("SELECT result FROM processed_commands WHERE principal_id = ? AND command_id = ?")
        .pluck(),
      recordProcessed: db.prepare(
        `INSERT INTO processed_commands (principal_id, command_id, result, workshop_id, at)
         VALUES (@principalId, @commandId, @result, @workshopId, @at)`,
      ),
      appendUpdate: db.prepare("INSERT INTO doc_updates (doc, update_data, at) VALUES (?, ?, ?)"),
      loadUpdates: db
        .prepare("SELECT update_data FROM doc_updates WHERE doc = ? ORDER BY seq")
        .pluck(),
      updateCount: db.prepare("SELECT count(*) FROM doc_updates WHERE doc = ?").pluck(),
      deleteUpdates: db.prepare("DELETE FROM doc_updates WHERE doc = ?"),
    };
  }

  transaction<T>(fn: () => T): T {
    try {
      return this.#inTransaction(fn) as T;
    } catch (error) {
      this.#forgetRows();
      throw error;
    }
  }

  #forgetRows(): void {
    for (const rows of Object.values(this.#rows)) rows.clear();
  }

  insertSummit(summit: SummitRow): void {
    this.#stmts.insertSummit.run(summit);
  }

  getSummit(id: string): SummitRow | undefined {
    return cached(this.#rows.summits, id, () => this.#stmts.getSummit.get(id));
  }

  countSummits(): number {
    return this.#stmts.countSummits.get() as number;
  }

  updateSummit(id: string, fields: Pick<SummitRow, "name" | "date" | "venue">): void {
    this.#rows.summits.delete(id);
    this.#stmts.updateSummit.run({ id, ...fields });
  }

  setSummitArchived(id: string, at: number | null): void {
    this.#rows.summits.delete(id);
    this.#stmts.setSummitArchived.run(at, id);
  }

  deleteSummit(id: string): void {
    this.transaction(() => {
      for (const workshop of this.workshopsOf(id)) {
        this.deleteWorkshop(workshop.id, docNamesOf(workshop.id));
      }
      this.#stmts.deleteSummitRow.run(id);
    });
    this.#forgetRows();
  }

  summitsBefore(before: number): SummitRow[] {
    return this.#stmts.summitsBefore.all(before) as SummitRow[];
  }

  workshopsOf(summitId: string): WorkshopRow[] {
    return this.#stmts.workshopsOf.all(summitId) as WorkshopRow[];
  }

  deleteWorkshop(id: string, docNames: string[]): void {
    this.transaction(() => {
      for (const name of docNames) this.#stmts.deleteUpdates.run(name);
      this.#stmts.deleteAuditOf.run(id);
      this.#stmts.deleteProcessedOf.run(id);
      // Participants, tokens, authorship and votes go with the row (ON DELETE CASCADE).
      this.#stmts.deleteWorkshopRow.run(id);
    });
    this.#forgetRows();
  }

  insertWorkshop(workshop: WorkshopRow): void {
    this.#stmts.insertWorkshop.run(workshop);
  }

  getWorkshop(id: string): WorkshopRow | undefined {
    return cached(this.#rows.workshops, id, () => this.#stmts.getWorkshop.get(id));
  }

  updateWorkshopTitle(id: string, title: string): void {
    this.#rows.workshops.delete(id);
    this.#stmts.updateWorkshopTitle.run(title, id);
  }

  findWorkshopByCode(code: string): WorkshopRow | undefined {
    return this.#stmts.findWorkshopByCode.get(code) as WorkshopRow | undefined;
  }

  insertParticipant(participant: ParticipantRow): void {
    this.#stmts.insertParticipant.run(participant);
  }

  countParticipants(workshopId: string): number {
    return this.#stmts.countParticipants.get(workshopId) as number;
  }

  getParticipant(id: string): ParticipantRow | undefined {
    return cached(this.#rows.participants, id, () => this.#stmts.getParticipant.get(id));
  }

  insertToken(token: TokenRow): void {
    this.#stmts.insertToken.run(token);
  }

  findToken(hash: string): TokenRow | undefined {
    return this.#stmts.findToken.get(hash) as TokenRow | undefined;
  }

  revokeTokens(where: { role: Role; summitId?: string; workshopId?: string }, at: number): number {
    return this.#stmts.revokeTokens.run({
      role: where.role,
      summitId: where.summitId ?? null,
      workshopId: where.workshopId ?? null,
      at,
    }).changes;
  }

  insertIdeaAuthor(row: IdeaAuthorRow): void {
    this.#stmts.insertIdeaAuthor.run({ ...row, anonymous: row.anonymous ? 1 : 0 });
    const { ideasOf, authors } = this.#rows;
    const ideas = ideasOf.get(row.participantId);
    if (ideas) ideasOf.set(row.participantId, [...ideas, row.ideaId]);
    remember(authors, row.ideaId, { ...row, withdrawnAt: null });
  }

  getIdeaAuthor(ideaId: string): IdeaAuthor | undefined {
    return cached(this.#rows.authors, ideaId, () => {
      const row = this.#stmts.getIdeaAuthor.get(ideaId) as
        (Omit<IdeaAuthor, "anonymous"> & { anonymous: number }) | undefined;
      return row && { ...row, anonymous: row.anonymous === 1 };
    });
  }

  withdrawIdea(ideaId: string, at: number): void {
    const author = this.getIdeaAuthor(ideaId);
    this.#stmts.withdrawIdea.run(at, ideaId);
    this.#rows.authors.delete(ideaId);
    if (author) this.#rows.ideasOf.delete(author.participantId);
  }

  votesOf(participantId: string): Record<string, number> {
    return countsById(this.#stmts.votesOf.all(participantId));
  }

  setVotes(row: VoteRow): void {
    if (row.count > 0) this.#stmts.upsertVotes.run(row);
    else this.#stmts.deleteVote.run(row.participantId, row.ideaId);
  }

  tallyOf(ideaId: string): number {
    return this.#stmts.tallyOf.get(ideaId) as number;
  }

  talliesOf(workshopId: string): Record<string, number> {
    return countsById(this.#stmts.talliesOf.all(workshopId));
  }

  deleteVotesOn(ideaId: string): number {
    return this.#stmts.deleteVotesOn.run(ideaId).changes;
  }

  votesOn(ideaId: string): { participantId: string; count: number }[] {
    return this.#stmts.votesOn.all(ideaId) as { participantId: string; count: number }[];
  }

  deleteVotesIn(workshopId: string): number {
    return this.#stmts.deleteVotesIn.run(workshopId).changes;
  }

  votesPerParticipant(workshopId: string): Record<string, number> {
    return countsById(this.#stmts.votesPerParticipant.all(workshopId));
  }

  insertAudit(entry: AuditRow): void {
    this.#stmts.insertAudit.run(entry);
  }

  auditOf(workshopId: string): AuditRow[] {
    return this.#stmts.auditOf.all(workshopId) as AuditRow[];
  }

  ideasOf(participantId: string): readonly string[] {
    return (
      cached(this.#rows.ideasOf, participantId, () => this.#stmts.ideasOf.all(participantId)) ?? []
    );
  }

  findProcessed(principalId: string, commandId: string): string | undefined {
    return this.#stmts.findProcessed.get(principalId, commandId) as string | undefined;
  }

  recordProcessed(row: ProcessedRow): void {
    this.#stmts.recordProcessed.run(row);
  }

  appendUpdate(docName: string, update: Uint8Array, at: number): void {
    this.#stmts.appendUpdate.run(docName, update, at);
  }

  loadUpdates(docName: string): Uint8Array[] {
    return (this.#stmts.loadUpdates.all(docName) as Buffer[]).map(
      (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
    );
  }

  updateCount(docName: string): number {
    return this.#stmts.updateCount.get(docName) as number;
  }

  compact(docName: string, merged: Uint8Array, at: number): void {
    this.transaction(() => {
      this.#stmts.deleteUpdates.run(docName);
      this.#stmts.appendUpdate.run(docName, merged, at);
    });
  }

  /** Reads a pragma of this connection (synchronous is per connection), for diagnostics. */
  pragma(name: "synchronous" | "journal_mode" | "user_version"): unknown {
    return this.#db.pragma(name, { simple: true });
  }

  close(): void {
    this.#db.close();
  }
}

function docNamesOf(workshopId: string): string[] {
  return Object.values(docNames).map((name) => name(workshopId));
}

const WORKSHOP_COLUMNS = `SELECT id, summit_id AS summitId, code, title, created_at AS createdAt FROM workshops`;

/** Rows kept at most, per table, before the cache starts over. */
const MAX_CACHED_ROWS = 50_000;

function cached<T>(rows: Map<string, T>, id: string, read: () => unknown): T | undefined {
  const hit = rows.get(id);
  if (hit) return hit;
  const row = read() as T | undefined;
  if (row) remember(rows, id, row);
  return row;
}

function remember<T>(rows: Map<string, T>, id: string, row: T): void {
  if (rows.size >= MAX_CACHED_ROWS) rows.clear();
  rows.set(id, row);
}

type IdeaAuthor = IdeaAuthorRow & { withdrawnAt: number | null };

function countsById(rows: unknown[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { ideaId, count } of rows as { ideaId: string; count: number }[])
    counts[ideaId] = count;
  return counts;
}

function migrate(db: Database.Database): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
