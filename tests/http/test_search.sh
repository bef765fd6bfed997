# Search: the page (/search?q=), the search box in every header, and the
# command line (akhbar search, akhbar reindex), on the demo content.
. tests/http/lib.sh
start_server --demo

# q URL-encoded by curl: search QUERY [more curl options]
search() {
    q=$1; shift
    fetch /search -G --data-urlencode "q=$q" "$@"
}
# results: the article ids of the result list, in order, one a line.
results() {
    sed -n '/<ol class="results"/,/<\/ol>/p' "$TMP/body" |
        sed -n 's/.*<h2 class="card-title"><a href="\/article\/\([0-9]*\)\/.*/\1/p'
}

fetch /
body_has '<form class="search-box" action="/search" method="get" role="search"' \
    "search box on the home page"
body_has 'type="search" id="site-q" name="q"' "search input"
body_has 'placeholder="ابحث في الأخبار"' "search placeholder"
body_has '<label class="visually-hidden" for="site-q">بحث</label>' "search label"
fetch /section/world
body_has 'action="/search"' "search box on a section page"

fetch /search
expect_status 200 "search without a query"
body_has 'اكتب كلمة أو أكثر' "empty state without a query"
body_lacks 'class="results"' "no results list without a query"
header_has 'cache-control: public, max-age=60' "search is cacheable briefly"
valid_html "search without a query"
search '   '
expect_status 200 "blank query"
body_has 'اكتب كلمة أو أكثر' "a blank query is no query"

# A query with results: count, highlighted snippets, the query in the boxes.
search 'الملاحة'
expect_status 200 "search الملاحة"
body_has 'نتيجتان عن «الملاحة»' "count: two results (dual)"
body_has '<mark>الملاحة</mark>' "exact form highlighted"
body_has '<mark>ملاحة</mark>' "stem match highlighted (شركات ملاحة)"
body_has 'value="الملاحة"' "query echoed in the search box"
body_has '<title>نتائج البحث عن «الملاحة» | أخبار</title>' "page title names the query"
check "article 1 found" test "$(results | head -n 1)" = 1
valid_html "search results"
search 'ماراثون'
body_has 'نتيجة واحدة عن' "count: one result"
search 'الفيضانات'
body_has '3 نتائج عن' "count: 3 results (plural)"
check "three results listed" test "$(results | wc -l)" -eq 3
search 'الدولي'
body_has '14 نتيجة عن' "count: 14 results (singular after 10)"

# Arabic variants: hamza, ta marbuta, clitics, digits.
search 'بيروت'
check "بيروت finds the marathon" test "$(results | head -n 1)" = 2
search 'الملاحه'
body_has 'نتيجتان' "ة typed as ه"
search 'النفط'
check "النفط: the article with it in the headline first" test "$(results | head -n 1)" = 6
search '"بحر العرب"'
check "phrase finds article 1" test "$(results | head -n 1)" = 1
body_has '<mark>بحر العرب</mark>' "phrase highlighted as one"
search 'بغداد -العود'
check "exclusion drops the oud festival" test "$(results | tr '\n' ' ')" = "4 13 "

# Pagination: في is in every article (a lone stopword is searched).
search 'في'
body_has '30 نتيجة عن «في»' "count: 30 results"
check "20 results on page 1" test "$(results | wc -l)" -eq 20
body_has 'rel="next" href="/search?q=%D9%81%D9%8A&amp;page=2"' "next page keeps the query"
body_has 'صفحة 1 من 2' "page 1 of 2"
valid_html "paginated results"
search 'في' -d page=2
expect_status 200 "page 2"
check "10 results on page 2" test "$(results | wc -l)" -eq 10
body_has '<ol class="results" start="21">' "page 2 numbering continues"
body_has 'rel="prev"' "page 2 links back"
search 'في' -d page=3
expect_status 404 "past the last page"
search 'في' -d page=abc
expect_status 404 "bad page number"

# No results.
search 'زلزال'
expect_status 200 "no results"
body_has 'لا توجد نتائج عن «زلزال».' "no results line"
body_has 'تأكد من كتابة الكلمات' "spelling suggestion"
body_has 'جرّب كلمات أقل' "fewer words suggestion"
valid_html "no results"
search '-النفط'
expect_status 200 "only an exclusion"
body_has 'لا توجد نتائج عن «-النفط».' "only exclusions: no results"

# Hostile queries: inert in the boxes and in the no-results line.
search '<script>alert(1)</script>"'"'"
expect_status 200 "script in the query"
body_lacks '<script>alert' "no script element"
body_has 'value="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;"' "query escaped in the box"
body_has 'لا توجد نتائج عن «&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;».' \
    "query escaped in the line"
valid_html "hostile query"
search '"><img src=x onerror=alert(1)>'
body_lacks '<img' "no injected element"
valid_html "attribute breakout attempt"
for q in 'NEAR(' '"' 'النفط OR' '*' '^النفط' 'title:النفط' '((' '-' '-"' '~' \
    "'; DROP TABLE article; --"; do
    search "$q"
    expect_status 200 "FTS5 syntax as text: $q"
done
search "$(python3 -c 'print("النفط " * 800)')"
expect_status 200 "very long query"
body_has 'class="results"' "very long query still searches"
echo_len=$(grep -o 'value="[^"]*"' "$TMP/body" | head -n 1 | wc -c)
check "and the echo is cut to what was searched" test "$echo_len" -lt 530
fetch '/search?q=%FF%FE'
expect_status 200 "invalid UTF-8 in the query"
body_has 'اكتب كلمة أو أكثر' "invalid UTF-8 is no query"
fetch /search -I
expect_status 200 "HEAD /search"
fetch /search -X POST -d q=x
expect_status 405 "POST /search"
check "server still answers" curl -sf -o /dev/null "$BASE/"
stop_server

# ---- the command line ----
for c in search reindex; do
    "$AKHBAR" $c --help >"$TMP/help"; check "$c --help exits 0" test $? -eq 0
    check "$c --help prints usage" grep -q "usage: akhbar $c" "$TMP/help"
done
"$AKHBAR" --help | grep -q 'akhbar search'; check "akhbar --help lists search" test $? -eq 0
"$AKHBAR" search --db "$DB" 2>/dev/null; check "search without a query exits 2" test $? -eq 2
"$AKHBAR" search --db "$DB" --limit 0 النفط 2>/dev/null; check "--limit 0 exits 2" test $? -eq 2
"$AKHBAR" search --db "$DB" --limit x النفط 2>"$TMP/err"; check "--limit x exits 2" test $? -eq 2
check "and names the option" grep -q -- "--limit" "$TMP/err"
"$AKHBAR" search --db "$DB" "$(printf 'a\377')" 2>"$TMP/err"
check "invalid UTF-8 query exits 2" test $? -eq 2
"$AKHBAR" search --db "$TMP/none.db" النفط 2>/dev/null
check "missing database exits 1" test $? -eq 1

"$AKHBAR" search --db "$DB" --json النفط > "$TMP/oil.json"
check "search --json exits 0" test $? -eq 0
python3 - "$TMP/oil.json" <<'PY' && ok || fail "search --json: order and fields"
import json, sys, urllib.parse
r = json.load(open(sys.argv[1]))
assert len(r) >= 2, r
assert r[0]["id"] == 6, r[0]
scores = [x["score"] for x in r]
assert scores == sorted(scores, reverse=True), scores
for x in r:
    for k in ("id", "title", "score", "url", "published_at", "section"):
        assert k in x, (k, x)
    assert x["url"].startswith("/article/%d/%%" % x["id"]), x["url"]
    slug = urllib.parse.unquote(x["url"].split("/", 3)[3])
    assert slug and " " not in slug, slug
    assert x["published_at"].startswith("20") and x["published_at"].endswith("Z"), x
assert "النفط" in r[0]["title"]
PY
"$AKHBAR" search --db "$DB" --json --limit 2 في > "$TMP/two.json"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert len(r)==2, r' "$TMP/two.json"
check "--limit 2 gives two" test $? -eq 0
"$AKHBAR" search --db "$DB" --json زلزال > "$TMP/none.json"
check "no results exits 0" test $? -eq 0
check "no results is an empty array" test "$(cat "$TMP/none.json")" = "[]"
"$AKHBAR" search --db "$DB" بحر العرب > "$TMP/text"
check "text output: one line a hit, id first" test "$(head -n 1 "$TMP/text" | cut -f 1)" = 1
check "text output has the url" grep -q "	/article/1/%" "$TMP/text"
"$AKHBAR" search --db "$DB" 'NEAR(' '"' OR > /dev/null
check "operators as words exit 0" test $? -eq 0

# The same moment for both searches: scores include the articles' age.
export AKHBAR_NOW=$(date +%s)
"$AKHBAR" search --db "$DB" --json الملاحة > "$TMP/before.json"
"$AKHBAR" reindex --db "$DB" > "$TMP/out"; check "reindex exits 0" test $? -eq 0
check "reindex says how many" test "$(cat "$TMP/out")" = "30 articles indexed"
"$AKHBAR" search --db "$DB" --json الملاحة > "$TMP/after.json"
check "same results after reindex" cmp "$TMP/before.json" "$TMP/after.json"
unset AKHBAR_NOW
"$AKHBAR" reindex --db "$TMP/none.db" 2>/dev/null
check "reindex of a missing file exits 1" test $? -eq 1
check "and creates nothing" test ! -e "$TMP/none.db"
"$AKHBAR" reindex --db "$DB" extra 2>/dev/null
check "reindex with an argument exits 2" test $? -eq 2

# A database made by the version-1 binary: refused until migrated; reindex
# (or init, or serve) migrates it and indexes the bodies. (Version 1 was an
# SQLite file only.)
if ! on_pg; then
    V1=$TMP/v1.db
    sqlite3 "$V1" < tests/fixtures/schema-v1.sql
    sqlite3 "$V1" "PRAGMA user_version=1;
INSERT INTO setting VALUES('secret', zeroblob(32));
INSERT INTO section(id, slug, name) VALUES(1, 'world', 'أخبار عالمية');
INSERT INTO article(slug, title, lede, body_md, body_html, section_id, status, published_at,
  created_at, updated_at) VALUES('a', 'محادثات في مسقط', 'وفود من تسع دول',
  'تناقش الوفود **أمن الملاحة** في بحر العرب.', '', 1, 3, 1000, 1000, 1000);
INSERT INTO article_section VALUES(1, 1);"
    "$AKHBAR" search --db "$V1" مسقط 2>/dev/null
    check "search on a version-1 database exits 1" test $? -eq 1
    cp "$V1" "$TMP/v1b.db"
    "$AKHBAR" reindex --db "$V1" > "$TMP/out" 2>"$TMP/err"
    check "reindex migrates version 1" test "$(cat "$TMP/out")" = "1 articles indexed"
    check "migrated to the current schema" \
        test "$(sqlite3 "$V1" 'PRAGMA user_version')" -eq "$(sqlite3 "$DB" 'PRAGMA user_version')"
    "$AKHBAR" search --db "$V1" --json الملاحة > "$TMP/v1.json"
    python3 -c 'import json, sys; assert [x["id"] for x in json.load(open(sys.argv[1]))] == [1]' \
        "$TMP/v1.json"
    check "body words found after the migration" test $? -eq 0
    "$AKHBAR" init --db "$TMP/v1b.db" >/dev/null 2>"$TMP/err"; check "init migrates" test $? -eq 0
    check "init rebuilds the index after migrating" \
        grep -q "search index rebuilt (1 articles)" "$TMP/err"
    "$AKHBAR" search --db "$TMP/v1b.db" الملاحة > "$TMP/text"
    check "and the bodies are searchable" test "$(cut -f 1 "$TMP/text")" = 1
fi

# A word in more articles than are ranked (STORE_SEARCH_MAX, 500): the count
# says "more than", the newest are listed, the last page is there.
MANY=$(new_db many)
"$AKHBAR" section add --db "$MANY" world "أخبار عالمية" >/dev/null
python3 - "$TMP/many.ndjson" <<'PY'
import json, sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i in range(520):
        f.write(json.dumps({"title": "جلسة المجلس رقم %d" % i, "section": "world",
                            "body": "عقد المجلس جلسته العادية.",
                            "published_at": "2026-10-01T%02d:%02d:00Z" % (i // 60, i % 60)},
                           ensure_ascii=False) + "\n")
PY
"$AKHBAR" import --db "$MANY" $(media_opt) --format ndjson "$TMP/many.ndjson" >/dev/null 2>&1
check "520 articles imported" test "$(DB=$MANY sql 'SELECT count(*) FROM article')" -eq 520
DB=$MANY start_server
search 'المجلس'
expect_status 200 "a word in 520 articles"
body_has 'أكثر من 500 نتيجة عن «المجلس»' "count: more than 500"
check "20 results listed" test "$(results | wc -l)" -eq 20
check "the newest first" grep -q 'جلسة المجلس رقم 519' "$TMP/body"
body_has 'صفحة 1 من 26' "501 ranked: 26 pages"
valid_html "more than 500 results"
search 'المجلس' -d page=26
expect_status 200 "the last page"
check "one result on the last page" test "$(results | wc -l)" -eq 1
search 'المجلس' -d page=27
expect_status 404 "past the last page"
search 'المجلس رقم 3'
body_has 'نتيجة واحدة عن' "a rare word with a frequent one: counted exactly"
stop_server
finish
