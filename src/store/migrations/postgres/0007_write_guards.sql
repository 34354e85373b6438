-- Every traveller carries a version, raised by each write that changes
-- them, so that a write based on an older read is refused (If-Match).
ALTER TABLE travellers ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

-- The outcome of each create, kept under the client's Idempotency-Key and
-- written in the same transaction as the create itself, so that a retry
-- gets the first answer and never writes twice.
CREATE TABLE idempotency_keys (
    user_name TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    outcome TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_name, idempotency_key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
