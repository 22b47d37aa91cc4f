// The SQLite file's tables, and how an older file is brought up to date. Migrations only add
// (tables, columns, indexes); the file's version is `PRAGMA user_version`.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/** Each entry takes the file from version i to i + 1. Append; never edit one that shipped. */
export const MIGRATIONS: readonly string[] = [
  `
  -- Every mutation ever received, by its id: what makes a retry harmless. No content is kept,
  -- only its hash, so erasing a person leaves nothing of them here.
  CREATE TABLE mutations (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('applied', 'rejected')),
    reason TEXT,
    device_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    commune_code TEXT NOT NULL,
    received_at TEXT NOT NULL
  );

  -- One row per field a mutation set (households and people): the history, and what merges.
  CREATE TABLE field_writes (
    mutation_id TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field TEXT NOT NULL,
    value_json TEXT NOT NULL,
    stamp TEXT NOT NULL,
    correction INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    made_at TEXT NOT NULL,
    PRIMARY KEY (mutation_id, field)
  );
  CREATE INDEX field_writes_by_field ON field_writes (entity, entity_id, field);

  -- Each record as served now (merged), or its tombstone; seq orders pulls.
  CREATE TABLE entities (
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    commune_code TEXT NOT NULL,
    hamlet_code TEXT NOT NULL,
    household_id TEXT NOT NULL,
    record_json TEXT,
    complete INTEGER NOT NULL,
    deleted INTEGER NOT NULL,
    updated_by TEXT,
    seq INTEGER NOT NULL,
    PRIMARY KEY (entity, entity_id)
  );
  CREATE INDEX entities_by_commune_seq ON entities (commune_code, seq);
  CREATE INDEX entities_by_household ON entities (household_id, entity);

  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  `
  -- Areas: province → commune → hamlet, by code (issue 4). demo = 1 marks the demo tree.
  CREATE TABLE areas (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('province', 'commune', 'hamlet')),
    parent_code TEXT REFERENCES areas (code),
    demo INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX areas_by_parent ON areas (parent_code);

  -- People who sign in. Only a scrypt hash of the password is kept.
  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('member', 'lead', 'province', 'admin')),
    province_code TEXT,
    commune_code TEXT,
    hamlet_codes_json TEXT,
    password_hash TEXT NOT NULL,
    demo INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
  );

  -- One row per sign-in on a device: only the SHA-256 of its token is kept.
  CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    revoked_at TEXT,
    revoked_by TEXT
  );
  CREATE INDEX devices_by_account ON devices (account_id);
  `,
  `
  -- The history from now on: one row per applied mutation of a household or person, with the
  -- fields it set as one JSON object. field_writes took a row per field (about 17 for a new
  -- person), which made writing them most of a push's cost (issue 6); its rows are still read.
  CREATE TABLE mutation_writes (
    mutation_id TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    fields_json TEXT NOT NULL,
    stamp TEXT NOT NULL,
    correction INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    made_at TEXT NOT NULL
  );
  CREATE INDEX mutation_writes_by_entity ON mutation_writes (entity, entity_id);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Durable commits: WAL, and every commit reaches the disk before the push is answered.
 * Deleted content is overwritten with zeros, so an erased person leaves no bytes behind.
 * Temporary data stays in memory: the undo pages of each mutation's savepoint would otherwise
 * go through a temporary file, which cost about a tenth of a push (issue 6) and put record
 * content on disk outside the database.
 */
export function configure(db: Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('secure_delete = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('busy_timeout = 5000');
}

/** Copies the WAL into the file and empties it: old versions of erased rows leave the WAL too. */
export function forgetOldVersions(db: Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** Brings the file to SCHEMA_VERSION; refuses a file written by a newer server. */
export function migrate(db: Database): void {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > SCHEMA_VERSION) {
    throw new Error(`the database was written by a newer version of Ngõ Số (schema ${version}, this one knows ${SCHEMA_VERSION})`);
  }
  const upgrade = db.transaction(() => {
    for (let v = version; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v] ?? '');
    db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('database_id', ?)`).run(randomUUID());
    db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('last_seq', '0')`).run();
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  upgrade.immediate();
}
