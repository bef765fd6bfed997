-- Migration 11: the WordPress import (issue 11). A section may sit under
-- another, as WordPress's categories do (`foo-bar` under `bar`); NULL for a
-- section at the top. Pages and navigation still list sections flat.
ALTER TABLE section ADD COLUMN parent_id INTEGER REFERENCES section(id) ON DELETE SET NULL;
