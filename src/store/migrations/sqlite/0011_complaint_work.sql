-- Complaints as agents log and work them. The screen pop reads this same
-- table (category, status, opened_at, due_at, summary), so it is extended,
-- not copied: a complaint logged by an agent is among the open complaints
-- of the next pop at once.
ALTER TABLE complaints ADD COLUMN severity TEXT NOT NULL DEFAULT 'medium';
ALTER TABLE complaints ADD COLUMN channel TEXT NOT NULL DEFAULT 'phone';
ALTER TABLE complaints ADD COLUMN flight_id INTEGER REFERENCES flights (id) ON DELETE SET NULL;
ALTER TABLE complaints ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN request TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN resolution TEXT;
-- JSON: what the recovery policy proposed, and what was given.
ALTER TABLE complaints ADD COLUMN proposed_recovery TEXT;
ALTER TABLE complaints ADD COLUMN recovery TEXT;
ALTER TABLE complaints ADD COLUMN opened_by TEXT;
ALTER TABLE complaints ADD COLUMN acknowledge_by INTEGER;
ALTER TABLE complaints ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- Complaints from before were one line long.
UPDATE complaints SET description = summary WHERE description = '';

-- Every change to a complaint, with who and when.
CREATE TABLE complaint_events (
    id INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints (id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT,
    text TEXT NOT NULL
);
CREATE INDEX complaint_events_by_complaint ON complaint_events (complaint_id, id);
-- A traveller's complaints, newest first.
CREATE INDEX complaints_by_traveller_id ON complaints (traveller_id, id);
