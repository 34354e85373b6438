-- The VIP hotline's service requests and follow-ups. Times are Unix
-- seconds, as in the rest of the schema.
CREATE TABLE vip_requests (
    id BIGSERIAL PRIMARY KEY,
    traveller_id BIGINT NOT NULL REFERENCES travellers (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    owner TEXT NOT NULL,
    seat TEXT,
    code TEXT,
    text TEXT,
    override_reason TEXT,
    overridden_by TEXT,
    reference TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX vip_requests_by_traveller ON vip_requests (traveller_id, id);

-- A request's flights; a seat hold's each with its release time, and the
-- time the expiry sweep found it passed.
CREATE TABLE vip_request_flights (
    id BIGSERIAL PRIMARY KEY,
    request_id BIGINT NOT NULL REFERENCES vip_requests (id) ON DELETE CASCADE,
    flight_id BIGINT NOT NULL REFERENCES flights (id) ON DELETE CASCADE,
    release_at BIGINT,
    expired_at BIGINT,
    UNIQUE (request_id, flight_id)
);
-- What the sweep looks for: holds not yet expired, by release time.
CREATE INDEX vip_holds_to_expire ON vip_request_flights (release_at)
    WHERE expired_at IS NULL AND release_at IS NOT NULL;

-- Every change to a request, with who and when.
CREATE TABLE vip_request_events (
    id BIGSERIAL PRIMARY KEY,
    request_id BIGINT NOT NULL REFERENCES vip_requests (id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX vip_request_events_by_request ON vip_request_events (request_id, id);

-- Something to do for a traveller by a time, for a user or a queue.
CREATE TABLE follow_ups (
    id BIGSERIAL PRIMARY KEY,
    traveller_id BIGINT NOT NULL REFERENCES travellers (id) ON DELETE CASCADE,
    call_id TEXT,
    text TEXT NOT NULL,
    due_at BIGINT NOT NULL,
    owner_kind TEXT NOT NULL,
    owner TEXT NOT NULL,
    status TEXT NOT NULL,
    snoozed_until BIGINT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    vip_request_id BIGINT REFERENCES vip_requests (id) ON DELETE SET NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX follow_ups_by_owner ON follow_ups (owner_kind, owner, status, due_at);
CREATE INDEX follow_ups_by_request ON follow_ups (vip_request_id);

CREATE TABLE follow_up_events (
    id BIGSERIAL PRIMARY KEY,
    follow_up_id BIGINT NOT NULL REFERENCES follow_ups (id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX follow_up_events_by_follow_up ON follow_up_events (follow_up_id, id);
