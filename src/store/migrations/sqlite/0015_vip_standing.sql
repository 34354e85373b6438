-- The VIP hotline needs when a flight leaves (its government fee rules
-- turn on the time before departure), how long a traveller's tier holds
-- and what they have flown towards keeping it this year.
ALTER TABLE flights ADD COLUMN departure_at INTEGER;
ALTER TABLE travellers ADD COLUMN tier_valid_until TEXT;
ALTER TABLE travellers ADD COLUMN qualifying_flights INTEGER NOT NULL DEFAULT 0;
ALTER TABLE travellers ADD COLUMN qualifying_miles INTEGER NOT NULL DEFAULT 0;
