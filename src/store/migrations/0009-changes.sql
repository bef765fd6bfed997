-- Migration 9: the change log (issue 13). Triggers record, in the same
-- transaction as every change a reader could see, the keys of what changed
-- (see docs/ARCHITECTURE.md, "The page cache"); every server reads the log
-- and drops the cached pages that show those keys, and tells Varnish. The
-- triggers catch every writer: the newsroom, the command line, a second
-- server. Rows older than an hour are pruned by the servers.
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
