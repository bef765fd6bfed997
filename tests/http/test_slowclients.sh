# Slow clients cannot take the site down: 1,024 connections (the whole
# pool, from 8 addresses) each trickle one byte of a request head every 5 s.
# A reader's request still answers within a second while they run (a new
# connection on a full pool takes the slot of the oldest unfinished head),
# and the head deadline (10 s for a head this slow) cuts them all.
. tests/http/lib.sh
ulimit -n 4096 2>/dev/null || ulimit -n "$(ulimit -Hn)"
start_server --demo
fetch /
expect_status 200 "the home page before the slow clients"

python3 tests/http/conns.py trickle "$PORT" 1024 14 >"$TMP/slow" 2>"$TMP/slow.err" &
helper=$!
wait_for "$TMP/slow" '^ready' 200
check "the helper opened 1,024 connections ($(cat "$TMP/slow.err"))" grep -q '^ready' "$TMP/slow"

# Readers, while the slow connections hold the pool (before their deadline).
for k in 1 2 3 4 5; do
    sleep 1.2
    t=$(curl -s -o "$TMP/body" -w '%{http_code} %{time_total}' --max-time 3 "$BASE/")
    if [ "${t%% *}" = 200 ] && awk -v t="${t#* }" 'BEGIN { exit !(t < 1.0) }'; then
        ok
    else
        fail "reader $k during the slow clients: '$t' (want 200 within 1 s)"
    fi
done
wait "$helper"

# Every slow connection was closed by the server: the few the readers took
# the place of at once, all others by the deadline (10 s after they opened,
# checked every half second).
total=$(grep -c . "$TMP/slow")
still=$(grep -c '^open' "$TMP/slow")
early=$(awk '$1 == "closed" && $2 < 9.5' "$TMP/slow" | wc -l)
ontime=$(awk '$1 == "closed" && $2 >= 9.5 && $2 <= 12' "$TMP/slow" | wc -l)
check "no slow connection is still open ($still of $((total - 1)))" test "$still" -eq 0
check "at most a few were closed before the deadline, for readers ($early)" test "$early" -le 10
check "the others were cut by the deadline, 10 to 12 s after opening ($ontime)" \
    test "$ontime" -ge 1014
check "the server says it cut slow connections" grep -q 'slow' "$TMP/server.out"
fetch /
expect_status 200 "the home page after the slow clients"

# A pool full of requests in progress (1,024 posts whose bodies are slow to
# come): a new connection cannot take a slot from them, and is answered 503
# at once, with Retry-After, instead of waiting in the kernel's queue.
python3 tests/http/conns.py hold "$PORT" 127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5,127.0.0.6,127.0.0.7,127.0.0.8,127.0.0.9 \
    1024 6 'POST /admin/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n' \
    >"$TMP/posts" 2>"$TMP/posts.err" &
helper=$!
check "the helper sent its 1,024 heads" wait_for "$TMP/posts.err" sent 200
# once the server has read them all, a request that needs the database is
# answered 503 (a search: pages kept in the page cache are still served)
i=0
while t=$(curl -s -o "$TMP/body" -D "$TMP/headers" -w '%{http_code} %{time_total}' \
              --max-time 3 "$BASE/search?q=x") && [ "${t%% *}" = 200 ] && [ $i -lt 30 ]; do
    sleep 0.1; i=$((i + 1))
done
check "a request on a pool full of requests in progress: 503 within a second ('$t')" \
    awk -v s="${t%% *}" -v t="${t#* }" 'BEGIN { exit !(s == 503 && t < 1.0) }'
header_has "Retry-After: 5" "the 503 says when to retry"
header_has "Connection: close" "and closes the connection"
body_has "الموقع مشغول" "the 503 page says the site is busy, in Arabic"
t=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 3 "$BASE/")
check "meanwhile the home page, kept in the page cache, is served ('$t')" \
    awk -v s="${t%% *}" -v t="${t#* }" 'BEGIN { exit !(s == 200 && t < 1.0) }'
wait "$helper"
check "the 1,024 posts were waiting for their bodies, not refused" \
    test "$(grep -c '^none$' "$TMP/posts")" -eq 1024
finish
