-- Safe publishing (docs/email.md). Whether subscribers are emailed when the post goes live is decided when staff
-- publish or schedule it and kept with the post, so a scheduled post honours it whenever, and by whichever
-- process, it is announced. Posts that exist already keep today's behaviour: they are emailed.
ALTER TABLE posts ADD COLUMN email_subscribers boolean NOT NULL DEFAULT true;

-- A test of a post's subscriber mail (kind TEST) goes to the member of staff who asked for it, to no one else.
-- The kinds are the Java enum MailKind; the same open check as V66 (which may run before or after this one), so
-- neither migration drops the other's kind.
ALTER TABLE mail_outbox DROP CONSTRAINT IF EXISTS mail_outbox_kind_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_kind_check CHECK (kind ~ '^[A-Z][A-Z_]*$');
