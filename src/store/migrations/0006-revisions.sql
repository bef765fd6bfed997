-- Migration 6: article revisions (issue 4). Run by db.c on a version-5
-- database; schema.sql has the same objects for new ones.

-- Every save of an article in the newsroom, as it was saved: who, when, the
-- text and where it was filed. sections is the section slugs, primary first,
-- separated by spaces; tags the tag names separated by ", ".
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
