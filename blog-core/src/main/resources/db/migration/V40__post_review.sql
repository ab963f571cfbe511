-- An author's draft waiting for an editor to review it: set when the author submits, cleared when an
-- editor publishes or schedules it. Only drafts can wait; the column means nothing once a post is out.
ALTER TABLE posts ADD COLUMN review_requested_at timestamptz;
CREATE INDEX posts_review_idx ON posts (review_requested_at) WHERE review_requested_at IS NOT NULL;
