-- Sign-in attempts, shared by every admin process. One row per key: an account tried from one client
-- address, or a client address across all accounts (keys are SHA-256 digests, so a password typed into the
-- email field is never stored). `failures` counts attempts booked before their password was checked
-- (a success gives its booking back); `last_at` is when the last one was booked. `trusted_until` marks an
-- account and client that signed in successfully: that pair is spared the client-wide delay.
CREATE TABLE sign_in_throttle (
    key           text        PRIMARY KEY,
    failures      integer     NOT NULL,
    last_at       timestamptz NOT NULL,
    trusted_until timestamptz
);
CREATE INDEX sign_in_throttle_last_at_idx ON sign_in_throttle (last_at);
