# The old site's URLs keep working: paths recorded by an import (ndjson
# legacy_url, a string or a list; escaped in either case or raw), old post
# ids (/?p=ID, /?page_id=ID: legacy_id) and sections' and tags' old paths
# answer 301 to the new URL; anything else, a draft's old URL and a
# non-GET stay 404.
. tests/http/lib.sh

"$AKHBAR" init --db "$DB" >/dev/null 2>&1
"$AKHBAR" section add --db "$DB" world 'أخبار عالمية' >/dev/null
"$AKHBAR" section add --db "$DB" economy 'اقتصاد' >/dev/null
cat >"$TMP/a.ndjson" <<'J'
{"guid":"urn:old:1","title":"قمة في الرياض","slug":"qimma","body":"نص الخبر.","section":"world","published_at":"2020-05-01T10:00:00Z","legacy_url":"https://old.example.com/2020/05/%d9%82%d9%85%d8%a9/","legacy_id":101}
{"guid":"urn:old:2","title":"أسعار النفط","slug":"oil","body":"نص آخر.","section":"economy","published_at":"2020-05-02T10:00:00Z","legacy_url":["/2020/05/oil-prices/","/archives/202","/single-segment"],"legacy_id":[202,203]}
{"guid":"urn:old:3","title":"مسودة قديمة","body":"لم تنشر.","section":"world","status":"draft","legacy_url":"/2020/05/draft/","legacy_id":301}
J
"$AKHBAR" import --db "$DB" $(media_opt) --format ndjson "$TMP/a.ndjson" 2>"$TMP/err"
check "import with legacy URLs exits 0" test $? -eq 0
a1=$(sql "SELECT id FROM article WHERE guid='urn:old:1'")
a2=$(sql "SELECT id FROM article WHERE guid='urn:old:2'")
eco=$(sql "SELECT id FROM section WHERE slug='economy'")
sql "INSERT INTO tag(slug, name) VALUES('oil', 'نفط')"
tag=$(sql "SELECT id FROM tag WHERE slug='oil'")
sql "INSERT INTO legacy_url(path, kind, target) VALUES('/category/economy', 2, $eco), ('/tag/oil-old', 3, $tag)"
start_server

# redirect PATH WANT DESC: PATH answers 301 with Location WANT.
redirect() {
    fetch "$1"
    expect_status 301 "$3"
    check "$3: Location $2" test "$(location)" = "$2"
}
redirect '/2020/05/%d9%82%d9%85%d8%a9/' "/article/$a1/qimma" "lower-case escapes"
redirect '/2020/05/%D9%82%D9%85%D8%A9' "/article/$a1/qimma" "upper-case escapes, no slash"
redirect "/2020/05/$(printf 'قمة' | python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.stdin.read()))')/?utm_source=x" \
    "/article/$a1/qimma" "query dropped"
redirect '/2020/05/Oil-Prices/' "/article/$a2/oil" "case of the path folded"
redirect '/archives/202' "/article/$a2/oil" "second URL of a list"
redirect '/single-segment/' "/article/$a2/oil" "one segment (the catch-all route's 404)"
redirect '/?p=101' "/article/$a1/qimma" "/?p=ID"
redirect '/?p=203' "/article/$a2/oil" "/?p=ID, second id"
redirect '/?page_id=202' "/article/$a2/oil" "/?page_id=ID"
redirect '/category/economy/' "/section/economy" "a section's old path"
redirect '/tag/oil-old/' "/tag/oil" "a tag's old path"
fetch '/2020/05/oil-prices' -I
check "HEAD answers 301 too" grep -q '^HTTP/1.1 301' "$TMP/headers"
# The new URL answers.
fetch "/article/$a2/oil"
expect_status 200 "the new URL"
# Not found: unknown paths and ids, a draft, malformed ids.
fetch '/2020/05/unknown/'
expect_status 404 "an unknown old path"
fetch '/2020/05/draft/'
expect_status 404 "a draft's old URL is not revealed"
fetch '/?p=301'
expect_status 404 "a draft's old id is not revealed"
fetch '/?p=999'
expect_status 404 "an unknown old id"
fetch '/?p=12abc'
expect_status 200 "a malformed id is the home page"
fetch '/'
expect_status 200 "the home page still answers"
fetch '/section/economy'
expect_status 200 "a real route is not redirected"
fetch '/2020/05/oil-prices' -X POST
check "a POST to an old URL is not redirected" sh -c "! grep -q '^HTTP/1.1 301' '$TMP/headers'"
# Published later: the old URL follows the article's state.
sql "UPDATE article SET status=3, published_at=$(date +%s) - 60 WHERE guid='urn:old:3'"
a3=$(sql "SELECT id FROM article WHERE guid='urn:old:3'")
i=0
while fetch '/2020/05/draft' && [ "$STATUS" != 301 ] && [ $i -lt 30 ]; do
    i=$((i + 1)); sleep 0.1
done
case "$(location)" in
"/article/$a3/"*) ok ;;
*) fail "the draft's old URL once published: $(location)" ;;
esac
finish
