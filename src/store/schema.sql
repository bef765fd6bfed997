-- akhbar schema: the whole current schema, applied to a new database.
-- A database made by an older binary is brought here by the numbered files in
-- migrations/ (NNNN-name.sql, NNNN the version it leads to); PRAGMA
-- user_version records where a database stands and db.c sets it after this
-- file (or the migrations) ran. A change here is also a new migration.

CREATE TABLE setting(
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE section(
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    parent_id INTEGER REFERENCES section(id) ON DELETE SET NULL     -- version 11
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
    updated_at INTEGER NOT NULL,
    body_text TEXT NOT NULL DEFAULT '', -- the body as plain text, for search (version 2)
    author_id INTEGER REFERENCES user(id) ON DELETE SET NULL,  -- (version 4)
    image_id INTEGER REFERENCES media(id) ON DELETE SET NULL,   -- featured image (version 5)
    guid TEXT,                          -- the source's id for it (version 10)
    import_key BLOB,                    -- a hash of the record it came from (version 10)
    breaking INTEGER NOT NULL DEFAULT 0 -- in the ticker for a while (version 13)
);
-- An imported article is found again by its guid, or by the hash of its
-- record when it has none (store/moving.c): imports can be run again.
CREATE UNIQUE INDEX article_guid ON article(guid) WHERE guid IS NOT NULL;
CREATE UNIQUE INDEX article_import_key ON article(import_key) WHERE import_key IS NOT NULL;
-- Ascending, so that a backward scan gives (published_at DESC, id DESC) with no sort.
CREATE INDEX article_published ON article(status, published_at);
-- Every article's id with the columns that filter and rank search results,
-- related articles and the newsroom's searched lists (migration 7): each
-- candidate is looked up here, not in its row, where they lie past kilobytes
-- of body on overflow pages.
CREATE INDEX article_state ON article(id, status, published_at, section_id, author_id,
                                     updated_at);

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

-- Full-text search over title, lede and body_text, with akhbar's Arabic
-- analyzer (src/text/fts5_tokenizer.c, registered on every connection). The
-- index keeps no copy of the text (content='article'); the triggers keep it in
-- step with article in the same transaction. A 'delete' must give exactly the
-- values that were indexed (with the same analyzer: after changing it, run
-- `akhbar reindex`); the update trigger fires only for updates of these columns.
CREATE VIRTUAL TABLE article_fts USING fts5(
    title, lede, body_text,
    content='article', content_rowid='id', tokenize='akhbar', detail=full
);
CREATE TRIGGER article_fts_insert AFTER INSERT ON article BEGIN
    INSERT INTO article_fts(rowid, title, lede, body_text)
    VALUES(new.id, new.title, new.lede, new.body_text);
END;
CREATE TRIGGER article_fts_delete AFTER DELETE ON article BEGIN
    INSERT INTO article_fts(article_fts, rowid, title, lede, body_text)
    VALUES('delete', old.id, old.title, old.lede, old.body_text);
END;
CREATE TRIGGER article_fts_update AFTER UPDATE OF title, lede, body_text ON article BEGIN
    INSERT INTO article_fts(article_fts, rowid, title, lede, body_text)
    VALUES('delete', old.id, old.title, old.lede, old.body_text);
    INSERT INTO article_fts(rowid, title, lede, body_text)
    VALUES(new.id, new.title, new.lede, new.body_text);
END;

-- Related articles (migration 3): the index's vocabulary, and for each
-- article its most similar others, best first (store/related.c).
CREATE VIRTUAL TABLE article_fts_vocab USING fts5vocab(article_fts, 'row');
CREATE TABLE article_related(
    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    related_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    rank INTEGER NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY(article_id, rank)
) WITHOUT ROWID;
CREATE INDEX article_related_by_related ON article_related(related_id);

-- The articles whose related list has been computed, even when it came out
-- empty (migration 7), so that the server's background pass
-- (store_related_backfill) computes only the others: the archive behind a
-- large import.
CREATE TABLE related_done(
    article_id INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,
    at INTEGER NOT NULL
);

-- The newsroom (migration 4).
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

CREATE INDEX article_scheduled ON article(status, published_at) WHERE status = 2;

-- Images (migration 5). The files are in the media folder, named by hash
-- (src/media/image.h): <hash>-orig.<ext> and <hash>-<width>.webp|.jpg for
-- the widths media_variant_widths(width) gives; width and height are the
-- original's, upright. alt is the text a screen reader says instead of the
-- image: required. bytes is the size of the uploaded file.
CREATE TABLE media(
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE CHECK(length(hash) = 32),
    width INTEGER NOT NULL CHECK(width > 0),
    height INTEGER NOT NULL CHECK(height > 0),
    mime TEXT NOT NULL CHECK(mime IN ('image/jpeg', 'image/png', 'image/webp')),
    alt TEXT NOT NULL CHECK(length(trim(alt)) > 0),
    bytes INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    user_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
    caption TEXT NOT NULL DEFAULT '',   -- what it shows, under it (version 13)
    credit TEXT NOT NULL DEFAULT ''     -- whose it is (version 13)
);
CREATE INDEX media_by_time ON media(created_at);
CREATE INDEX article_image ON article(image_id) WHERE image_id IS NOT NULL;

-- Revisions (migration 6): every save of an article in the newsroom, as it
-- was saved. sections is the section slugs, primary first, separated by
-- spaces; tags the tag names separated by ", ".
CREATE TABLE revision(
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    user_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    title TEXT NOT NULL,
    lede TEXT NOT NULL DEFAULT '',
    body_md TEXT NOT NULL DEFAULT '',
    slug TEXT NOT NULL,
    status INTEGER NOT NULL,            -- enum article_status
    sections TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT ''
);
CREATE INDEX revision_by_article ON revision(article_id, id);

-- Public profiles (migration 8): a newsroom user's public face, apart from
-- their login; public (/author/SLUG, linked from bylines) once it has a slug.
CREATE TABLE profile(
    user_id INTEGER PRIMARY KEY REFERENCES user(id) ON DELETE CASCADE,
    slug TEXT UNIQUE,
    bio TEXT NOT NULL DEFAULT '',
    photo_id INTEGER REFERENCES media(id) ON DELETE SET NULL,
    updated_at INTEGER NOT NULL
);

-- Static pages (migration 8): Markdown and the safe HTML made from it when
-- saved; published ones are listed in the footer by position.
CREATE TABLE page(
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    body_md TEXT NOT NULL DEFAULT '',
    body_html TEXT NOT NULL DEFAULT '',
    published INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);

-- The old site's URLs (migration 10): a path in text_urlpath's normal form
-- (text/urlpath.h) and what it showed: kind is enum legacy_kind (article,
-- page, section, tag), target that row's id. A request that would be a 404
-- and whose path is here is answered 301 to the new URL.
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

-- The change log (migration 9): what changed, as the keys of cached pages.
--   site   the settings, the sections' navigation, the footer's pages
--   aN     article N as any page shows it      cN  its approved comments
--   l      the lists of every article (home, feeds, sitemaps)
--   sN tN  the lists of section N and tag N    uN  author N's page and list
--   pN     static page N
CREATE TABLE change_log(
    id INTEGER PRIMARY KEY,
    keys TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX change_log_at ON change_log(at);

CREATE TRIGGER change_article_insert AFTER INSERT ON article BEGIN
    INSERT INTO change_log(keys, at) VALUES('a' || NEW.id || ' l s' || NEW.section_id ||
        ifnull(' u' || NEW.author_id, ''), unixepoch());
END;
-- A change of state, time, section or author moves the article between
-- lists: every list it is or was in. Any other change shows on the pages
-- that show it.
CREATE TRIGGER change_article_update AFTER UPDATE ON article BEGIN
    INSERT INTO change_log(keys, at) SELECT 'a' || NEW.id ||
        CASE WHEN NEW.status IS NOT OLD.status OR NEW.published_at IS NOT OLD.published_at OR
                  NEW.section_id IS NOT OLD.section_id OR NEW.author_id IS NOT OLD.author_id
        THEN ' l s' || OLD.section_id || ' s' || NEW.section_id ||
             ifnull(' u' || OLD.author_id, '') || ifnull(' u' || NEW.author_id, '') ||
             ifnull((SELECT ' ' || group_concat('s' || section_id, ' ') FROM article_section
                     WHERE article_id = NEW.id), '') ||
             ifnull((SELECT ' ' || group_concat('t' || tag_id, ' ') FROM article_tag
                     WHERE article_id = NEW.id), '')
        ELSE '' END, unixepoch();
END;
CREATE TRIGGER change_article_delete AFTER DELETE ON article BEGIN
    INSERT INTO change_log(keys, at) VALUES('a' || OLD.id || ' c' || OLD.id || ' l s' ||
        OLD.section_id || ifnull(' u' || OLD.author_id, ''), unixepoch());
END;
CREATE TRIGGER change_article_section_insert AFTER INSERT ON article_section BEGIN
    INSERT INTO change_log(keys, at) VALUES('a' || NEW.article_id || ' s' || NEW.section_id,
        unixepoch());
END;
CREATE TRIGGER change_article_section_delete AFTER DELETE ON article_section BEGIN
    INSERT INTO change_log(keys, at) VALUES('a' || OLD.article_id || ' s' || OLD.section_id,
        unixepoch());
END;
CREATE TRIGGER change_article_tag_insert AFTER INSERT ON article_tag BEGIN
    INSERT INTO change_log(keys, at) VALUES('a' || NEW.article_id || ' t' || NEW.tag_id,
        unixepoch());
END;
CREATE TRIGGER change_article_tag_delete AFTER DELETE ON article_tag BEGIN
    INSERT INTO change_log(keys, at) VALUES('a' || OLD.article_id || ' t' || OLD.tag_id,
        unixepoch());
END;
-- Only approved comments are on pages.
CREATE TRIGGER change_comment_insert AFTER INSERT ON comment WHEN NEW.status = 1 BEGIN
    INSERT INTO change_log(keys, at) VALUES('c' || NEW.article_id, unixepoch());
END;
CREATE TRIGGER change_comment_update AFTER UPDATE ON comment
WHEN NEW.status = 1 OR OLD.status = 1 BEGIN
    INSERT INTO change_log(keys, at) VALUES('c' || NEW.article_id, unixepoch());
END;
CREATE TRIGGER change_comment_delete AFTER DELETE ON comment WHEN OLD.status = 1 BEGIN
    INSERT INTO change_log(keys, at) VALUES('c' || OLD.article_id, unixepoch());
END;
-- Related articles are part of an article's page.
CREATE TRIGGER change_related_insert AFTER INSERT ON article_related BEGIN
    INSERT INTO change_log(keys, at) VALUES('a' || NEW.article_id, unixepoch());
END;
CREATE TRIGGER change_related_delete AFTER DELETE ON article_related BEGIN
    INSERT INTO change_log(keys, at) VALUES('a' || OLD.article_id, unixepoch());
END;
-- Sections are in every page's navigation; a tag's name on its articles.
CREATE TRIGGER change_section_insert AFTER INSERT ON section BEGIN
    INSERT INTO change_log(keys, at) VALUES('site', unixepoch());
END;
CREATE TRIGGER change_section_update AFTER UPDATE ON section BEGIN
    INSERT INTO change_log(keys, at) VALUES('site s' || NEW.id, unixepoch());
END;
CREATE TRIGGER change_section_delete AFTER DELETE ON section BEGIN
    INSERT INTO change_log(keys, at) VALUES('site s' || OLD.id, unixepoch());
END;
CREATE TRIGGER change_tag_update AFTER UPDATE ON tag BEGIN
    INSERT INTO change_log(keys, at) SELECT 't' || NEW.id ||
        ifnull((SELECT ' ' || group_concat('a' || article_id, ' ') FROM article_tag
                WHERE tag_id = NEW.id), ''), unixepoch();
END;
CREATE TRIGGER change_tag_delete AFTER DELETE ON tag BEGIN
    INSERT INTO change_log(keys, at) VALUES('t' || OLD.id, unixepoch());
END;
CREATE TRIGGER change_setting AFTER INSERT ON setting BEGIN
    INSERT INTO change_log(keys, at) VALUES('site', unixepoch());
END;
CREATE TRIGGER change_setting_update AFTER UPDATE ON setting BEGIN
    INSERT INTO change_log(keys, at) VALUES('site', unixepoch());
END;
CREATE TRIGGER change_setting_delete AFTER DELETE ON setting BEGIN
    INSERT INTO change_log(keys, at) VALUES('site', unixepoch());
END;
CREATE TRIGGER change_page_insert AFTER INSERT ON page BEGIN
    INSERT INTO change_log(keys, at) VALUES('site p' || NEW.id, unixepoch());
END;
CREATE TRIGGER change_page_update AFTER UPDATE ON page BEGIN
    INSERT INTO change_log(keys, at) VALUES('site p' || NEW.id, unixepoch());
END;
CREATE TRIGGER change_page_delete AFTER DELETE ON page BEGIN
    INSERT INTO change_log(keys, at) VALUES('site p' || OLD.id, unixepoch());
END;
-- A picture's alt text is on the pages of the articles it illustrates.
CREATE TRIGGER change_media_update AFTER UPDATE ON media BEGIN
    INSERT INTO change_log(keys, at) SELECT 'site' ||
        ifnull((SELECT ' ' || group_concat('a' || id, ' ') FROM article
                WHERE image_id = NEW.id), ''), unixepoch();
END;
-- An author's name and profile are on their page and their articles'.
CREATE TRIGGER change_profile_insert AFTER INSERT ON profile BEGIN
    INSERT INTO change_log(keys, at) SELECT 'u' || NEW.user_id ||
        ifnull((SELECT ' ' || group_concat('a' || id, ' ') FROM article
                WHERE author_id = NEW.user_id), ''), unixepoch();
END;
CREATE TRIGGER change_profile_update AFTER UPDATE ON profile BEGIN
    INSERT INTO change_log(keys, at) SELECT 'u' || NEW.user_id ||
        ifnull((SELECT ' ' || group_concat('a' || id, ' ') FROM article
                WHERE author_id = NEW.user_id), ''), unixepoch();
END;
CREATE TRIGGER change_user_name AFTER UPDATE OF name ON user BEGIN
    INSERT INTO change_log(keys, at) SELECT 'u' || NEW.id ||
        ifnull((SELECT ' ' || group_concat('a' || id, ' ') FROM article
                WHERE author_id = NEW.id), ''), unixepoch();
END;
-- Wire feeds (migration 12): feeds polled, and the items they delivered.
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

-- Readers' extras (migration 13).
-- A breaking article is in the ticker ("عاجل") of every page for the
-- ticker_hours setting after its publication.
CREATE INDEX article_breaking ON article(published_at) WHERE breaking = 1;

-- Views of an article a day (day = unix days, UTC), counted in memory by
-- the servers and added here in one transaction every few seconds.
CREATE TABLE article_view(
    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    day INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY(article_id, day)
) WITHOUT ROWID;
CREATE INDEX article_view_by_day ON article_view(day, article_id);

-- The sidebar's lists, as last computed from article_view and the
-- comments: kind 0 most read today, 1 most read this week, 2 most commented
-- this week. Replaced only when they change (the change log's "r").
CREATE TABLE ranking(
    kind INTEGER NOT NULL,
    position INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    PRIMARY KEY(kind, position)
) WITHOUT ROWID;

-- The ticker ("k") is on every page: it changes when a breaking article
-- comes, goes, or changes what the ticker shows of it. The end of its time
-- is noted by the servers' scheduler.
CREATE TRIGGER change_ticker_insert AFTER INSERT ON article WHEN NEW.breaking BEGIN
    INSERT INTO change_log(keys, at) VALUES('k', unixepoch());
END;
CREATE TRIGGER change_ticker_update AFTER UPDATE ON article
WHEN (NEW.breaking OR OLD.breaking) AND (NEW.breaking IS NOT OLD.breaking OR
     NEW.status IS NOT OLD.status OR NEW.published_at IS NOT OLD.published_at OR
     NEW.title IS NOT OLD.title OR NEW.slug IS NOT OLD.slug) BEGIN
    INSERT INTO change_log(keys, at) VALUES('k', unixepoch());
END;
CREATE TRIGGER change_ticker_delete AFTER DELETE ON article WHEN OLD.breaking BEGIN
    INSERT INTO change_log(keys, at) VALUES('k', unixepoch());
END;
-- The sidebar's rankings ("r"): an entry for each list emptied or filled.
CREATE TRIGGER change_ranking_delete AFTER DELETE ON ranking WHEN OLD.position = 1 BEGIN
    INSERT INTO change_log(keys, at) VALUES('r', unixepoch());
END;
CREATE TRIGGER change_ranking_insert AFTER INSERT ON ranking WHEN NEW.position = 1 BEGIN
    INSERT INTO change_log(keys, at) VALUES('r', unixepoch());
END;

-- The editor's autosave (version 14): see migrations/0014-autosave.sql.
CREATE TABLE autosave(
    user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL,            -- 0: a new article
    saved_at INTEGER NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    lede TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    section TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    slug TEXT NOT NULL DEFAULT '',
    PRIMARY KEY(user_id, article_id)
) WITHOUT ROWID;
