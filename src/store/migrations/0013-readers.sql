-- Migration 13: what readers see beside the news (issue 12): breaking news
-- for the ticker, a picture's caption and credit, counted views and the
-- rankings of the sidebar. Run by db.c on an older database; schema.sql has
-- the same objects for new ones.

-- A breaking article is in the ticker ("عاجل") of every page for the
-- ticker_hours setting after its publication.
ALTER TABLE article ADD COLUMN breaking INTEGER NOT NULL DEFAULT 0;
CREATE INDEX article_breaking ON article(published_at) WHERE breaking = 1;

-- Under a picture: what it shows (caption) and whose it is (credit).
ALTER TABLE media ADD COLUMN caption TEXT NOT NULL DEFAULT '';
ALTER TABLE media ADD COLUMN credit TEXT NOT NULL DEFAULT '';

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
