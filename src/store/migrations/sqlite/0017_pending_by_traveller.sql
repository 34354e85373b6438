-- The pop prompts a traveller's open follow-ups and the VIP requests
-- still awaiting confirmation: both read by traveller on every pop.
CREATE INDEX follow_ups_by_traveller ON follow_ups (traveller_id, status, due_at);
CREATE INDEX vip_requests_by_traveller_status ON vip_requests (traveller_id, status);
