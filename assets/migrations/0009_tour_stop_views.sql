-- A tour stop may say where the camera looks on arrival (view_yaw/view_pitch/
-- view_fov; NULL: the hall's initial view) and which catalog object the stop is
-- about (NULL: none). The three view columns are set together or all NULL
-- (scenes.model writes them so). Deleting the object keeps the stop and clears
-- its object.
ALTER TABLE tour_stops ADD COLUMN view_yaw REAL CHECK (view_yaw BETWEEN -180 AND 180);
ALTER TABLE tour_stops ADD COLUMN view_pitch REAL CHECK (view_pitch BETWEEN -90 AND 90);
ALTER TABLE tour_stops ADD COLUMN view_fov REAL CHECK (view_fov > 0 AND view_fov <= 180);
ALTER TABLE tour_stops ADD COLUMN object_id INTEGER REFERENCES objects(id) ON DELETE SET NULL;
CREATE INDEX tour_stops_by_object ON tour_stops(object_id);
