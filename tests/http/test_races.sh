# Races on the two throttles: guesses and comments sent all at once must get
# exactly the allowance, not what slips between a check and its write.
# Login: 16 wrong passwords at once for one account (each from a client of
# its own, through the trusted proxy) check exactly LOGIN_FREE_ACCOUNT (5)
# passwords: five answers say "wrong", eleven are 429 without a check, the
# audit log has five failures, and the right password is refused after.
# Comments: 40 posts at once from one client store exactly RATE_MAX (5).
# The server runs 8 worker threads so that requests truly overlap.
. tests/http/lib.sh
start_server --demo --threads 8 --trusted-proxy 127.0.0.1
adduser editor target

# ---- 16 guesses at once ----
curl -s -c "$TMP/jar" -o "$TMP/form" "$BASE/admin/login"
tok=$(grep -o 'name="token" value="[^"]*"' "$TMP/form" | sed 's/.*value="//; s/"$//')
pids=""
i=1
while [ $i -le 16 ]; do
    curl -s -b "$TMP/jar" -H "Origin: $BASE" -H "X-Forwarded-For: 192.0.2.$i" \
        -o "$TMP/login.$i" -w '%{http_code}\n' --data-urlencode 'login=target' \
        --data-urlencode "password=wrong guess $i" --data-urlencode "token=$tok" \
        "$BASE/admin/login" >"$TMP/status.$i" &
    pids="$pids $!"
    i=$((i + 1))
done
wait $pids      # not the server
wrong=$(cat "$TMP"/status.* | grep -c '^200$')
refused=$(cat "$TMP"/status.* | grep -c '^429$')
check "16 guesses at once: 5 answered 'wrong' (got $wrong)" test "$wrong" -eq 5
check "and 11 refused with 429 (got $refused)" test "$refused" -eq 11
checked=$(sql "SELECT count(*) FROM audit WHERE action='login.fail' AND target='target'")
check "exactly 5 passwords checked, by the audit log (got $checked)" test "$checked" -eq 5
rows=$(sql "SELECT count(*) FROM login_failure WHERE key='u:target'")
check "5 failures recorded for the account (got $rows)" test "$rows" -eq 5
login "$TMP/jar.ok" target "$PW" -H "X-Forwarded-For: 192.0.2.200"
expect_status 429 "the right password is refused after the guesses"
# The same at once from one client for its own accounts: a login that
# succeeds gives back its reservation under the client's key.
adduser editor fine
login "$TMP/jar.fine" fine "$PW" -H "X-Forwarded-For: 198.51.100.9"
expect_status 303 "a good login is not throttled"
check "a good login leaves no failure behind" \
    test "$(sql "SELECT count(*) FROM login_failure WHERE key LIKE 'u:fine'")" -eq 0
check "nor under its client" test "$(sql "SELECT count(*) FROM login_failure")" -eq 10

# ---- 40 comments at once ----
token=$(curl -s "$BASE/article/2/comment/token")
before=$(sql 'SELECT count(*) FROM comment')
pids=""
i=1
while [ $i -le 40 ]; do
    curl -s -o /dev/null -w '%{http_code}\n' -H "Origin: $BASE" \
        --data-urlencode 'author=قارئ' --data-urlencode "body=تعليق متزامن رقم $i" \
        --data-urlencode "token=$token" "$BASE/article/2/comment" >"$TMP/c.$i" &
    pids="$pids $!"
    i=$((i + 1))
done
wait $pids
accepted=$(cat "$TMP"/c.* | grep -c '^303$')
limited=$(cat "$TMP"/c.* | grep -c '^429$')
check "40 comments at once: 5 accepted (got $accepted)" test "$accepted" -eq 5
check "and 35 refused with 429 (got $limited)" test "$limited" -eq 35
stored=$(($(sql 'SELECT count(*) FROM comment') - before))
check "exactly 5 stored (got $stored)" test "$stored" -eq 5
finish
