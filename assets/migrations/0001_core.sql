-- Core: settings, the media store (a standard SQLite Archive) and media facts.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Laid out exactly as SQLite's own archive format, so that
-- `sqlite3 demo.yunzhan -At` lists and `-Ax` extracts the media.
-- Names are "media/<sha256>.<ext>"; derived files are "derived/<sha256>/<variant>".
CREATE TABLE sqlar (
    name  TEXT PRIMARY KEY,
    mode  INT,
    mtime INT,
    sz    INT,
    data  BLOB
);

-- One row per stored media file, keyed by the SHA-256 of its bytes.
-- storage = 'sqlar' (bytes in the table above) or 'external' (bytes in the
-- folder beside the project, <project>.media/<sha256>.<ext>, for files too big
-- for a blob).
CREATE TABLE media (
    sha256        TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    kind          TEXT NOT NULL CHECK (kind IN ('image', 'panorama', 'audio', 'video', 'model', 'document')),
    mime          TEXT NOT NULL,
    ext           TEXT NOT NULL,
    size          INTEGER NOT NULL CHECK (size >= 0),
    storage       TEXT NOT NULL CHECK (storage IN ('sqlar', 'external')),
    width         INTEGER,
    height        INTEGER,
    duration_s    REAL,
    original_name TEXT,
    alt_zh        TEXT,
    alt_en        TEXT,
    added_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
