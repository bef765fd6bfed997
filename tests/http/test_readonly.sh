# serve --read-only: the public site from a database nothing may write. The
# database (chmod 444) and its media folder sit in a read-only folder (555),
# and where the machine allows it (a mount namespace: root) the folder is
# also bind-mounted read-only, so that no write could succeed, not even
# root's. Home, lists, an article, search, feeds, sitemaps, media and the
# health check are served; the newsroom and comment posting answer the
# Arabic 503 page; nothing is written (the file's bytes, no -wal or -shm, a
# scheduled article left as it was). A read-only server on a database that
# another process writes sees its changes.
. tests/http/lib.sh

# Usage: --demo writes; a read-only server makes no database.
"$AKHBAR" serve --db "$DB" --read-only --demo >"$TMP/out" 2>&1
check "--read-only --demo: usage error" test $? -eq 2
check "the message says why" grep -q -- "--demo writes the database: not with --read-only" "$TMP/out"
"$AKHBAR" serve --db "$DB" --read-only --listen 127.0.0.1:1 >"$TMP/out" 2>&1
check "--read-only without a database: runtime error" test $? -eq 1
check "no database was made" test ! -e "$DB"

# The site, written once: demo content, an image, an article scheduled two
# minutes ago that no scheduler published (the server was down).
start_server --demo --media "$TMP/site-media"
adduser admin salma
login "$TMP/jar" salma
mkpng "$TMP/photo.png" 320 200
upload "$TMP/jar" "$TMP/photo.png" "صورة"
expect_status 303 "an image is uploaded"
stop_server
HASH=$(sql "SELECT hash FROM media ORDER BY id DESC LIMIT 1")
LATE=$(sql "SELECT max(id) FROM article WHERE status=3")
sql "UPDATE article SET status=2, published_at=strftime('%s','now')-120 WHERE id=$LATE"

RO=$TMP/ro
mkdir "$RO"
cp "$DB" "$RO/site.db"
cp -r "$TMP/site-media" "$RO/media"
check "the copy has no -wal or -shm" test ! -e "$RO/site.db-wal" -a ! -e "$RO/site.db-shm"
chmod 444 "$RO/site.db"
find "$RO/media" -type f -exec chmod 444 {} +
find "$RO" -type d -exec chmod 555 {} +
SUM=$(md5sum <"$RO/site.db")

# Mount the folder read-only in a mount namespace of the server's own,
# when the machine allows it.
REAL=$AKHBAR
if unshare -m sh -c "mount --bind -o ro '$RO' '$RO'" 2>/dev/null; then
    MOUNTED=1
    cat >"$TMP/ro-akhbar" <<EOF
#!/bin/sh
exec unshare -m sh -c 'mount --bind -o ro "\$0" "\$0" && exec "\$@"' "$RO" "$REAL" "\$@"
EOF
    chmod 755 "$TMP/ro-akhbar"
    AKHBAR=$TMP/ro-akhbar
else
    MOUNTED=0
    echo "note: no mount namespace here; the folder is read-only by its mode only"
fi
DB=$RO/site.db
touch "$TMP/mark"
start_server --read-only --media "$RO/media" --metrics-allow 127.0.0.1
AKHBAR=$REAL
if [ "$MOUNTED" = 1 ]; then
    check "a read-only mount: the database is opened immutable" \
        grep -q "is on read-only storage: opened immutable" "$TMP/server.out"
fi

for p in / /latest /feed /feed/atom /sitemap.xml /sitemap-news.xml /robots.txt \
    /static/style.css "/media/$HASH-320.webp"; do
    fetch "$p"
    expect_status 200 "read-only: $p"
done
SEC=$(sqlite3 "file:$DB?immutable=1" "SELECT slug FROM section ORDER BY position LIMIT 1")
fetch "/section/$SEC"
expect_status 200 "read-only: a section"
fetch "/search?q=%D8%A7%D9%84%D9%86%D9%81%D8%B7"
expect_status 200 "read-only: search"
body_has 'class="card' "read-only: search finds articles"
AID=$(sqlite3 "file:$DB?immutable=1" "SELECT min(id) FROM article WHERE status=3")
fetch "/article/$AID/comment/token"
expect_status 200 "read-only: a comment token (harmless: nothing takes it)"
fetch "/article/$AID"
expect_status 301 "read-only: an article's short link"
fetch "$(location)"
expect_status 200 "read-only: an article"
body_has "التعليقات متوقفة مؤقتًا للصيانة" "read-only: the article says comments are paused"
body_lacks '<form class="comment-form"' "read-only: no comment form"
body_lacks '?reply=' "read-only: no reply links"
valid_html "read-only: the article page"
fetch /healthz
expect_status 200 "read-only: healthz"
check "healthz says read-only" test "$(cat "$TMP/body")" = "ok (read-only)"

# The newsroom and comment posting: the Arabic 503 page, not cached.
for p in /admin /admin/ /admin/login /admin/articles; do
    fetch "$p"
    expect_status 503 "read-only: GET $p"
    body_has "الموقع في وضع القراءة فقط" "read-only: $p says why, in Arabic"
done
header_has "Cache-Control: no-store" "the 503 is not cached"
body_has 'lang="ar" dir="rtl"' "the 503 page is Arabic"
valid_html "the 503 page"
fetch "/article/$AID/comment" -H "Origin: $BASE" --data-urlencode "author=قارئ" \
    --data-urlencode "body=تعليق لن يُحفظ"
expect_status 503 "read-only: a comment"
body_has "غرفة الأخبار والتعليقات متوقفة مؤقتًا" "read-only: the comment's 503 says why"
fetch /admin/login -H "Origin: $BASE" -d login=salma -d "password=$PW"
expect_status 503 "read-only: a login"

# No scheduler: the due article waits, and the metrics say how late it is.
fetch /metrics
expect_status 200 "read-only: metrics"
check "akhbar_read_only is 1" grep -q '^akhbar_read_only 1$' "$TMP/body"
LAG=$(sed -n 's/^akhbar_scheduler_lag_seconds //p' "$TMP/body")
check "the scheduler's lag shows the late article ($LAG s)" test "${LAG:-0}" -ge 120
check "no heartbeat without a scheduler" sh -c "! grep -q heartbeat '$TMP/body'"
stop_server

check "the database's bytes are unchanged" test "$(md5sum <"$DB")" = "$SUM"
check "no -wal or -shm was made" test ! -e "$DB-wal" -a ! -e "$DB-shm"
check "the late article is still scheduled" \
    test "$(sqlite3 "file:$DB?immutable=1" "SELECT status FROM article WHERE id=$LATE")" = 2
check "the folders have nothing new" test "$(find "$RO" -newer "$TMP/mark" | wc -l)" = 0
check "the server logged no error" sh -c "! grep -q ' error: ' '$TMP/server.out'"
grep ' error: ' "$TMP/server.out" | head -n 5

# A replica: read-only on a database another process writes; it sees the
# changes, and serves no newsroom.
DB=$TMP/test.db
start_server --read-only --media "$TMP/site-media"
"$AKHBAR" section add --db "$DB" replica "قسم جديد" >/dev/null
check "the writer could write" test $? -eq 0
fetch /section/replica
expect_status 200 "the read-only server sees the new section"
fetch /admin/
expect_status 503 "and still serves no newsroom"
stop_server
find "$RO" -type d -exec chmod 755 {} +
finish
