# Several nodes on PostgreSQL: a real server (tools/pgtmp) and two
# `akhbar serve` processes on one database and one media folder. What one
# node's newsroom publishes the other's home page shows within a second; a
# comment posted on one is moderated from the other (sessions, CSRF keys,
# login throttling and the comment limit live in the database); Arabic search answers from
# PostgreSQL as from SQLite; a scheduled article is published exactly once
# by the two schedulers; one node killed, the other keeps serving; the
# database restarted, requests answer an Arabic 503 meanwhile and the nodes
# reconnect without a restart.
. tests/http/lib.sh
PGDIR=/tmp/akhbar-pg-$$     # outside $TMP: the postgres user must reach it
URI=$(tools/pgtmp start "$PGDIR") || { echo "tools/pgtmp failed"; finish; exit 1; }
DB=$URI
MEDIA=$TMP/media
mkdir -p "$MEDIA"
B_PID=""
cleanup() {
    [ -n "$B_PID" ] && kill -9 "$B_PID" 2>/dev/null
    stop_server
    tools/pgtmp stop "$PGDIR" >/dev/null 2>&1
}
trap cleanup EXIT
pg() { psql -X -q -A -t "$URI" -c "$1"; }

# ---- every command takes the URI ----
check "init on PostgreSQL" "$AKHBAR" init --db "$URI"
check "a second init changes nothing" "$AKHBAR" init --db "$URI"
check "the schema's version" test "$(pg 'SELECT version FROM schema_version')" = 14
# A password in the URI is never printed (psql sets one for a user; trust
# ignores it).
pg "ALTER USER postgres PASSWORD 'sesame-9'"
SECRET_URI=$(echo "$URI" | sed 's|postgres@|postgres:sesame-9@|')
"$AKHBAR" init --db "$SECRET_URI" >"$TMP/init.out" 2>&1
check "init names the database" grep -q 'postgres:\*\*\*@127.0.0.1' "$TMP/init.out"
check "without its password" sh -c "! grep -q sesame '$TMP/init.out'"
check "section add" "$AKHBAR" section add --db "$URI" world 'أخبار عالمية'
check "config set" "$AKHBAR" config set --db "$URI" name 'صحيفة الاختبار'
check "config get" test "$("$AKHBAR" config get --db "$URI" name)" = 'صحيفة الاختبار'
# A password, as libpq reads it: PGPASSWORD, or ~/.pgpass; a wrong one is
# refused with a message and no URI printed. The cluster trusts every
# connection but this role's, which must give its password (SCRAM).
PORT_PG=$(cat "$PGDIR/port")
pg "CREATE ROLE writer LOGIN PASSWORD 'w-secret-7'; GRANT ALL ON SCHEMA public TO writer;
    GRANT ALL ON ALL TABLES IN SCHEMA public TO writer;
    GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO writer"
{ echo "host all writer 127.0.0.1/32 scram-sha-256"; cat "$PGDIR/data/pg_hba.conf"; } \
    >"$TMP/hba" && cat "$TMP/hba" >"$PGDIR/data/pg_hba.conf"
pg "SELECT pg_reload_conf()" >/dev/null
W_URI="postgresql://writer@127.0.0.1:$PORT_PG/akhbar"
check "with PGPASSWORD" env PGPASSWORD=w-secret-7 "$AKHBAR" config get --db "$W_URI" name
printf '127.0.0.1:%s:akhbar:writer:w-secret-7\n' "$PORT_PG" >"$TMP/pgpass"
chmod 600 "$TMP/pgpass"
check "with ~/.pgpass" env PGPASSFILE="$TMP/pgpass" "$AKHBAR" config get --db "$W_URI" name
env PGPASSWORD=wrong "$AKHBAR" config get --db "$W_URI" name >"$TMP/wrong.out" 2>&1
check "a wrong password is refused" test $? -ne 0
check "saying why" grep -q 'password authentication failed' "$TMP/wrong.out"
check "without printing the URI" sh -c "! grep -q 'writer@' '$TMP/wrong.out'"
"$AKHBAR" backup --db "$URI" --out "$TMP/bk" 2>"$TMP/err"
check "backup points to pg_dump" grep -q pg_dump "$TMP/err"
check "serve without --media is refused" sh -c \
    "! '$AKHBAR' serve --db '$URI' --listen 127.0.0.1:1 2>'$TMP/err2'"
check "naming the shared folder" grep -q -- '--media' "$TMP/err2"

# ---- two nodes ----
start_server --media "$MEDIA" --demo
A=$BASE
PORT_B=$(free_port)
B=http://127.0.0.1:$PORT_B
"$AKHBAR" serve --db "$URI" --media "$MEDIA" --listen "127.0.0.1:$PORT_B" \
    --access-log off >"$TMP/b.out" 2>&1 &
B_PID=$!
i=0
while ! curl -s -o /dev/null "$B/static/style.css" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
check "node B answers" curl -sf -o /dev/null "$B/"
check "the demo is in PostgreSQL" test "$(pg 'SELECT count(*) FROM article')" -ge 20
check "every article indexed" test "$(pg 'SELECT count(*) FROM article a WHERE NOT EXISTS (SELECT 1 FROM article_fts f WHERE f.rowid=a.id)')" -eq 0
check "nothing waits to be indexed" test "$(pg 'SELECT count(*) FROM article_fts_pending')" -eq 0
check "reindex on PostgreSQL" "$AKHBAR" reindex --db "$URI"
check "reindexed: every article has its tsvector again, nothing waits" test \
    "$(pg 'SELECT count(*) FROM article_fts')/$(pg 'SELECT count(*) FROM article_fts_pending')" = \
    "$(pg 'SELECT count(*) FROM article')/0"
printf '%s\n' "$PW" | "$AKHBAR" user add --db "$URI" --role author --name 'سامي' sami >/dev/null
"$AKHBAR" user list --db "$URI" --json >"$TMP/users.json"
check "user add and list" grep -q '"login":"sami"' "$TMP/users.json"
"$AKHBAR" section list --db "$URI" >"$TMP/sections"
check "section list" grep -q world "$TMP/sections"
check "comment list" "$AKHBAR" comment list --db "$URI" --status pending
check "feed list" "$AKHBAR" feed list --db "$URI"
check "media rebuild into the shared folder" "$AKHBAR" media rebuild --db "$URI" --media "$MEDIA"

# Search from PostgreSQL finds what SQLite finds, with clitics and hamza.
LITE=$TMP/lite.db
"$AKHBAR" init --db "$LITE" >/dev/null
check "export from PostgreSQL" "$AKHBAR" export --db "$URI" --format ndjson --out "$TMP/site.ndjson"
check "imported into SQLite" "$AKHBAR" import --db "$LITE" --format ndjson "$TMP/site.ndjson"
for q in المدارس اقتصاد 'والاقتصاد' '"البنك المركزي"' 'مؤتمر' 'السياحة -الأردن'; do
    a=$("$AKHBAR" search --db "$LITE" --limit 10 "$q" | cut -f1 | tr '\n' ' ')
    b=$("$AKHBAR" search --db "$URI" --limit 10 "$q" | cut -f1 | tr '\n' ' ')
    check "search '$q' finds the same articles on both ($b)" test "$a" = "$b"
done
# Related articles from PostgreSQL's index: mostly the same lists as SQLite's
# (ts_rank instead of BM25 reorders a few).
pg "SELECT article_id, related_id FROM article_related" | sort >"$TMP/rel.pg"
sqlite3 "$LITE" "SELECT article_id || '|' || related_id FROM article_related" | sort >"$TMP/rel.lite"
same=$(comm -12 "$TMP/rel.pg" "$TMP/rel.lite" | wc -l)
all=$(wc -l <"$TMP/rel.lite")
echo "related articles: $same of $all the same on PostgreSQL as on SQLite"
check "related lists on PostgreSQL ($(wc -l <"$TMP/rel.pg") entries)" test "$(wc -l <"$TMP/rel.pg")" -ge 100
check "at least 3 in 4 the same as SQLite's ($same of $all)" test $((same * 4)) -ge $((all * 3))
check "a search found something" test -n "$("$AKHBAR" search --db "$URI" اقتصاد)"
# Every indexed article is in the GIN index proper: none waits in a pending
# list that each search would read through.
pg "CREATE EXTENSION IF NOT EXISTS pgstattuple" >/dev/null
check "the search index has nothing pending ($(pg 'SELECT count(*) FROM article_fts') indexed)" \
    test "$(pg "SELECT pending_tuples FROM pgstatginindex('article_fts_tsv')")" = 0
check "and no tsvector compressed with pglz: LZ4's are three times as fast to read" \
    test "$(pg "SELECT count(*) FROM article_fts WHERE pg_column_compression(tsv) = 'pglz'")" = 0
check "some are compressed" \
    test "$(pg "SELECT count(*) FROM article_fts WHERE pg_column_compression(tsv) = 'lz4'")" -gt 0
BASE=$B fetch "/search?q=%D8%A7%D9%84%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF"
expect_status 200 "the search page on node B"
body_has '<mark>' "with its words marked"

# Publish on A: B's home page shows it within a second.
adduser editor hoda
J=$TMP/jar
BASE=$A login "$J" hoda
expect_status 303 "login on node A"
BASE=$A get "$J" /admin/articles/new
T=$(csrf_of)
BASE=$B fetch /
body_lacks 'خبر من العقدة الأولى' "B's home page before"
t0=$(date +%s%N)
BASE=$A fetch /admin/articles/save -c "$J" -b "$J" -H "Origin: $A" --data-urlencode "csrf=$T" \
    --data-urlencode action=publish --data-urlencode 'title=خبر من العقدة الأولى' \
    --data-urlencode 'body=نص خبر نشر على العقدة الأولى ويظهر على الثانية.' \
    --data-urlencode section=world --data-urlencode image=
expect_status 303 "published on node A"
seen=""
i=0
while [ $i -lt 30 ]; do
    if curl -s "$B/" | grep -qF 'خبر من العقدة الأولى'; then seen=$(date +%s%N); break; fi
    sleep 0.05; i=$((i + 1))
done
check "B's home page shows it" test -n "$seen"
ms=$(( (${seen:-0} - t0) / 1000000 ))
echo "two nodes: published on A, on B's home page after ${ms} ms"
check "within a second (${ms} ms)" test "$ms" -le 1000

# The session made on A is good on B (sessions are in the database).
BASE=$B get "$J" /admin/articles
expect_status 200 "A's session opens B's newsroom"

# Login throttling counts the failures of every node: five wrong passwords,
# spread over A and B, and the right one is refused on either.
adduser author tariq
for k in 1 2 3 4 5; do
    if [ $((k % 2)) = 0 ]; then BASE=$A; else BASE=$B; fi
    login "$TMP/jar.x" tariq "wrong password $k"
done
BASE=$B login "$TMP/jar.x" tariq
expect_status 429 "the sixth attempt, with the right password, on B: throttled"
BASE=$A login "$TMP/jar.x" tariq
expect_status 429 "and on A"

# A comment posted on A, approved from B.
aid=$(pg "SELECT min(id) FROM article WHERE status=3")
token=$(curl -s "$A/article/$aid/comment/token")
curl -s -o /dev/null -H "Origin: $A" --data-urlencode 'author=قارئ' \
    --data-urlencode 'body=تعليق من العقدة الأولى' --data-urlencode "token=$token" \
    "$A/article/$aid/comment"
cid=$(pg "SELECT id FROM comment WHERE author='قارئ'")
check "the comment is pending" test "$(pg "SELECT status FROM comment WHERE id=$cid")" = 0
BASE=$B get "$J" "/admin/comments"
MT=$(csrf_of)
BASE=$B fetch /admin/comments/bulk -c "$J" -b "$J" -H "Origin: $B" --data-urlencode "csrf=$MT" \
    -d status=pending -d action=approve -d "c$cid=1"
expect_status 303 "approved on node B"
check "approved in the database" test "$(pg "SELECT status FROM comment WHERE id=$cid")" = 1
i=0
while ! curl -s "$A/article/$aid" -L | grep -qF 'تعليق من العقدة الأولى' && [ $i -lt 20 ]; do
    sleep 0.1; i=$((i + 1))
done
check "A's article page shows the approved comment" test $i -lt 20

# A comment with a token from A, posted to B: the keys are shared.
token=$(curl -s "$A/article/$aid/comment/token")
st=$(curl -s -o /dev/null -w '%{http_code}' -H "Origin: $B" --data-urlencode 'author=آخر' \
    --data-urlencode 'body=تعليق ثان' --data-urlencode "token=$token" "$B/article/$aid/comment")
check "a comment token made by A is good on B ($st)" test "$st" = 303

# The comment limit (5 in 10 minutes from one client) counts both nodes':
# two comments were posted above; three more, alternating, then 429.
codes=""
for k in 1 2 3 4; do
    if [ $((k % 2)) = 0 ]; then N=$A; else N=$B; fi
    token=$(curl -s "$N/article/$aid/comment/token")
    codes="$codes $(curl -s -o /dev/null -w '%{http_code}' -H "Origin: $N" \
        --data-urlencode 'author=مكثر' --data-urlencode "body=تعليق رقم $k" \
        --data-urlencode "token=$token" "$N/article/$aid/comment")"
done
check "the comment limit spans the nodes ($codes)" test "$codes" = " 303 303 303 429"

# A scheduled article: both schedulers run, one publishes it.
DUE=$(( $(date +%s) + 2 ))
when=$(date -u -d "@$DUE" +%Y-%m-%dT%H:%M:%SZ)
printf '{"title":"خبر مجدول لعقدتين","body":"نص مجدول.","section":"world","status":"scheduled","published_at":"%s"}\n' \
    "$when" | "$AKHBAR" import --db "$URI" --format ndjson - >/dev/null 2>&1
sid=$(pg "SELECT id FROM article WHERE title='خبر مجدول لعقدتين'")
i=0
while [ "$(pg "SELECT status FROM article WHERE id=$sid")" != 3 ] && [ $i -lt 60 ]; do
    sleep 0.1; i=$((i + 1))
done
sleep 1
check "the scheduled article is published" test "$(pg "SELECT status FROM article WHERE id=$sid")" = 3
check "exactly once (one audit entry from the two schedulers)" \
    test "$(pg "SELECT count(*) FROM audit WHERE action='article.publish' AND target='$sid'")" -eq 1
# One node leads the scheduler's shared work (an advisory lock).
leads=$(grep -l "runs the scheduler's shared work" "$TMP/server.out" "$TMP/b.out" | wc -l)
check "one node leads the scheduler ($leads)" test "$leads" -eq 1
grep -q "runs the scheduler's shared work" "$TMP/b.out" && b_led=1 || b_led=0

# Node B killed: A keeps answering, and leads once B is gone.
kill -9 "$B_PID"; wait "$B_PID" 2>/dev/null; B_PID=""
i=0
while ! grep -q "runs the scheduler's shared work" "$TMP/server.out" && [ $i -lt 150 ]; do
    sleep 0.1; i=$((i + 1))
done
check "A leads the scheduler after B was killed (B led: $b_led)" \
    grep -q "runs the scheduler's shared work" "$TMP/server.out"
BASE=$A fetch /
expect_status 200 "A answers after B was killed"
BASE=$A fetch "/search?q=%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF"
expect_status 200 "and searches"

# The database restarted: 503 in Arabic meanwhile, then served again.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)
pgctl() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$PGBIN/pg_ctl" "$@"; else "$PGBIN/pg_ctl" "$@"; fi
}
pgctl -D "$PGDIR/data" -w stop -m fast >/dev/null 2>&1
BASE=$A fetch "/search?q=%D9%86%D9%81%D8%B7"
expect_status 503 "a search while the database is down"
body_has 'الخدمة غير متاحة مؤقتًا' "the Arabic 503 page"
header_has 'Retry-After' "with Retry-After"
BASE=$A fetch /admin/articles -b "$J"
check "the newsroom answers 503 too ($STATUS)" test "$STATUS" = 503
# Every worker thread answers 503, those whose connection was never opened
# too (no 500), and the page is styled: the theme's files need no database.
codes=""
for k in 1 2 3 4 5 6 7 8; do
    codes="$codes$(curl -s -o /dev/null -w '%{http_code}' "$A/search?q=%D8%B3%D9%88%D9%82$k") "
done
check "eight searches during the outage all 503 ($codes)" \
    test "$codes" = "503 503 503 503 503 503 503 503 "
BASE=$A fetch /static/style.css
expect_status 200 "the stylesheet is served during the outage"
check "node A is still running" kill -0 "$SERVER_PID"
pgctl -D "$PGDIR/data" -l "$PGDIR/server.log" -w -o "-c listen_addresses=127.0.0.1 \
-p $(cat "$PGDIR/port") -c unix_socket_directories=$PGDIR -c fsync=off" start >/dev/null 2>&1
i=0
while [ "$(curl -s -o /dev/null -w '%{http_code}' "$A/search?q=%D9%86%D9%81%D8%B7")" != 200 ] && [ $i -lt 50 ]; do
    sleep 0.1; i=$((i + 1))
done
check "served again after the database is back, without a restart" test $i -lt 50
# Every connection of the node (one a worker thread) is back at once: none
# answers 503 for its first request after the restart.
bad=0
for p in /search?q=%D8%B3%D9%88%D9%82 / /section/world /feed /sitemap.xml "/article/$aid" \
    /search?q=%D9%85%D8%AF%D8%B1%D8%B3%D8%A9 /tag/x /author/x /; do
    for k in 1 2; do
        st=$(curl -s -o /dev/null -w '%{http_code}' -L "$A$p")
        [ "$st" = 503 ] && bad=$((bad + 1))
    done
done
check "no 503 after the database is back ($bad)" test "$bad" -eq 0
BASE=$A get "$J" /admin/articles
expect_status 200 "the newsroom session survived the restart"
cleanup
trap - EXIT
finish
