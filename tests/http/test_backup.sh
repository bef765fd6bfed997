# Backup and restore. `akhbar backup` copies the database while the server
# publishes (SQLite's online backup API) with the image files it records: each
# copy passes integrity_check and holds every article acknowledged before it
# began, and publishing goes on meanwhile. `akhbar restore` refuses while a
# server has the database open, refuses a backup that fails its checks
# (integrity_check, the search index) and changes nothing then, and after a
# crash removes the stale -wal that SQLite would otherwise apply to the
# restored file (here one from another database: the copy by hand is
# "malformed"); it restores the images too.
. tests/http/lib.sh
start_server --demo --threads 4
MEDIA=$TMP/test-media
# An archive of some size, so that a copy takes a while.
/usr/bin/python3 - "$TMP/more.ndjson" <<'PY'
import json, sys
demo = [json.loads(l) for l in open('demo/articles.ndjson')]
with open(sys.argv[1], 'w') as f:
    for i in range(400):
        d = dict(demo[i % len(demo)])
        d['title'] += ' (%d)' % i
        d.pop('comments', None)
        f.write(json.dumps(d, ensure_ascii=False) + '\n')
PY
"$AKHBAR" import --db "$DB" --strict --format ndjson "$TMP/more.ndjson" >/dev/null 2>&1
check "400 more articles" test "$(sql 'SELECT count(*) FROM article')" -ge 400
adduser editor ed
J=$TMP/jar.ed
login "$J" ed
mkpng "$TMP/photo.png" 1200 700
upload "$J" "$TMP/photo.png" 'صورة للنسخ الاحتياطي'
expect_status 303 "an image is uploaded"
H=$(sql "SELECT hash FROM media WHERE user_id IS NOT NULL")   # not the demo's pictures
get "$J" /admin/articles/new
ET=$(csrf_of)

# The load: the editor publishes article after article; each title the
# server acknowledged (303) is appended to $TMP/acked.
: >"$TMP/acked"
publish_loop() {
    i=0
    while [ ! -e "$TMP/stop" ]; do
        i=$((i + 1))
        st=$(curl -s -o /dev/null -w '%{http_code}' -b "$J" -H "Origin: $BASE" \
            --data-urlencode "csrf=$ET" --data-urlencode action=publish \
            --data-urlencode "title=خبر تحت الحمل رقم $i" --data-urlencode 'body=نص الخبر.' \
            --data-urlencode section=world "$BASE/admin/articles/save")
        [ "$st" = 303 ] && echo "خبر تحت الحمل رقم $i" >>"$TMP/acked"
    done
}
publish_loop &
LOAD=$!
while [ "$(wc -l <"$TMP/acked")" -lt 5 ]; do sleep 0.1; done

# ---- three backups while it publishes ----
for k in 1 2 3; do
    cp "$TMP/acked" "$TMP/acked.$k"
    "$AKHBAR" backup --db "$DB" --out "$TMP/b$k" >"$TMP/out.$k" 2>&1
    check "backup $k exits 0 ($(cat "$TMP/out.$k"))" test $? -eq 0
    n_after=$(wc -l <"$TMP/acked")
    check "publishing went on during backup $k" test "$n_after" -gt "$(wc -l <"$TMP/acked.$k")"
    copy=$TMP/b$k/akhbar.db
    check "copy $k passes integrity_check" test "$(sqlite3 "$copy" 'PRAGMA integrity_check')" = ok
    check "copy $k is one file (rollback journal)" \
        test "$(sqlite3 "$copy" 'PRAGMA journal_mode')" = delete
    sqlite3 "$copy" 'SELECT title FROM article' | sort >"$TMP/have"
    lost=$(sort "$TMP/acked.$k" | comm -23 - "$TMP/have" | wc -l)
    check "copy $k has all $(wc -l <"$TMP/acked.$k") articles acknowledged before it (lost $lost)" \
        test "$lost" -eq 0
done
touch "$TMP/stop"
wait "$LOAD"
check "the image's files are in the backup" \
    test -f "$TMP/b1/media/$H-orig.png" -a -f "$TMP/b1/media/$H-480.webp" \
        -a -f "$TMP/b1/media/$H-1200.jpg"
check "as many as in the media folder" \
    test "$(ls "$TMP/b1/media" | wc -l)" -eq "$(ls "$MEDIA" | grep -c -- -)"
check "hard-linked on the same file system" \
    test "$(stat -c %i "$TMP/b1/media/$H-orig.png")" = "$(stat -c %i "$MEDIA/$H-orig.png")"
"$AKHBAR" backup --db "$DB" --out "$TMP/b1" 2>"$TMP/err"
check "a backup into a folder that is not empty is refused" test $? -eq 1
check "and says why" grep -q 'not an empty folder' "$TMP/err"
check "backup --out is required" sh -c "'$AKHBAR' backup --db '$DB' 2>/dev/null; test \$? -eq 2"

# ---- restore ----
articles=$(sql 'SELECT count(*) FROM article')
"$AKHBAR" restore --db "$DB" --from "$TMP/b1" 2>"$TMP/err"
check "restore is refused while the server runs" test $? -eq 1
check "naming the server's process" grep -q "open in process $SERVER_PID" "$TMP/err"
check "nothing changed" test "$(sql 'SELECT count(*) FROM article')" = "$articles"
fetch /
expect_status 200 "the server still serves"

# The hazard restore removes: another database's WAL, left beside a copy
# made by hand, is applied to it when SQLite opens it.
/usr/bin/python3 - "$TMP/other.db" <<'PY'
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute('PRAGMA journal_mode=WAL')
c.execute('CREATE TABLE notes(x)')
c.executemany('INSERT INTO notes VALUES(?)', [('x' * 500,)] * 50)
c.commit()
os._exit(0)         # a crash: the WAL stays, never checkpointed
PY
check "the other database left a WAL" test -s "$TMP/other.db-wal"
mkdir "$TMP/byhand"
cp "$TMP/b2/akhbar.db" "$TMP/byhand/x.db"
cp "$TMP/other.db-wal" "$TMP/byhand/x.db-wal"
check "a copy by hand beside a stale WAL is broken" \
    sh -c "! sqlite3 '$TMP/byhand/x.db' 'SELECT count(*) FROM article' >/dev/null 2>&1"

# A crash (the server killed), the WAL of another database in its place,
# the images lost.
kill -KILL "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""
cp "$TMP/other.db-wal" "$DB-wal"
rm -f "$MEDIA"/*-*.*
"$AKHBAR" restore --db "$DB" --from "$TMP/b2" >"$TMP/out" 2>&1
check "restore after the crash exits 0 ($(cat "$TMP/out"))" test $? -eq 0
check "the stale WAL is gone" test ! -e "$DB-wal"
check "the database passes integrity_check" test "$(sql 'PRAGMA integrity_check')" = ok
check "it has the backup's articles" \
    test "$(sql 'SELECT count(*) FROM article')" = "$(sqlite3 "$TMP/b2/akhbar.db" 'SELECT count(*) FROM article')"
check "the images are back" test -f "$MEDIA/$H-orig.png" -a -f "$MEDIA/$H-960.webp"
start_server
fetch "/media/$H-480.webp"
expect_status 200 "the restored image is served"
last=$(tail -n 1 "$TMP/acked.2")
fetch "/article/$(sql "SELECT id FROM article WHERE title='$last'")" -L
expect_status 200 "the last article acknowledged before backup 2 is served"
body_has "$last" "with its title"
stop_server

# Backups that fail their checks are refused and change nothing.
sum=$(sha256sum <"$DB")
mkdir "$TMP/bad" "$TMP/badindex"
cp "$TMP/b3/akhbar.db" "$TMP/bad/akhbar.db"
dd if=/dev/urandom of="$TMP/bad/akhbar.db" bs=4096 seek=40 count=8 conv=notrunc 2>/dev/null
"$AKHBAR" restore --db "$DB" --from "$TMP/bad" 2>"$TMP/err"
check "a damaged backup is refused" test $? -eq 1
check "as failing its check ($(cat "$TMP/err"))" grep -q 'fails its check' "$TMP/err"
cp "$TMP/b3/akhbar.db" "$TMP/badindex/akhbar.db"
sqlite3 "$TMP/badindex/akhbar.db" "DROP TRIGGER article_fts_update;
    UPDATE article SET title='عنوان لا يعرفه الفهرس' WHERE id=(SELECT max(id) FROM article)"
"$AKHBAR" restore --db "$DB" --from "$TMP/badindex" 2>"$TMP/err"
check "a backup whose search index disagrees with its articles is refused" test $? -eq 1
check "naming the search index" grep -q 'search index' "$TMP/err"
"$AKHBAR" restore --db "$DB" --from "$TMP/more.ndjson" 2>"$TMP/err"
check "a file that is not a database is refused" grep -q 'not an akhbar database' "$TMP/err"
check "the database is as it was" test "$(sha256sum <"$DB")" = "$sum"
check "no staged copy is left" test ! -e "$DB.restore"
finish
