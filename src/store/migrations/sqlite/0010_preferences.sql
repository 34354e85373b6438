-- Seat and service preferences, one record per traveller saved whole (as
-- the JSON the API takes), with its own version for If-Match: a save based
-- on an older read is refused rather than overwriting another agent's.
CREATE TABLE traveller_preferences (
    traveller_id INTEGER PRIMARY KEY REFERENCES travellers (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
