-- Staff may correct or redact a reader's comment; the time of the last edit dates the post's comment feed.
ALTER TABLE comments ADD COLUMN edited_at timestamptz;
