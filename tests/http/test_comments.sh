# The comment flow: post -> pending -> approve -> shown; hostile input inert;
# the protections (origin, token, honeypot, limits, rate) refuse and store nothing.
# The token comes from GET /article/ID/comment/token (what comment.js does);
# without it (no JavaScript) a confirmation page keeps the text and carries one.
. tests/http/lib.sh
start_server --demo

fetch /article/2
loc=$(sed -n 's/^[Ll]ocation: *//p' "$TMP/headers" | tr -d '\r')
fetch "$loc"
body_has 'name="token" value=""' "the article page carries an empty token field"
body_has '<script src="/static/comment.js" defer></script>' "and the script that fills it"
fetch /static/comment.js
expect_status 200 "comment.js is served"
body_has '/token' "comment.js fetches the token endpoint"
fetch /article/2/comment/token
expect_status 200 "token endpoint"
header_has 'cache-control: no-store' "the token is never cached"
header_has 'content-type: text/plain' "the token is plain text"
token=$(cat "$TMP/body")
check "the token is HEX-HEX" sh -c "echo '$token' | grep -qE '^[0-9a-f]+-[0-9a-f]{32}$'"
fetch /article/999999/comment/token
expect_status 404 "no token for an article that does not exist"

count() { "$AKHBAR" comment list --db "$DB" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
before=$(count)

post() {    # post [curl options]: posts a comment form to article 2
    STATUS=$(curl -s -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' "$@" "$BASE/article/2/comment")
}

# Hostile HTML in every field.
post -H "Origin: $BASE" --data-urlencode 'author=<b>Mallory</b>' \
    --data-urlencode 'body=<script>alert(1)</script> نص "مقتبس" & <img src=x onerror=alert(2)>' \
    --data-urlencode "token=$token" --data-urlencode 'email=m@example.org'
expect_status 303 "comment accepted"
header_has 'location: /article/2/' "redirects back to the article"
header_has 'comment=pending' "with the pending notice"
after=$(count)
[ "$after" -eq $((before + 1)) ] && ok || fail "one comment stored ($before -> $after)"
id=$("$AKHBAR" comment list --db "$DB" --status pending --json |
     python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
"$AKHBAR" comment list --db "$DB" --status pending --json > "$TMP/pending.json"
python3 - "$TMP/pending.json" <<'PY' && ok || fail "pending comment JSON fields"
import json, sys
c = json.load(open(sys.argv[1]))[0]
assert c["status"] == "pending" and c["article_id"] == 2
assert c["author"] == "<b>Mallory</b>" and c["body"].startswith("<script>")
assert set(["id", "article_id", "status", "author", "body", "created_at"]) <= set(c)
PY

fetch "$loc?comment=pending"
body_has 'تعليقك بانتظار المراجعة' "pending notice shown"
body_lacks 'Mallory' "pending comment not shown"
header_has 'cache-control: no-store' "the notice page is not cached"

"$AKHBAR" comment approve --db "$DB" "$id"
check "approve exits 0" test $? -eq 0
fetch_fresh 'Mallory' "$loc"
body_has '&lt;b&gt;Mallory&lt;/b&gt;' "approved comment shown, author escaped"
body_has '&lt;script&gt;alert(1)&lt;/script&gt;' "body escaped"
body_has '&lt;img src=x onerror=alert(2)&gt;' "img escaped"
body_lacks '<script>alert' "no live script"
body_lacks 'm@example.org' "email never shown"
valid_html "article with comments"

# Replying from the page: ?reply=ID names the comment's author above the
# form and carries its id in a hidden field, which the post sends back.
fetch "$loc?reply=$id"
body_has 'ردًا على <strong><bdi>&lt;b&gt;Mallory&lt;/b&gt;</bdi></strong>' "reply form names the author"
body_has "<input type=\"hidden\" name=\"parent\" value=\"$id\">" "reply form carries the parent"
valid_html "article with a reply form"
parent=$(grep -o 'name="parent" value="[0-9]*"' "$TMP/body" | sed 's/.*value="//; s/"$//')
fetch "$loc?reply=999999"
body_lacks 'name="parent"' "no reply form for an unknown comment"

# A reply to the approved comment, with the parent the page gave.
post -H "Origin: $BASE" --data-urlencode 'author=سعاد' --data-urlencode 'body=ردّ على التعليق' \
    --data-urlencode "token=$token" --data-urlencode "parent=${parent:-}"
expect_status 303 "reply accepted"
rid=$("$AKHBAR" comment list --db "$DB" --status pending --json |
      python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
"$AKHBAR" comment list --db "$DB" --status pending --json |
    python3 -c "import json,sys; c = json.load(sys.stdin)[0]; sys.exit(c['parent_id'] != $id)" &&
    ok || fail "the reply is stored with its parent $id"
"$AKHBAR" comment approve --db "$DB" "$rid"
fetch_fresh 'class="comment reply"' "$loc"
body_has 'class="comment reply"' "reply shown under its parent"
# A reply to a reply (only one level) or to another article's comment is refused.
post -H "Origin: $BASE" --data-urlencode 'author=x' --data-urlencode 'body=نص الرد' \
    --data-urlencode "token=$token" --data-urlencode "parent=$rid"
expect_status 400 "reply to a reply refused"

n0=$(count)
post --data-urlencode 'author=x' --data-urlencode 'body=بلا أصل' --data-urlencode "token=$token"
expect_status 403 "no Origin or Referer"
post -H "Origin: http://evil.example" --data-urlencode 'author=x' --data-urlencode 'body=نص' \
    --data-urlencode "token=$token"
expect_status 403 "foreign origin"
# Without a valid token (no JavaScript, or a stale page): a page to confirm,
# never cached, that keeps what was written and carries a fresh token.
post -H "Origin: $BASE" --data-urlencode 'author=<i>قارئ</i>' \
    --data-urlencode 'body=تعليق بلا رمز "مقتبس"' --data-urlencode 'email=q@example.org'
expect_status 200 "missing token: the confirmation page"
body_has 'أكّد إرسال تعليقك' "it asks to confirm, in Arabic"
body_has 'value="&lt;i&gt;قارئ&lt;/i&gt;"' "it keeps the author, escaped"
body_has 'تعليق بلا رمز &quot;مقتبس&quot;</textarea>' "it keeps the comment, escaped"
body_has 'value="q@example.org"' "it keeps the email"
header_has 'cache-control: no-store' "the confirmation page is not cached"
valid_html "confirmation page"
ctoken=$(grep -o 'name="token" value="[^"]*"' "$TMP/body" | sed 's/.*value="//; s/"$//')
check "the confirmation page carries a token" sh -c "echo '$ctoken' | grep -qE '^[0-9a-f]+-[0-9a-f]{32}$'"
[ "$(count)" -eq "$n0" ] && ok || fail "nothing stored before the confirmation"
post -H "Origin: $BASE" --data-urlencode 'author=x' --data-urlencode 'body=نص' \
    --data-urlencode "token=$(echo "$token" | sed 's/.$//')$(case $token in *0) echo 1 ;; *) echo 0 ;; esac)"
expect_status 200 "wrong token: the confirmation page"
body_has 'أكّد إرسال تعليقك' "wrong token asks to confirm"
# The token of another article does not work here.
token3=$(curl -s "$BASE/article/3/comment/token")
post -H "Origin: $BASE" --data-urlencode 'author=x' --data-urlencode 'body=نص' \
    --data-urlencode "token=$token3"
expect_status 200 "another article's token: the confirmation page"
[ "$(count)" -eq "$n0" ] && ok || fail "nothing stored without a valid token"
# One more click, with the page's token, sends it.
post -H "Origin: $BASE" --data-urlencode 'author=<i>قارئ</i>' \
    --data-urlencode 'body=تعليق بلا رمز "مقتبس"' --data-urlencode 'email=q@example.org' \
    --data-urlencode "token=$ctoken"
expect_status 303 "the confirmed comment is accepted"
[ "$(count)" -eq $((n0 + 1)) ] && ok || fail "the confirmed comment is stored"
n0=$(count)
post -H "Referer: $BASE/article/2/x" --data-urlencode 'author=x' --data-urlencode 'body=' \
    --data-urlencode "token=$token"
expect_status 400 "empty body"
long=$(python3 -c 'print("ب" * 5001)')
post -H "Origin: $BASE" --data-urlencode 'author=x' --data-urlencode "body=$long" \
    --data-urlencode "token=$token"
expect_status 400 "body over 5000 characters"
post -H "Origin: $BASE" --data-urlencode 'author=x' --data-urlencode 'body=نص' \
    --data-urlencode "token=$token" --data-urlencode 'email=not-an-email'
expect_status 400 "malformed email"
# Invalid UTF-8 in a field.
post -H "Origin: $BASE" --data-binary "author=x&body=%FF%FEabc&token=$token" \
    -H 'Content-Type: application/x-www-form-urlencoded'
expect_status 400 "invalid UTF-8"
# The honeypot: answered like a success, stored nowhere.
post -H "Origin: $BASE" --data-urlencode 'author=bot' --data-urlencode 'body=spam spam' \
    --data-urlencode "token=$token" --data-urlencode 'website=http://spam.example'
expect_status 303 "honeypot answered as success"
# An oversized body is refused before it is read.
head -c 12000000 /dev/zero | tr '\0' 'a' > "$TMP/big"
post -H "Origin: $BASE" -H 'Content-Type: application/x-www-form-urlencoded' \
    --data-binary "@$TMP/big"
expect_status 413 "12 MB body"
n1=$(count)
[ "$n1" -eq "$n0" ] && ok || fail "refused comments stored nothing ($n0 -> $n1)"

# Rate limit: 5 comments in 10 minutes from one client, then 429.
i=0; got429=0
while [ $i -lt 6 ]; do
    post -H "Origin: $BASE" --data-urlencode 'author=كثير' --data-urlencode "body=تعليق رقم $i" \
        --data-urlencode "token=$token"
    [ "$STATUS" = 429 ] && got429=1
    i=$((i + 1))
done
[ $got429 = 1 ] && ok || fail "rate limit engages with 429"
body_has 'طلبات كثيرة' "429 page in Arabic"

# Moderation from the CLI.
"$AKHBAR" comment spam --db "$DB" "$id"
fetch_gone '&lt;b&gt;Mallory' "$loc"
body_lacks '&lt;b&gt;Mallory' "spam comment hidden"
"$AKHBAR" comment delete --db "$DB" "$id"
check "delete exits 0" test $? -eq 0
"$AKHBAR" comment delete --db "$DB" "$id" 2>"$TMP/err"
check "deleting it again exits 1" test $? -eq 1
check "and says so" grep -q "no comment $id" "$TMP/err"
"$AKHBAR" comment list --db "$DB" --status spam --json > "$TMP/spam.json"
check "spam list is JSON" python3 -c "import json; json.load(open('$TMP/spam.json'))"
finish
