-- Panoramas: what a stored photo covers of the full sphere.
-- The photo's own pixels are (media.width × media.height). It sits inside a full
-- equirectangular canvas of full_width × full_height (2:1) pixels, its top-left
-- corner at (crop_left, crop_top), covering crop_width × crop_height canvas pixels
-- (equal to the photo's size unless the GPano tags say the photo was scaled).
-- A full 360°×180° photo has crop_left = crop_top = 0 and crop = full = its size.
-- Orientation (north offset, horizon pitch/roll) is a scene setting, not stored here.
CREATE TABLE panoramas (
    sha256      TEXT PRIMARY KEY REFERENCES media(sha256) ON DELETE CASCADE,
    projection  TEXT NOT NULL DEFAULT 'equirectangular' CHECK (projection IN ('equirectangular')),
    full_width  INTEGER NOT NULL CHECK (full_width > 0),
    full_height INTEGER NOT NULL CHECK (full_height > 0),
    crop_left   INTEGER NOT NULL CHECK (crop_left >= 0),
    crop_top    INTEGER NOT NULL CHECK (crop_top >= 0),
    crop_width  INTEGER NOT NULL CHECK (crop_width > 0),
    crop_height INTEGER NOT NULL CHECK (crop_height > 0),
    -- where the coverage came from: the 2:1 shape, the photo's GPano XMP tags, or
    -- a horizontal field of view given at import
    source      TEXT NOT NULL CHECK (source IN ('full', 'gpano', 'fov'))
);
