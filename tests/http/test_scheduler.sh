# The scheduler: an article scheduled a few seconds ahead appears on the home
# page on time and not before; one that fell due while the server was
# stopped appears as soon as it starts again.
. tests/http/lib.sh
"$AKHBAR" init --db "$DB" >/dev/null
"$AKHBAR" section add --db "$DB" world 'أخبار عالمية' >/dev/null
schedule() {    # schedule TITLE SECONDS_AHEAD; sets DUE to its time (unix seconds)
    DUE=$(( $(date +%s) + $2 ))
    when=$(date -u -d "@$DUE" +%Y-%m-%dT%H:%M:%SZ)
    printf '{"title":"%s","body":"نص الخبر المجدول.","section":"world","status":"scheduled","published_at":"%s"}\n' \
        "$1" "$when" | "$AKHBAR" import --db "$DB" --format ndjson - 2>/dev/null
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
    test "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action='article.publish' AND login='scheduler' AND target='1'")" -eq 1
stop_server

# Due while the server is down: published at start.
schedule "خبر حان موعده والخادم متوقف" 1
sleep 2
start_server
fetch /
body_has 'خبر حان موعده والخادم متوقف' "published at start"
finish
