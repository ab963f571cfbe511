-- When the current run of failures of a key began: a run is forgotten a fixed time after it began, so a
-- busy office's occasional typos never add up over the weeks into waits for everyone there.
ALTER TABLE sign_in_throttle ADD COLUMN since timestamptz;
UPDATE sign_in_throttle SET since = last_at;
ALTER TABLE sign_in_throttle ALTER COLUMN since SET NOT NULL;
