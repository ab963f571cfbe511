-- The trash: a trashed post or page is a draft that remembers what it was. Making it a draft takes it off the
-- public site through the one predicate every reader-facing query already uses (status <> 'DRAFT' for posts,
-- status = 'PUBLISHED' for pages), so no query can forget it; restoring puts the remembered status back.
ALTER TABLE posts ADD COLUMN trashed_at timestamptz,
                  ADD COLUMN trashed_status text CHECK (trashed_status IN ('DRAFT', 'SCHEDULED', 'PUBLISHED')),
                  ADD CHECK ((trashed_at IS NULL) = (trashed_status IS NULL)),
                  ADD CHECK (trashed_at IS NULL OR status = 'DRAFT');
CREATE INDEX posts_trashed_idx ON posts (trashed_at DESC) WHERE trashed_at IS NOT NULL;

ALTER TABLE pages ADD COLUMN trashed_at timestamptz,
                  ADD COLUMN trashed_status text CHECK (trashed_status IN ('DRAFT', 'PUBLISHED')),
                  ADD CHECK ((trashed_at IS NULL) = (trashed_status IS NULL)),
                  ADD CHECK (trashed_at IS NULL OR status = 'DRAFT');
