-- Traveller search. `search_text` and the keys are computed in Rust (pinyin
-- cannot be computed in SQL); rows migrated from 0001 are filled in when the
-- store opens, found through `travellers_unindexed`.
ALTER TABLE travellers ADD COLUMN search_text TEXT;
CREATE INDEX travellers_unindexed ON travellers (id) WHERE search_text IS NULL;

-- Every form of a name ("zhang wei", "wei zhang", "张伟", "zhangwei", "zw"):
-- prefix search for queries too short for trigrams.
CREATE TABLE traveller_name_keys (
    key TEXT NOT NULL,
    traveller_id INTEGER NOT NULL REFERENCES travellers (id) ON DELETE CASCADE,
    PRIMARY KEY (key, traveller_id)
) WITHOUT ROWID;
CREATE INDEX traveller_name_keys_by_traveller ON traveller_name_keys (traveller_id);

-- Substring search (3 characters or more); rowid = traveller id, `phones`
-- holds the digits of every number. Written with the travellers.
CREATE VIRTUAL TABLE traveller_fts USING fts5(
    search_text, email, phones,
    tokenize = 'trigram'
);

CREATE INDEX flights_by_pnr ON flights (pnr);
