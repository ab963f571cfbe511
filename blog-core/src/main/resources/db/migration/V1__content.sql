-- The blog's content: who writes, what they write, how it is grouped.
-- Statuses are text with CHECK constraints rather than PostgreSQL enums: adding a value later is a plain migration.

CREATE TABLE users (
    id              bigserial PRIMARY KEY,
    email           text        NOT NULL,
    display_name    text        NOT NULL,
    slug            text        NOT NULL UNIQUE,
    bio             text        NOT NULL DEFAULT '',
    twitter_handle  text,
    role            text        NOT NULL CHECK (role IN ('ADMIN', 'EDITOR', 'AUTHOR')),
    password_hash   text,
    totp_secret     text,
    enabled         boolean     NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE categories (
    id          bigserial PRIMARY KEY,
    slug        text NOT NULL UNIQUE,
    name        text NOT NULL,
    description text NOT NULL DEFAULT ''
);

CREATE TABLE tags (
    id   bigserial PRIMARY KEY,
    slug text NOT NULL UNIQUE,
    name text NOT NULL
);

CREATE TABLE series (
    id          bigserial PRIMARY KEY,
    slug        text NOT NULL UNIQUE,
    name        text NOT NULL,
    description text NOT NULL DEFAULT ''
);

-- A post stores its Markdown source and, rendered once at save time, its sanitised HTML, plain text and excerpt.
-- Visible to readers when status <> 'DRAFT' AND published_at <= now: a scheduled post needs no job to go live.
CREATE TABLE posts (
    id               bigserial PRIMARY KEY,
    guid             text        NOT NULL UNIQUE,
    slug             text        NOT NULL UNIQUE,
    title            text        NOT NULL,
    excerpt          text        NOT NULL DEFAULT '',
    custom_excerpt   boolean     NOT NULL DEFAULT false,
    body_markdown    text        NOT NULL DEFAULT '',
    body_html        text        NOT NULL DEFAULT '',
    body_text        text        NOT NULL DEFAULT '',
    reading_minutes  integer     NOT NULL DEFAULT 1,
    status           text        NOT NULL CHECK (status IN ('DRAFT', 'SCHEDULED', 'PUBLISHED')),
    published_at     timestamptz,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    announced_at     timestamptz,
    author_id        bigint      NOT NULL REFERENCES users (id),
    series_id        bigint      REFERENCES series (id) ON DELETE SET NULL,
    series_position  integer,
    featured         boolean     NOT NULL DEFAULT false,
    cover_image      text,
    seo_description  text,
    tag_names        text        NOT NULL DEFAULT '',
    search_vector    tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', tag_names), 'B') ||
        setweight(to_tsvector('english', excerpt), 'B') ||
        setweight(to_tsvector('english', body_text), 'C')
    ) STORED,
    CHECK (status = 'DRAFT' OR published_at IS NOT NULL)
);
CREATE INDEX posts_visible_idx ON posts (published_at DESC, id DESC) WHERE status <> 'DRAFT';
CREATE INDEX posts_author_idx ON posts (author_id, published_at DESC);
CREATE INDEX posts_series_idx ON posts (series_id, series_position);
CREATE INDEX posts_updated_idx ON posts (updated_at DESC);
CREATE INDEX posts_search_idx ON posts USING gin (search_vector);

CREATE TABLE post_categories (
    post_id     bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    category_id bigint NOT NULL REFERENCES categories (id),
    PRIMARY KEY (post_id, category_id)
);
CREATE INDEX post_categories_category_idx ON post_categories (category_id, post_id);

CREATE TABLE post_tags (
    post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    tag_id  bigint NOT NULL REFERENCES tags (id),
    PRIMARY KEY (post_id, tag_id)
);
CREATE INDEX post_tags_tag_idx ON post_tags (tag_id, post_id);

CREATE TABLE post_revisions (
    id            bigserial PRIMARY KEY,
    post_id       bigint      NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    title         text        NOT NULL,
    excerpt       text        NOT NULL,
    body_markdown text        NOT NULL,
    created_at    timestamptz NOT NULL,
    created_by    bigint      REFERENCES users (id)
);
CREATE INDEX post_revisions_post_idx ON post_revisions (post_id, created_at DESC);

-- Standalone pages (About, Contact) live apart from the post stream.
CREATE TABLE pages (
    id              bigserial PRIMARY KEY,
    slug            text        NOT NULL UNIQUE,
    title           text        NOT NULL,
    body_markdown   text        NOT NULL DEFAULT '',
    body_html       text        NOT NULL DEFAULT '',
    status          text        NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
    seo_description text,
    nav_position    integer,
    author_id       bigint      REFERENCES users (id),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE TABLE comments (
    id             bigserial PRIMARY KEY,
    post_id        bigint      NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    parent_id      bigint      REFERENCES comments (id) ON DELETE SET NULL,
    author_name    text        NOT NULL,
    author_email   text        NOT NULL,
    author_website text,
    body           text        NOT NULL,
    status         text        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'SPAM', 'TRASH')),
    user_id        bigint      REFERENCES users (id),
    notify_replies boolean     NOT NULL DEFAULT false,
    client_address text,
    created_at     timestamptz NOT NULL
);
CREATE INDEX comments_post_idx ON comments (post_id, status, created_at);
CREATE INDEX comments_status_idx ON comments (status, created_at DESC);

CREATE TABLE subscribers (
    id                 bigserial PRIMARY KEY,
    email              text        NOT NULL,
    status             text        NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'UNSUBSCRIBED')),
    created_at         timestamptz NOT NULL,
    confirmed_at       timestamptz,
    unsubscribed_at    timestamptz
);
CREATE UNIQUE INDEX subscribers_email_key ON subscribers (lower(email));
CREATE INDEX subscribers_status_idx ON subscribers (status, id);

CREATE TABLE media (
    id           bigserial PRIMARY KEY,
    file_name    text        NOT NULL UNIQUE,
    original_name text       NOT NULL,
    content_type text        NOT NULL,
    size_bytes   bigint      NOT NULL,
    width        integer,
    height       integer,
    alt_text     text        NOT NULL DEFAULT '',
    uploaded_by  bigint      REFERENCES users (id),
    created_at   timestamptz NOT NULL
);

-- Old URLs (imported WordPress permalinks, changed slugs) answered with a 301.
CREATE TABLE redirects (
    id          bigserial PRIMARY KEY,
    from_path   text        NOT NULL UNIQUE,
    to_path     text        NOT NULL,
    created_at  timestamptz NOT NULL
);

-- One row: the site's own words and settings.
CREATE TABLE site_settings (
    id              integer PRIMARY KEY CHECK (id = 1),
    title           text    NOT NULL,
    tagline         text    NOT NULL DEFAULT '',
    description     text    NOT NULL DEFAULT '',
    contact_email   text    NOT NULL DEFAULT '',
    contact_details text    NOT NULL DEFAULT '',
    posts_per_page  integer NOT NULL DEFAULT 10 CHECK (posts_per_page BETWEEN 1 AND 100),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
INSERT INTO site_settings (id, title, tagline, description)
VALUES (1, 'Keep up-to-date with drugs and crime',
        'The latest research, policy, practice and opinion on our criminal justice and drug & alcohol treatment systems',
        'Research, policy, practice and opinion on criminal justice and drug & alcohol treatment.');

-- The header menu that staff arrange: pages, categories or any URL.
CREATE TABLE navigation_items (
    id       bigserial PRIMARY KEY,
    label    text    NOT NULL,
    url      text    NOT NULL,
    position integer NOT NULL
);

CREATE TABLE audit_log (
    id         bigserial PRIMARY KEY,
    at         timestamptz NOT NULL,
    user_id    bigint      REFERENCES users (id),
    user_email text        NOT NULL,
    action     text        NOT NULL,
    item_type  text        NOT NULL,
    item_id    text,
    detail     text        NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
