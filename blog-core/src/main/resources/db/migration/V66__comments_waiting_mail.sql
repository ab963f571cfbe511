-- Editors and admins may ask to be mailed when a reader's comment waits for moderation (their /account page).
ALTER TABLE users ADD COLUMN notify_pending_comments boolean NOT NULL DEFAULT false;

-- A "comments waiting" mail goes to a member of staff, not to a subscriber or a commenter.
ALTER TABLE mail_outbox ADD COLUMN IF NOT EXISTS user_id bigint REFERENCES users (id) ON DELETE CASCADE;

-- The kinds of mail are the Java enum MailKind, read back with MailKind.valueOf; a list here would have to be
-- rewritten by every feature that adds a kind, and two features doing so at once would drop each other's.
ALTER TABLE mail_outbox DROP CONSTRAINT IF EXISTS mail_outbox_kind_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_kind_check CHECK (kind ~ '^[A-Z][A-Z_]*$');

-- At most one unsent "comments waiting" mail per member of staff at a time, whatever the number of comments
-- arriving at once (a spam burst) and whichever processes store them: the second insert does nothing.
-- FAILED counts as unsent, so resending a failed one can never make two.
CREATE UNIQUE INDEX mail_outbox_moderation_unsent_key ON mail_outbox (user_id)
    WHERE kind = 'MODERATION' AND status IN ('PENDING', 'SENDING', 'FAILED');
-- Whether (and when) a member of staff was last told that comments wait.
CREATE INDEX mail_outbox_moderation_user_idx ON mail_outbox (user_id, created_at DESC) WHERE kind = 'MODERATION';
