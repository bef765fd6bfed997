# The scheduler: an article scheduled a few seconds ahead appears on the home
# page on time and not before; one that fell due while the server was
# stopped appears as soon as it starts again; articles that never had a
# related list get one in the background.
. tests/http/lib.sh
"$AKHBAR" init --db "$DB" >/dev/null
"$AKHBAR" section add --db "$DB" world 'أخبار عالمية' >/dev/null
schedule() {    # schedule TITLE SECONDS_AHEAD; sets DUE to its time (unix seconds)
    DUE=$(( $(date +%s) + $2 ))
    when=$(date -u -d "@$DUE" +%Y-%m-%dT%H:%M:%SZ)
    printf '{"title":"%s","body":"نص الخبر المجدول.","section":"world","status":"scheduled","published_at":"%s"}\n' \
        "$1" "$when" | "$AKHBAR" import --db "$DB" $(media_opt) --format ndjson - 2>/dev/null
}
start_server
schedule "خبر مجدول بعد ثوان" 3
due=$DUE
fetch /
body_lacks 'خبر مجدول بعد ثوان' "not on the home page before its time"
fetch /article/1
expect_status 404 "a scheduled article has no page before its time"
# Poll until it appears; it must not be later than a second after its time.
seen=""
i=0
while [ $i -lt 60 ]; do
    fetch /
    if grep -qF 'خبر مجدول بعد ثوان' "$TMP/body"; then seen=$(date +%s.%N); break; fi
    sleep 0.1
    i=$((i + 1))
done
if [ -n "$seen" ]; then ok; else fail "the scheduled article never appeared"; fi
late=$(python3 -c "print(int((${seen:-0} - $due) * 1000))")
echo "scheduler: seen on the home page ${late} ms after its time"
check "published within a second of its time (${late} ms late)" test "$late" -le 1200
check "and not before its time (${late} ms)" test "$late" -ge -100
fetch /article/1
expect_status 301 "its page exists once published"
grep -q 'scheduler: published 1 scheduled article' "$TMP/server.out"
check "the scheduler logs what it published" test $? -eq 0
check "and its publishing is in the audit log" \
    test "$(sql "SELECT count(*) FROM audit WHERE action='article.publish' AND login='scheduler' AND target='1'")" -eq 1
stop_server

# Due while the server is down: published at start.
schedule "خبر حان موعده والخادم متوقف" 1
sleep 2
start_server
fetch /
body_has 'خبر حان موعده والخادم متوقف' "published at start"
stop_server

# Related lists in the background: the demo's articles, six of them as an
# archive import leaves them (no list computed).
DB=$(new_db related)
start_server --demo
stop_server
check "the demo has its related lists" \
    test "$(sql "SELECT count(*) FROM article WHERE status=3
                           AND id NOT IN (SELECT article_id FROM related_done)")" -eq 0
sql "DELETE FROM article_related WHERE article_id IN (1, 2, 3, 4, 5, 6);
               DELETE FROM related_done WHERE article_id IN (1, 2, 3, 4, 5, 6);"
start_server
i=0
while [ $i -lt 50 ]; do
    n=$(sql "SELECT count(*) FROM related_done WHERE article_id <= 6")
    [ "$n" -eq 6 ] && break
    sleep 0.1
    i=$((i + 1))
done
check "the six get their lists within 5 s" test "$n" -eq 6
check "stored, not the fallback" \
    test "$(sql "SELECT count(DISTINCT article_id) FROM article_related WHERE article_id <= 6")" -ge 5
i=0      # it says so on the tick that finds none left
until grep -q 'scheduler: related articles computed for 6 older articles' "$TMP/server.out"; do
    [ $i -lt 30 ] || break
    sleep 0.1
    i=$((i + 1))
done
check "the scheduler says what it did" \
    grep -q 'scheduler: related articles computed for 6 older articles' "$TMP/server.out"
finish
