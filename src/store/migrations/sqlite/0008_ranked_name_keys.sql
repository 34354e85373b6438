-- Name keys carry the rank a search orders by (preferred reading, tier,
-- last flight), so that the best candidates come out of the index first:
-- `(key, key_rank)` for a whole form, `(key_rank, key)` for a prefix shared by
-- many travellers. The keys a name has changed too (surname readings,
-- every reading, ü spellings), so the table starts empty: the store sees
-- `search_index_state` older than its own version on open and re-indexes
-- every traveller in batches.
DROP TABLE traveller_name_keys;
CREATE TABLE traveller_name_keys (
    key TEXT NOT NULL,
    key_rank INTEGER NOT NULL,
    traveller_id INTEGER NOT NULL REFERENCES travellers (id) ON DELETE CASCADE,
    PRIMARY KEY (key, key_rank, traveller_id)
) WITHOUT ROWID;
CREATE INDEX traveller_name_keys_by_rank ON traveller_name_keys (key_rank, key);
CREATE INDEX traveller_name_keys_by_traveller ON traveller_name_keys (traveller_id);

-- Which version of the search keys the stored index holds.
CREATE TABLE search_index_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
