-- Which catalog objects the web package publishes. Every object is published
-- unless a row here says otherwise (so existing projects publish their whole
-- collection, and a 100,000-object import writes nothing here).
CREATE TABLE object_publication (
    object_id INTEGER PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
    publish   INTEGER NOT NULL CHECK (publish IN (0, 1))
);
