CREATE TABLE travellers (
    id BIGSERIAL PRIMARY KEY,
    ffp_number TEXT NOT NULL UNIQUE,
    family_name TEXT NOT NULL,
    given_name TEXT NOT NULL,
    native_name TEXT,
    tier TEXT NOT NULL,
    miles_balance BIGINT NOT NULL DEFAULT 0,
    segment TEXT NOT NULL DEFAULT 'individual',
    corporate_account TEXT,
    gov_level BIGINT,
    email TEXT,
    birth_date TEXT,
    flights_12m BIGINT NOT NULL DEFAULT 0,
    miles_12m BIGINT NOT NULL DEFAULT 0,
    premium_share DOUBLE PRECISION NOT NULL DEFAULT 0,
    value_score DOUBLE PRECISION NOT NULL DEFAULT 0,
    last_flight TEXT
);

CREATE TABLE traveller_phones (
    e164 TEXT NOT NULL,
    traveller_id BIGINT NOT NULL REFERENCES travellers (id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    PRIMARY KEY (e164, traveller_id)
);
CREATE INDEX traveller_phones_by_traveller ON traveller_phones (traveller_id);

CREATE TABLE flights (
    id BIGSERIAL PRIMARY KEY,
    traveller_id BIGINT NOT NULL REFERENCES travellers (id) ON DELETE CASCADE,
    flight_date TEXT NOT NULL,
    flight_no TEXT NOT NULL,
    origin TEXT NOT NULL,
    destination TEXT NOT NULL,
    cabin TEXT NOT NULL,
    status TEXT NOT NULL,
    delay_minutes BIGINT NOT NULL DEFAULT 0,
    pnr TEXT NOT NULL
);
CREATE INDEX flights_by_traveller ON flights (traveller_id, flight_date);

CREATE TABLE complaints (
    id BIGSERIAL PRIMARY KEY,
    traveller_id BIGINT NOT NULL REFERENCES travellers (id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    status TEXT NOT NULL,
    opened_at BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    summary TEXT NOT NULL
);
CREATE INDEX complaints_by_traveller ON complaints (traveller_id, status);

CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    roles TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE call_events (
    id BIGSERIAL PRIMARY KEY,
    call_id TEXT NOT NULL,
    event TEXT NOT NULL,
    from_raw TEXT NOT NULL,
    caller_e164 TEXT,
    to_raw TEXT NOT NULL,
    queue TEXT,
    agent TEXT,
    at BIGINT NOT NULL
);
CREATE INDEX call_events_by_call ON call_events (call_id);
