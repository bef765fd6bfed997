# The operator's endpoints on a real server. /healthz: 200 "ok", and 503
# with the reason while another process holds the database's write lock.
# /metrics: Prometheus's text, read by prometheus_client's own parser
# (Debian's python3-prometheus-client); its counts move with the requests
# made; only for the --metrics-allow networks, judged by the client's
# address as resolved through a trusted proxy.
. tests/http/lib.sh
PY=/usr/bin/python3

# A bad network is a usage error, before anything opens.
"$AKHBAR" serve --db "$DB" $(media_opt) --metrics-allow nowhere >"$TMP/out" 2>&1
check "--metrics-allow nowhere: usage error" test $? -eq 2
check "the message names the option" grep -q -- "--metrics-allow: 'nowhere' is not" "$TMP/out"
"$AKHBAR" serve --db "$DB" $(media_opt) --metrics-allow 10.0.0.0/33 >/dev/null 2>&1
check "--metrics-allow 10.0.0.0/33: usage error" test $? -eq 2
if on_pg; then
    check "nothing was made" test "$(sql "SELECT count(*) FROM pg_tables WHERE schemaname='public'")" = 0
else
    check "nothing was made" test ! -e "$DB"
fi

start_server --demo --trusted-proxy 127.0.0.1 --metrics-allow 127.0.0.0/8 \
    --metrics-allow 2001:db8::/32

fetch /healthz
expect_status 200 "healthz"
check "healthz says ok" test "$(cat "$TMP/body")" = ok
header_has "Cache-Control: no-store" "healthz is not cached"
header_has "Content-Type: text/plain" "healthz is plain text"
fetch /healthz -I
expect_status 200 "healthz answers HEAD"
check "the probe leaves one row" test "$(sql "SELECT count(*) FROM setting WHERE key='healthz'")" = 1

# scrape N: /metrics into $TMP/mN, parsed by prometheus_client into
# $TMP/mN.samples ("name{label="v",...} value" a line, labels sorted); the
# parser, the families' types and the histograms' shape must all hold.
scrape() {
    curl -s -D "$TMP/mh$1" -o "$TMP/m$1" "$BASE/metrics"
    $PY - "$TMP/m$1" >"$TMP/m$1.samples" 2>"$TMP/m$1.err" <<'PY'
import sys
from prometheus_client.parser import text_string_to_metric_families
text = open(sys.argv[1], encoding='utf-8').read()
types = {}
for fam in text_string_to_metric_families(text):
    types[fam.name] = fam.type
    buckets = {}
    for s in fam.samples:
        labels = ','.join('%s="%s"' % kv for kv in sorted(s.labels.items()))
        print('%s{%s} %r' % (s.name, labels, s.value))
        if fam.type == 'histogram' and s.name.endswith('_bucket'):
            key = tuple(sorted((k, v) for k, v in s.labels.items() if k != 'le'))
            buckets.setdefault(key, []).append((float(s.labels['le']), s.value))
    for key, bs in buckets.items():
        values = [v for _, v in sorted(bs)]
        assert values == sorted(values), ('buckets shrink', key)
        count = [s.value for s in fam.samples
                 if s.name.endswith('_count') and tuple(sorted(s.labels.items())) == key]
        assert bs[-1][0] == float('inf') and count == [bs[-1][1]], ('+Inf is not the count', key)
want = {'akhbar_http_requests': 'counter', 'akhbar_http_request_duration_seconds': 'histogram',
        'akhbar_db_seconds': 'counter', 'akhbar_comments_pending': 'gauge',
        'akhbar_scheduler_lag_seconds': 'gauge', 'akhbar_read_only': 'gauge',
        'akhbar_scheduler_heartbeat_timestamp_seconds': 'gauge'}
for name, t in want.items():
    assert types.get(name) == t, (name, types.get(name))
PY
}
# value N 'SERIES': a sample of scrape N (0 when absent).
value() { v=$(grep -F "$2 " "$TMP/m$1.samples" | head -n 1 | sed 's/.* //'); echo "${v:-0}"; }
# delta 'SERIES': scrape 2's value less scrape 1's, as an integer.
delta() { $PY -c "print(int(round($(value 2 "$1") - $(value 1 "$1"))))"; }

scrape 1
check "the metrics parse" test ! -s "$TMP/m1.err"
cat "$TMP/m1.err"
check "metrics are Prometheus text 0.0.4" grep -qi '^Content-Type: text/plain; version=0.0.4' "$TMP/mh1"
check "metrics are not cached" grep -qi '^Cache-Control: no-store' "$TMP/mh1"

AID=$(sql "SELECT min(id) FROM article WHERE status=3")
fetch "/article/$AID"
ART=$(location)
for i in 1 2 3; do fetch "$ART"; done
fetch /no-such-page
fetch /static/style.css
fetch /feed
fetch "/search?q=%D8%A7%D9%84%D9%86%D9%81%D8%B7"
fetch "/article/$AID/comment/token"
TOKEN=$(cat "$TMP/body")
fetch "/article/$AID/comment" -H "Origin: $BASE" --data-urlencode "author=قارئ" \
    --data-urlencode "body=تعليق ينتظر المراجعة" --data-urlencode "token=$TOKEN"
expect_status 303 "a comment is posted"

scrape 2
check "the second scrape parses" test ! -s "$TMP/m2.err"
cat "$TMP/m2.err"
A='akhbar_http_requests_total{class="article",code="200"}'
check "three article pages counted ($(delta "$A"))" test "$(delta "$A")" = 3
check "the redirect counted" test "$(delta 'akhbar_http_requests_total{class="article",code="301"}')" = 1
check "the 404 counted as other" test "$(delta 'akhbar_http_requests_total{class="other",code="404"}')" = 1
check "static counted" test "$(delta 'akhbar_http_requests_total{class="static",code="200"}')" = 1
check "the feed counted" test "$(delta 'akhbar_http_requests_total{class="feed",code="200"}')" = 1
check "the search counted" test "$(delta 'akhbar_http_requests_total{class="search",code="200"}')" = 1
check "the token and the comment counted" \
    test "$(delta 'akhbar_http_requests_total{class="comment",code="200"}')$(delta 'akhbar_http_requests_total{class="comment",code="303"}')" = 11
check "the first scrape counted" test "$(delta 'akhbar_http_requests_total{class="ops",code="200"}')" = 1
check "the article histogram counted four" \
    test "$(delta 'akhbar_http_request_duration_seconds_count{class="article"}')" = 4
check "article pages took database time" $PY -c "
assert $(value 2 'akhbar_db_seconds_total{class="article"}') > $(value 1 'akhbar_db_seconds_total{class="article"}')"
check "no raw path became a label" sh -c "! grep -q 'no-such-page' '$TMP/m2'"
PENDING=$(sql "SELECT count(*) FROM comment WHERE status=0")
check "pending comments ($PENDING) are the queue's length" \
    test "$(value 2 akhbar_comments_pending{})" = "$PENDING.0"
check "a comment is pending" test "$PENDING" -ge 1
check "nothing scheduled is late" test "$(value 2 akhbar_scheduler_lag_seconds{})" = 0.0
check "the scheduler's heartbeat is recent" $PY -c "
import time; assert abs(time.time() - $(value 2 akhbar_scheduler_heartbeat_timestamp_seconds{})) < 60"
check "not read-only" test "$(value 2 akhbar_read_only{})" = 0.0

# Who may read them: the client as resolved through the trusted proxy.
fetch /metrics -H "X-Forwarded-For: 203.0.113.9"
expect_status 404 "metrics for a client outside the allowed networks"
fetch /metrics -H "X-Forwarded-For: 2001:db8::7"
expect_status 200 "metrics for a client in an allowed IPv6 network"

# Another process holds the write lock: the probe cannot write (503, and
# why); once it lets go, ok again. The probe runs at most once a second.
# On PostgreSQL, a session that locks the settings against writes.
if on_pg; then
    printf '%s\n' 'BEGIN;' 'LOCK TABLE setting IN EXCLUSIVE MODE;' "\\! touch $TMP/locked" \
        'SELECT pg_sleep(60);' | PGAPPNAME=akhbar_test_locker sql >/dev/null 2>&1 &
else
    $PY - "$DB" "$TMP/locked" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute('BEGIN IMMEDIATE')
open(sys.argv[2], 'w').close()
time.sleep(60)
PY
fi
LOCKER=$!
i=0
while [ ! -e "$TMP/locked" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
sleep 1.1
fetch /healthz -m 20
expect_status 503 "healthz while the database is locked"
if on_pg; then
    check "the reason is given" grep -q '^database: not writable: .*lock' "$TMP/body"
else
    check "the reason is given" grep -q '^database: not writable: database is locked$' "$TMP/body"
fi
header_has "Cache-Control: no-store" "a 503 health is not cached"
on_pg && sql "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
              WHERE application_name='akhbar_test_locker'" >/dev/null
kill "$LOCKER" 2>/dev/null      # on PostgreSQL, gone with its session
wait "$LOCKER" 2>/dev/null
sleep 1.1
fetch /healthz
expect_status 200 "healthz once the lock is gone"
stop_server

# Without --metrics-allow nobody reads them, not even this machine.
start_server
fetch /metrics
expect_status 404 "metrics without --metrics-allow"
fetch /healthz
expect_status 200 "healthz on a new database"
finish
