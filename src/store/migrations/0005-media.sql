-- Migration 5: images (issue 4). Run by db.c on a version-4 database;
-- schema.sql has the same objects for new ones.

-- Uploaded images. The files are in the media folder, named by hash
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
    user_id INTEGER REFERENCES user(id) ON DELETE SET NULL
);
CREATE INDEX media_by_time ON media(created_at);

-- An article's featured image.
ALTER TABLE article ADD COLUMN image_id INTEGER REFERENCES media(id) ON DELETE SET NULL;
CREATE INDEX article_image ON article(image_id) WHERE image_id IS NOT NULL;
