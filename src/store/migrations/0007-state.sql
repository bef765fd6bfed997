-- Migration 7: what search and related articles ask of each match, in a
-- small index; which articles have their related list. Run by db.c on a
-- version-6 database; schema.sql has the same objects for new ones.

-- Every article's id with the columns that filter and rank search results,
-- related articles and the newsroom's searched lists: each candidate is
-- looked up here instead of in its row, where these columns lie past
-- kilobytes of body (overflow pages).
CREATE INDEX article_state ON article(id, status, published_at, section_id, author_id,
                                     updated_at);

-- The articles whose related list has been computed (even when it came out
-- empty), so that the server's background pass (store_related_backfill)
-- computes only the others: the archive behind a large import.
CREATE TABLE related_done(
    article_id INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,
    at INTEGER NOT NULL
);
INSERT INTO related_done SELECT DISTINCT article_id, 0 FROM article_related;
