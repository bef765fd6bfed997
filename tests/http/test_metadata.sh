# What machines read of the site, read by a real extractor (Debian's
# python3-extruct): the canonical URL, description and robots on every
# public page; Open Graph and the Twitter card; schema.org JSON-LD (a
# NewsArticle with its BreadcrumbList on an article, the WebSite with its
# SearchAction and the NewsMediaOrganization on the home page). Absolute
# URLs start with the url setting, whatever Host the client sends; a title
# made to break out of the JSON-LD script stays inside it, exact.
. tests/http/lib.sh
export AKHBAR_TZ=Asia/Riyadh       # the offset the dates below carry
start_server --demo
SITE=https://alghad.example
"$AKHBAR" config set --db "$DB" url "$SITE/"
"$AKHBAR" config set --db "$DB" name 'صحيفة الغد'
"$AKHBAR" config set --db "$DB" social_x https://x.com/alghad
"$AKHBAR" config set --db "$DB" social_youtube https://www.youtube.com/@alghad
adduser admin salma 'سلمى'
S=$TMP/jar.salma
login "$S" salma

# extract ASSERTIONS: run extruct on $TMP/body (json-ld and opengraph), then
# the Python assertions with ld (the JSON-LD items), og (a dict of lists of
# Open Graph values), html (the page) and SITE; passes when none fails.
extract() {
    SITE=$SITE /usr/bin/python3 - "$TMP/body" "$1" <<'PY'
import extruct, os, re, sys
html = open(sys.argv[1], encoding='utf-8').read()
d = extruct.extract(html, base_url=os.environ['SITE'] + '/', syntaxes=['json-ld', 'opengraph'],
                    uniform=False)
ld = d['json-ld']
og = {}
for block in d['opengraph']:
    for k, v in block['properties']:
        og.setdefault(k, []).append(v)
SITE = os.environ['SITE']
exec(sys.argv[2])
PY
}
# has_meta TEXT: the page has TEXT (a whole <meta> or <link> tag).
has_meta() { grep -qF -- "$1" "$TMP/body"; }

# ---- the home page ----
fetch '/?utm_source=newsletter&utm_medium=email'
expect_status 200 "the home page"
check "canonical without the query" has_meta "<link rel=\"canonical\" href=\"$SITE/\">"
body_has '<meta name="description" content="أخبار العالم والمنطقة' "the site's description"
body_lacks 'name="robots"' "the home page is indexed"
valid_html "the home page with its metadata"
extract '
t = {x["@type"]: x for x in ld}
assert set(t) == {"WebSite", "NewsMediaOrganization"}, list(t)
w = t["WebSite"]
assert w["url"] == SITE + "/", w
assert w["name"] == "صحيفة الغد", w
a = w["potentialAction"]
assert a["@type"] == "SearchAction", a
assert a["target"] == SITE + "/search?q={search_term_string}", a
assert a["query-input"] == "required name=search_term_string", a
o = t["NewsMediaOrganization"]
assert o["name"] == "صحيفة الغد" and o["url"] == SITE + "/", o
assert o["sameAs"] == ["https://x.com/alghad", "https://www.youtube.com/@alghad"], o
assert "logo" not in o, o
assert og["og:type"] == ["website"], og
assert og["og:url"] == [SITE + "/"], og
assert og["og:site_name"] == ["صحيفة الغد"], og
assert og["og:locale"] == ["ar_AR"], og
assert og["og:title"] == ["صحيفة الغد"], og
' && ok || fail "home page: JSON-LD and Open Graph"

# a forged Host changes nothing
fetch / -H 'Host: evil.example'
body_lacks 'evil.example' "a forged Host header is never in the page"
check "canonical from the setting" has_meta "<link rel=\"canonical\" href=\"$SITE/\">"
check "og:url from the setting" has_meta "<meta property=\"og:url\" content=\"$SITE/\">"

# ---- lists, search, the newsroom ----
fetch '/latest?page=2&utm_campaign=x'
expect_status 200 "page 2 of the latest"
check "a list keeps ?page=N" has_meta "<link rel=\"canonical\" href=\"$SITE/latest?page=2\">"
fetch '/section/world?page=1'
check "page 1 is the list itself" has_meta "<link rel=\"canonical\" href=\"$SITE/section/world\">"
body_lacks 'name="robots"' "a section is indexed"
fetch '/search?q=%D9%85%D8%B3%D9%82%D8%B7'
expect_status 200 "search"
body_has '<meta name="robots" content="noindex">' "search results are not indexed"
valid_html "search with its metadata"
for p in /admin/ /admin/articles /admin/settings /admin/login; do
    get "$S" "$p"
    body_has '<meta name="robots" content="noindex' "the newsroom's $p is not indexed"
done
fetch /article/999999/x
expect_status 404 "a missing article"
body_lacks 'rel="canonical"' "an error page has no canonical URL"
body_has '<meta name="robots" content="noindex">' "nor is indexed"

# ---- an article with a featured image, through the newsroom ----
mkpng "$TMP/photo.png" 1400 800
upload "$S" "$TMP/photo.png" 'ميناء مسقط عند الفجر'
expect_status 303 "the photo uploaded"
MID=$(sql "SELECT max(id) FROM media")
HASH=$(sql "SELECT hash FROM media WHERE id=$MID")
get "$S" /admin/articles/new
TITLE='ميثاق الملاحة في بحر العرب'
fetch /admin/articles/save -c "$S" -b "$S" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_of)" \
    -d action=publish --data-urlencode "title=$TITLE" \
    --data-urlencode 'lede=وفود تسع دول تبحث سلامة السفن.' --data-urlencode 'body=نص الخبر.' \
    -d section=world --data-urlencode 'tags=الملاحة، التجارة' -d "image=$MID"
expect_status 303 "the article published"
AID=$(sql "SELECT max(id) FROM article")
fetch "/article/$AID"
URL=$(location)
fetch "$URL?utm_source=x&utm_medium=y" -H 'Host: evil.example'
expect_status 200 "the article"
CANON=$SITE$URL
check "canonical: absolute, without the query" has_meta "<link rel=\"canonical\" href=\"$CANON\">"
body_lacks 'evil.example' "a forged Host header is never in the article"
body_has '<meta name="description" content="وفود تسع دول تبحث سلامة السفن.">' "the lede as description"
body_has '<meta name="twitter:card" content="summary_large_image">' "a large card with an image"
valid_html "the article with its metadata"
CANON=$CANON HASH=$HASH TITLE=$TITLE extract '
C, H = os.environ["CANON"], os.environ["HASH"]
t = {x["@type"]: x for x in ld}
assert set(t) == {"NewsArticle", "BreadcrumbList"}, list(t)
a = t["NewsArticle"]
assert a["headline"] == os.environ["TITLE"], a["headline"]
assert a["description"] == "وفود تسع دول تبحث سلامة السفن.", a
assert a["mainEntityOfPage"]["@id"] == C, a
assert a["inLanguage"] == "ar" and a["articleSection"] == "أخبار عالمية", a
assert a["keywords"] == ["الملاحة", "التجارة"], a["keywords"]
iso = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00$"    # the offset of Asia/Riyadh
assert re.match(iso, a["datePublished"]) and re.match(iso, a["dateModified"]), a
# the 16:9, 4:3 and 1:1 crops Google asks for, from a 1400x800 picture
assert a["image"] == [SITE + "/media/" + H + x for x in
                      ("-1200x675.jpg", "-1067x800.jpg", "-800x800.jpg")], a["image"]
p = a["publisher"]
assert p["@type"] == "NewsMediaOrganization" and p["name"] == "صحيفة الغد", p
b = t["BreadcrumbList"]["itemListElement"]
assert [x["position"] for x in b] == [1, 2, 3], b
assert [x["item"] for x in b] == [SITE + "/", SITE + "/section/world", C], b
assert b[2]["name"] == os.environ["TITLE"], b
assert og["og:type"] == ["article"] and og["og:url"] == [C], og
assert og["og:title"] == [os.environ["TITLE"]], og
assert og["og:site_name"] == ["صحيفة الغد"] and og["og:locale"] == ["ar_AR"], og
assert og["og:image"] == [SITE + "/media/" + H + "-1200x630.jpg"], og
assert og["og:image:width"] == ["1200"] and og["og:image:height"] == ["630"], og
assert og["og:image:alt"] == ["ميناء مسقط عند الفجر"], og
assert og["article:section"] == ["أخبار عالمية"], og
assert og["article:tag"] == ["الملاحة", "التجارة"], og
assert re.match(iso, og["article:published_time"][0]), og
assert re.match(iso, og["article:modified_time"][0]), og
assert og["article:published_time"] == [a["datePublished"]], og
assert og["article:modified_time"] == [a["dateModified"]], og
' && ok || fail "article: JSON-LD and Open Graph"
body_has "<meta name=\"twitter:image\" content=\"$SITE/media/$HASH-1200x630.jpg\">" "the card's picture"
for f in 1200x630 1200x675 1067x800 800x800; do
    fetch "/media/$HASH-$f.jpg"
    expect_status 200 "the $f crop is served"
    header_has 'content-type: image/jpeg' "the $f crop is a JPEG"
done
# images stored before the crops existed: `media rebuild` makes them
rm -f "$MEDIA/$HASH-"*x*.jpg
fetch "/media/$HASH-1200x630.jpg"
expect_status 404 "the card crop removed"
"$AKHBAR" media rebuild --db "$DB" $(media_opt) >"$TMP/out" 2>"$TMP/err"
check "media rebuild succeeds" test $? -eq 0
NIMG=$(sql "SELECT count(*) FROM media")       # the demo's pictures and this upload
check "media rebuild counts what it made" grep -q "^$NIMG images: 4 files made for 1 of them, 0 failed\$" "$TMP/out"
fetch "/media/$HASH-1200x630.jpg"
expect_status 200 "the card crop made again"
"$AKHBAR" media rebuild --db "$DB" $(media_opt) >"$TMP/out" 2>"$TMP/err"
check "a second rebuild makes nothing" grep -q "^$NIMG images: 0 files made for 0 of them, 0 failed\$" "$TMP/out"

# ---- the logo setting reaches the publisher ----
"$AKHBAR" config set --db "$DB" logo "$MID"
fetch /
extract '
o = [x for x in ld if x["@type"] == "NewsMediaOrganization"][0]
assert o["logo"]["@type"] == "ImageObject", o
assert o["logo"]["url"].startswith(SITE + "/media/") and o["logo"]["url"].endswith(".jpg"), o
' && ok || fail "home page: the organization's logo"

# ---- a hostile title, imported ----
HOSTILE='عاجل </script><script>alert(1)</script> "اقتباس" & <!-- تعليق'
/usr/bin/python3 -c 'import json, sys; print(json.dumps({"title": sys.argv[1], "slug": "hostile",
    "lede": sys.argv[1], "body": "نص.", "section": "world", "tags": [sys.argv[1]],
    "author": "كاتب \"مقتبس\" </script>"}, ensure_ascii=False))' "$HOSTILE" >"$TMP/h.ndjson"
"$AKHBAR" import --db "$DB" $(media_opt) --format ndjson "$TMP/h.ndjson" 2>"$TMP/err"
check "the hostile article imported" test $? -eq 0
HID=$(sql "SELECT id FROM article WHERE slug='hostile'")
fetch "/article/$HID/hostile"
expect_status 200 "the hostile article"
body_lacks '<script>alert(1)' "no script injected"
check "one </script> per script" test "$(grep -c '</script>' "$TMP/body")" -eq "$(grep -c '<script' "$TMP/body")"
valid_html "the hostile article"
TITLE=$HOSTILE extract '
t = {x["@type"]: x for x in ld}
a = t["NewsArticle"]
T = os.environ["TITLE"]
assert a["headline"] == T and a["description"] == T, a
assert a["keywords"] == [T], a
assert a["author"] == {"@type": "Person", "name": "كاتب \"مقتبس\" </script>"}, a
assert t["BreadcrumbList"]["itemListElement"][2]["name"] == T
assert og["og:title"] == [T] and og["article:tag"] == [T], og
' && ok || fail "hostile title: exact in JSON-LD and Open Graph"
# the article without an image: a summary card, no og:image
fetch "/article/$HID/hostile"
body_has '<meta name="twitter:card" content="summary">' "a summary card without an image"
body_lacks 'og:image' "no og:image without an image"
# The timezone setting, made by another process, moves the dates' offset
# as soon as the change reaches the page cache (fetch_fresh; the default zone
# is Asia/Riyadh, +03:00).
fetch "/article/$HID/hostile"
grep -q 'property="article:published_time" content="[^"]*+03:00"' "$TMP/body" && ok ||
    fail "the default zone's offset, +03:00"
"$AKHBAR" config set --db "$DB" timezone Africa/Casablanca
"$AKHBAR" config set --db "$DB" timezone Asia/Tokyo
fetch_fresh '+09:00"' "/article/$HID/hostile"
grep -q 'property="article:published_time" content="[^"]*+09:00"' "$TMP/body" && ok ||
    fail "the timezone setting's offset, +09:00"
finish
