-- Migration 8: authors' public profiles and the site's static pages
-- (issue 9). Run by db.c on a version-7 database; schema.sql has the same
-- objects for new ones.

-- A newsroom user's public face, apart from their login: the profile is
-- public (has a page at /author/SLUG, linked from bylines) once it has a
-- slug; a user without a row here has none yet.
CREATE TABLE profile(
    user_id INTEGER PRIMARY KEY REFERENCES user(id) ON DELETE CASCADE,
    slug TEXT UNIQUE,
    bio TEXT NOT NULL DEFAULT '',
    photo_id INTEGER REFERENCES media(id) ON DELETE SET NULL,
    updated_at INTEGER NOT NULL
);

-- Pages outside the news (من نحن، اتصل بنا...): Markdown and the safe HTML
-- made from it when saved; published ones are listed in the footer by
-- position.
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
