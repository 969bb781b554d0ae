/**
 * Schema migrations, applied in order; `PRAGMA user_version` records the
 * last one applied. Never edit a migration that has shipped: add the next.
 */
export const MIGRATIONS: readonly string[] = [
  /* 1: the foundation */ `
  CREATE TABLE summits (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE workshops (
    id TEXT PRIMARY KEY,
    summit_id TEXT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    code TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX workshops_summit ON workshops(summit_id);
  CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    name TEXT,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX participants_workshop ON participants(workshop_id);
  CREATE TABLE tokens (
    hash TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    summit_id TEXT REFERENCES summits(id) ON DELETE CASCADE,
    workshop_id TEXT REFERENCES workshops(id) ON DELETE CASCADE,
    participant_id TEXT REFERENCES participants(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
  );
  CREATE INDEX tokens_scope ON tokens(role, summit_id, workshop_id);
  CREATE TABLE idea_authors (
    idea_id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    anonymous INTEGER NOT NULL
  );
  CREATE INDEX idea_authors_participant ON idea_authors(participant_id);
  CREATE TABLE votes (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    idea_id TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (participant_id, idea_id)
  );
  CREATE TABLE processed_commands (
    principal_id TEXT NOT NULL,
    command_id TEXT NOT NULL,
    result TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (principal_id, command_id)
  );
  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE TABLE doc_updates (
    doc TEXT NOT NULL,
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    update_data BLOB NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX doc_updates_doc ON doc_updates(doc, seq);
  `,
  /* 2: withdrawn ideas, vote indexes, audit entries about ideas */ `
  ALTER TABLE idea_authors ADD COLUMN withdrawn_at INTEGER;
  CREATE INDEX votes_idea ON votes(idea_id);
  CREATE INDEX votes_workshop ON votes(workshop_id);
  ALTER TABLE audit_log ADD COLUMN idea_id TEXT;
  CREATE INDEX audit_log_workshop ON audit_log(workshop_id, seq);
  `,
  /* 3: summits carry a date and a venue, and can be archived read-only */ `
  ALTER TABLE summits ADD COLUMN date TEXT;
  ALTER TABLE summits ADD COLUMN venue TEXT;
  ALTER TABLE summits ADD COLUMN archived_at INTEGER;
  ALTER TABLE processed_commands ADD COLUMN workshop_id TEXT;
  CREATE INDEX processed_commands_workshop ON processed_commands(workshop_id);
  `,
];
