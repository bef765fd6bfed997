-- Migration 2: full-text search (issue 3). Run by db.c on a version-1
-- database, in the same transaction as setting PRAGMA user_version=2.
-- schema.sql has the same objects for new databases; keep the two in step.
--
-- The body's plain text cannot be made in SQL (it needs the Markdown parser):
-- after this migration every body_text is '' and only titles and ledes are
-- indexed until `akhbar reindex` fills body_text and rebuilds the index.

ALTER TABLE article ADD COLUMN body_text TEXT NOT NULL DEFAULT '';

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

INSERT INTO article_fts(article_fts) VALUES('rebuild');
