-- Feeds: the identity aggregators know this blog by, and which process pinged the WebSub hub for a change.

-- The Atom feed's id, minted once: it must outlive every change of host name, so it cannot be derived from one.
CREATE TABLE feed_identity (
    id      integer PRIMARY KEY CHECK (id = 1),
    atom_id text    NOT NULL
);
INSERT INTO feed_identity (id, atom_id) VALUES (1, 'urn:uuid:' || gen_random_uuid());

-- Every blog-web process hears of every change; the one that records a change here first pings the hub for it.
CREATE TABLE websub_claims (
    change_key text        PRIMARY KEY,
    claimed_at timestamptz NOT NULL
);
CREATE INDEX websub_claims_claimed_idx ON websub_claims (claimed_at);
