-- Value scores are derived from the whole member base and recomputed in bulk
-- after every seed or import. In a narrow table of their own, that rewrite
-- touches no traveller row and none of the search indexes.
CREATE TABLE traveller_values (
    traveller_id INTEGER PRIMARY KEY REFERENCES travellers (id) ON DELETE CASCADE,
    value_score REAL NOT NULL
);

INSERT INTO traveller_values (traveller_id, value_score)
SELECT id, value_score FROM travellers;

ALTER TABLE travellers DROP COLUMN value_score;
