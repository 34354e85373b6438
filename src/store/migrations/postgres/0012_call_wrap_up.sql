-- After-call work: the call record keeps its traveller, its disposition
-- and summary, and who wrapped it up when. Its queue and times are kept
-- already (calls, call_events).
ALTER TABLE calls ADD COLUMN traveller_id BIGINT REFERENCES travellers (id) ON DELETE SET NULL;
ALTER TABLE calls ADD COLUMN disposition TEXT;
ALTER TABLE calls ADD COLUMN wrap_up_summary TEXT;
ALTER TABLE calls ADD COLUMN wrapped_up_by TEXT;
ALTER TABLE calls ADD COLUMN wrapped_up_at BIGINT;
