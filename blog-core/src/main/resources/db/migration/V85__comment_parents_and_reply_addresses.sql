-- Issue 15: a comment answers a comment of its own post, and reply notices go only to addresses that confirmed by mail.

-- Replies that name a comment of another post (possible until now through the public form) lose that link: it
-- was never a conversation, and it sent reply notices to a commenter of another post.
UPDATE comments c SET parent_id = NULL
FROM comments parent
WHERE parent.id = c.parent_id AND parent.post_id <> c.post_id;

-- Whatever code writes a comment (the public form, a staff reply, an import, a script), a parent of another post is
-- dropped, so the reply stands at the top level of its own post. The services refuse such a reply with a message
-- before it gets here; this is the backstop. A parent the statement has not written yet (an import writes parents
-- and replies in one statement) is left to the foreign key.
CREATE FUNCTION keep_comment_parent_on_its_post() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM comments parent WHERE parent.id = NEW.parent_id AND parent.post_id <> NEW.post_id) THEN
        NEW.parent_id := NULL;
    END IF;
    RETURN NEW;
END
$$;
-- WHEN: top-level comments (most, and every generated one) do not call the function at all.
CREATE TRIGGER comments_parent_on_same_post BEFORE INSERT OR UPDATE OF parent_id, post_id ON comments
    FOR EACH ROW WHEN (NEW.parent_id IS NOT NULL) EXECUTE FUNCTION keep_comment_parent_on_its_post();

-- An address a commenter asked reply notices for, by its lower-case form. Notices go to it only once it is
-- confirmed (the commenter pressed the button behind the link mailed to it); a confirmation is kept for good.
-- The link's token is kept only as a SHA-256 hash. confirm_sends counts the links mailed since the last
-- confirmation: each one waits twice as long as the one before (ReplyNoticeProperties), so the comment form
-- cannot be used to flood an inbox.
CREATE TABLE reply_notice_addresses (
    email               text        PRIMARY KEY,
    confirmed_at        timestamptz,
    confirm_token_hash  text        UNIQUE,
    confirm_expires_at  timestamptz,
    confirm_sent_at     timestamptz,
    confirm_sends       integer     NOT NULL DEFAULT 0,
    created_at          timestamptz NOT NULL
);

-- Reply notices of V50, now only to confirmed addresses. Replies approved before the confirmation are not told of.
CREATE OR REPLACE FUNCTION queue_reply_notification() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO mail_outbox (kind, recipient, post_id, comment_id, status, next_attempt_at, created_at)
    SELECT 'REPLY', parent.author_email, NEW.post_id, NEW.id, 'PENDING', NEW.created_at, NEW.created_at
    FROM comments parent
    JOIN reply_notice_addresses confirmed
      ON confirmed.email = lower(parent.author_email) AND confirmed.confirmed_at IS NOT NULL
    WHERE parent.id = NEW.parent_id
      AND parent.post_id = NEW.post_id
      AND parent.notify_replies
      AND parent.status = 'APPROVED'
      AND lower(parent.author_email) <> lower(NEW.author_email)
    ON CONFLICT (comment_id) WHERE kind = 'REPLY' DO NOTHING;
    RETURN NULL;
END
$$;
