-- Migration 12: wire feeds. A feed is polled every interval seconds (or later
-- after errors); each item it delivered is remembered by (origin, guid) with a
-- hash of its content and a MinHash sketch of its stems, so that the same item
-- polled again is recognised, a changed one updates its article, and the same
-- story from another agency is attached to the first one's article.
CREATE TABLE feed(
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    section_id INTEGER NOT NULL REFERENCES section(id),
    status INTEGER NOT NULL,                -- enum article_status its items get
    interval INTEGER NOT NULL CHECK(interval >= 60),
    title TEXT NOT NULL DEFAULT '',         -- the channel's, from the last good poll
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    polled_at INTEGER NOT NULL DEFAULT 0,   -- unix seconds of the last attempt
    ok_at INTEGER NOT NULL DEFAULT 0,       -- of the last success (200 or 304)
    http_status INTEGER NOT NULL DEFAULT 0, -- of the last attempt; 0: no answer
    error TEXT NOT NULL DEFAULT '',         -- why the last attempt failed; '' when it did not
    failures INTEGER NOT NULL DEFAULT 0,    -- attempts failed in a row (the backoff)
    next_at INTEGER NOT NULL DEFAULT 0,     -- due from then
    created_at INTEGER NOT NULL
);
CREATE INDEX feed_due ON feed(next_at);
CREATE TABLE wire_item(
    id INTEGER PRIMARY KEY,
    feed_id INTEGER REFERENCES feed(id) ON DELETE SET NULL,
    origin TEXT NOT NULL,                   -- the feed's URL, or a file's channel link
    guid TEXT NOT NULL,
    article_id INTEGER REFERENCES article(id) ON DELETE SET NULL,
    duplicate_of INTEGER REFERENCES wire_item(id) ON DELETE SET NULL,
    similarity REAL NOT NULL DEFAULT 0,     -- to duplicate_of's item
    link TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    hash BLOB NOT NULL,                     -- BLAKE2b-128 of title, lede and body
    sketch BLOB,                            -- text_sketch_encode of its stems
    seen_at INTEGER NOT NULL,
    changed_at INTEGER NOT NULL,
    UNIQUE(origin, guid)
);
CREATE INDEX wire_item_seen ON wire_item(seen_at);
CREATE INDEX wire_item_article ON wire_item(article_id);
CREATE INDEX wire_item_feed ON wire_item(feed_id);
