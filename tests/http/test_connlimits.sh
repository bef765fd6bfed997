# Connection limits count clients, not the proxy in front of them: behind a
# trusted proxy (--trusted-proxy) the proxy may hold far more than the 128
# connections of one address (896), each client behind it has at most 128
# requests in flight (then 429, Retry-After), and a direct client keeps its
# limit of 128 connections.
. tests/http/lib.sh
ulimit -n 4096 2>/dev/null || ulimit -n "$(ulimit -Hn)"
start_server --demo --trusted-proxy 127.0.0.1
CONNS="python3 tests/http/conns.py hold $PORT"

# 900 concurrent connections from the proxy, for 900 clients: the proxy's
# bound is 896, the other 4 are refused.
$CONNS 127.0.0.1 900 3 \
    'GET /static/style.css HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 10.0.{a}.{b}\r\n\r\n' \
    >"$TMP/proxy" 2>/dev/null
n=$(grep -c '^200$' "$TMP/proxy")
check "896 concurrent connections through the proxy are answered ($n)" test "$n" -eq 896
n=$(grep -c '^closed$' "$TMP/proxy")
check "the proxy's connections past its bound are refused ($n)" test "$n" -eq 4

# One client behind the proxy with 130 requests in flight (their bodies
# never come): the last two are answered 429 at once.
$CONNS 127.0.0.1 130 6 \
    'POST /admin/login HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 10.9.9.9\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n' \
    >"$TMP/greedy" 2>"$TMP/greedy.err" &
helper=$!
check "the helper sent its heads" wait_for "$TMP/greedy.err" sent
# its 128 requests in flight reach the server: its next one is refused
i=0
while fetch / -H 'X-Forwarded-For: 10.9.9.9' && [ "$STATUS" = 200 ] && [ $i -lt 30 ]; do
    sleep 0.1; i=$((i + 1))
done
expect_status 429 "the greedy client's next request"
header_has "Retry-After: 5" "a 429 for too many requests in flight says when to retry"
fetch / -H 'X-Forwarded-For: 10.1.1.1'
expect_status 200 "another client behind the proxy meanwhile"
wait "$helper"
check "the greedy client's requests past 128 are answered 429" \
    test "$(tail -n 2 "$TMP/greedy" | grep -c '^429$')" -eq 2
check "its first 128 wait for their bodies" \
    test "$(head -n 128 "$TMP/greedy" | grep -c '^none$')" -eq 128
fetch / -H 'X-Forwarded-For: 10.9.9.9'
expect_status 200 "the client's abandoned requests no longer count"

# A direct client (not a proxy) keeps its limit of 128 connections.
$CONNS 127.0.0.3 129 3 'GET /static/style.css HTTP/1.1\r\nHost: x\r\n\r\n' >"$TMP/direct" \
    2>/dev/null
check "128 connections from one address are answered" \
    test "$(grep -c '^200$' "$TMP/direct")" -eq 128
check "its 129th is refused" test "$(grep -c '^closed$' "$TMP/direct")" -eq 1
check "the server says it refused connections" grep -q 'over the limit' "$TMP/server.out"
finish
