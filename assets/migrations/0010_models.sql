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
