-- Migration 7: what search and related articles ask of each match, in a
-- small index. Run by db.c on a version-6 database; schema.sql has the same
-- index for new ones.

-- Every article's id with the columns that filter and rank search results,
-- related articles and the newsroom's searched lists: each candidate is
-- looked up here instead of in its row, where these columns lie past
-- kilobytes of body (overflow pages).
CREATE INDEX article_state ON article(id, status, published_at, section_id, author_id,
                                     updated_at);
