-- 3D models and their exhibit scenes (after Smithsonian Voyager's data model:
-- a scene's start view, annotations anchored on the surface, and an annotation tour).
-- Coordinates are those of the model's web version: metres, Y up (glTF).

-- A model is a media file (kind 'model'): a GLB/PLY/STL, or a zip of a main file
-- and its companions (glTF + .bin + textures, OBJ + MTL + textures).
CREATE TABLE models (
    sha256           TEXT PRIMARY KEY REFERENCES media(sha256) ON DELETE CASCADE,
    format           TEXT NOT NULL CHECK (format IN ('glb', 'gltf', 'obj', 'ply', 'stl')),
    main_name        TEXT NOT NULL,  -- the main file's name (inside the zip for a bundle)
    units            TEXT NOT NULL CHECK (units IN ('m', 'cm', 'mm', 'in', 'ft')),
    up_axis          TEXT NOT NULL CHECK (up_axis IN ('y', 'z')),
    source_triangles INTEGER NOT NULL CHECK (source_triangles > 0),
    -- the desktop web version: triangles and bounds in metres
    triangles        INTEGER NOT NULL CHECK (triangles > 0),
    min_x REAL NOT NULL, min_y REAL NOT NULL, min_z REAL NOT NULL,
    max_x REAL NOT NULL, max_y REAL NOT NULL, max_z REAL NOT NULL
);

-- The exhibit scene of a model: where the camera starts, the light and background.
CREATE TABLE model_scenes (
    sha256     TEXT PRIMARY KEY REFERENCES models(sha256) ON DELETE CASCADE,
    camera_x   REAL NOT NULL, camera_y REAL NOT NULL, camera_z REAL NOT NULL,
    target_x   REAL NOT NULL, target_y REAL NOT NULL, target_z REAL NOT NULL,
    fov        REAL NOT NULL DEFAULT 40 CHECK (fov > 0 AND fov < 180),
    lighting   TEXT NOT NULL DEFAULT 'studio' CHECK (lighting IN ('studio', 'soft', 'dramatic')),
    background TEXT NOT NULL DEFAULT '#f4f1ea' CHECK (background GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]')
);

-- A note pinned on the surface: where (position) and which way the surface faces
-- (unit normal), with zh/en title and text and an optional narration.
CREATE TABLE annotations (
    id            INTEGER PRIMARY KEY,
    model_sha     TEXT NOT NULL REFERENCES models(sha256) ON DELETE CASCADE,
    x REAL NOT NULL, y REAL NOT NULL, z REAL NOT NULL,
    nx REAL NOT NULL, ny REAL NOT NULL, nz REAL NOT NULL,
    title_zh      TEXT NOT NULL DEFAULT '',
    title_en      TEXT NOT NULL DEFAULT '',
    text_zh       TEXT NOT NULL DEFAULT '',
    text_en       TEXT NOT NULL DEFAULT '',
    narration_sha TEXT REFERENCES media(sha256),
    position      INTEGER NOT NULL DEFAULT 0,  -- the pin's number, in order
    CHECK (title_zh <> '' OR title_en <> ''),
    CHECK (abs(nx * nx + ny * ny + nz * nz - 1) < 0.001)
);
CREATE INDEX annotations_by_model ON annotations(model_sha, position, id);

-- The annotation tour: the notes of one model in the order a visitor is led through them.
CREATE TABLE annotation_tour_steps (
    model_sha     TEXT NOT NULL REFERENCES models(sha256) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
    PRIMARY KEY (model_sha, position)
);
CREATE INDEX annotation_tour_by_annotation ON annotation_tour_steps(annotation_id);

-- Walkable virtual halls: a room (metres; origin at the floor's centre, Y up, the
-- door in the middle of the south wall at z = +depth/2) and where each work stands.
CREATE TABLE virtual_halls (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE
                CHECK (length(slug) BETWEEN 1 AND 64 AND slug NOT GLOB '*[^a-z0-9-]*' AND slug NOT GLOB '-*'),
    title_zh    TEXT NOT NULL DEFAULT '',
    title_en    TEXT NOT NULL DEFAULT '',
    width       REAL NOT NULL CHECK (width BETWEEN 4 AND 100),
    depth       REAL NOT NULL CHECK (depth BETWEEN 4 AND 100),
    height      REAL NOT NULL CHECK (height BETWEEN 2.6 AND 20),
    wall_colour TEXT NOT NULL DEFAULT '#efebe4' CHECK (wall_colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    floor       TEXT NOT NULL DEFAULT 'wood' CHECK (floor IN ('wood', 'stone', 'carpet')),
    light       TEXT NOT NULL DEFAULT 'warm' CHECK (light IN ('warm', 'neutral', 'cool')),
    position    INTEGER NOT NULL DEFAULT 0
);

-- A work in a virtual hall: a picture on a wall (its centre, facing into the room)
-- or a 3D model on a plinth (the model's base centre on the plinth's top).
CREATE TABLE virtual_hall_items (
    id        INTEGER PRIMARY KEY,
    hall_id   INTEGER NOT NULL REFERENCES virtual_halls(id) ON DELETE CASCADE,
    object_id INTEGER NOT NULL REFERENCES objects(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('picture', 'model')),
    wall      TEXT CHECK (wall IN ('north', 'east', 'south', 'west')),  -- NULL for a model
    x REAL NOT NULL, y REAL NOT NULL, z REAL NOT NULL,
    yaw       REAL NOT NULL DEFAULT 0,       -- degrees; the way the work faces
    width     REAL NOT NULL CHECK (width > 0),
    height    REAL NOT NULL CHECK (height > 0),
    depth     REAL NOT NULL DEFAULT 0.04 CHECK (depth > 0),
    plinth    REAL NOT NULL DEFAULT 0 CHECK (plinth >= 0),  -- the plinth's height (models)
    position  INTEGER NOT NULL DEFAULT 0,
    CHECK ((kind = 'picture') = (wall IS NOT NULL)),
    UNIQUE (hall_id, object_id)
);
CREATE INDEX virtual_hall_items_by_hall ON virtual_hall_items(hall_id, position);
