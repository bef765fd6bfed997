-- akhbar schema: the whole current schema, applied to a new database.
-- A database made by an older binary is brought here by the numbered files in
-- migrations/ (none yet); PRAGMA user_version records where a database stands
-- and db.c sets it after this file runs.

CREATE TABLE setting(
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE section(
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tag(
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE article(
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL,
    title TEXT NOT NULL CHECK(length(title) > 0),
    lede TEXT NOT NULL DEFAULT '',
    body_md TEXT NOT NULL DEFAULT '',
    body_html TEXT NOT NULL DEFAULT '',
    section_id INTEGER NOT NULL REFERENCES section(id),
    author TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    status INTEGER NOT NULL,            -- enum article_status
    published_at INTEGER,               -- unix seconds
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
-- Ascending, so that a backward scan gives (published_at DESC, id DESC) with no sort.
CREATE INDEX article_published ON article(status, published_at);

-- Every section an article is in, the primary one included.
CREATE TABLE article_section(
    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    section_id INTEGER NOT NULL REFERENCES section(id),
    PRIMARY KEY(article_id, section_id)
) WITHOUT ROWID;
CREATE INDEX article_section_by_section ON article_section(section_id, article_id);

CREATE TABLE article_tag(
    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tag(id),
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY(article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tag_by_tag ON article_tag(tag_id, article_id);

CREATE TABLE comment(
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES comment(id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',     -- never shown on a page
    body TEXT NOT NULL,
    status INTEGER NOT NULL,            -- enum comment_status
    created_at INTEGER NOT NULL,
    client_hash BLOB                    -- keyed hash of the client address
);
CREATE INDEX comment_by_article ON comment(article_id, status, created_at);
CREATE INDEX comment_by_client ON comment(client_hash, created_at);
CREATE INDEX comment_by_status ON comment(status, created_at);
