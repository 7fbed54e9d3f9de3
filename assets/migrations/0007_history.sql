-- Undo history, kept in the project so it survives closing the window and a crash.
-- Each user action is one step; its log holds the SQL statements that undo it, in
-- the order they were recorded (they run in reverse). Undoing a step records the
-- statements that redo it as a step on the 'redo' stack, and the other way round.
-- The statements are written by temporary triggers that every connection of
-- Yunzhan installs on the tracked tables (assets/history.py): they never copy
-- media bytes (media are stored once by hash; a step restores references only).
-- AUTOINCREMENT: a step's id is never reused, so no log row can outlive its step
-- and join a later one.
CREATE TABLE history_steps (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    stack      TEXT NOT NULL CHECK (stack IN ('undo', 'redo')),
    label      TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX history_steps_by_stack ON history_steps(stack, id);

CREATE TABLE history_log (
    id   INTEGER PRIMARY KEY,
    step INTEGER NOT NULL,
    sql  TEXT NOT NULL
);
CREATE INDEX history_log_by_step ON history_log(step, id);
