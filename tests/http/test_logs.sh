# The logs: on standard error by default (for journald), in files with
# --access-log and --error-log, which SIGHUP opens again after logrotate
# moved them (the server keeps running, no line is lost).
. tests/http/lib.sh
start_server --demo --error-log "$TMP/error.log"
fetch /
expect_status 200 "the home page"
# (a line is written just after its response is sent: wait for it)
check "the access log has the request" wait_for "$TMP/access.log" '"GET / HTTP/1.1" 200' 30
check "the error log has the server's lines" grep -q 'serving on' "$TMP/error.log"
check "nothing else is written (standard output and error): $(cat "$TMP/server.out")" \
    test ! -s "$TMP/server.out"

# logrotate: move the files, then SIGHUP.
mv "$TMP/access.log" "$TMP/access.log.1"
mv "$TMP/error.log" "$TMP/error.log.1"
kill -HUP "$SERVER_PID"
check "the server says it opened the logs again" wait_for "$TMP/error.log" 'open again' 50
fetch /latest
expect_status 200 "the server still serves after SIGHUP"
adduser editor ed
login "$TMP/jar" ed 'not the password'
expect_status 200 "a failed login (the form again)"
check "the new access log has the requests after SIGHUP" \
    wait_for "$TMP/access.log" '"POST /admin/login ' 30
check "with the one before" grep -q '"GET /latest ' "$TMP/access.log"
check "the moved one does not" sh -c "! grep -q '/latest' '$TMP/access.log.1'"
check "the moved one kept the requests before" grep -q '"GET / HTTP/1.1" 200' "$TMP/access.log.1"
check "the new error log has a request's line" grep -q 'login: ed failed' "$TMP/error.log"
check "the moved one does not" sh -c "! grep -q 'login: ' '$TMP/error.log.1'"
check "SIGHUP stopped nothing" kill -0 "$SERVER_PID"
stop_server
check "the server stopped cleanly after SIGHUP (status $SERVER_STATUS)" test "$SERVER_STATUS" -eq 0

# By default both logs go to standard error; standard output stays empty.
P2=$(free_port)
"$AKHBAR" serve --db "$DB" $(media_opt) --listen "127.0.0.1:$P2" >"$TMP/out2" 2>"$TMP/err2" &
pid2=$!
i=0
while ! curl -s -o /dev/null "http://127.0.0.1:$P2/latest" && [ $i -lt 100 ]; do
    sleep 0.1; i=$((i + 1))
done
wait_for "$TMP/err2" '"GET /latest ' 30
kill -TERM "$pid2"
wait "$pid2"
check "the access log is on standard error by default" grep -q '"GET /latest HTTP/1.1" 200' "$TMP/err2"
check "and the diagnostics too" grep -q 'serving on' "$TMP/err2"
check "standard output is empty" test ! -s "$TMP/out2"

# --error-log takes a file or '-'; a log file that cannot be opened stops
# the server before it serves.
"$AKHBAR" serve --db "$DB" $(media_opt) --listen "127.0.0.1:$P2" --error-log off >"$TMP/out3" 2>&1
check "--error-log off is a usage error (exit $?)" test $? -eq 2
"$AKHBAR" serve --db "$DB" $(media_opt) --listen "127.0.0.1:$P2" --access-log "$TMP/none/access.log" \
    >"$TMP/out3" 2>&1
check "an access log in a missing folder stops the server (exit $?)" test $? -eq 1
check "and says which file" grep -q "$TMP/none/access.log" "$TMP/out3"
finish
