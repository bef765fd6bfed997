# Found on the open web: robots.txt, the sitemaps and the Google News
# sitemap (validated with xmllint against ../shared/schemas), the feeds
# (parsed with Debian's python3-feedparser), absolute URLs from the url
# setting whatever the Host header says, revalidation (ETag, Last-Modified),
# feed autodiscovery, and only published articles, each exactly once.
. tests/http/lib.sh
start_server --demo
S=../shared/schemas
PY=/usr/bin/python3
"$AKHBAR" config set --db "$DB" url https://example.test >/dev/null
check "url setting" test "$("$AKHBAR" config get --db "$DB" url)" = https://example.test

# ---- autodiscovery ----
fetch /
body_has '<link rel="alternate" type="application/rss+xml" title="أخبار" href="/feed">' "home: RSS autodiscovery"
body_has '<link rel="alternate" type="application/atom+xml" title="أخبار" href="/feed/atom">' "home: Atom autodiscovery"
valid_html "home with feed links"
fetch "/section/economy"
body_has 'href="/feed"' "section page: the site's feed"
body_has "type=\"application/rss+xml\" title=\"أخبار: اقتصاد\" href=\"/section/economy/feed\"" "section page: its RSS"
body_has "href=\"/section/economy/feed/atom\"" "section page: its Atom"
valid_html "section with feed links"

# A hostile title (&, <, ]]>, U+FFFE; the form feed below) and body, published now.
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
printf '%s\n' "{\"title\": \"عنوان & <b>وسم</b> ]]> فاصل هنا \\ufffe نهاية\", \"lede\": \"مقدمة & <i>\", \"body\": \"نص ]]> و <script>x</script>\", \"section\": \"economy\", \"tags\": [\"وسم & خطر\"], \"author\": \"كاتب <ب>\", \"published_at\": \"$NOW\"}" \
    >"$TMP/hostile.ndjson"
check "hostile import" "$AKHBAR" import --db "$DB" $(media_opt) --format ndjson "$TMP/hostile.ndjson"
HID=$(sql "SELECT max(id) FROM article")
# The importer refuses control characters in a title, lede or body; one
# that reached the database another way (an older version, a restored dump)
# still must not break a feed: put a form feed in the stored title and body.
# (On SQLite the search index's triggers need the server's tokenizer, which
# sqlite3 lacks: set them aside for the update. PostgreSQL's only mark the
# article for the server's indexer.)
printf '%s\n' '{"title": "عنوان\fفاصل", "body": "نص", "section": "economy"}' >"$TMP/ff.ndjson"
check "the importer refuses a form feed in a title" sh -c "! '$AKHBAR' import --db '$DB' $(media_opt) --format ndjson '$TMP/ff.ndjson' 2>/dev/null"
if on_pg; then
    sql "UPDATE article SET title=replace(title, 'فاصل', 'فاصل' || chr(12)), body_html=body_html || chr(12) WHERE id=$HID"
else {
    echo "BEGIN;"
    sql "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type='trigger' AND tbl_name='article'"
    echo "UPDATE article SET title=replace(title, 'فاصل', 'فاصل' || char(12)), body_html=body_html || char(12) WHERE id=$HID;"
    sql "SELECT sql || ';' FROM sqlite_master WHERE type='trigger' AND tbl_name='article'"
    echo "COMMIT;"
} | sql
fi
sql "SELECT title FROM article WHERE id=$HID" >"$TMP/title"
check "the stored title has a form feed" grep -q "$(printf '\f')" "$TMP/title"
# The HTML pages drop what HTML cannot hold (the form feed, U+FFFE) too.
fetch /latest
valid_html "a list with the hostile title"
body_lacks "$(printf '\357\277\276')" "no U+FFFE on the page"
check "the stored title keeps & < ]]>" grep -qF '& <b>وسم</b> ]]>' "$TMP/title"

# Articles that no sitemap or feed may show: a draft, one in review, a
# scheduled one, an unpublished one, and one "published" in the future.
NOW_S=$(date +%s)
IDS=$(sql "SELECT id FROM article WHERE status=3 AND id<>$HID ORDER BY id LIMIT 5")
set -- $IDS
sql "UPDATE article SET status=0 WHERE id=$1; UPDATE article SET status=1 WHERE id=$2;
     UPDATE article SET status=2, published_at=$NOW_S+86400 WHERE id=$3;
     UPDATE article SET status=4 WHERE id=$4;
     UPDATE article SET published_at=$NOW_S+3600 WHERE id=$5"
HIDDEN="$1 $2 $3 $4 $5"
# One published article just past the news sitemap's 48 hours.
OLD=$(sql "SELECT id FROM article WHERE status=3 AND published_at<=$NOW_S AND id<>$HID ORDER BY published_at DESC LIMIT 1")
sql "UPDATE article SET published_at=$NOW_S-49*3600 WHERE id=$OLD"

# ---- robots.txt ----
fetch /robots.txt
expect_status 200 "robots.txt"
header_has 'content-type: text/plain; charset=utf-8' "robots.txt content type"
for line in 'User-agent: *' 'Disallow: /admin' 'Disallow: /search' \
    'Sitemap: https://example.test/sitemap.xml' 'Sitemap: https://example.test/sitemap-news.xml'; do
    check "robots.txt has '$line'" grep -qxF -- "$line" "$TMP/body"
done
check "robots.txt: every line is a known field or blank" \
    sh -c "! grep -vxE '(User-agent: \*|Disallow: /[a-z]+|Sitemap: https://example\.test/[a-z-]+\.xml|)' '$TMP/body'"

# ---- the sitemaps ----
fetch /sitemap.xml
expect_status 200 "sitemap index"
header_has 'content-type: application/xml; charset=utf-8' "sitemap content type"
header_has 'last-modified:' "sitemap index has Last-Modified"
check "sitemap index valid" xmllint --noout --schema "$S/siteindex.xsd" "$TMP/body"
cp "$TMP/body" "$TMP/index.xml"
grep -o '<loc>[^<]*</loc>' "$TMP/index.xml" | sed 's/<[^>]*>//g' >"$TMP/locs"
check "index lists the pages sitemap" grep -qxF https://example.test/sitemap-pages.xml "$TMP/locs"
check "index lists the news sitemap" grep -qxF https://example.test/sitemap-news.xml "$TMP/locs"
check "index lists month sitemaps" grep -qE '^https://example\.test/sitemap-[0-9]{4}-[0-9]{2}\.xml$' "$TMP/locs"
check "every loc is absolute from the url setting" sh -c "! grep -v '^https://example.test/' '$TMP/locs'"
: >"$TMP/urls"
while read -r loc; do
    path=${loc#https://example.test}
    fetch "$path"
    expect_status 200 "$path"
    case $path in
        /sitemap-news.xml) check "$path valid" xmllint --noout --schema "$S/news-urlset.xsd" "$TMP/body" ;;
        *) check "$path valid" xmllint --noout --schema "$S/sitemap.xsd" "$TMP/body"
           case $path in /sitemap-pages.xml) ;; *) grep -o '<loc>[^<]*</loc>' "$TMP/body" >>"$TMP/urls" ;; esac ;;
    esac
done <"$TMP/locs"
sed -n 's|^<loc>https://example.test/article/\([0-9]*\)/.*</loc>$|\1|p' "$TMP/urls" | sort -n >"$TMP/ids"
NOW_S=$(date +%s)
sql "SELECT id FROM article WHERE status=3 AND published_at<=$NOW_S ORDER BY id" >"$TMP/want"
check "month sitemaps: only article URLs" test "$(wc -l <"$TMP/urls")" -eq "$(wc -l <"$TMP/ids")"
check "every published article exactly once across the month sitemaps" cmp -s "$TMP/ids" "$TMP/want"
check "the hostile article is listed" grep -qx "$HID" "$TMP/ids"
for id in $HIDDEN; do check "article $id (not published) is in no sitemap" sh -c "! grep -qx $id '$TMP/ids'"; done

fetch /sitemap-pages.xml
body_has '<loc>https://example.test/</loc>' "pages sitemap has the home page"
body_has '<loc>https://example.test/latest</loc>' "pages sitemap has /latest"
body_has '<loc>https://example.test/section/economy</loc>' "pages sitemap has a section"
body_has '<loc>https://example.test/tag/' "pages sitemap has tags"
# the published static pages (the demo has three) and the public authors
sql "SELECT 'page', slug FROM page WHERE published=1 UNION ALL
     SELECT 'author', slug FROM profile WHERE slug<>''" >"$TMP/people"
check "the demo has published static pages" test "$(grep -c '^page|' "$TMP/people")" -ge 3
while IFS='|' read -r kind slug; do
    enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$slug")
    body_has "<loc>https://example.test/$kind/$enc</loc>" "pages sitemap lists /$kind/$slug"
done <"$TMP/people"
sql "SELECT slug FROM page WHERE published=0" | while read -r slug; do
    body_lacks "/page/$slug<" "an unpublished page is not listed"
done

for p in /sitemap-2026-13.xml /sitemap-2026-1.xml /sitemap-1999-01.xml /sitemap-2026-11-1.xml \
    /sitemap-2026-11-02.xml /sitemap-2026-11.xml.gz /sitemap-+026-11.xml /no-such-page; do
    fetch "$p"
    expect_status 404 "$p"
done
MONTH=$(date -u -d "@$(sql "SELECT max(published_at) FROM article WHERE status=3 AND published_at<=$NOW_S")" +%Y-%m)
fetch "/sitemap-$MONTH-2.xml"
expect_status 404 "a month's page past its last"
fetch "/sitemap-$MONTH.xml"
body_has '<lastmod>' "month sitemap has lastmod"

# ---- the Google News sitemap: the last 48 hours only ----
fetch /sitemap-news.xml
check "news sitemap valid" xmllint --noout --schema "$S/news-urlset.xsd" "$TMP/body"
NOW_S=$(date +%s)
WANT=$(sql "SELECT count(*) FROM article WHERE status=3 AND published_at<=$NOW_S AND published_at>$NOW_S-48*3600")
check "news sitemap: the articles of the last 48 hours ($WANT)" $PY - "$TMP/body" "$WANT" "$OLD" "$HID" <<'EOF'
import sys, datetime, xml.etree.ElementTree as ET
ns = {'s': 'http://www.sitemaps.org/schemas/sitemap/0.9',
      'n': 'http://www.google.com/schemas/sitemap-news/0.9'}
root = ET.parse(sys.argv[1]).getroot()
urls = root.findall('s:url', ns)
now = datetime.datetime.now(datetime.timezone.utc)
ids = []
for u in urls:
    loc = u.find('s:loc', ns).text
    assert loc.startswith('https://example.test/article/'), loc
    ids.append(loc.split('/')[4])
    d = datetime.datetime.fromisoformat(u.find('n:news/n:publication_date', ns).text.replace('Z', '+00:00'))
    assert now - d <= datetime.timedelta(hours=48, minutes=1), d
    assert u.find('n:news/n:publication/n:name', ns).text == 'أخبار'
    assert u.find('n:news/n:publication/n:language', ns).text == 'ar'
    assert u.find('n:news/n:title', ns).text
assert len(urls) == int(sys.argv[2]) and len(urls) <= 1000, (len(urls), sys.argv[2])
assert sys.argv[3] not in ids and sys.argv[4] in ids
EOF

# ---- the feeds ----
SEC=economy
TAG=$(sql "SELECT t.slug FROM tag t JOIN article_tag x ON x.tag_id=t.id WHERE x.article_id=$HID LIMIT 1")
for f in /feed /feed/atom "/section/$SEC/feed" "/section/$SEC/feed/atom" "/tag/$TAG/feed" "/tag/$TAG/feed/atom"; do
    fetch "$f"
    expect_status 200 "$f"
    case $f in
        */atom) header_has 'content-type: application/atom+xml; charset=utf-8' "$f content type" ;;
        *) header_has 'content-type: application/rss+xml; charset=utf-8' "$f content type" ;;
    esac
    header_has 'last-modified:' "$f has Last-Modified"
    sql "SELECT title FROM article WHERE id=$HID" >"$TMP/title"
    check "$f parses with feedparser: no bozo, dates, absolute links, the hostile title" \
        $PY - "$TMP/body" "$TMP/title" "$f" <<'EOF'
import sys, feedparser
d = feedparser.parse(open(sys.argv[1], 'rb').read())
assert not d.bozo, d.get('bozo_exception')
want = open(sys.argv[2], encoding='utf-8').read().rstrip('\n')
want = ''.join(c for c in want if c not in '\f\ufffe')
assert '&' in want and '<b>' in want and ']]>' in want
assert 0 < len(d.entries) <= 20, len(d.entries)
from urllib.parse import quote
path = quote(sys.argv[3].rsplit('/feed', 1)[0] or '/')
assert d.feed.link == 'https://example.test' + path, d.feed.link
selfs = [l.href for l in d.feed.get('links', []) if l.rel == 'self']
assert selfs == ['https://example.test' + quote(sys.argv[3])], selfs
for e in d.entries:
    assert e.link.startswith('https://example.test/article/'), e.link
    assert e.published_parsed and e.updated_parsed, e.link
    assert e.get('tags'), 'categories'
    assert e.get('content') and e.content[0].value, 'full content'
hostile = [e for e in d.entries if e.link == d.entries[0].link]
assert d.entries[0].title == want, (d.entries[0].title, want)
assert d.entries[0].author
assert '<script>' not in d.entries[0].content[0].value
EOF
    check "$f: no forbidden character" $PY -c "import sys; b=open(sys.argv[1],'rb').read().decode(); sys.exit(any(c in b for c in '\f\ufffe'))" "$TMP/body"
done
fetch /feed
check "RSS has content:encoded and dc:creator" sh -c "grep -q '<content:encoded>' '$TMP/body' && grep -q '<dc:creator>' '$TMP/body'"
check "RSS guid is the permalink" grep -q '<guid isPermaLink="true">https://example.test/article/' "$TMP/body"

# The featured image: an image uploaded in the newsroom, on the hostile
# article; each feed points at its JPEG variant, which the site serves.
$PY - "$TMP/photo.png" <<'EOF2'
import struct, sys, zlib
w, h = 640, 360
rows = b''.join(b'\x00' + b''.join(bytes((x * 255 // w, y * 255 // h, 90)) for x in range(w)) for y in range(h))
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                              + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))
EOF2
adduser admin salma 'سلمى'
login "$TMP/jar" salma
get "$TMP/jar" /admin/media
CSRF=$(csrf_of)
get "$TMP/jar" /admin/media -H "Origin: $BASE" -F "csrf=$CSRF" -F "file=@$TMP/photo.png" -F "alt=صورة & <وصف>"
expect_status 303 "image upload"
IMG=$(sql "SELECT hash FROM media ORDER BY id DESC LIMIT 1")
sql "UPDATE article SET image_id=(SELECT max(id) FROM media) WHERE id=$HID"
# (the demo's own pictures are in the feed already: wait for this one)
fetch_fresh "/media/$IMG-" /feed
check "RSS: the featured image as an absolute JPEG" grep -q "<media:content url=\"https://example.test/media/$IMG-[0-9]*\.jpg\"" "$TMP/body"
JPG=$(grep -o "https://example.test/media/$IMG-[0-9]*\.jpg" "$TMP/body" | head -n 1)
fetch "${JPG#https://example.test}"
expect_status 200 "the feed's image is served"
header_has 'content-type: image/jpeg' "the feed's image is a JPEG"
fetch_fresh "$JPG" /feed/atom
check "Atom: the featured image as an enclosure" grep -q "rel=\"enclosure\"[^>]*href=\"$JPG\"\|href=\"$JPG\"[^>]*rel=\"enclosure\"" "$TMP/body"

# ---- absolute URLs never from the Host header; revalidation ----
for p in /feed /feed/atom /sitemap.xml /sitemap-news.xml /robots.txt "/section/$SEC/feed"; do
    fetch "$p"
    cp "$TMP/body" "$TMP/plain"
    etag=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *//p' "$TMP/headers" | tr -d '\r')
    lm=$(sed -n 's/^[Ll]ast-[Mm]odified: *//p' "$TMP/headers" | tr -d '\r')
    fetch "$p" -H "Host: evil.example" -H "X-Forwarded-Host: evil.example"
    check "$p: a forged Host changes nothing" cmp -s "$TMP/plain" "$TMP/body"
    check "$p: no forged host in it" sh -c "! grep -q evil.example '$TMP/body'"
    fetch "$p" -H "If-None-Match: $etag"
    expect_status 304 "$p: 304 on If-None-Match"
    if [ -n "$lm" ]; then
        fetch "$p" -H "If-Modified-Since: $lm"
        expect_status 304 "$p: 304 on If-Modified-Since"
        fetch "$p" -H "If-Modified-Since: Thu, 01 Jan 1970 00:00:01 GMT"
        expect_status 200 "$p: 200 when modified since"
        fetch "$p" -H "If-Modified-Since: $lm" -H 'If-None-Match: "other"'
        expect_status 200 "$p: If-None-Match wins over If-Modified-Since"
    fi
done

# ---- unknown section or tag: the Arabic 404 ----
for p in /section/no-such-section/feed /section/no-such-section/feed/atom /tag/no-such-tag/feed; do
    fetch "$p"
    expect_status 404 "$p"
    body_has 'lang="ar"' "$p: the Arabic error page"
done

fetch "/tag/$TAG"
TAGU=$($PY -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$TAG")
body_has "href=\"/tag/$TAGU/feed\"" "tag page: its RSS"
fetch "/article/$HID"
ART=$(location)
fetch "$ART"
body_has 'href="/feed"' "article page: the site's feed"
finish
