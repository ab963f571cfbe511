-- Subscribers brought over from another list (a CSV): their name, and when they were imported, so that staff can ask
-- exactly the imported ones who never confirmed to confirm, once, and nobody else. An import mails no one itself.
ALTER TABLE subscribers ADD COLUMN name text NOT NULL DEFAULT '',
                        ADD COLUMN imported_at timestamptz;
CREATE INDEX subscribers_imported_unasked_idx ON subscribers (id)
    WHERE imported_at IS NOT NULL AND status = 'PENDING' AND confirm_sent_at IS NULL;
