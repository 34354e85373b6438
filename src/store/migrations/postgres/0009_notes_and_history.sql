-- Booking notes: append-only remarks on a traveller. A correction is a
-- new note naming the one it corrects; nothing is edited in place.
CREATE TABLE notes (
    id BIGSERIAL PRIMARY KEY,
    traveller_id BIGINT NOT NULL REFERENCES travellers (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    pnr TEXT,
    flight_id BIGINT REFERENCES flights (id) ON DELETE SET NULL,
    corrects BIGINT REFERENCES notes (id),
    author TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX notes_by_traveller ON notes (traveller_id, id);

-- One timeline per traveller: every call, note, complaint event and
-- preference change, written in the transaction of the change itself.
CREATE TABLE contact_history (
    id BIGSERIAL PRIMARY KEY,
    traveller_id BIGINT NOT NULL REFERENCES travellers (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    subject TEXT NOT NULL,
    summary TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX contact_history_by_traveller ON contact_history (traveller_id, id);
