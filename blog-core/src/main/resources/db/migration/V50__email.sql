-- Email: double opt-in for subscribers and an outbox that every mail goes through (docs/email.md).

-- The confirmation link's token is kept only as a SHA-256 hash; the unsubscribe token must go into every
-- mail, so it is kept as it is. Both are 256 random bits. The default gives every row a token, whichever
-- code inserted it (demo content, imports).
ALTER TABLE subscribers
    ADD COLUMN confirm_token_hash  text,
    ADD COLUMN confirm_expires_at  timestamptz,
    ADD COLUMN confirm_sent_at     timestamptz,
    ADD COLUMN confirm_sends       integer NOT NULL DEFAULT 0,
    ADD COLUMN client_address      text,
    ADD COLUMN unsubscribe_token   text NOT NULL
        DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
CREATE UNIQUE INDEX subscribers_confirm_token_key ON subscribers (confirm_token_hash);
CREATE UNIQUE INDEX subscribers_unsubscribe_token_key ON subscribers (unsubscribe_token);
-- The cap on unconfirmed subscriptions one client address may have asked for.
CREATE INDEX subscribers_pending_client_idx ON subscribers (client_address, confirm_sent_at) WHERE status = 'PENDING';

-- One claim of the sender: which process took which rows when, and how it went.
CREATE TABLE mail_batches (
    id           bigserial PRIMARY KEY,
    sender       text        NOT NULL,
    claimed_at   timestamptz NOT NULL,
    lease_until  timestamptz NOT NULL,
    finished_at  timestamptz,
    size         integer     NOT NULL,
    sent         integer     NOT NULL DEFAULT 0,
    failed       integer     NOT NULL DEFAULT 0,
    deferred     integer     NOT NULL DEFAULT 0,
    skipped      integer     NOT NULL DEFAULT 0,
    error        text
);
CREATE INDEX mail_batches_claimed_idx ON mail_batches (claimed_at DESC);

-- One row per mail to send. POST rows are unique per (post, subscriber) and REPLY rows per reply, so
-- queueing the same thing twice, from any number of processes, adds nothing.
CREATE TABLE mail_outbox (
    id               bigserial PRIMARY KEY,
    kind             text        NOT NULL CHECK (kind IN ('CONFIRMATION', 'POST', 'REPLY')),
    recipient        text        NOT NULL,
    subscriber_id    bigint      REFERENCES subscribers (id) ON DELETE CASCADE,
    post_id          bigint      REFERENCES posts (id) ON DELETE CASCADE,
    comment_id       bigint      REFERENCES comments (id) ON DELETE CASCADE,
    -- The confirmation link's token, needed to write the mail; cleared once it is sent.
    token            text,
    status           text        NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    -- Deferred: the batch row is written after the claim that names it, in the same transaction.
    batch_id         bigint      REFERENCES mail_batches (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    lease_until      timestamptz,
    last_error       text,
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz
);
CREATE UNIQUE INDEX mail_outbox_post_key ON mail_outbox (post_id, subscriber_id) WHERE kind = 'POST';
CREATE UNIQUE INDEX mail_outbox_reply_key ON mail_outbox (comment_id) WHERE kind = 'REPLY';
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX mail_outbox_leased_idx ON mail_outbox (lease_until) WHERE status = 'SENDING';
CREATE INDEX mail_outbox_failed_idx ON mail_outbox (id DESC) WHERE status = 'FAILED';
CREATE INDEX mail_outbox_batch_idx ON mail_outbox (batch_id);
CREATE INDEX mail_outbox_subject_idx ON mail_outbox (kind, post_id);

-- announceDue() runs every few seconds in every admin process; this keeps it from reading all posts.
CREATE INDEX posts_unannounced_idx ON posts (published_at) WHERE announced_at IS NULL AND status <> 'DRAFT';

-- A reader who ticked "notify me of replies" hears of each approved reply to their comment, once. A
-- trigger, because replies become visible by several paths (a staff reply, moderation one at a time or
-- in bulk): each of them queues the mail in its own transaction without having to remember to.
CREATE FUNCTION queue_reply_notification() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO mail_outbox (kind, recipient, post_id, comment_id, status, next_attempt_at, created_at)
    SELECT 'REPLY', parent.author_email, NEW.post_id, NEW.id, 'PENDING', NEW.created_at, NEW.created_at
    FROM comments parent
    WHERE parent.id = NEW.parent_id
      AND parent.notify_replies
      AND parent.status = 'APPROVED'
      AND lower(parent.author_email) <> lower(NEW.author_email)
    ON CONFLICT (comment_id) WHERE kind = 'REPLY' DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER comments_reply_approved_on_insert AFTER INSERT ON comments
    FOR EACH ROW WHEN (NEW.status = 'APPROVED' AND NEW.parent_id IS NOT NULL)
    EXECUTE FUNCTION queue_reply_notification();
CREATE TRIGGER comments_reply_approved_on_update AFTER UPDATE OF status ON comments
    FOR EACH ROW WHEN (NEW.status = 'APPROVED' AND OLD.status <> 'APPROVED' AND NEW.parent_id IS NOT NULL)
    EXECUTE FUNCTION queue_reply_notification();
