-- Migration 14: the editor's autosave. Run by open.c on an older database;
-- schema.sql has the same table for new ones.

-- What a writer had typed in the editor, saved by the page's script every
-- few seconds while it changes: one row per writer and article (0: a new
-- article not yet saved), replaced each time, never a revision. The editor
-- offers it back when it is newer than the article; saving the article for
-- real deletes it. No trigger: nothing public shows it.
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
