-- The vault's own tables. Everything personal lives in sealed_meta (an age file to the
-- vault's public key); the clear columns hold only ids and times.
CREATE TABLE submissions (
    id          TEXT PRIMARY KEY,
    link_id     TEXT,
    created_at  TEXT NOT NULL
);

CREATE TABLE documents (
    id            TEXT PRIMARY KEY,
    submission_id TEXT,
    link_id       TEXT,
    received_at   TEXT NOT NULL,
    sealed_meta   BLOB NOT NULL,
    mac           TEXT,
    damaged       INTEGER NOT NULL DEFAULT 0,
    origin        TEXT NOT NULL DEFAULT 'received',
    is_read       INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX documents_submission ON documents(submission_id);
CREATE INDEX documents_received ON documents(received_at);

CREATE TABLE events (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    time   TEXT NOT NULL,
    kind   TEXT NOT NULL,
    detail TEXT
);
