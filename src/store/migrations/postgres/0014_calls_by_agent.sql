-- An agent's day on the floor lists the calls they answered since the
-- centre's midnight, newest first.
CREATE INDEX calls_by_agent ON calls (answered_by, rang_at);
