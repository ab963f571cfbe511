-- An author's edit of a live post waits here for an editor (issue 15): the post, what readers see and what subscribers
-- are mailed stay as they were until an editor approves it (then it is saved like any edit) or rejects it (the row
-- goes). One per post: the author's next save replaces it. Every field of the editor, as the author last saved them;
-- terms by name, as the editor sends them (an author may only name existing ones).
CREATE TABLE post_pending_changes (
    post_id         bigint      PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    title           text        NOT NULL,
    slug            text        NOT NULL,
    body_markdown   text        NOT NULL,
    excerpt         text        NOT NULL,
    categories      text[]      NOT NULL,
    tags            text[]      NOT NULL,
    series          text        NOT NULL,
    series_position integer,
    featured        boolean     NOT NULL,
    cover_image     text        CHECK (cover_image_allowed(cover_image)),
    seo_description text,
    submitted_by    bigint      REFERENCES users (id) ON DELETE SET NULL,
    submitted_at    timestamptz NOT NULL
);
CREATE INDEX post_pending_changes_submitted_idx ON post_pending_changes (submitted_at);
