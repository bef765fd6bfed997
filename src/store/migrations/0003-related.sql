-- Migration 3: related articles from text similarity (issue 3). Run by db.c
-- on a version-2 database; schema.sql has the same objects for new ones.
-- The lists are filled by store_related_refresh() (after imports, and by
-- `akhbar reindex`); until then pages fall back to same section or tags.

-- The search index's vocabulary: how many articles have each form (the df of
-- tf-idf for related articles).
CREATE VIRTUAL TABLE article_fts_vocab USING fts5vocab(article_fts, 'row');

-- For each article, its most similar others, best first.
CREATE TABLE article_related(
    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    related_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    rank INTEGER NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY(article_id, rank)
) WITHOUT ROWID;
CREATE INDEX article_related_by_related ON article_related(related_id);
