-- Readers' views of a post, one row per post and (UTC) day. Nothing about the reader is kept: no address, no
-- cookie, no agent, only how many. Each blog-web process adds what it counted (views = views + n), so any number
-- of processes add up to the truth.
CREATE TABLE post_daily_views (
    post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    day     date   NOT NULL,
    views   bigint NOT NULL CHECK (views >= 0),
    PRIMARY KEY (post_id, day)
);
-- The dashboard reads by day across all posts (views per day, most read this week).
CREATE INDEX post_daily_views_day_idx ON post_daily_views (day, post_id);
