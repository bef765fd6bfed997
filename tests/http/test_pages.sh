# Public pages of the demo site: status, key elements, escaping, caching.
. tests/http/lib.sh
start_server --demo

fetch /
expect_status 200 "home"
body_has '<html lang="ar" dir="rtl">' "home is Arabic RTL"
body_has 'آخر الأخبار' "home has latest news"
body_has 'أخبار عالمية' "home has the world section"
body_has 'class="lead"' "home has a lead story"
body_has '/section/economy' "home links to a section"
body_lacks 'أخر الاخبار' "no misspelt heading"
header_has 'content-type: text/html; charset=utf-8' "home content type"
header_has 'etag:' "home has an etag"
header_has 'content-security-policy:' "home has a CSP"
valid_html "home"
# the news itself (the ticker and the sidebar list some of the same stories)
dups=$(sed -n '/<div class="primary">/,/<aside class="side"/p' "$TMP/body" |
       grep -o 'href="/article/[0-9]*/' | sort | uniq -d | wc -l)
check "no story twice on the home page" test "$dups" -eq 0
etag=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *//p' "$TMP/headers" | tr -d '\r')
fetch / -H "If-None-Match: $etag"
expect_status 304 "home revalidates with its etag"

fetch /latest
expect_status 200 "latest"
body_has '<h1 class="page-title">آخر الأخبار</h1>' "latest heading"
body_has 'rel="next"' "latest is paginated (30 articles, 20 a page)"
valid_html "latest"
fetch '/latest?page=2'
expect_status 200 "latest page 2"
body_has 'rel="prev"' "page 2 links back"
fetch '/latest?page=99'
expect_status 404 "latest past the last page"
fetch '/latest?page=abc'
expect_status 404 "latest with a bad page number"

fetch /section/world
expect_status 200 "section"
body_has 'أخبار عالمية' "section name"
body_has 'aria-current="page">أخبار عالمية' "current section marked in the navigation"
valid_html "section"
fetch /section/no-such-section
expect_status 404 "unknown section"
body_has 'الصفحة غير موجودة' "404 page in Arabic"
body_has 'dir="rtl"' "404 page is RTL"
valid_html "404 page"

# /article/ID redirects to the canonical URL, its slug percent-encoded.
fetch /article/1
expect_status 301 "article id redirects"
loc=$(sed -n 's/^[Ll]ocation: *//p' "$TMP/headers" | tr -d '\r')
case "$loc" in /article/1/%D[89]%*) ok ;; *) fail "canonical location is percent-encoded Arabic: $loc" ;; esac
fetch "$loc"
expect_status 200 "canonical article"
body_has '<h1 id="headline" class="headline">' "headline in h1"
body_has 'class="lede"' "lede"
body_has '<h2>' "subheadings as h2"
body_has 'مقالات ذات صلة' "related articles"
body_has 'اترك ردًا' "comment form title"
body_has 'href="#top"' "back-to-top link"
body_has 'زر الذهاب إلى الأعلى' "back-to-top label"
body_has 'class="crumbs"' "breadcrumbs"
body_has 'datetime="20' "machine-readable date"
body_has 'هـ' "Hijri date"
body_has 'name="token"' "comment form token"
body_lacks "href=\"$loc\"><" "no link to itself in related"
valid_html "article"
# The related block never lists the article itself.
sed -n '/class="related"/,/<\/section>/p' "$TMP/body" > "$TMP/related"
if grep -qF "href=\"$loc\"" "$TMP/related"; then fail "related lists the article itself"; else ok; fi
# A wrong slug redirects to the right one.
fetch /article/1/wrong-slug
expect_status 301 "wrong slug redirects"
fetch /article/abc/x
expect_status 404 "non-numeric id"
fetch /article/999999/x
expect_status 404 "missing article"
fetch /article/99999999999999999999/x
expect_status 404 "huge id"

# Tag pages exist for the article's tags.
fetch "$loc"
tag=$(grep -o 'href="/tag/[^"]*"' "$TMP/body" | head -n 1 | sed 's/href="//; s/"$//')
fetch "$tag"
expect_status 200 "tag page $tag"
body_has 'الوسم:' "tag heading"

fetch /static/style.css
expect_status 200 "stylesheet"
header_has 'content-type: text/css' "stylesheet type"
header_has 'cache-control: public, max-age=86400' "stylesheet cached"
fetch /static/nope.css
expect_status 404 "unknown asset"
fetch /static/article.html
expect_status 404 "templates are not assets"

fetch / -I
expect_status 200 "HEAD /"
fetch / -X DELETE
expect_status 405 "unknown method"
fetch /latest -X POST -d x=1
expect_status 405 "POST to a GET route"

# The access log has one line per request, in the Combined Log Format.
if grep -qE '^127\.0\.0\.1 - - \[[^]]+\] "GET /latest HTTP/1\.1" 200 [0-9]+ "-" "curl/[^"]+"$' \
    "$TMP/access.log"
then ok; else fail "access log in the Combined Log Format"; fi

# SIGTERM stops the server cleanly.
stop_server
if [ "$SERVER_STATUS" -eq 0 ]; then ok; else fail "server exit status $SERVER_STATUS after SIGTERM"; fi
finish
