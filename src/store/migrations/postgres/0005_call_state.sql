-- A call has a state the server keeps, and each kind of event is kept once
-- per call: a phone system that retries must never make a call count twice.

-- Retries were stored once per retry until now: keep the first of each.
DELETE FROM call_events
WHERE id NOT IN (SELECT MIN(id) FROM call_events GROUP BY call_id, event);

-- The phone system's own time of the event, when it sends one; `at` stays
-- the time this server received it.
ALTER TABLE call_events ADD COLUMN pbx_at BIGINT;

CREATE UNIQUE INDEX call_events_once ON call_events (call_id, event);
-- The unique index leads with call_id and serves those lookups.
DROP INDEX call_events_by_call;

CREATE TABLE calls (
    call_id TEXT PRIMARY KEY,
    -- ringing, answered, ended or abandoned
    state TEXT NOT NULL,
    -- The agent the call rings for; NULL rings every agent.
    offered_to TEXT,
    answered_by TEXT,
    from_raw TEXT NOT NULL,
    caller_e164 TEXT,
    to_raw TEXT NOT NULL,
    queue TEXT,
    rang_at BIGINT NOT NULL,
    changed_at BIGINT NOT NULL
);
CREATE INDEX calls_ringing ON calls (rang_at) WHERE state = 'ringing';

-- Calls recorded before this migration, in the state their events reached.
INSERT INTO calls (call_id, state, offered_to, answered_by, from_raw, caller_e164,
                   to_raw, queue, rang_at, changed_at)
SELECT call_id,
       CASE
           WHEN SUM(CASE WHEN event = 'abandoned' THEN 1 ELSE 0 END) > 0 THEN 'abandoned'
           WHEN SUM(CASE WHEN event = 'hangup' THEN 1 ELSE 0 END) > 0 THEN 'ended'
           WHEN SUM(CASE WHEN event = 'answered' THEN 1 ELSE 0 END) > 0 THEN 'answered'
           ELSE 'ringing'
       END,
       MAX(CASE WHEN event = 'ringing' THEN agent END),
       MAX(CASE WHEN event = 'answered' THEN agent END),
       COALESCE(MAX(CASE WHEN event = 'ringing' THEN from_raw END), ''),
       MAX(CASE WHEN event = 'ringing' THEN caller_e164 END),
       COALESCE(MAX(CASE WHEN event = 'ringing' THEN to_raw END), ''),
       MAX(CASE WHEN event = 'ringing' THEN queue END),
       MIN(at),
       MAX(at)
FROM call_events
GROUP BY call_id;
