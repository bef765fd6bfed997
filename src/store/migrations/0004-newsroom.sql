-- Migration 4: the newsroom's people and their access (issue 4). Run by db.c
-- on a version-3 database; schema.sql has the same objects for new ones.

-- People who work on the site. role is enum user_role (store.h); password is
-- libsodium's crypto_pwhash_str (argon2id), never the password itself.
CREATE TABLE user(
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    role INTEGER NOT NULL,
    password TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- Server-side sessions. id is a keyed hash of the cookie's token (the token
-- itself is never stored); csrf is the session's form token.
CREATE TABLE session(
    id BLOB PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
    csrf BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    seen_at INTEGER NOT NULL,
    client TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX session_by_user ON session(user_id);

-- Failed logins, for throttling: key is 'u:' + login or 'c:' + a keyed hash
-- of the client address.
CREATE TABLE login_failure(
    key TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX login_failure_by_key ON login_failure(key, at);

-- Every newsroom action: who, what, when, from where.
CREATE TABLE audit(
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    user_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
    login TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    client TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_time ON audit(at);

-- Articles belong to a newsroom user when one wrote them (imports: NULL).
ALTER TABLE article ADD COLUMN author_id INTEGER REFERENCES user(id) ON DELETE SET NULL;
-- The scheduler looks for scheduled articles by time.
CREATE INDEX article_scheduled ON article(status, published_at) WHERE status = 2;
