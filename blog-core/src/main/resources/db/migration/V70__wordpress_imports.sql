-- WordPress imports (issue 13, blog-wordpress `importing`).

-- One row per import run. Progress is written in every batch's transaction, so any admin process (the portal,
-- another node) shows how far a run is, including one started from the command line.
CREATE TABLE wordpress_imports (
    id          bigserial   PRIMARY KEY,
    state       text        NOT NULL CHECK (state IN ('RUNNING', 'FINISHED', 'FAILED')),
    file_name   text        NOT NULL,
    started_by  bigint      REFERENCES users (id) ON DELETE SET NULL,
    bytes_read  bigint      NOT NULL DEFAULT 0,
    total_bytes bigint      NOT NULL DEFAULT 0,
    items_done  bigint      NOT NULL DEFAULT 0,
    stage       text        NOT NULL DEFAULT '',
    -- Report notes beyond the ones kept for each reason (wordpress_import_notes), counted.
    notes_left_out bigint   NOT NULL DEFAULT 0,
    failure     text,
    started_at  timestamptz NOT NULL,
    -- A RUNNING run whose progress stopped long ago died with its process; this tells the two apart.
    progress_at timestamptz NOT NULL,
    finished_at timestamptz,
    CHECK ((state = 'RUNNING') = (finished_at IS NULL))
);
CREATE INDEX wordpress_imports_started_idx ON wordpress_imports (started_at DESC, id DESC);

-- The report, in rows rather than one document: each batch adds its own notes in its own transaction, so a
-- report of 40,000 items is never held in memory, and a failed run still says what it did.
CREATE TABLE wordpress_import_counts (
    import_id bigint NOT NULL REFERENCES wordpress_imports (id) ON DELETE CASCADE,
    position  integer NOT NULL,
    type      text   NOT NULL,
    in_file   bigint NOT NULL DEFAULT 0,
    imported  bigint NOT NULL DEFAULT 0,
    already   bigint NOT NULL DEFAULT 0,
    skipped   bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (import_id, type)
);

CREATE TABLE wordpress_import_notes (
    id        bigserial PRIMARY KEY,
    import_id bigint NOT NULL REFERENCES wordpress_imports (id) ON DELETE CASCADE,
    skipped   boolean NOT NULL,
    reason    text    NOT NULL,
    item      text    NOT NULL,
    detail    text    NOT NULL DEFAULT ''
);
CREATE INDEX wordpress_import_notes_import_idx ON wordpress_import_notes (import_id, id);

-- What each WordPress thing became here, keyed by the site it came from and its WordPress id: a second import of
-- the same file finds everything here and writes nothing; an import stopped half-way finds the batches it
-- finished. kind is author, category, tag, post, page, comment or attachment; local_path is the new address
-- (or, for an attachment whose file was not given, the old one). cover_wp_id is a post's featured image
-- (_thumbnail_id) until it is resolved: the attachment may come later in the file than the post.
CREATE TABLE wordpress_items (
    site        text   NOT NULL,
    kind        text   NOT NULL,
    wp_id       bigint NOT NULL,
    local_id    bigint,
    local_path  text,
    cover_wp_id bigint,
    PRIMARY KEY (site, kind, wp_id)
);
CREATE INDEX wordpress_items_cover_idx ON wordpress_items (site, cover_wp_id) WHERE cover_wp_id IS NOT NULL;

-- Images stored in the media library from a site's uploads, by their old address: a second import, or another
-- post naming the same picture, uses the stored one instead of storing it again.
CREATE TABLE wordpress_media (
    site        text   NOT NULL,
    old_address text   NOT NULL,
    media_id    bigint REFERENCES media (id) ON DELETE SET NULL,
    path        text   NOT NULL,
    PRIMARY KEY (site, old_address)
);

-- Categories nest, as WordPress's do.
ALTER TABLE categories ADD COLUMN parent_id bigint REFERENCES categories (id) ON DELETE SET NULL;
CREATE INDEX categories_parent_idx ON categories (parent_id) WHERE parent_id IS NOT NULL;
