#!/bin/sh
# test_cache.sh: the page cache (http/cache.c, fresh.c) on one long-lived
# server: hits answer the same bytes as the page rendered, in identity,
# gzip and brotli (decoded back), with a validator per encoding and 304s;
# every change, made by the newsroom or by another process (the command
# line), reaches readers within a second, and only the pages that show it
# are dropped; queries other than the page number and trackers bypass it.
. tests/http/lib.sh
"$AKHBAR" init --db "$DB" >/dev/null
printf 'world\tأخبار عالمية\nsport\tرياضة\n' | while IFS="$(printf '\t')" read -r s n; do
    "$AKHBAR" section add --db "$DB" "$s" "$n" >/dev/null; done
art() {   # art SLUG TITLE SECTION: a published article
    /usr/bin/python3 -c 'import json, sys; print(json.dumps({"title": sys.argv[2],
        "slug": sys.argv[1], "lede": "مقدمة الخبر", "body": ("فقرة من نص الخبر. " * 80),
        "section": sys.argv[3], "status": "published"}, ensure_ascii=False))' "$@" \
        >"$TMP/a.ndjson"
    "$AKHBAR" import --db "$DB" $(media_opt) --format ndjson "$TMP/a.ndjson" >/dev/null 2>&1
}
art first 'الخبر الأول عن الموانئ' world
art second 'الخبر الثاني عن الملاعب' sport
start_server --threads 2
ID1=$(sql "SELECT id FROM article WHERE slug='first'")
ID2=$(sql "SELECT id FROM article WHERE slug='second'")
A1="/article/$ID1/first"
A2="/article/$ID2/second"

# ---- a miss, then a hit: the same bytes, and the keys it shows ----
fetch "$A1"
expect_status 200 "the article, rendered"
cp "$TMP/body" "$TMP/rendered"
header_has "xkey: site k a$ID1 c$ID1" "the article names what it shows"
fetch "$A1"
expect_status 200 "the article again"
check "a hit is the page rendered, byte for byte" cmp -s "$TMP/body" "$TMP/rendered"
check "the hit is in the access log" grep -q '"GET '"$A1"' HTTP/1.1" 200' "$TMP/access.log"

# ---- encodings (only kept pages are compressed: these are hits) ----
curl -s -H 'Accept-Encoding: gzip' -D "$TMP/h" -o "$TMP/gz" "$BASE$A1"
check "gzip: Content-Encoding" grep -qi '^content-encoding: gzip' "$TMP/h"
check "gzip: Vary" grep -qi '^vary: accept-encoding' "$TMP/h"
check "gzip: decodes to the page" sh -c "gzip -dc '$TMP/gz' | cmp -s - '$TMP/rendered'"
check "gzip: smaller" test "$(wc -c <"$TMP/gz")" -lt "$(($(wc -c <"$TMP/rendered") / 2))"
curl -s -H 'Accept-Encoding: gzip, br' -D "$TMP/h" -o "$TMP/br" "$BASE$A1"
check "br: Content-Encoding" grep -qi '^content-encoding: br' "$TMP/h"
check "br: decodes to the page" sh -c "/usr/bin/python3 -c 'import brotli,sys; sys.stdout.buffer.write(brotli.decompress(open(sys.argv[1],\"rb\").read()))' '$TMP/br' | cmp -s - '$TMP/rendered'"
ETAG_BR=$(sed -n 's/^[Ee][Tt]ag: *//p' "$TMP/h" | tr -d '\r')
check "br has its own validator" sh -c "echo '$ETAG_BR' | grep -q -- '-br\"$'"
curl -s -H 'Accept-Encoding: br;q=0, gzip;q=0' -D "$TMP/h" -o /dev/null "$BASE$A1"
check "q=0 refuses both" sh -c "! grep -qi '^content-encoding' '$TMP/h'"
ETAG=$(curl -s -D - -o /dev/null "$BASE$A1" | sed -n 's/^[Ee][Tt]ag: *//p' | tr -d '\r')
fetch "$A1" -H "If-None-Match: $ETAG"
expect_status 304 "If-None-Match: 304 from the cache"
fetch "$A1" -H "If-None-Match: W/$ETAG, \"other\""
expect_status 304 "a weak validator in a list"
fetch "$A1" -H "If-None-Match: $ETAG_BR"
expect_status 200 "the br validator does not match the identity page"
fetch "$A1" -H "Accept-Encoding: br" -H "If-None-Match: $ETAG_BR"
expect_status 304 "the br validator matches the br page"
fetch "$A1" -I
expect_status 200 "HEAD from the cache"

# ---- trackers share the page; other queries bypass ----
fetch "$A1?utm_source=x&fbclid=y"
check "trackers: the same page" cmp -s "$TMP/body" "$TMP/rendered"
fetch "$A1?reply=1"
expect_status 200 "another query is rendered (not from the cache)"

# ---- another process changes an article: seen within a second ----
fetch /
body_has 'الخبر الأول عن الموانئ' "the home page lists the first article"
fetch /section/sport
body_has 'الخبر الثاني عن الملاعب' "the sport section lists the second"
art third 'الخبر الثالث من سطر الأوامر' world
sleep 1
fetch /
body_has 'الخبر الثالث من سطر الأوامر' "a new article from the command line is on the home page within a second"
fetch /section/world
body_has 'الخبر الثالث من سطر الأوامر' "and on its section"
fetch /feed
body_has 'الخبر الثالث من سطر الأوامر' "and in the feed"
ID3=$(sql "SELECT id FROM article WHERE slug='third'")
fetch /section/sport
body_lacks "a$ID3" "the sport section does not show the new article"
sql "SELECT keys FROM change_log" >"$TMP/keys"
check "the change log names the article and its lists" grep -q "a$ID3 l s" "$TMP/keys"

# ---- a comment approved by the command line reaches the article ----
TOKEN=$(curl -s "$BASE/article/$ID1/comment/token")
curl -s -o /dev/null -H "Origin: $BASE" \
    --data-urlencode "author=قارئ" --data-urlencode "body=تعليق ينتظر الموافقة" \
    --data-urlencode "token=$TOKEN" "$BASE/article/$ID1/comment"
CID=$(sql "SELECT max(id) FROM comment")
check "the comment is stored" test -n "$CID"
fetch "$A1"
body_lacks 'تعليق ينتظر الموافقة' "a pending comment is not on the page"
"$AKHBAR" comment approve --db "$DB" "$CID" >/dev/null
sleep 1
fetch "$A1"
body_has 'تعليق ينتظر الموافقة' "the approved comment is on the page within a second"
fetch "$A2"
header_has "xkey: site k a$ID2 c$ID2" "the other article kept its keys"

# ---- the settings reach every page ----
"$AKHBAR" config set --db "$DB" name 'صحيفة المرآة' >/dev/null
sleep 1
fetch "$A2"
body_has 'صحيفة المرآة' "a new site name is on a cached article within a second"

# ---- off: --cache-mb 0 ----
stop_server
start_server --cache-mb 0
fetch "$A1"
expect_status 200 "without the cache"
header_has "xkey:" "keys are still named for the caches in front"
check "no cache: a fresh rendering each time" sh -c "! grep -qi '^content-encoding' '$TMP/headers'"
finish
