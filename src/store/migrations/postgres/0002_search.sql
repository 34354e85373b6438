-- Traveller search. `search_text` and the keys are computed in Rust (pinyin
-- cannot be computed in SQL); rows migrated from 0001 are filled in when the
-- store opens, found through `travellers_unindexed`.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE travellers ADD COLUMN search_text TEXT;
CREATE INDEX travellers_unindexed ON travellers (id) WHERE search_text IS NULL;
CREATE INDEX travellers_search_trgm ON travellers USING gin (search_text gin_trgm_ops);
CREATE INDEX travellers_email_trgm ON travellers USING gin (email gin_trgm_ops);
CREATE INDEX traveller_phones_e164_trgm ON traveller_phones USING gin (e164 gin_trgm_ops);
-- Frequent-flyer number prefixes, compared byte-wise.
CREATE INDEX travellers_ffp_prefix ON travellers ((ffp_number COLLATE "C"));
CREATE INDEX flights_by_pnr ON flights (pnr);

-- Every form of a name ("zhang wei", "wei zhang", "张伟", "zhangwei", "zw"):
-- prefix search for queries too short for trigrams.
CREATE TABLE traveller_name_keys (
    key TEXT COLLATE "C" NOT NULL,
    traveller_id BIGINT NOT NULL REFERENCES travellers (id) ON DELETE CASCADE,
    PRIMARY KEY (key, traveller_id)
);
CREATE INDEX traveller_name_keys_by_traveller ON traveller_name_keys (traveller_id);
