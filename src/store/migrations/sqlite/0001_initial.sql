CREATE TABLE travellers (
    id INTEGER PRIMARY KEY,
    ffp_number TEXT NOT NULL UNIQUE,
    family_name TEXT NOT NULL,
    given_name TEXT NOT NULL,
    native_name TEXT,
    tier TEXT NOT NULL,
    miles_balance INTEGER NOT NULL DEFAULT 0,
    segment TEXT NOT NULL DEFAULT 'individual',
    corporate_account TEXT,
    gov_level INTEGER,
    email TEXT,
    birth_date TEXT,
    flights_12m INTEGER NOT NULL DEFAULT 0,
    miles_12m INTEGER NOT NULL DEFAULT 0,
    premium_share REAL NOT NULL DEFAULT 0,
    value_score REAL NOT NULL DEFAULT 0,
    last_flight TEXT
);

CREATE TABLE traveller_phones (
    e164 TEXT NOT NULL,
    traveller_id INTEGER NOT NULL REFERENCES travellers (id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    PRIMARY KEY (e164, traveller_id)
) WITHOUT ROWID;
CREATE INDEX traveller_phones_by_traveller ON traveller_phones (traveller_id);

CREATE TABLE flights (
    id INTEGER PRIMARY KEY,
    traveller_id INTEGER NOT NULL REFERENCES travellers (id) ON DELETE CASCADE,
    flight_date TEXT NOT NULL,
    flight_no TEXT NOT NULL,
    origin TEXT NOT NULL,
    destination TEXT NOT NULL,
    cabin TEXT NOT NULL,
    status TEXT NOT NULL,
    delay_minutes INTEGER NOT NULL DEFAULT 0,
    pnr TEXT NOT NULL
);
CREATE INDEX flights_by_traveller ON flights (traveller_id, flight_date);

CREATE TABLE complaints (
    id INTEGER PRIMARY KEY,
    traveller_id INTEGER NOT NULL REFERENCES travellers (id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    status TEXT NOT NULL,
    opened_at INTEGER NOT NULL,
    due_at INTEGER NOT NULL,
    summary TEXT NOT NULL
);
CREATE INDEX complaints_by_traveller ON complaints (traveller_id, status);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    roles TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

CREATE TABLE call_events (
    id INTEGER PRIMARY KEY,
    call_id TEXT NOT NULL,
    event TEXT NOT NULL,
    from_raw TEXT NOT NULL,
    caller_e164 TEXT,
    to_raw TEXT NOT NULL,
    queue TEXT,
    agent TEXT,
    at INTEGER NOT NULL
);
CREATE INDEX call_events_by_call ON call_events (call_id);
