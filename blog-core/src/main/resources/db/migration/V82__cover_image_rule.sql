-- A post's cover image is printed into <img>, og:image, JSON-LD, sitemaps and feeds, so it is only ever an upload of
-- this blog (/media/…) or an https:// address: no credentials, no white space or control characters, at most 2000
-- characters (issue 15). The same rule as blog-core's post.CoverImage, which gives staff the reason; this function and
-- the CHECK below hold every other writer to it (the WordPress import's statements). CoverImageTests keeps the two
-- agreeing.
CREATE FUNCTION cover_image_allowed(address text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT address IS NULL OR (char_length(address) <= 2000
        AND (address ~ '^/media/[^./?#%\u0001-\u0020\u007F-\u00A0\u00AD\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\uFEFF"<>\\^`{|}][^/?#%\u0001-\u0020\u007F-\u00A0\u00AD\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\uFEFF"<>\\^`{|}]*(/[^./?#%\u0001-\u0020\u007F-\u00A0\u00AD\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\uFEFF"<>\\^`{|}][^/?#%\u0001-\u0020\u007F-\u00A0\u00AD\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\uFEFF"<>\\^`{|}]*)*$'
             OR address ~ '^https://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?([/?#][^\u0001-\u0020\u007F-\u00A0\u00AD\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\uFEFF"<>\\^`{|}]*)?$'))
$$;

-- Covers stored before the rule that break it are not lost: each old value is written to the audit log (post id and
-- address, shown at /audit as "post.cover-cleared"), and only then cleared, so nothing prints it again.
INSERT INTO audit_log (at, user_id, user_email, action, item_type, item_id, detail)
SELECT now(), NULL, 'migration V82', 'post.cover-cleared', 'post', id::text,
       'The cover image was not an upload (/media/…) or an https:// address, so it was removed: ' || cover_image
FROM posts WHERE NOT cover_image_allowed(cover_image);

UPDATE posts SET cover_image = NULL WHERE NOT cover_image_allowed(cover_image);

ALTER TABLE posts ADD CONSTRAINT posts_cover_image_allowed CHECK (cover_image_allowed(cover_image));
