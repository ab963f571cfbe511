-- Staff accounts (issue 14, item 4): passwords that must be changed at first sign-in, and single-use links
-- by mail to set a password ("forgot password", invitations).

-- A password someone else chose (the first admin's, generated or from the environment; one an admin typed for
-- a new account) works for one sign-in, which then asks for a password of the member of staff's own.
ALTER TABLE users ADD COLUMN IF NOT EXISTS password_must_change boolean NOT NULL DEFAULT false;

-- One row per link. The token itself is never stored: the outbox sender draws it while it writes the mail and
-- keeps only its SHA-256 here (token_hash stays NULL until then). Using the link sets used_at, once.
CREATE TABLE password_links (
    id          bigserial   PRIMARY KEY,
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     text        NOT NULL CHECK (purpose IN ('RESET', 'INVITATION')),
    token_hash  text        UNIQUE,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX password_links_user_idx ON password_links (user_id, created_at DESC);

-- "Forgot password?" requests, kept for the rate limits only (per client address and per address asked for,
-- digested: addresses that belong to nobody are not kept readable). Rows older than the window are removed as
-- new ones come in.
CREATE TABLE password_reset_requests (
    client        text        NOT NULL,
    email_digest  text        NOT NULL,
    requested_at  timestamptz NOT NULL
);
CREATE INDEX password_reset_requests_client_idx ON password_reset_requests (client, requested_at);
CREATE INDEX password_reset_requests_email_idx ON password_reset_requests (email_digest, requested_at);
CREATE INDEX password_reset_requests_at_idx ON password_reset_requests (requested_at);

-- The outbox row of a reset or invitation mail names its link, never a token.
ALTER TABLE mail_outbox ADD COLUMN IF NOT EXISTS password_link_id bigint REFERENCES password_links (id) ON DELETE CASCADE;
