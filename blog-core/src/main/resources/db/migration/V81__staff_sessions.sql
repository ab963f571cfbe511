-- Signed-in portal sessions, one row each, so that a member of staff sees where they are signed in and can end
-- the others, whichever admin process and whichever session store (memory or Redis) holds them. Every signed-in
-- request checks its row; a session whose row is gone is over.
-- session_digest is SHA-256 (base64url) of a random key the session keeps from its sign-in: nothing of the session
-- id, which is a credential, is stored here (and Spring Security renews the id whenever it stores a CSRF token).
CREATE TABLE staff_sessions (
    session_digest  text        PRIMARY KEY,
    user_id         bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    signed_in_at    timestamptz NOT NULL,
    last_seen_at    timestamptz NOT NULL,
    client_address  text        NOT NULL,
    browser         text        NOT NULL
);

CREATE INDEX staff_sessions_user_idx ON staff_sessions (user_id);
-- Rows of sessions that idled out or outlived their absolute lifetime are deleted by age.
CREATE INDEX staff_sessions_last_seen_idx ON staff_sessions (last_seen_at);
