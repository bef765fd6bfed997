# People and access: the login page, sessions and their cookie, roles and
# the permission table, CSRF on every logged-in POST, login throttling, the
# audit log, and `akhbar user`. 127.0.0.2 is a trusted front proxy; requests
# from it (curl --interface) may say which client they forward and that it
# came over HTTPS, which also lets each throttling test have a client of its own.
. tests/http/lib.sh
start_server --demo --trusted-proxy 127.0.0.2
PROXY="--interface 127.0.0.2"
adduser admin salma 'سلمى'
check "user add exits 0" test $? -eq 0
adduser editor ed
adduser author amal
adduser moderator mona
adduser editor throttled
adduser editor cleared
# The command line names who ran it (USER) in its audit entries.
export USER=operator

audit_has() {   # audit_has ACTION TARGET DETAIL CLIENT DESCRIPTION
    n=$(sql "SELECT count(*) FROM audit WHERE action='$1' AND target='$2' AND detail='$3' AND client='$4'")
    if [ "$n" -ge 1 ]; then ok; else fail "$5: no audit entry $1 $2 '$3' from $4"; fi
}
cookie_value() {    # cookie_value NAME: from the last response's Set-Cookie
    sed -n "s/^[Ss]et-[Cc]ookie: *$1=\([^;]*\).*/\1/p" "$TMP/headers" | tr -d '\r' | tail -n 1
}

# post JAR PATH [curl options]
post() { jar=$1; p=$2; shift 2; fetch "$p" -c "$jar" -b "$jar" -X POST "$@"; }

# ---- anonymous ----
fetch /admin/
expect_status 303 "anonymous dashboard"
check "sent to the login page with next" test "$(location)" = "/admin/login?next=%2Fadmin%2F"
header_has 'cache-control: no-store' "the redirect is not cached"
fetch /admin/people
check "next names the page asked for" test "$(location)" = "/admin/login?next=%2Fadmin%2Fpeople"
fetch /admin/logout-all -X POST -H "Origin: $BASE" -d csrf=x
expect_status 303 "anonymous POST"
check "goes to the login page" test "$(location)" = "/admin/login"
fetch /admin
expect_status 301 "/admin"
check "redirects to /admin/" test "$(location)" = "/admin/"
fetch /
expect_status 200 "public home page"
check "the public site sets no cookie" sh -c "! grep -qi '^set-cookie' '$TMP/headers'"
header_has 'cache-control: public' "public pages stay cacheable"

# ---- the login page ----
fetch "/admin/login?next=/admin/people"
expect_status 200 "login page"
body_has 'اسم المستخدم' "login label"
body_has 'كلمة المرور' "password label"
body_has 'dir="rtl"' "right to left"
body_has 'name="next" value="/admin/people"' "next kept in the form"
header_has 'cache-control: no-store' "login page not cached"
header_has 'set-cookie: akhbar_login=' "pre-session cookie"
header_has 'path=/admin/login; httponly; samesite=lax' "pre-session cookie attributes"
valid_html "login page"

J=$TMP/jar.salma
login "$J" salma 'wrong password'
expect_status 200 "wrong password: the form again"
body_has 'اسم المستخدم أو كلمة المرور غير صحيحة' "Arabic error"
body_has 'value="salma"' "the login is kept"
check "no session for a wrong password" sh -c "! grep -qi 'akhbar_session' '$TMP/headers'"
audit_has login.fail salma password 127.0.0.1 "wrong password"
valid_html "login page with an error"

# An unknown login: the same answer, after the same hashing work.
curl -s -c "$TMP/jar.x" -b "$TMP/jar.x" -o "$TMP/form" "$BASE/admin/login"
tok=$(grep -o 'name="token" value="[^"]*"' "$TMP/form" | sed 's/.*value="//; s/"$//')
t=$(curl -s -c "$TMP/jar.x" -b "$TMP/jar.x" -H "Origin: $BASE" -o "$TMP/body" \
    -w '%{time_total}' --data-urlencode login=nobody --data-urlencode "password=$PW" \
    --data-urlencode "token=$tok" "$BASE/admin/login")
body_has 'اسم المستخدم أو كلمة المرور غير صحيحة' "unknown login: same error"
audit_has login.fail nobody unknown 127.0.0.1 "unknown login"
check "an unknown login costs a hash too ($t s)" python3 -c "import sys; sys.exit(0 if $t > 0.03 else 1)"

# The form's own protections: origin and a token bound to the pre-session cookie.
fetch /admin/login -b "$TMP/jar.x" --data-urlencode login=salma --data-urlencode "password=$PW" \
    --data-urlencode "token=$tok"
expect_status 403 "login without Origin"
fetch /admin/login -b "$TMP/jar.x" -H "Origin: http://evil.example" \
    --data-urlencode login=salma --data-urlencode "password=$PW" --data-urlencode "token=$tok"
expect_status 403 "login from another origin"
fetch /admin/login -b "$TMP/jar.x" -H "Origin: $BASE" --data-urlencode login=salma \
    --data-urlencode "password=$PW"
expect_status 403 "login without a token"
fetch /admin/login -H "Origin: $BASE" -H "Cookie: akhbar_login=0123456789abcdef0123456789abcdef" \
    --data-urlencode login=salma --data-urlencode "password=$PW" --data-urlencode "token=$tok"
expect_status 403 "a token bound to another browser's cookie"
check "no session made by refused logins" test "$(sql 'SELECT count(*) FROM session')" -eq 0

# Success.
NEXT=/admin/people
login "$J" Salma "$PW" -H 'X-Forwarded-Proto: https'
NEXT=
expect_status 303 "login"
check "goes to next" test "$(location)" = "/admin/people"
header_has 'set-cookie: akhbar_session=' "session cookie"
header_has 'path=/; httponly; samesite=lax' "cookie attributes"
check "no Secure over plain HTTP (the header is ignored from an untrusted client)" \
    sh -c "! grep -i '^set-cookie: akhbar_session' '$TMP/headers' | grep -qi secure"
c1=$(cookie_value akhbar_session)
check "the cookie is 64 hex digits" sh -c "echo '$c1' | grep -qE '^[0-9a-f]{64}$'"
if on_pg; then hex="upper(encode(id, 'hex'))"; else hex="hex(id)"; fi
check "the token is not what is stored" test "$(sql "SELECT count(*) FROM session WHERE $hex=upper('$c1')")" -eq 0
audit_has login salma "" 127.0.0.1 "login"
check "login clears the account's failures" test "$(sql "SELECT count(*) FROM login_failure WHERE key='u:salma'")" -eq 0

get "$J" /admin/
expect_status 200 "dashboard"
body_has 'سلمى' "the user's name"
body_has 'مدير' "the role in Arabic"
body_has 'تسجيل الخروج' "logout button"
body_has '<span class="n">30</span> <span class="label">منشورة</span>' "published count"
body_has 'تعليقات بانتظار الإشراف' "pending comments"
header_has 'cache-control: no-store' "dashboard not cached"
check "dashboard has no ETag" sh -c "! grep -qi '^etag' '$TMP/headers'"
valid_html "dashboard"
CSRF=$(csrf_of)
check "the page carries the session's CSRF token" sh -c "echo '$CSRF' | grep -qE '^[0-9a-f]{64}$'"
get "$J" /admin/people
expect_status 200 "people page"
for who in salma ed amal mona; do body_has ">$who<" "people lists $who"; done
body_has 'مشرف' "moderator role in Arabic"
valid_html "people page"
get "$J" /admin/articles
expect_status 200 "articles page"
valid_html "articles page"
get "$J" "/admin/articles?status=published&page=1"
expect_status 200 "articles filtered"
body_has 'العدد: 30' "30 published"
get "$J" "/admin/articles?status=bogus"
expect_status 400 "unknown status"
get "$J" /admin/audit
expect_status 200 "audit page"
body_has '<span class="action failed">محاولة دخول فاشلة</span>' "audit lists failures, in Arabic"
body_lacks 'login.fail' "and shows no raw action code"
valid_html "audit page"

# next must be a local newsroom path.
for bad in 'https://evil.example/admin/' '//evil.example/' '/admin/%0d%0aX-Evil:%201' 'javascript:alert(1)'; do
    curl -s -c "$TMP/jar.n" -b "$TMP/jar.n" -o "$TMP/form" "$BASE/admin/login"
    tok=$(grep -o 'name="token" value="[^"]*"' "$TMP/form" | sed 's/.*value="//; s/"$//')
    fetch /admin/login -c "$TMP/jar.n" -b "$TMP/jar.n" -H "Origin: $BASE" --data-urlencode login=salma \
        --data-urlencode "password=$PW" --data-urlencode "token=$tok" --data-urlencode "next=$bad"
    check "next '$bad' ignored" test "$(location)" = "/admin/"
done

# ---- the cookie behind a trusted proxy ----
login "$TMP/jar.p" ed "$PW" $PROXY -H 'X-Forwarded-Proto: https' -H 'X-Forwarded-For: 203.0.113.7'
expect_status 303 "login through the proxy"
header_has 'samesite=lax; secure' "Secure when the proxy says HTTPS"
audit_has login ed "" 203.0.113.7 "the client the proxy forwarded for"
login "$TMP/jar.p2" ed "$PW" $PROXY -H 'X-Forwarded-For: 198.51.100.1, 203.0.113.8'
check "without X-Forwarded-Proto, no Secure" sh -c "! grep -i '^set-cookie: akhbar_session' '$TMP/headers' | grep -qi secure"
audit_has login ed "" 203.0.113.8 "the proxy's own entry is the one that counts"
login "$TMP/jar.p3" ed "$PW" -H 'X-Forwarded-Proto: https' -H 'X-Forwarded-For: 203.0.113.9'
check "an untrusted client's X-Forwarded-Proto is ignored" sh -c "! grep -i '^set-cookie: akhbar_session' '$TMP/headers' | grep -qi secure"
check "and its X-Forwarded-For too" test "$(sql "SELECT count(*) FROM audit WHERE client='203.0.113.9'")" -eq 0

# ---- no session fixation ----
planted=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
J2=$TMP/jar.fix
login "$J2" salma "$PW" -H "Cookie: akhbar_session=$planted"
expect_status 303 "login with a planted cookie"
c2=$(cookie_value akhbar_session)
check "a new session id, not the planted one" sh -c "[ -n '$c2' ] && [ '$c2' != '$planted' ]"
fetch /admin/ -H "Cookie: akhbar_session=$planted"
expect_status 303 "the planted cookie does not log in"
login "$J2" salma "$PW"
c3=$(cookie_value akhbar_session)
check "every login makes a new session id" sh -c "[ -n '$c3' ] && [ '$c3' != '$c2' ]"
fetch /admin/ -H "Cookie: akhbar_session=$c2"
expect_status 303 "the previous session of this browser ended at login"
fetch /admin/ -H "Cookie: akhbar_session=$c3"
expect_status 200 "the new one works"

# ---- roles ----
JM=$TMP/jar.mona
login "$JM" mona "$PW"
expect_status 303 "moderator logs in"
get "$JM" /admin/
expect_status 200 "moderator dashboard"
body_has 'مشرف' "moderator role shown"
body_has 'تعليقات بانتظار الإشراف' "moderator sees the comment queue"
body_lacks 'منشورة' "but no article counts"
body_lacks 'href="/admin/people"' "nor a people link"
get "$JM" /admin/articles
expect_status 403 "moderator cannot open articles"
body_has 'ليست لديك صلاحية' "403 page says why, in Arabic"
valid_html "403 page"
get "$JM" /admin/people
expect_status 403 "moderator cannot open people"
JE=$TMP/jar.ed
login "$JE" ed "$PW"
get "$JE" /admin/articles
expect_status 200 "editor opens articles"
get "$JE" /admin/people
expect_status 403 "editor cannot open people"
get "$JE" /admin/audit
expect_status 403 "editor cannot open the audit log"
JA=$TMP/jar.amal
login "$JA" amal "$PW"
get "$JA" /admin/articles
expect_status 200 "author opens articles"
body_has 'مقالاتي' "an author sees their own articles"
body_has 'العدد: 0' "and none of the imported ones"
get "$JA" /admin/
body_has 'كاتب' "author role shown"
body_has 'مسوداتي' "author's own drafts"

# ---- CSRF on logged-in POSTs ----
get "$J" /admin/
CSRF=$(csrf_of)
n0=$(sql 'SELECT count(*) FROM session')
bad=$(echo "$CSRF" | sed 's/.$//')$(case $CSRF in *0) echo 1 ;; *) echo 0 ;; esac)
post "$J" /admin/logout-all -H "Origin: $BASE" -d "csrf=$bad"
expect_status 403 "logout-all with a wrong token"
post "$J" /admin/logout-all -H "Origin: $BASE" -d "x=1"
expect_status 403 "logout-all without a token"
post "$J" /admin/logout-all -d "csrf=$CSRF"
expect_status 403 "logout-all without Origin or Referer"
post "$J" /admin/logout-all -H "Origin: http://evil.example" -d "csrf=$CSRF"
expect_status 403 "logout-all from another origin"
get "$JE" /admin/
post "$J" /admin/logout-all -H "Origin: $BASE" -d "csrf=$(csrf_of)"
expect_status 403 "another session's token"
check "refused POSTs changed nothing" test "$(sql 'SELECT count(*) FROM session')" -eq "$n0"
get "$J" /admin/
expect_status 200 "the session still works"
check "no logout in the audit log" test "$(sql "SELECT count(*) FROM audit WHERE action LIKE 'logout%'")" -eq 0

# ---- logout everywhere, logout ----
ns=$(sql "SELECT count(*) FROM session s JOIN \"user\" u ON u.id=s.user_id WHERE u.login='salma'")
check "salma has several sessions" test "$ns" -ge 2
post "$J" /admin/logout-all -H "Origin: $BASE" -d "csrf=$CSRF"
expect_status 303 "logout everywhere"
check "to the login page" test "$(location)" = "/admin/login"
header_has 'set-cookie: akhbar_session=;' "cookie cleared"
header_has 'max-age=0' "cookie expired"
check "every session of salma ended" test "$(sql "SELECT count(*) FROM session s JOIN \"user\" u ON u.id=s.user_id WHERE u.login='salma'")" -eq 0
fetch /admin/ -H "Cookie: akhbar_session=$c3"
expect_status 303 "the other browser's session ended too"
audit_has logout.all salma "$ns sessions" 127.0.0.1 "logout everywhere"
get "$JE" /admin/
expect_status 200 "other users' sessions untouched"

ced=$(sed -n 's/.*akhbar_session[[:space:]]*//p' "$JE" | tail -n 1)
get "$JE" /admin/
post "$JE" /admin/logout -H "Origin: $BASE" -d "csrf=$(csrf_of)"
expect_status 303 "logout"
header_has 'set-cookie: akhbar_session=;' "logout clears the cookie"
fetch /admin/ -H "Cookie: akhbar_session=$ced"
expect_status 303 "the cookie no longer works after logout"
audit_has logout ed "" 127.0.0.1 "logout"

# ---- disabled users ----
JD=$TMP/jar.dis
login "$JD" amal "$PW"
get "$JD" /admin/
expect_status 200 "amal logged in"
"$AKHBAR" user disable --db "$DB" amal >/dev/null
check "user disable exits 0" test $? -eq 0
get "$JD" /admin/
expect_status 303 "disabling ends the sessions"
login "$JD" amal "$PW"
expect_status 200 "a disabled user cannot log in"
body_has 'معطّل' "and is told so"
check "no session" sh -c "! grep -qi 'akhbar_session=[0-9a-f]' '$TMP/headers'"
audit_has login.fail amal disabled 127.0.0.1 "disabled login"
audit_has user.disable amal "by operator" cli "disable from the CLI, naming who ran it"
"$AKHBAR" user enable --db "$DB" amal >/dev/null
login "$JD" amal "$PW"
expect_status 303 "enabled again"

# ---- throttling ----
# One account: LOGIN_FREE_ACCOUNT (5) failures, then 429 even for the right
# password, which is not checked. Each attempt from a client of its own.
i=1
while [ $i -le 5 ]; do
    login "$TMP/jar.t" throttled "wrong password $i" $PROXY -H "X-Forwarded-For: 192.0.2.$i"
    i=$((i + 1))
done
expect_status 200 "five failures are answered normally"
login "$TMP/jar.t" throttled "$PW" $PROXY -H "X-Forwarded-For: 192.0.2.99"
expect_status 429 "the account is throttled"
header_has 'retry-after:' "with Retry-After"
ra=$(sed -n 's/^[Rr]etry-[Aa]fter: *//p' "$TMP/headers" | tr -d '\r')
check "Retry-After is a delay in seconds ($ra)" sh -c "[ '$ra' -ge 1 ] && [ '$ra' -le 15 ]"
body_has 'محاولات دخول فاشلة كثيرة' "429 says why, in Arabic"
check "no session for the throttled account" sh -c "! grep -qi 'akhbar_session=[0-9a-f]' '$TMP/headers'"
check "five failures audited" test "$(sql "SELECT count(*) FROM audit WHERE action='login.fail' AND target='throttled'")" -eq 5
login "$TMP/jar.t" Throttled "$PW" $PROXY -H "X-Forwarded-For: 192.0.2.98"
expect_status 429 "the login is throttled whatever its case"
login "$TMP/jar.t" cleared "$PW" $PROXY -H "X-Forwarded-For: 192.0.2.99"
expect_status 303 "other accounts are not"
# A successful login forgets the account's failures.
for i in 1 2 3 4; do login "$TMP/jar.c" cleared "nope $i" $PROXY -H "X-Forwarded-For: 192.0.2.50"; done
login "$TMP/jar.c" cleared "$PW" $PROXY -H "X-Forwarded-For: 192.0.2.50"
expect_status 303 "four failures, then the right password"
check "the account's failures forgotten" test "$(sql "SELECT count(*) FROM login_failure WHERE key='u:cleared'")" -eq 0
for i in 1 2 3 4; do login "$TMP/jar.c" cleared "nope $i" $PROXY -H "X-Forwarded-For: 192.0.2.51"; done
expect_status 200 "four more failures are not throttled"
# One client: LOGIN_FREE_CLIENT (20) failures with as many logins, then 429.
i=1
while [ $i -le 20 ]; do
    login "$TMP/jar.k" "guess$i" "$PW" $PROXY -H "X-Forwarded-For: 198.51.100.77"
    i=$((i + 1))
done
expect_status 200 "twenty failures from one client"
login "$TMP/jar.k" mona "$PW" $PROXY -H "X-Forwarded-For: 198.51.100.77"
expect_status 429 "the client is throttled"
header_has 'retry-after:' "client throttle has Retry-After"
check "no addresses stored in login_failure" test "$(sql "SELECT count(*) FROM login_failure WHERE key LIKE '%198.51%'")" -eq 0
login "$TMP/jar.k" mona "$PW" $PROXY -H "X-Forwarded-For: 198.51.100.78"
expect_status 303 "another client is not"

# ---- akhbar user ----
"$AKHBAR" user --help >"$TMP/help"
check "user --help exits 0" test $? -eq 0
check "user --help prints usage" grep -q "usage: akhbar user" "$TMP/help"
printf '%s\n' "$PW" | "$AKHBAR" user add --db "$DB" --role boss bob 2>"$TMP/err"
check "bad role exits 2" test $? -eq 2
check "and names the roles" grep -q "admin, editor, author, moderator" "$TMP/err"
printf 'short\n' | "$AKHBAR" user add --db "$DB" --role author bob 2>"$TMP/err"
check "short password exits 1" test $? -eq 1
check "and says so" grep -q "shorter than 10 characters" "$TMP/err"
"$AKHBAR" user add --db "$DB" --role author bob </dev/null 2>"$TMP/err"
check "no password exits 1" test $? -eq 1
printf '\n' | "$AKHBAR" user add --db "$DB" --role author bob 2>"$TMP/err"
check "empty password exits 1" test $? -eq 1
check "and says so" grep -q "empty" "$TMP/err"
printf '%s\n' "$PW" | "$AKHBAR" user add --db "$DB" --role author 'Bad Login' 2>/dev/null
check "bad login exits 2" test $? -eq 2
printf '%s\n' "$PW" | "$AKHBAR" user add --db "$DB" --role author salma 2>"$TMP/err"
check "existing login exits 1" test $? -eq 1
check "and says it exists" grep -q "exists" "$TMP/err"
"$AKHBAR" user add --db "$DB" bob </dev/null 2>/dev/null
check "add without --role exits 2" test $? -eq 2
check "nothing added by refused commands" test "$(sql "SELECT count(*) FROM \"user\" WHERE login='bob'")" -eq 0
printf '%s\r\n' "$PW" | "$AKHBAR" user add --db "$DB" --role author --name 'بدر' bob >"$TMP/out"
check "add with --name (CRLF input)" test $? -eq 0
"$AKHBAR" user list --db "$DB" --json >"$TMP/users.json"
check "user list --json exits 0" test $? -eq 0
python3 - "$TMP/users.json" <<'PY' && ok || fail "user list --json fields"
import json, sys
u = {x["login"]: x for x in json.load(open(sys.argv[1]))}
assert set(u) >= {"salma", "ed", "amal", "mona", "bob"}, u.keys()
assert u["bob"]["name"] == "بدر" and u["bob"]["role"] == "author" and u["bob"]["disabled"] is False
assert u["mona"]["role"] == "moderator" and u["salma"]["role"] == "admin"
assert set(u["bob"]) == {"id", "login", "name", "role", "disabled", "created_at"}
assert all("password" not in x for x in u.values())
PY
"$AKHBAR" user list --db "$DB" >"$TMP/out"
check "user list" grep -q "bob	author	active	بدر" "$TMP/out"
audit_has user.add bob "role author, by operator" cli "user add audited"
login "$TMP/jar.b" bob "$PW"
expect_status 303 "bob logs in"
printf 'a brand new secret\n' | "$AKHBAR" user passwd --db "$DB" bob >/dev/null
check "passwd exits 0" test $? -eq 0
audit_has user.passwd bob "by operator" cli "passwd audited"
get "$TMP/jar.b" /admin/
expect_status 303 "passwd ends the sessions"
login "$TMP/jar.b" bob "$PW"
expect_status 200 "the old password no longer works"
login "$TMP/jar.b" bob 'a brand new secret'
expect_status 303 "the new one does"
printf 'short\n' | "$AKHBAR" user passwd --db "$DB" bob 2>"$TMP/err"
check "passwd with a short password exits 1" test $? -eq 1
"$AKHBAR" user disable --db "$DB" nobody 2>"$TMP/err"
check "disable an unknown login exits 1" test $? -eq 1
check "and says so" grep -q "no user 'nobody'" "$TMP/err"
"$AKHBAR" user frobnicate --db "$DB" 2>/dev/null
check "unknown subcommand exits 2" test $? -eq 2
check "passwords never in the database in clear" test "$(sql "SELECT count(*) FROM \"user\" WHERE password LIKE '%horse%' OR password NOT LIKE '\$argon2id\$%'")" -eq 0
finish
