-- A post's claim remembers the feeds it pinged, so the next change of that post also pings the feeds it left
-- (a category taken away, a slug's comment feed).
ALTER TABLE websub_claims ADD COLUMN post_id bigint;
ALTER TABLE websub_claims ADD COLUMN topics text[] NOT NULL DEFAULT '{}';
CREATE INDEX websub_claims_post_idx ON websub_claims (post_id, claimed_at DESC);
