-- Narration: a spoken guide per catalog object, hall and tour stop, in zh and en.
-- Read and written only through scenes/narration/.

-- Every clip ever spoken, keyed by sha256 of (engine, voice, settings, text): the
-- same text spoken the same way is never synthesised twice.
CREATE TABLE speech_clips (
    key        TEXT PRIMARY KEY CHECK (length(key) = 64),
    engine     TEXT NOT NULL,
    voice      TEXT NOT NULL,
    settings   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
    lang       TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
    text       TEXT NOT NULL,
    audio_sha  TEXT NOT NULL REFERENCES media(sha256),   -- AAC .m4a at -16 LUFS
    vtt        TEXT NOT NULL,                            -- WebVTT, times from sample counts
    duration_s REAL NOT NULL,
    lufs       REAL,
    true_peak  REAL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- One row per subject and language. subject 'object' and 'hall': ref_id is
-- objects.id or halls.id and position 0; 'stop': ref_id is tours.id and position
-- the stop's position in tour_stops. text NULL means "the script composed from the
-- catalog"; clip_text is the text the current audio speaks, so a clip is stale
-- when the text (written or composed) no longer equals it.
CREATE TABLE narrations (
    id           INTEGER PRIMARY KEY,
    subject      TEXT NOT NULL CHECK (subject IN ('object', 'hall', 'stop')),
    ref_id       INTEGER NOT NULL,
    position     INTEGER NOT NULL DEFAULT 0,
    lang         TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
    text         TEXT,
    source       TEXT CHECK (source IN ('speech', 'recording')),
    clip_key     TEXT REFERENCES speech_clips(key),
    clip_text    TEXT,
    audio_sha    TEXT REFERENCES media(sha256),
    original_sha TEXT REFERENCES media(sha256),          -- a recording as it was imported
    vtt          TEXT,
    duration_s   REAL,
    lufs         REAL,
    true_peak    REAL,
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (subject, ref_id, position, lang),
    CHECK (source IS NULL OR audio_sha IS NOT NULL),
    CHECK (source <> 'speech' OR clip_key IS NOT NULL)
);

CREATE TRIGGER narrations_object_gone AFTER DELETE ON objects BEGIN
    DELETE FROM narrations WHERE subject = 'object' AND ref_id = OLD.id;
END;
CREATE TRIGGER narrations_hall_gone AFTER DELETE ON halls BEGIN
    DELETE FROM narrations WHERE subject = 'hall' AND ref_id = OLD.id;
END;
CREATE TRIGGER narrations_tour_gone AFTER DELETE ON tours BEGIN
    DELETE FROM narrations WHERE subject = 'stop' AND ref_id = OLD.id;
END;

-- Piper voices imported into the project (model and config stored by hash).
CREATE TABLE speech_voices (
    sha256        TEXT PRIMARY KEY REFERENCES media(sha256),
    config_sha    TEXT NOT NULL REFERENCES media(sha256),
    engine        TEXT NOT NULL DEFAULT 'piper' CHECK (engine IN ('piper')),
    name          TEXT NOT NULL,
    lang          TEXT NOT NULL,
    sample_rate   INTEGER NOT NULL,
    piper_version TEXT NOT NULL,
    added_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
