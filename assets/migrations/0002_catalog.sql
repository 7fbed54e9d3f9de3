-- The collection catalog: objects, their media, saved import mappings, search index.

CREATE TABLE objects (
    id            INTEGER PRIMARY KEY,
    accession     TEXT NOT NULL UNIQUE,
    title_zh      TEXT NOT NULL DEFAULT '',
    title_en      TEXT NOT NULL DEFAULT '',
    maker         TEXT NOT NULL DEFAULT '',
    date_text     TEXT NOT NULL DEFAULT '',
    year_earliest INTEGER,
    year_latest   INTEGER,
    culture       TEXT NOT NULL DEFAULT '',
    medium        TEXT NOT NULL DEFAULT '',
    dimensions    TEXT NOT NULL DEFAULT '',
    credit_line   TEXT NOT NULL DEFAULT '',
    description_zh TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    rights        TEXT NOT NULL DEFAULT '',
    keywords      TEXT NOT NULL DEFAULT '',
    custom        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(custom)),
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (year_earliest IS NULL OR year_latest IS NULL OR year_earliest <= year_latest)
);

CREATE TABLE object_media (
    object_id INTEGER NOT NULL REFERENCES objects(id) ON DELETE CASCADE,
    sha256    TEXT NOT NULL REFERENCES media(sha256),
    role      TEXT NOT NULL DEFAULT 'image',
    position  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (object_id, sha256)
);
CREATE INDEX object_media_by_media ON object_media(sha256);

CREATE TABLE import_mappings (
    name    TEXT PRIMARY KEY,
    mapping TEXT NOT NULL CHECK (json_valid(mapping))
);

-- Every import run, so a user can see what came from where.
CREATE TABLE import_log (
    id         INTEGER PRIMARY KEY,
    source     TEXT NOT NULL,
    kind       TEXT NOT NULL,
    rows       INTEGER NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Full-text search. Text is indexed as word tokens, with every CJK character a
-- token of its own, so a Chinese query of any length (one character included)
-- is a phrase query over adjacent characters. rowid = objects.id.
CREATE VIRTUAL TABLE object_search USING fts5(
    accession, title, maker, culture, medium, description, keywords, custom,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
