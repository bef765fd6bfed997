# HTTP details: 304 without a false Content-Length, 405 with Allow,
# If-None-Match as a list with weak comparison, an article page whose ETag
# holds across hours (AKHBAR_NOW fakes the clock), an access log in the
# Combined Log Format that no request can forge, and declared form fields
# refused before the handler runs.
. tests/http/lib.sh
T0=1800000000                   # a fixed time: the page and its tokens depend on no clock
export AKHBAR_NOW=$T0
start_server --demo
# the page's absolute URLs come from the url setting, not from the port,
# which changes when the server is restarted below
"$AKHBAR" config set --db "$DB" url https://akhbar.example
PW='correct horse battery'
location() { sed -n 's/^[Ll]ocation: *//p' "$TMP/headers" | tr -d '\r'; }
hdr() { sed -n "s/^$1: *//Ip" "$TMP/headers" | tr -d '\r'; }

fetch /article/1
art=$(location)
fetch "$art"
expect_status 200 "the article page"
etag=$(hdr etag)
full=$(hdr content-length)
check "the page has an ETag" test -n "$etag"
cp "$TMP/body" "$TMP/page1"

# ---- 304: the full length or none, never 0 ----
rm -f "$TMP/body"
fetch "$art" -H "If-None-Match: $etag"
expect_status 304 "If-None-Match with the page's ETag"
cl=$(hdr content-length)
check "a 304 carries no Content-Length: 0 (got '$cl')" test "$cl" != 0
check "a 304's Content-Length, if any, is the full length ($cl, $full)" \
    sh -c "[ -z '$cl' ] || [ '$cl' = '$full' ]"
check "a 304 carries the ETag" test "$(hdr etag)" = "$etag"
check "a 304 has no body" test ! -s "$TMP/body"
# Two 304s on one kept-alive connection: the framing holds.
n=$(curl -s -o /dev/null -w '%{http_code}\n' -H "If-None-Match: $etag" "$BASE$art" "$BASE$art" |
    grep -c '^304$')
check "two 304s on one connection" test "$n" -eq 2

# ---- If-None-Match: a list, weak comparison, "*" ----
fetch "$art" -H "If-None-Match: \"aaaa\", $etag , \"bbbb\""
expect_status 304 "the ETag inside a list"
fetch "$art" -H "If-None-Match: W/$etag"
expect_status 304 "a weak validator matches (weak comparison)"
fetch "$art" -H 'If-None-Match: *'
expect_status 304 "* matches any current page"
fetch "$art" -H 'If-None-Match: "aaaa", W/"bbbb"'
expect_status 200 "other tags do not match"
fetch "$art" -H "If-None-Match: \"x\"$etag"
expect_status 200 "a malformed list matches nothing (no substring search)"
fetch "$art" -H "If-None-Match: \"x, $etag\""
expect_status 200 "the ETag inside another tag is not a match"

# ---- 405 with Allow ----
fetch / -X POST -d x=1
expect_status 405 "POST to a GET page"
check "Allow lists GET and HEAD" test "$(hdr allow)" = "GET, HEAD"
fetch /admin/logout
expect_status 405 "GET to a POST-only path"
check "Allow lists POST" test "$(hdr allow)" = "POST"
fetch /latest -X DELETE
expect_status 405 "a method akhbar does not serve"
check "Allow for an unknown method too" test "$(hdr allow)" = "GET, HEAD"
fetch /no/such/page -X POST -d x=1
expect_status 404 "no route: 404, not 405"
check "a 404 has no Allow" test -z "$(hdr allow)"
fetch /no/such/page -X DELETE
expect_status 404 "an unknown method on no route: 404, not a 405 without Allow"

# ---- the article page is the same an hour later ----
tok1=$(curl -s "$BASE/article/1/comment/token")
stop_server
AKHBAR_NOW=$((T0 + 3600))
start_server
fetch "$art"
expect_status 200 "the article page an hour later"
check "the ETag holds across the hour ($etag, $(hdr etag))" test "$(hdr etag)" = "$etag"
check "the page is byte for byte the same" cmp -s "$TMP/body" "$TMP/page1"
fetch "$art" -H "If-None-Match: $etag"
expect_status 304 "and revalidates with the first ETag"
tok2=$(curl -s "$BASE/article/1/comment/token")
check "tokens follow the (fake) clock" test "$tok1" != "$tok2"
# A token fetched an hour ago still works.
fetch /article/1/comment -H "Origin: $BASE" --data-urlencode 'author=سلمى' \
    --data-urlencode 'body=تعليق بعد ساعة' --data-urlencode "token=$tok1"
expect_status 303 "an hour-old token is accepted"

# ---- declared form fields ----
fetch /article/1/comment -H "Origin: $BASE" --data-urlencode 'author=x' \
    --data-urlencode 'body=نص التعليق' --data-urlencode "token=$tok2" --data-urlencode 'parent=abc'
expect_status 400 "an id field that is not a number"
body_has 'طلب غير صالح' "the 400 page in Arabic"
fetch /article/1/comment -H "Origin: $BASE" --data-urlencode 'author=سطر
وسطر' --data-urlencode 'body=نص التعليق' --data-urlencode "token=$tok2"
expect_status 400 "a line field with a newline"
fetch /article/1/comment -H "Origin: $BASE" --data-urlencode 'body=نص التعليق' \
    --data-urlencode "token=$tok2"
expect_status 400 "a required field missing"
fetch /article/1/comment -H "Origin: $BASE" --data-urlencode 'author=قارئ' \
    --data-urlencode 'body=تعليق مع حقل زائد' --data-urlencode "token=$tok2" \
    --data-urlencode 'evil=1'
expect_status 303 "an undeclared field is dropped, not refused"

printf '%s\n' "$PW" | "$AKHBAR" user add --db "$DB" --role admin salma >/dev/null
J=$TMP/jar
curl -s -c "$J" -b "$J" -o "$TMP/form" "$BASE/admin/login"
tok=$(grep -o 'name="token" value="[^"]*"' "$TMP/form" | sed 's/.*value="//; s/"$//')
fetch /admin/login -c "$J" -b "$J" -H "Origin: $BASE" --data-urlencode login=salma \
    --data-urlencode "password=$PW" --data-urlencode "token=$tok"
expect_status 303 "login"
fetch /admin/sections -c "$J" -b "$J"
CSRF=$(grep -o 'name="csrf" value="[^"]*"' "$TMP/body" | head -n 1 | sed 's/.*value="//; s/"$//')
form() { p=$1; shift; fetch "$p" -c "$J" -b "$J" -H "Origin: $BASE" --data-urlencode "csrf=$CSRF" "$@"; }
sid=$(sql 'SELECT id FROM section ORDER BY position LIMIT 1')
articles=$(sql 'SELECT count(*) FROM article')
audits=$(sql 'SELECT count(*) FROM audit')
form /admin/sections/move -d "id=$sid" -d dir=sideways
expect_status 400 "an enum field outside its choices"
form /admin/sections/move -d "id=-$sid" -d dir=up
expect_status 400 "an id field that is negative"
form /admin/people/role -d 'login=Salma Admin' -d role=author
expect_status 400 "a login field with capitals and a space"
form /admin/people/role -d login=salma -d role=boss
expect_status 400 "a role that is not one"
form /admin/articles/save -d id=abc -d title=عنوان -d action=save
expect_status 400 "the editor with an id that is not a number"
form /admin/articles/save -d id=1 -d image=x1 -d title=عنوان -d action=save
expect_status 400 "the editor with an image id that is not a number"
form /admin/comments/bulk -d status=pending -d action=nuke -d c1=1
expect_status 400 "a bulk action that is not one"
check "refused forms created no article" test "$(sql 'SELECT count(*) FROM article')" -eq "$articles"
check "refused forms changed nothing (no audit entry)" \
    test "$(sql 'SELECT count(*) FROM audit')" -eq "$audits"
# The session token is checked first: a forged form learns nothing.
fetch /admin/sections/move -c "$J" -b "$J" -H "Origin: $BASE" -d "id=$sid" -d dir=sideways
expect_status 403 "without the session token: 403 before the fields"

# ---- the access log: Combined Log Format, nothing forged ----
curl -s -o /dev/null -e "$BASE/from?a=1" -A 'agent/1.0 (test)' "$BASE/search?q=%D8%A8&page=1"
python3 - "$PORT" <<'PY'
import socket, sys
def send(raw):
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
    s.sendall(raw)
    s.settimeout(5)
    try:
        while s.recv(65536):
            pass
    except OSError:
        pass
    s.close()
# A User-Agent that tries to end its field and start a fake request, with a
# control character; a Referer with a quote; HTTP/1.0 and POST as sent.
send(b'GET /latest?x="y" HTTP/1.0\r\nHost: x\r\nReferer: http://a/"b\r\n'
     b'User-Agent: evil" 200 5 "-" "x\x01\x7f\\z\r\nConnection: close\r\n\r\n')
send(b'POST /latest HTTP/1.0\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nx=1')
# A User-Agent with a RIGHT-TO-LEFT OVERRIDE and a C1 control (CSI).
send('GET /latest HTTP/1.0\r\nHost: x\r\nUser-Agent: rtl\u202e-gent \u009b31m\r\n'
     'Connection: close\r\n\r\n'.encode())
PY
sleep 0.3
L=$TMP/access.log
if grep -qE '^127\.0\.0\.1 - - \[[^]]+\] "GET /search\?q=%D8%A8&page=1 HTTP/1\.1" 200 [0-9]+ "http://127\.0\.0\.1:[0-9]+/from\?a=1" "agent/1\.0 \(test\)"$' "$L"
then ok; else fail "combined format: target with its query, Referer, User-Agent"; fi
if grep -qF '"GET /latest?x=\x22y\x22 HTTP/1.0" 200 ' "$L" &&
   grep -qF '"http://a/\x22b" "evil\x22 200 5 \x22-\x22 \x22x\x01\x7f\x5cz"' "$L"
then ok; else fail "quotes, control characters and backslashes escaped: $(grep 'latest?x' "$L")"; fi
if grep -qE '^127\.0\.0\.1 - - \[[^]]+\] "POST /latest HTTP/1\.0" 405 [0-9]+ "-" "-"$' "$L"
then ok; else fail "the real method and protocol: $(grep 'POST /latest' "$L")"; fi
if grep -qF '"rtl\xe2\x80\xae-gent \xc2\x9b31m"' "$L"
then ok; else fail "bidi and C1 controls escaped: $(grep 'gent' "$L")"; fi
if grep -q ' 304 - ' "$L"; then ok; else fail "a 304 logs no bytes"; fi
# Every line has exactly six quotes: no field could end early.
bad=$(awk -F'"' 'NF != 7' "$L" | head -n 3)
check "every log line has its six quotes ($bad)" test -z "$bad"
finish
