-- One autosave slot per post: the editor's fields as last typed, kept apart from the post so that autosaving a
-- live post never changes what readers see, and no revision is written per pause in typing. A save of the
-- post itself makes the slot stale (it is shown only while newer than the post) and removes it.
CREATE TABLE post_autosaves (
    post_id          bigint      PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    title            text        NOT NULL,
    slug             text        NOT NULL,
    body_markdown    text        NOT NULL,
    excerpt          text        NOT NULL,
    categories       text        NOT NULL,
    tags             text        NOT NULL,
    series           text        NOT NULL,
    series_position  text        NOT NULL,
    featured         boolean     NOT NULL,
    cover_image      text        NOT NULL,
    seo_description  text        NOT NULL,
    saved_at         timestamptz NOT NULL,
    saved_by         bigint      REFERENCES users (id) ON DELETE SET NULL
);
