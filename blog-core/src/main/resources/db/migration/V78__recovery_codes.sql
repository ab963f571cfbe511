-- Single-use recovery codes for staff who lose their authenticator app: ten at enrolment (and when regenerated),
-- kept only as keyed digests (HMAC-SHA256 with a key outside the database), each deleted as it is used.
CREATE TABLE staff_recovery_codes (
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    digest     text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, digest)
);
