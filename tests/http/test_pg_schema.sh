# The two schemas in step: src/store/pg/schema.sql (PostgreSQL) against the
# database `akhbar init` makes (SQLite). The same tables, columns (order,
# type, nullability, default), keys, unique and check constraints, foreign
# keys, indexes and triggers, and the same schema version; the same
# change-log entries from the same statements run on both; PostgreSQL's own
# parts (the change log's NOTIFY, article_fts as a table of tsvectors) do what
# they promise. tools/pgtmp, which runs the cluster, is tested too: two at
# once, each in its folder, which stop removes.
. tests/http/lib.sh
PGTMP=tools/pgtmp
PGSCHEMA=src/store/pg/schema.sql
# SQLite's FTS5 tables, which PostgreSQL has not, or has otherwise
# (article_fts: a table of tsvectors, see pg/schema.sql), and the triggers
# that keep them in step there (on PostgreSQL: ON DELETE CASCADE, and an
# article with no article_fts row is to be indexed).
SQLITE_ONLY_TABLES="article_fts article_fts_vocab"
SQLITE_ONLY_TRIGGERS="article_fts_insert article_fts_update article_fts_delete"
# PostgreSQL's own: the schema's version (PRAGMA user_version's), the
# article_fts index, the change log's NOTIFY, the trigger that drops an
# article's article_fts row when what is indexed changes.
PG_ONLY_TABLES="article_fts article_fts_pending schema_version"
PG_ONLY_INDEXES="article_fts_tsv"
PG_ONLY_TRIGGERS="change_log_notify article_fts_stale article_fts_new"
# INTEGER PRIMARY KEYs that are another table's key or the old site's id:
# not identity columns.
NOT_NUMBERED="legacy_post.old_id profile.user_id related_done.article_id"
# SQLite's implicit rowids that PostgreSQL keeps as a column (a statement
# deletes by it): table|position|column, and the key.
PG_ROWIDS="login_failure|3|rowid"
PG_ROWID_KEYS="login_failure.rowid login_failure|pk|rowid"

# The clusters' folders: the postgres user (the server's, when root) must
# reach them.
chmod 711 "$TMP"
cleanup() {
    for d in "$TMP/pg1" "$TMP/pg2" "$TMP/pg"; do
        [ -d "$d" ] && "$PGTMP" stop "$d"
    done
}
# end: stops the clusters, then lib.sh's finish (which removes $TMP).
end() {
    cleanup
    finish
}
trap 'cleanup; rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM

# same DESCRIPTION FILE_WANT FILE_GOT: passes when they are equal; else
# shows how they differ (- SQLite, + PostgreSQL).
same() {
    if diff -u "$2" "$3" >"$TMP/diff"; then
        ok
    else
        fail "$1 differ (- SQLite, + PostgreSQL):"
        sed -n '3,$p' "$TMP/diff" | grep '^[-+]' | sed 's/^/    /'
    fi
}
# drop_lines FILE WORD...: FILE without the lines that start with WORD| or are WORD.
drop_lines() {
    f=$1; shift
    for w in "$@"; do
        grep -v -e "^$w|" -e "^$w\$" "$f" >"$f.tmp"; mv "$f.tmp" "$f"
    done
}
sorted() { LC_ALL=C sort -o "$1" "$1"; }

# --- tools/pgtmp: two clusters at once -------------------------------------
"$PGTMP" start "$TMP/pg1" >"$TMP/uri1" 2>"$TMP/err1" &
p1=$!
"$PGTMP" start "$TMP/pg2" >"$TMP/uri2" 2>"$TMP/err2"
s2=$?
wait $p1
s1=$?
U1=$(cat "$TMP/uri1")
U2=$(cat "$TMP/uri2")
if [ $s1 -ne 0 ] || [ $s2 -ne 0 ]; then
    echo "pgtmp start failed:"; cat "$TMP/err1" "$TMP/err2"
fi
check "pgtmp start (first) exits 0" test $s1 -eq 0
check "pgtmp start (second) exits 0" test $s2 -eq 0
check "pgtmp start prints one URI" test "$(wc -l <"$TMP/uri1")" -eq 1
uri_re='^postgresql://postgres@127\.0\.0\.1:[0-9][0-9]*/akhbar$'
check "pgtmp's URI is postgresql://postgres@127.0.0.1:PORT/akhbar" grep -q "$uri_re" "$TMP/uri1"
check "the two clusters have two ports" test "$U1" != "$U2"
check "pgtmp uri prints the URI again" test "$("$PGTMP" uri "$TMP/pg1")" = "$U1"
q1() { psql -X -q -At -v ON_ERROR_STOP=1 "$U1" -c "$1"; }
q2() { psql -X -q -At -v ON_ERROR_STOP=1 "$U2" -c "$1"; }
check "the first cluster has the database akhbar" test "$(q1 'SELECT current_database()')" = akhbar
check "the second cluster has the database akhbar" test "$(q2 'SELECT current_database()')" = akhbar
check "listens on 127.0.0.1 only" test "$(q1 'SHOW listen_addresses')" = 127.0.0.1
check "its unix socket is in its folder" test "$(q1 'SHOW unix_socket_directories')" = "$TMP/pg1"
check "fsync is off" test "$(q1 'SHOW fsync')" = off
check "the database is UTF8" test "$(q1 'SHOW server_encoding')" = UTF8
check "pgtmp start refuses a folder in use" sh -c "! '$PGTMP' start '$TMP/pg1' 2>/dev/null"
check "the refused start left the cluster running" test "$(q1 'SELECT 1')" = 1
check "pgtmp stop exits 0" "$PGTMP" stop "$TMP/pg1"
check "pgtmp stop removes the folder" test ! -e "$TMP/pg1"
check "the stopped cluster no longer answers" sh -c "! psql -X -At '$U1' -c 'SELECT 1' 2>/dev/null"
check "the other cluster still answers" test "$(q2 'SELECT 1')" = 1
check "pgtmp stop removes the second folder" "$PGTMP" stop "$TMP/pg2"
check "pgtmp stop of no cluster fails" sh -c "! '$PGTMP' stop '$TMP/pg2' 2>/dev/null"
check "pgtmp uri of no cluster fails" sh -c "! '$PGTMP' uri '$TMP/pg2' 2>/dev/null"
check "pgtmp with no command fails" sh -c "! '$PGTMP' 2>/dev/null"

# --- the schemas -------------------------------------------------------------
"$AKHBAR" init --db "$DB" >/dev/null 2>&1
check "akhbar init makes the SQLite database" test -s "$DB"
check "the binary embeds $PGSCHEMA" grep -qF \
    'CREATE TABLE schema_version(version integer NOT NULL);' "$AKHBAR"
if ! URI=$("$PGTMP" start "$TMP/pg"); then
    fail "pgtmp start"; end; exit 1
fi
pg() { psql -X -q -At -v ON_ERROR_STOP=1 "$URI" "$@"; }
if pg -f "$PGSCHEMA" >"$TMP/pg-schema.out" 2>&1; then
    ok
else
    fail "$PGSCHEMA does not run on PostgreSQL:"; cat "$TMP/pg-schema.out"
    end; exit 1
fi
# The tables an SQLite statement may name (no FTS5 shadow tables, no
# sqlite_*), and the columns of those with columns of their own.
sql "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual')
     AND name NOT LIKE 'sqlite_%'" >"$TMP/lite.tables"
pg -c "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
       AND table_type = 'BASE TABLE'" >"$TMP/pg.tables"
drop_lines "$TMP/lite.tables" $SQLITE_ONLY_TABLES
drop_lines "$TMP/pg.tables" $PG_ONLY_TABLES
sorted "$TMP/lite.tables"; sorted "$TMP/pg.tables"
same "the tables" "$TMP/lite.tables" "$TMP/pg.tables"
check "the SQLite database has its tables" test "$(wc -l <"$TMP/lite.tables")" -ge 25

LITE_TABLES="SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
             AND name NOT LIKE 'sqlite_%'"
# table|position|column|type|null or not null|default
sql "SELECT m.name || '|' || (p.cid + 1) || '|' || p.name || '|' ||
        CASE upper(p.type) WHEN 'INTEGER' THEN 'bigint' WHEN 'TEXT' THEN 'text'
            WHEN 'BLOB' THEN 'bytea' WHEN 'REAL' THEN 'double precision'
            ELSE 'unknown ' || p.type END || '|' ||
        CASE WHEN p.\"notnull\" OR p.pk THEN 'not null' ELSE 'null' END || '|' ||
        ifnull(p.dflt_value, '')
     FROM ($LITE_TABLES) m, pragma_table_info(m.name) p" >"$TMP/lite.columns"
pg -c "SELECT table_name || '|' || ordinal_position || '|' || column_name || '|' ||
           data_type || '|' || CASE is_nullable WHEN 'NO' THEN 'not null' ELSE 'null' END ||
           '|' || coalesce(regexp_replace(column_default, '::[a-z ]+$', ''), '')
       FROM information_schema.columns WHERE table_schema = 'public'" >"$TMP/pg.columns"
drop_lines "$TMP/pg.columns" $PG_ONLY_TABLES $PG_ROWIDS
sorted "$TMP/lite.columns"; sorted "$TMP/pg.columns"
same "the columns (table|position|name|type|nullability|default)" \
    "$TMP/lite.columns" "$TMP/pg.columns"

# Keys numbered by the database: SQLite's rowid aliases, PostgreSQL's
# identity columns.
sql "SELECT m.name || '.' || p.name FROM ($LITE_TABLES) m, pragma_table_info(m.name) p
     WHERE p.pk = 1 AND upper(p.type) = 'INTEGER' AND m.name IN
         (SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%WITHOUT ROWID%')
     AND (SELECT count(*) FROM pragma_table_info(m.name) WHERE pk > 0) = 1" >"$TMP/lite.ids"
pg -c "SELECT table_name || '.' || column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND is_identity = 'YES'" >"$TMP/pg.ids"
drop_lines "$TMP/lite.ids" $NOT_NUMBERED
drop_lines "$TMP/pg.ids" $PG_ROWID_KEYS
sorted "$TMP/lite.ids"; sorted "$TMP/pg.ids"
same "the keys the database numbers" "$TMP/lite.ids" "$TMP/pg.ids"

# Constraints: table|pk|columns, table|unique|columns, table|fk|column|table.column|on delete,
# table|checks|count.
sql "SELECT m.name || '|pk|' || (SELECT group_concat(name, ',') FROM
         (SELECT name FROM pragma_table_info(m.name) WHERE pk > 0 ORDER BY pk))
     FROM ($LITE_TABLES) m WHERE EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE pk > 0);
     SELECT m.name || '|unique|' || (SELECT group_concat(name, ',') FROM
         (SELECT name FROM pragma_index_info(l.name) ORDER BY seqno))
     FROM ($LITE_TABLES) m, pragma_index_list(m.name) l WHERE l.origin = 'u';
     SELECT m.name || '|fk|' || f.\"from\" || '|' || f.\"table\" || '.' || f.\"to\" || '|' ||
         f.on_delete FROM ($LITE_TABLES) m, pragma_foreign_key_list(m.name) f;
     SELECT name || '|checks|' ||
         ((length(sql) - length(replace(upper(sql), 'CHECK(', ''))) / 6)
     FROM sqlite_master WHERE type = 'table' AND name IN ($LITE_TABLES)
     AND sql LIKE '%CHECK(%'" >"$TMP/lite.constraints"
pg -c "SELECT t.relname || '|' || CASE c.contype WHEN 'p' THEN 'pk' ELSE 'unique' END || '|' ||
           (SELECT string_agg(a.attname, ',' ORDER BY k.i) FROM unnest(c.conkey)
                WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n)
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
       WHERE c.connamespace = 'public'::regnamespace AND c.contype IN ('p', 'u');
       SELECT t.relname || '|fk|' || a.attname || '|' || r.relname || '.' || ra.attname || '|' ||
           CASE c.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT'
               WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' ELSE 'SET DEFAULT' END
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
           JOIN pg_class r ON r.oid = c.confrelid
           JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = c.conkey[1]
           JOIN pg_attribute ra ON ra.attrelid = r.oid AND ra.attnum = c.confkey[1]
       WHERE c.connamespace = 'public'::regnamespace AND c.contype = 'f';
       SELECT t.relname || '|checks|' || count(*) FROM pg_constraint c
           JOIN pg_class t ON t.oid = c.conrelid
       WHERE c.connamespace = 'public'::regnamespace AND c.contype = 'c' GROUP BY t.relname" \
    >"$TMP/pg.constraints"
drop_lines "$TMP/pg.constraints" $PG_ONLY_TABLES $PG_ROWID_KEYS
sorted "$TMP/lite.constraints"; sorted "$TMP/pg.constraints"
same "the constraints (keys, unique, foreign keys, checks)" \
    "$TMP/lite.constraints" "$TMP/pg.constraints"
check "the constraints were read" grep -q '^article|fk|author_id|user.id|SET NULL$' \
    "$TMP/lite.constraints"

# Indexes made by CREATE INDEX: name|table|unique|columns|condition.
sql "SELECT l.name || '|' || m.name || '|' || l.\"unique\" || '|' ||
         (SELECT group_concat(name, ',') FROM
             (SELECT name FROM pragma_index_info(l.name) ORDER BY seqno)) || '|' ||
         CASE WHEN l.partial THEN lower(substr(s.sql, instr(s.sql, ' WHERE ') + 7)) ELSE '' END
     FROM ($LITE_TABLES) m, pragma_index_list(m.name) l
         JOIN sqlite_master s ON s.type = 'index' AND s.name = l.name
     WHERE l.origin = 'c'" >"$TMP/lite.indexes"
pg -c "SELECT i.relname || '|' || t.relname || '|' || x.indisunique::int || '|' ||
           (SELECT string_agg(a.attname, ',' ORDER BY k.i) FROM unnest(x.indkey::int2[])
                WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n)
           || '|' || coalesce(lower(regexp_replace(pg_get_expr(x.indpred, x.indrelid),
                                                   '^\((.*)\)$', '\1')), '')
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       WHERE t.relnamespace = 'public'::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)" \
    >"$TMP/pg.indexes"
drop_lines "$TMP/pg.indexes" $PG_ONLY_INDEXES
sorted "$TMP/lite.indexes"; sorted "$TMP/pg.indexes"
same "the indexes (name|table|unique|columns|condition)" "$TMP/lite.indexes" "$TMP/pg.indexes"
check "the partial indexes were read" grep -q '^article_scheduled|article|0|status,published_at|status = 2$' \
    "$TMP/pg.indexes"

# Triggers: name|table|event (AFTER INSERT, UPDATE [OF columns], DELETE)|WHEN or not.
sql "SELECT name || '|' || tbl_name || '|' ||
         trim(substr(sql, instr(sql, ' AFTER ') + 7,
                     instr(sql, ' ON ') - instr(sql, ' AFTER ') - 7)) || '|' ||
         CASE WHEN replace(sql, char(10), ' ') LIKE '% WHEN %BEGIN%' THEN 'when' ELSE '' END
     FROM sqlite_master WHERE type = 'trigger'" >"$TMP/lite.triggers"
pg -c "SELECT tgname || '|' || tgrelid::regclass || '|' ||
           substring(pg_get_triggerdef(oid) from ' AFTER (.*?) ON ') || '|' ||
           CASE WHEN tgqual IS NULL THEN '' ELSE 'when' END
       FROM pg_trigger WHERE NOT tgisinternal" | sed 's/|"user"|/|user|/' >"$TMP/pg.triggers"
cp "$TMP/lite.triggers" "$TMP/lite.triggers.all"
cp "$TMP/pg.triggers" "$TMP/pg.triggers.all"
drop_lines "$TMP/lite.triggers" $SQLITE_ONLY_TRIGGERS
drop_lines "$TMP/pg.triggers" $PG_ONLY_TRIGGERS
sorted "$TMP/lite.triggers"; sorted "$TMP/pg.triggers"
same "the triggers (name|table|event|when)" "$TMP/lite.triggers" "$TMP/pg.triggers"
check "the triggers were read" grep -q '^change_user_name|user|UPDATE OF name|$' "$TMP/pg.triggers"
check "SQLite has the FTS triggers PostgreSQL does without" test \
    "$(sql "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND
            name IN ('article_fts_insert', 'article_fts_update', 'article_fts_delete')")" -eq 3
check "article_fts_stale fires on the updates that fire article_fts_update" grep -qx \
    'article_fts_update|article|UPDATE OF title, lede, body_text|' "$TMP/lite.triggers.all"
check "article_fts_stale fires on the updates that fire article_fts_update (PostgreSQL)" grep -qx \
    'article_fts_stale|article|UPDATE OF title, lede, body_text|when' "$TMP/pg.triggers.all"

check "the schema version is PRAGMA user_version's" test \
    "$(pg -c 'SELECT version FROM schema_version')" = "$(sql 'PRAGMA user_version')"
check "schema_version has one row" test "$(pg -c 'SELECT count(*) FROM schema_version')" = 1
check "article_fts is (rowid bigint not null, tsv tsvector not null)" test \
    "$(pg -c "SELECT string_agg(column_name || ' ' || data_type || ' ' || is_nullable, ', '
              ORDER BY ordinal_position) FROM information_schema.columns
              WHERE table_schema = 'public' AND table_name = 'article_fts'")" = \
    "rowid bigint NO, tsv tsvector NO"
check "article_fts's tsv has a GIN index" test \
    "$(pg -c "SELECT am.amname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
              JOIN pg_am am ON am.oid = i.relam WHERE i.relname = 'article_fts_tsv'")" = gin
check "and no pending list: each article's words go straight into it" test \
    "$(pg -c "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'article_fts_tsv'")" = \
    fastupdate=off
check "its tsvectors compressed with LZ4 (Debian's PostgreSQL has it)" test \
    "$(pg -c "SELECT attcompression FROM pg_attribute
              WHERE attrelid = 'article_fts'::regclass AND attname = 'tsv'")" = l

# --- the triggers at work ---------------------------------------------------
# The same statements on both: the same change-log entries (each entry's keys
# in any order, the entries in any order). On SQLite without its FTS
# triggers: the sqlite3 shell has not akhbar's tokenizer.
cat >"$TMP/same.sql" <<'SQL'
INSERT INTO section(id, slug, name) VALUES(1, 's1', 'محليات'), (2, 's2', 'اقتصاد');
INSERT INTO "user"(id, login, role, password, created_at, updated_at)
    VALUES(1, 'u1', 1, 'x', 0, 0), (2, 'u2', 1, 'x', 0, 0);
INSERT INTO media(id, hash, width, height, mime, alt, created_at)
    VALUES(1, '0123456789abcdef0123456789abcdef', 10, 10, 'image/png', 'صورة', 0);
INSERT INTO article(id, slug, title, section_id, status, created_at, updated_at, author_id,
                    image_id, breaking) VALUES(1, 'a1', 'عنوان', 1, 1, 0, 0, 1, 1, 1);
INSERT INTO article(id, slug, title, section_id, status, created_at, updated_at)
    VALUES(2, 'a2', 'خبر ثان', 2, 0, 0, 0);
INSERT INTO tag(id, slug, name) VALUES(1, 't1', 'وسم');
INSERT INTO article_tag(article_id, tag_id) VALUES(1, 1);
INSERT INTO article_section(article_id, section_id) VALUES(1, 1), (1, 2);
UPDATE article SET body_md = 'نص' WHERE id = 1;
UPDATE article SET status = 2, author_id = 2 WHERE id = 1;
UPDATE article SET title = 'عنوان آخر' WHERE id = 1;
UPDATE article SET breaking = 0 WHERE id = 1;
UPDATE article SET title = 'عنوان ثالث' WHERE id = 1;
UPDATE tag SET name = 'وسم آخر' WHERE id = 1;
UPDATE "user" SET name = 'كاتب' WHERE id = 2;
UPDATE "user" SET role = 2 WHERE id = 2;
INSERT INTO profile(user_id, slug, updated_at) VALUES(2, 'k', 0);
UPDATE profile SET bio = 'سيرة' WHERE user_id = 2;
UPDATE media SET alt = 'صورة أخرى' WHERE id = 1;
INSERT INTO comment(id, article_id, author, body, status, created_at) VALUES(1, 1, 'a', 'b', 0, 0);
UPDATE comment SET status = 1 WHERE id = 1;
INSERT INTO comment(id, article_id, author, body, status, created_at) VALUES(2, 2, 'a', 'b', 1, 0);
INSERT INTO comment(id, article_id, author, body, status, created_at) VALUES(3, 2, 'a', 'b', 0, 0);
DELETE FROM comment WHERE id IN (2, 3);
INSERT INTO article_related(article_id, related_id, rank, score) VALUES(1, 2, 1, 0.5);
DELETE FROM article_related;
INSERT INTO ranking(kind, position, article_id, n) VALUES(0, 1, 1, 3), (0, 2, 2, 1);
DELETE FROM ranking;
INSERT INTO setting(key, value) VALUES('test.x', 'v');
UPDATE setting SET value = 'w' WHERE key = 'test.x';
DELETE FROM setting WHERE key = 'test.x';
INSERT INTO page(id, slug, title, updated_at) VALUES(1, 'p', 'من نحن', 0);
UPDATE page SET title = 'اتصل بنا';
DELETE FROM page;
UPDATE section SET name = 'أعمال' WHERE id = 2;
DELETE FROM article_section WHERE section_id = 2;
DELETE FROM article_tag;
DELETE FROM tag;
UPDATE article SET breaking = 1 WHERE id = 2;
DELETE FROM article;
DELETE FROM section WHERE id = 2;
SQL
LITE=$TMP/same.db
cp "$DB" "$LITE"
sqlite3 "$LITE" "DROP TRIGGER article_fts_insert; DROP TRIGGER article_fts_update;
                 DROP TRIGGER article_fts_delete"
lite_from=$(sqlite3 "$LITE" 'SELECT ifnull(max(id), 0) FROM change_log')
pg_from=$(pg -c 'SELECT coalesce(max(id), 0) FROM change_log')
{ echo 'PRAGMA foreign_keys = ON;'; cat "$TMP/same.sql"; } | sqlite3 -bail "$LITE" >"$TMP/lite.out" 2>&1
check "the statements run on SQLite" test $? -eq 0
pg -f "$TMP/same.sql" >"$TMP/pg.out" 2>&1
check "the same statements run on PostgreSQL" test $? -eq 0
cat "$TMP/lite.out" "$TMP/pg.out"
# keys_of FILE: each line's words sorted, then the lines.
keys_of() {
    while read -r line; do
        # shellcheck disable=SC2086
        printf '%s\n' $line | LC_ALL=C sort | paste -s -d ' ' -
    done <"$1" | LC_ALL=C sort
}
sqlite3 "$LITE" "SELECT keys FROM change_log WHERE id > $lite_from" >"$TMP/lite.keys"
pg -c "SELECT keys FROM change_log WHERE id > $pg_from" >"$TMP/pg.keys"
keys_of "$TMP/lite.keys" >"$TMP/lite.keys.sorted"
keys_of "$TMP/pg.keys" >"$TMP/pg.keys.sorted"
same "the change log's entries" "$TMP/lite.keys.sorted" "$TMP/pg.keys.sorted"
check "the statements wrote the change log" test "$(wc -l <"$TMP/lite.keys")" -ge 40
check "the change of state wrote every list" grep -qx 'a1 l s1 s1 s1 s2 t1 u1 u2' "$TMP/pg.keys.sorted"
now=$(date +%s)
check "the entries are dated now" test "$(pg -c "SELECT count(*) FROM change_log
    WHERE id > $pg_from AND at NOT BETWEEN $now - 60 AND $now + 60")" = 0

# The change log's NOTIFY reaches another session's LISTEN at commit, its
# id as payload.
{
    echo 'LISTEN akhbar_change;'
    echo "\\! touch '$TMP/listening'"
    echo 'SELECT pg_sleep(2);'
} | psql -X -q -At "$URI" >"$TMP/listen.out" 2>&1 &
listener=$!
i=0
while [ ! -f "$TMP/listening" ] && [ $i -lt 100 ]; do i=$((i + 1)); sleep 0.1; done
pg -c "INSERT INTO section(id, slug, name) VALUES(9, 's9', 'رياضة')"
id=$(pg -c 'SELECT max(id) FROM change_log')
wait $listener
check "NOTIFY akhbar_change reaches LISTEN with the entry's id" grep -qF \
    "Asynchronous notification \"akhbar_change\" with payload \"$id\" received" "$TMP/listen.out"
check "one NOTIFY for one entry" test "$(grep -c 'Asynchronous notification' "$TMP/listen.out")" = 1

# article_fts_pending: a new article waits to be indexed; an update of what
# is indexed makes it wait again, counting the changes, any other update
# does not; the rows go with their article.
pg -c "INSERT INTO article(id, slug, title, section_id, status, created_at, updated_at)
       VALUES(5, 'a5', 'عنوان', 9, 1, 0, 0);
       INSERT INTO article_fts(rowid, tsv) VALUES(5, 'عنوان'::tsvector)"
fts() { pg -c 'SELECT count(*) FROM article_fts WHERE rowid = 5'; }
waits() { pg -c 'SELECT coalesce((SELECT n FROM article_fts_pending WHERE article_id = 5), 0)'; }
check "article_fts takes a row" test "$(fts)" = 1
check "a new article waits to be indexed" test "$(waits)" = 1
pg -c "DELETE FROM article_fts_pending WHERE article_id = 5"
pg -c "UPDATE article SET body_md = 'نص', status = 2, updated_at = 1 WHERE id = 5"
check "another update does not make it wait" test "$(waits)" = 0
pg -c "UPDATE article SET title = 'عنوان', lede = '' WHERE id = 5"
check "setting the same text does not either" test "$(waits)" = 0
pg -c "UPDATE article SET title = 'عنوان جديد' WHERE id = 5"
check "a new title makes it wait" test "$(waits)" = 1
for col in lede body_text; do
    pg -c "UPDATE article SET $col = 'نص آخر' WHERE id = 5"
    check "a new $col counts one more change" test "$(waits)" = "$(( ${n:-1} + 1 ))"
    n=$(waits)
done
check "the old tsvector stays until the new one replaces it" test "$(fts)" = 1
pg -c 'DELETE FROM article WHERE id = 5'
check "the article_fts row goes with its article" test "$(fts)" = 0
check "and its pending entry" test "$(waits)" = 0
check "article_fts takes no row for no article" sh -c \
    "! psql -X -q '$URI' -c \"INSERT INTO article_fts(rowid, tsv) VALUES(77, 'x')\" 2>/dev/null"

end
