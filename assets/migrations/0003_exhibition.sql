-- The exhibition: halls (panorama scenes), hotspots, floor plan pins and tours.
-- Read and written only through scenes/model.py. Angles are degrees; yaw is
-- clockwise from the panorama's centre column, in [-180, 180]; pitch is up, in
-- [-90, 90]; fov is the horizontal field of view.

-- Exactly one row (id = 1), created at the end of this file, so readers never
-- need to handle "none".
CREATE TABLE exhibition (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    title_zh        TEXT NOT NULL DEFAULT '',
    title_en        TEXT NOT NULL DEFAULT '',
    intro_zh        TEXT NOT NULL DEFAULT '',
    intro_en        TEXT NOT NULL DEFAULT '',
    default_tour_id INTEGER REFERENCES tours(id) ON DELETE SET NULL,
    floor_plan_sha  TEXT REFERENCES media(sha256)
);
-- A slug is the hall's stable name in URLs, files and the CLI: a-z, 0-9 and '-'.
CREATE TABLE halls (
    id             INTEGER PRIMARY KEY,
    slug           TEXT NOT NULL UNIQUE
                   CHECK (length(slug) BETWEEN 1 AND 64 AND slug NOT GLOB '*[^a-z0-9-]*'
                          AND slug NOT GLOB '-*'),
    title_zh       TEXT NOT NULL DEFAULT '',
    title_en       TEXT NOT NULL DEFAULT '',
    description_zh TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    panorama_sha   TEXT NOT NULL REFERENCES media(sha256),
    view_yaw       REAL NOT NULL DEFAULT 0 CHECK (view_yaw BETWEEN -180 AND 180),
    view_pitch     REAL NOT NULL DEFAULT 0 CHECK (view_pitch BETWEEN -90 AND 90),
    view_fov       REAL NOT NULL DEFAULT 90 CHECK (view_fov > 0 AND view_fov <= 180),
    -- Orientation: where north is (yaw of north in the photo) and how far the
    -- camera was tilted, so the viewer can level the horizon.
    north_offset   REAL NOT NULL DEFAULT 0 CHECK (north_offset BETWEEN -180 AND 180),
    horizon_pitch  REAL NOT NULL DEFAULT 0 CHECK (horizon_pitch BETWEEN -90 AND 90),
    horizon_roll   REAL NOT NULL DEFAULT 0 CHECK (horizon_roll BETWEEN -180 AND 180),
    position       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX halls_by_position ON halls(position, id);

-- A hotspot in a hall opens another hall (arriving at an optional view), a
-- catalog object's card, or a text note. A hall that other halls link to cannot
-- be deleted (RESTRICT): scenes.model.remove_hall refuses, or with force=True
-- deletes the incoming hotspots first. Deleting a catalog object removes its pins.
CREATE TABLE hotspots (
    id             INTEGER PRIMARY KEY,
    hall_id        INTEGER NOT NULL REFERENCES halls(id) ON DELETE CASCADE,
    yaw            REAL NOT NULL CHECK (yaw BETWEEN -180 AND 180),
    pitch          REAL NOT NULL CHECK (pitch BETWEEN -90 AND 90),
    kind           TEXT NOT NULL CHECK (kind IN ('hall', 'object', 'note')),
    target_hall_id INTEGER REFERENCES halls(id) ON DELETE RESTRICT,
    arrive_yaw     REAL CHECK (arrive_yaw BETWEEN -180 AND 180),
    arrive_pitch   REAL CHECK (arrive_pitch BETWEEN -90 AND 90),
    object_id      INTEGER REFERENCES objects(id) ON DELETE CASCADE,
    note_zh        TEXT NOT NULL DEFAULT '',
    note_en        TEXT NOT NULL DEFAULT '',
    label_zh       TEXT NOT NULL DEFAULT '',
    label_en       TEXT NOT NULL DEFAULT '',
    CHECK ((kind = 'hall') = (target_hall_id IS NOT NULL)),
    CHECK ((kind = 'object') = (object_id IS NOT NULL)),
    CHECK (kind = 'hall' OR (arrive_yaw IS NULL AND arrive_pitch IS NULL)),
    CHECK (kind <> 'note' OR note_zh <> '' OR note_en <> ''),
    CHECK (target_hall_id IS NULL OR target_hall_id <> hall_id)
);
CREATE INDEX hotspots_by_hall ON hotspots(hall_id);
CREATE INDEX hotspots_by_target ON hotspots(target_hall_id);
CREATE INDEX hotspots_by_object ON hotspots(object_id);

-- Where each hall sits on the floor plan image (exhibition.floor_plan_sha), as
-- fractions of the image's width and height from its top-left corner.
CREATE TABLE floor_plan_pins (
    hall_id INTEGER PRIMARY KEY REFERENCES halls(id) ON DELETE CASCADE,
    x       REAL NOT NULL CHECK (x BETWEEN 0 AND 1),
    y       REAL NOT NULL CHECK (y BETWEEN 0 AND 1)
);

-- A tour is an ordered walk through halls; each stop may have a narration
-- (audio media). Removing a hall removes its stops.
CREATE TABLE tours (
    id       INTEGER PRIMARY KEY,
    slug     TEXT NOT NULL UNIQUE
             CHECK (length(slug) BETWEEN 1 AND 64 AND slug NOT GLOB '*[^a-z0-9-]*'
                    AND slug NOT GLOB '-*'),
    title_zh TEXT NOT NULL DEFAULT '',
    title_en TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tour_stops (
    tour_id       INTEGER NOT NULL REFERENCES tours(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    hall_id       INTEGER NOT NULL REFERENCES halls(id) ON DELETE CASCADE,
    narration_sha TEXT REFERENCES media(sha256),
    PRIMARY KEY (tour_id, position)
);
CREATE INDEX tour_stops_by_hall ON tour_stops(hall_id);

INSERT INTO exhibition(id) VALUES (1);
