-- Live-stream tours: scheduled events, their destinations, a log of every run and
-- the recordings kept. Stream keys are NEVER stored here (they live in the
-- operating system's keyring, or a 0600 file outside the project).

-- Times are ISO 8601 UTC ("2026-12-03T07:00:00Z"); tz is the IANA zone the event
-- was scheduled in ("Asia/Shanghai"), so it can be shown in local time again.
CREATE TABLE live_events (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,            -- iCalendar UID, stable across export/import
    title_zh    TEXT NOT NULL DEFAULT '',
    title_en    TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    start_utc   TEXT NOT NULL,
    end_utc     TEXT NOT NULL,
    tz          TEXT NOT NULL,
    preroll_s   INTEGER NOT NULL DEFAULT 300 CHECK (preroll_s >= 0),
    sources     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sources)),
    layout      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(layout)),
    links       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(links)),  -- {"tour": id, "objects": [ids]}
    status      TEXT NOT NULL DEFAULT 'scheduled'
                CHECK (status IN ('scheduled', 'live', 'done', 'stopped', 'missed')),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (end_utc > start_utc),
    CHECK (title_zh <> '' OR title_en <> '')
);
CREATE INDEX live_events_by_start ON live_events(start_utc);

-- Where an event goes. url is the server address WITHOUT the stream key.
CREATE TABLE live_destinations (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES live_events(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    preset       TEXT NOT NULL,
    url          TEXT NOT NULL,
    orientation  TEXT NOT NULL CHECK (orientation IN ('landscape', 'portrait')),
    width        INTEGER NOT NULL CHECK (width > 0),
    height       INTEGER NOT NULL CHECK (height > 0),
    fps          INTEGER NOT NULL CHECK (fps > 0),
    bitrate_kbps INTEGER NOT NULL CHECK (bitrate_kbps > 0),
    keyframe_s   REAL NOT NULL CHECK (keyframe_s > 0),
    position     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (event_id, name)
);

-- One row per run of an event (a daemon start, a `live run --now`).
CREATE TABLE live_runs (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES live_events(id) ON DELETE CASCADE,
    started_utc TEXT NOT NULL,
    stopped_utc TEXT,
    outcome     TEXT            -- 'ended', 'stopped', 'failed', NULL while running
);

-- Everything that happened during runs: start, stop, reconnect, error, recording,
-- state (a destination changed state) and cue (the lower-third moved to a stop).
CREATE TABLE live_log (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES live_events(id) ON DELETE CASCADE,
    run_id      INTEGER REFERENCES live_runs(id) ON DELETE CASCADE,
    at_utc      TEXT NOT NULL,
    kind        TEXT NOT NULL
                CHECK (kind IN ('start', 'stop', 'reconnect', 'error', 'recording', 'state', 'cue')),
    destination TEXT,
    detail      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
);
CREATE INDEX live_log_by_event ON live_log(event_id, at_utc);

-- Recordings kept after an event, registered in the media store (kind 'video').
-- chapters is a WebVTT text built from the tour stops (cues) of the run.
CREATE TABLE live_recordings (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES live_events(id) ON DELETE CASCADE,
    run_id     INTEGER REFERENCES live_runs(id) ON DELETE SET NULL,
    sha256     TEXT NOT NULL REFERENCES media(sha256),
    part       INTEGER NOT NULL DEFAULT 1,
    duration_s REAL NOT NULL,
    size       INTEGER NOT NULL,
    checksum   TEXT NOT NULL,    -- "sha256:<hex>" of the file as recorded
    chapters   TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (event_id, sha256)
);
