-- The floor's changes (calls queued, answered, ended, wrapped up; agents'
-- states) in the order recorded, as JSON. A server that starts reads back
-- the day's to build its figures; times are milliseconds since the epoch.
CREATE TABLE floor_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at BIGINT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX floor_changes_at ON floor_changes (at);

-- Each agent's latest state, which may be older than the day.
CREATE TABLE agent_states (
    agent TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
    body TEXT NOT NULL
);
