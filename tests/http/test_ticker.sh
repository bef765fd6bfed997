#!/bin/sh
# The breaking-news ticker ("عاجل") on every public page: breaking articles
# (ndjson "breaking": true, the newsroom's checkbox) for ticker_hours after
# their publication, without JavaScript; the page cache and the caches in
# front drop every page (key k) when it changes, also when an article's time
# there ends. And the share links under an article's byline.
. "$(dirname "$0")/lib.sh"

# ticker_wait has|lacks TEXT PATH: fetch PATH until its ticker (not the
# sidebar, which lists the same titles) has or lacks TEXT, for at most four
# seconds; the ticker's lines are then in $TMP/ticker.
ticker_wait() {
    want=$1 text=$2 path=$3 i=0
    while :; do
        fetch "$path"
        sed -n '/<ul class="ticker-items">/,/<\/ul>/p' "$TMP/body" >"$TMP/ticker"
        if grep -qF -- "$text" "$TMP/ticker"; then [ "$want" = has ] && return 0
        else [ "$want" = lacks ] && return 0; fi
        i=$((i + 1))
        [ $i -ge 40 ] && return 1
        sleep 0.1
    done
}
start_server --demo

# The demo's newest article (an hour old) is breaking; ticker_hours is 12.
NEWEST=$(sql "SELECT id FROM article ORDER BY published_at DESC LIMIT 1")
TITLE=$(sql "SELECT title FROM article WHERE id=$NEWEST")
check "the demo's newest article is breaking" test "$(sql "SELECT breaking FROM article WHERE id=$NEWEST")" = 1
for p in / /latest /section/world "/article/$NEWEST/$(sql "SELECT slug FROM article WHERE id=$NEWEST")" "/search?q=%D8%A7%D9%84%D8%A3%D8%B1%D8%AF%D9%86" /page/about; do
    fetch "$p" -L
    body_has '<section class="ticker" aria-label="أخبار عاجلة">' "the ticker on $p"
    body_has "<p class=\"ticker-label\">عاجل</p>" "its label on $p"
    check "the breaking article in the ticker of $p" ticker_wait has ">$TITLE<" "$p"
done
fetch /
check "the ticker needs no script" sh -c "sed -n '/class=\"ticker\"/,/<\/section>/p' '$TMP/body' | grep -qv '<script'"
header_has "xkey: site k" "every page names the ticker among what it shows"
fetch /static/style.css
body_has "@media (prefers-reduced-motion: reduce) {
  .ticker-belt { animation: none; }
  .ticker-copy { display: none; }" "the ticker stands still for readers who ask for less motion, without its copy"
fetch /
body_has '<ul class="ticker-items ticker-copy" aria-hidden="true">' "the belt's copy is hidden from assistive technology"
sed -n '/ticker-copy/,/<\/ul>/p' "$TMP/body" >"$TMP/copy"
check "the copy has the ticker's links" test "$(grep -c '<a ' "$TMP/copy")" -gt 0
check "each out of the tab order" test "$(grep -c '<a ' "$TMP/copy")" = "$(grep -c 'tabindex="-1"' "$TMP/copy")"

# An old article flagged breaking is not news: it stays out.
OLD=$(sql "SELECT id FROM article ORDER BY published_at LIMIT 1")
OLDTITLE=$(sql "SELECT title FROM article WHERE id=$OLD")
sql "UPDATE article SET breaking=1 WHERE id=$OLD"
sleep 1
check "an article published days ago is not in the ticker" ticker_wait lacks ">$OLDTITLE<" /
# Made breaking and recent by another process: every cached page drops it.
fetch /latest; fetch /latest                    # kept in the page cache
sql "UPDATE article SET published_at=$(date +%s)-60 WHERE id=$OLD"
check "a new breaking article reaches cached pages" ticker_wait has ">$OLDTITLE<" /latest
check "with its relative time" grep -q "منذ دقيقة" "$TMP/ticker"

# ticker_hours: a shorter window drops the older breaking articles.
"$AKHBAR" config set --db "$DB" ticker_hours 2 >/dev/null
check "ticker_hours 999 is refused" sh -c "! '$AKHBAR' config set --db '$DB' ticker_hours 999 2>/dev/null"
SECOND=$(sql "SELECT id FROM article WHERE breaking=1 AND id NOT IN ($NEWEST, $OLD)")
STITLE=$(sql "SELECT title FROM article WHERE id=$SECOND")
check "a breaking article older than ticker_hours leaves the ticker" ticker_wait lacks ">$STITLE<" /
check "a younger one stays" grep -qF ">$TITLE<" "$TMP/ticker"

# The end of an article's time in the ticker drops the cached pages too:
# OLD leaves the 2-hour window in 3 seconds.
sql "UPDATE article SET published_at=$(date +%s)-7200+3 WHERE id=$OLD"
check "in the ticker while its time lasts" ticker_wait has ">$OLDTITLE<" /section/world
fetch /section/world
check "kept in the page cache meanwhile" grep -qF ">$OLDTITLE<" "$TMP/body"
sleep 3
check "gone from the cached page when its time ended" ticker_wait lacks ">$OLDTITLE<" /section/world
check "the end was noted in the change log" test "$(sql "SELECT count(*) FROM change_log WHERE keys='k'")" -ge 1

# ndjson "breaking": true imports a breaking article; false or absent does not.
printf '%s\n' '{"title": "خبر عاجل مستورد", "body": "نص الخبر.", "section": "world", "breaking": true}' \
    '{"title": "خبر عادي مستورد", "body": "نص الخبر.", "section": "world"}' \
    '{"title": "خبر بقيمة خاطئة", "body": "نص الخبر.", "section": "world", "breaking": "yes"}' \
    >"$TMP/in.ndjson"
"$AKHBAR" import --db "$DB" $(media_opt) --format ndjson "$TMP/in.ndjson" >"$TMP/out" 2>"$TMP/err"
check "ndjson breaking: true is kept" test "$(sql "SELECT breaking FROM article WHERE title='خبر عاجل مستورد'")" = 1
check "ndjson without breaking is not" test "$(sql "SELECT breaking FROM article WHERE title='خبر عادي مستورد'")" = 0
check "a bad breaking value is reported" grep -q "breaking: expected true or false" "$TMP/err"
check "the imported breaking article in the ticker" ticker_wait has ">خبر عاجل مستورد<" /

# ---- the newsroom's checkbox ----
adduser editor ed
login "$TMP/ed" ed
get "$TMP/ed" /admin/articles/new
body_has '<input type="checkbox" name="breaking" value="1">' "the editor has a breaking checkbox"
TOK=$(csrf_of)
fetch /admin/articles/save -c "$TMP/ed" -b "$TMP/ed" -H "Origin: $BASE" --data-urlencode "csrf=$TOK" \
    --data-urlencode action=publish --data-urlencode 'title=زلزال بقوة 5 درجات يضرب جنوب البلاد' \
    --data-urlencode 'body=تفاصيل الخبر.' --data-urlencode section=world --data-urlencode breaking=1
check "published from the newsroom" test "$STATUS" = 303
ED=$(sql "SELECT id FROM article WHERE title='زلزال بقوة 5 درجات يضرب جنوب البلاد'")
check "the checkbox makes it breaking" test "$(sql "SELECT breaking FROM article WHERE id=$ED")" = 1
check "the newsroom's breaking article in the ticker" ticker_wait has ">زلزال بقوة 5 درجات" /latest
get "$TMP/ed" "/admin/articles/$ED/edit"
body_has '<input type="checkbox" name="breaking" value="1" checked>' "the editor shows it checked"
TOK=$(csrf_of)
fetch /admin/articles/save -c "$TMP/ed" -b "$TMP/ed" -H "Origin: $BASE" --data-urlencode "csrf=$TOK" \
    --data-urlencode action=save --data-urlencode id=$ED \
    --data-urlencode 'title=زلزال بقوة 5 درجات يضرب جنوب البلاد' \
    --data-urlencode 'body=تفاصيل الخبر.' --data-urlencode section=world
check "unchecked, it is no longer breaking" test "$(sql "SELECT breaking FROM article WHERE id=$ED")" = 0
check "and leaves the ticker" ticker_wait lacks ">زلزال بقوة 5 درجات" /latest

# ---- share links under the byline: plain links, no third-party script ----
# the article's address (its slug percent-encoded), then encoded as a query value
URL=$(python3 -c 'import sys, urllib.parse; print(sys.argv[1] + urllib.parse.quote(sys.argv[2]))' \
    "http://127.0.0.1:$PORT/article/$NEWEST/" "$(sql "SELECT slug FROM article WHERE id=$NEWEST")")
ENC=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe="-_.~"))' "$URL")
fetch "/article/$NEWEST" -L
body_has "href=\"https://wa.me/?text=" "a WhatsApp link"
body_has "%20$ENC\"" "WhatsApp gets the article's address"
body_has "href=\"https://t.me/share/url?url=$ENC&amp;text=" "a Telegram link"
body_has "href=\"https://x.com/intent/post?url=$ENC&amp;text=" "an X link"
body_has "href=\"https://www.facebook.com/sharer/sharer.php?u=$ENC\"" "a Facebook link"
body_has "<a class=\"share-copy\" href=\"$URL\">نسخ الرابط</a>" "a link to copy"
body_lacks '<script src="http' "no third-party script"
body_has "للقراءة</p>" "the reading time"
body_has '<img class="beacon" src="/v/' "the view beacon"
valid_html "an article with its ticker and share links"
finish
