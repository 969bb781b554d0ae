import type { Role } from "../../shared/roles.js";

/**
 * Private, durable state: everything that must never be in a shared
 * document (token hashes, authorship, votes) plus the Yjs update log that
 * documents are rebuilt from. SQLite is the embedded implementation; any
 * other must pass tests/integration/storeContract.ts.
 *
 * Every method is synchronous so that one command's rows and its document
 * update commit in one transaction without yielding to the event loop.
 */
export interface Store {
  /**
   * Runs `fn` in a transaction and returns its value; if `fn` throws,
   * nothing it wrote is kept. Nested calls are savepoints, so one command of
   * a group commit can fail without undoing the others.
   */
  transaction<T>(fn: () => T): T;

  insertSummit(summit: SummitRow): void;
  getSummit(id: string): SummitRow | undefined;
  countSummits(): number;
  updateSummit(id: string, fields: Pick<SummitRow, "name" | "date" | "venue">): void;
  /** Archives a summit read-only at `at`, or opens it again (null). */
  setSummitArchived(id: string, at: number | null): void;
  /** Deletes a summit with every workshop and everything about them. */
  deleteSummit(id: string): void;
  /** Summits whose date (or, without one, creation) is before `before` (ms since the epoch). */
  summitsBefore(before: number): SummitRow[];

  insertWorkshop(workshop: WorkshopRow): void;
  getWorkshop(id: string): WorkshopRow | undefined;
  updateWorkshopTitle(id: string, title: string): void;
  /** A summit's workshops, oldest first. */
  workshopsOf(summitId: string): WorkshopRow[];
  /**
   * Deletes a workshop and everything about it: participants, tokens,
   * authorship, votes, audit trail, processed commands and its documents' logs.
   */
  deleteWorkshop(id: string, docNames: string[]): void;
  /** the workshop holding this join code, if any */
  findWorkshopByCode(code: string): WorkshopRow | undefined;

  insertParticipant(participant: ParticipantRow): void;
  countParticipants(workshopId: string): number;
  getParticipant(id: string): ParticipantRow | undefined;

  /** Tokens are stored by the hash of their value only. */
  insertToken(token: TokenRow): void;
  findToken(hash: string): TokenRow | undefined;
  /** Marks every live token matching `where` as revoked; returns how many. */
  revokeTokens(where: { role: Role; summitId?: string; workshopId?: string }, at: number): number;

  insertIdeaAuthor(row: IdeaAuthorRow): void;
  /** who wrote an idea, if it exists (withdrawn ones too) */
  getIdeaAuthor(ideaId: string): (IdeaAuthorRow & { withdrawnAt: number | null }) | undefined;
  withdrawIdea(ideaId: string, at: number): void;
  /** ids of the ideas a participant wrote and has not withdrawn, oldest first */
  ideasOf(participantId: string): readonly string[];

  /** A participant's dots per idea id. */
  votesOf(participantId: string): Record<string, number>;
  /** Sets a participant's dots on an idea; 0 removes the row. */
  setVotes(row: VoteRow): void;
  /** Total dots on one idea. */
  tallyOf(ideaId: string): number;
  /** Total dots per idea id in a workshop (ideas without votes are absent). */
  talliesOf(workshopId: string): Record<string, number>;
  /** Removes every dot on an idea (it was withdrawn); returns how many rows went. */
  deleteVotesOn(ideaId: string): number;
  /** Every participant's dots on one idea. */
  votesOn(ideaId: string): { participantId: string; count: number }[];
  /** Removes every dot in a workshop. */
  deleteVotesIn(workshopId: string): number;
  /** Per participant, their total dots in a workshop (participants without any are absent). */
  votesPerParticipant(workshopId: string): Record<string, number>;

  insertAudit(entry: AuditRow): void;
  /** A workshop's audit trail, oldest first. */
  auditOf(workshopId: string): AuditRow[];

  /** The stored result of a command already applied for this principal, if any. */
  findProcessed(principalId: string, commandId: string): string | undefined;
  recordProcessed(row: ProcessedRow): void;

  appendUpdate(docName: string, update: Uint8Array, at: number): void;
  /** The update log of a document in order (after compaction: one merged update first). */
  loadUpdates(docName: string): Uint8Array[];
  updateCount(docName: string): number;
  /** Replaces the whole log of a document by one update holding the same state. */
  compact(docName: string, merged: Uint8Array, at: number): void;

  close(): void;
}

export interface SummitRow {
  id: string;
  name: string;
  /** the day of the summit, yyyy-mm-dd, if known */
  date: string | null;
  venue: string | null;
  /** set while the summit is archived (read-only) */
  archivedAt: number | null;
  createdAt: number;
}

export interface WorkshopRow {
  id: string;
  summitId: string;
  code: string;
  title: string;
  createdAt: number;
}

export interface ParticipantRow {
  id: string;
  workshopId: string;
  /** null when the attendee gave no name */
  name: string | null;
  createdAt: number;
}

export interface TokenRow {
  hash: string;
  role: Role;
  summitId: string | null;
  workshopId: string | null;
  participantId: string | null;
  createdAt: number;
  revokedAt: number | null;
}

export interface IdeaAuthorRow {
  ideaId: string;
  workshopId: string;
  participantId: string;
  anonymous: boolean;
}

export interface VoteRow {
  workshopId: string;
  participantId: string;
  ideaId: string;
  count: number;
}

export interface AuditRow {
  workshopId: string;
  /** who acted: a token's or participant's principal id, never a token */
  actor: string;
  action: string;
  ideaId: string | null;
  detail: string;
  at: number;
}

export interface ProcessedRow {
  principalId: string;
  commandId: string;
  /** the Result, JSON-encoded, replayed verbatim on a retry */
  result: string;
  /** the workshop it acted on, so deleting the workshop deletes it too */
  workshopId: string | null;
  at: number;
}
