-- Migration 0011: stable tour-stop ids for narrations, and Opus beside AAC.

-- Tour stops get a stable id, and a stop's narration is keyed by it, so that
-- reordering a tour's stops or removing one keeps every narration (text, clips,
-- captions) with its own stop. Until now a stop's narration was keyed by
-- (tour, position): a reorder handed stop 1's words to whichever stop became stop 1.

-- The table is rebuilt because SQLite cannot add an INTEGER PRIMARY KEY to a table;
-- each stop keeps its rowid as its id, so the undo history (which names rows by
-- rowid) still applies, and VACUUM can no longer renumber the stops.
CREATE TABLE tour_stops_new (
    id            INTEGER PRIMARY KEY,
    tour_id       INTEGER NOT NULL REFERENCES tours(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    hall_id       INTEGER NOT NULL REFERENCES halls(id) ON DELETE CASCADE,
    narration_sha TEXT REFERENCES media(sha256),
    view_yaw      REAL CHECK (view_yaw BETWEEN -180 AND 180),
    view_pitch    REAL CHECK (view_pitch BETWEEN -90 AND 90),
    view_fov      REAL CHECK (view_fov > 0 AND view_fov <= 180),
    object_id     INTEGER REFERENCES objects(id) ON DELETE SET NULL,
    UNIQUE (tour_id, position)
);
INSERT INTO tour_stops_new(id, tour_id, position, hall_id, narration_sha, view_yaw, view_pitch, view_fov, object_id)
    SELECT rowid, tour_id, position, hall_id, narration_sha, view_yaw, view_pitch, view_fov, object_id
    FROM tour_stops;
DROP TABLE tour_stops;
ALTER TABLE tour_stops_new RENAME TO tour_stops;
CREATE INDEX tour_stops_by_hall ON tour_stops(hall_id);
CREATE INDEX tour_stops_by_object ON tour_stops(object_id);

-- narrations of subject 'stop': ref_id was tours.id and position the stop's
-- position; now ref_id is tour_stops.id and position 0. Negative ids first, so no
-- two rows share a key halfway through; narrations of stops that no longer exist
-- (left behind by earlier removals) go.
DELETE FROM narrations WHERE subject = 'stop' AND NOT EXISTS (
    SELECT 1 FROM tour_stops s WHERE s.tour_id = narrations.ref_id AND s.position = narrations.position);
UPDATE narrations SET ref_id = -(SELECT s.id FROM tour_stops s
                                 WHERE s.tour_id = narrations.ref_id AND s.position = narrations.position),
                      position = 0
    WHERE subject = 'stop';
UPDATE narrations SET ref_id = -ref_id WHERE subject = 'stop';

DROP TRIGGER narrations_tour_gone;
-- A removed stop (also through its tour or hall, by cascade) takes its narrations along.
CREATE TRIGGER narrations_stop_gone AFTER DELETE ON tour_stops BEGIN
    DELETE FROM narrations WHERE subject = 'stop' AND ref_id = OLD.id;
END;

-- A narration's Opus version (WebM) beside its AAC, where Opus saves bytes: the
-- package's <audio> offers it first, with the AAC for players without Opus.
ALTER TABLE narrations ADD COLUMN opus_sha TEXT REFERENCES media(sha256);
ALTER TABLE speech_clips ADD COLUMN opus_sha TEXT REFERENCES media(sha256);
