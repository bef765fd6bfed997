-- Migration 10: moving a site in and out (issues 10 and 11).
-- An imported article's identity: the guid its source gave it (a WordPress
-- GUID, a feed item's, an ndjson record's), and a key made from the whole
-- record (store/moving.c), so that importing the same file again, or the
-- rest of a file after an import was killed, updates or skips what is
-- already here instead of storing it twice.
ALTER TABLE article ADD COLUMN guid TEXT;
ALTER TABLE article ADD COLUMN import_key BLOB;
CREATE UNIQUE INDEX article_guid ON article(guid) WHERE guid IS NOT NULL;
CREATE UNIQUE INDEX article_import_key ON article(import_key) WHERE import_key IS NOT NULL;

-- The old site's URLs: a path in text_urlpath's normal form (text/urlpath.h)
-- and what it showed: kind is enum legacy_kind (article, page, section, tag)
-- and target the id of that row. A request that would be a 404 and whose
-- path is here is answered 301 to the new URL.
CREATE TABLE legacy_url(
    path TEXT PRIMARY KEY,
    kind INTEGER NOT NULL,
    target INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX legacy_url_target ON legacy_url(kind, target);
-- The old site's numeric post ids (WordPress's /?p=ID and /?page_id=ID,
-- which share one series of ids).
CREATE TABLE legacy_post(
    old_id INTEGER PRIMARY KEY,
    kind INTEGER NOT NULL,
    target INTEGER NOT NULL
);
CREATE INDEX legacy_post_target ON legacy_post(kind, target);
