-- Issue 15: a per-account upload quota, summed over the images each member of staff uploaded in the portal.
-- Images a WordPress import stored are recorded against the admin who ran it but do not count (see MediaLibrary).
ALTER TABLE media ADD COLUMN imported boolean NOT NULL DEFAULT false;
UPDATE media SET imported = true WHERE id IN (SELECT media_id FROM wordpress_media WHERE media_id IS NOT NULL);
CREATE INDEX media_uploaded_by_idx ON media (uploaded_by) WHERE NOT imported;
