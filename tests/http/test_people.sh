# Public profiles, authors' pages and static pages (issue 9): each user edits
# their own profile at /admin/profile, the admin anyone's, an author no one
# else's (403); /author/SLUG shows the name, bio, photo and the author's
# published articles, paginated, and 404s for an unknown slug or a disabled
# user without articles; bylines link to it only for newsroom articles with a
# public profile. Static pages are managed by admins and editors at
# /admin/pages, served at /page/SLUG when published, and linked from every
# public page's footer.
. tests/http/lib.sh
start_server --demo
adduser admin boss 'المدير'
adduser editor ed 'محرر'
adduser author amal 'أمل'
adduser author sami 'سامي'
adduser moderator mod 'مشرف'
B=$TMP/jar.boss; E=$TMP/jar.ed; A=$TMP/jar.amal; S=$TMP/jar.sami; M=$TMP/jar.mod
login "$B" boss; login "$E" ed; login "$A" amal; login "$S" sami; login "$M" mod
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
# post JAR PATH [curl options]: a newsroom POST with JAR's token from its
# last page (fetched first from TOKEN_FROM, default /admin/profile).
post() {
    pjar=$1; ppath=$2; shift 2
    get "$pjar" "${TOKEN_FROM:-/admin/profile}"
    tok=$(csrf_of)
    fetch "$ppath" -c "$pjar" -b "$pjar" -H "Origin: $BASE" --data-urlencode "csrf=$tok" "$@"
}
uid() { sql "SELECT id FROM \"user\" WHERE login='$1'"; }

# ---- the demo's static pages in every public page's footer ----
fetch /
expect_status 200 "the home page"
body_has '<a href="/page/about">من نحن</a>' "the footer links من نحن"
body_has '<a href="/page/contact">اتصل بنا</a>' "the footer links اتصل بنا"
body_has '<a href="/page/privacy">سياسة الخصوصية</a>' "the footer links سياسة الخصوصية"
valid_html "the home page with its footer pages"
fetch /page/about
expect_status 200 "من نحن"
body_has '<h1 id="page-title" class="headline">من نحن</h1>' "its title"
body_has '<strong>أخبار</strong>' "its Markdown rendered"
body_has 'lang="ar" dir="rtl"' "in Arabic, right to left"
valid_html "a static page"
fetch /page/privacy
body_has '<h2>ما نجمعه</h2>' "the privacy page's headings"
valid_html "the privacy page"
fetch /page/no-such-page
expect_status 404 "an unknown page"

# ---- a user's own profile ----
get "$A" /admin/profile
expect_status 200 "amal's profile form"
body_has 'ملفي العام' "titled as her own"
body_has 'value="أمل"' "her display name filled in"
valid_html "the profile form"
get "$A" /admin/profile
fetch /admin/profile -c "$A" -b "$A" -H "Origin: $BASE" --data-urlencode "name=أمل علي"
expect_status 403 "a profile save without the session token"
post "$A" /admin/profile --data-urlencode "name=أمل علي" \
    --data-urlencode "bio=صحفية تكتب عن المناخ والمياه.
تعمل في الموقع منذ 2020."
expect_status 303 "amal saves her profile"
AMAL=$(sql "SELECT slug FROM profile WHERE user_id=$(uid amal)")
check "the slug is made from the name" test "$AMAL" = "أمل-علي"
check "the display name is saved" test "$(sql "SELECT name FROM \"user\" WHERE login='amal'")" = "أمل علي"
check "audited" test "$(sql "SELECT count(*) FROM audit WHERE action='profile.save' AND target='amal' AND login='amal'")" = 1
post "$A" /admin/profile --data-urlencode "name=أمل علي" --data-urlencode "bio=$(printf 'ب%.0s' $(seq 601))"
expect_status 400 "a bio over 600 characters"
body_has 'النبذة أطول من 600 حرف.' "says so in Arabic"
body_has 'lang="ar"' "on an Arabic page"
post "$A" /admin/profile --data-urlencode "name=أمل علي" -d photo=999
expect_status 400 "a photo that is not in the library"
body_has 'لا توجد صورة بهذا الرقم' "says so"
post "$A" /admin/profile --data-urlencode "name=	"
expect_status 400 "an empty name"

# ---- another's profile: the admin may, an author may not ----
get "$A" "/admin/profile?login=sami"
expect_status 403 "an author opens another's profile"
post "$A" /admin/profile -d login=sami --data-urlencode "name=منتحل"
expect_status 403 "an author saves another's profile"
check "sami's name is unchanged" test "$(sql "SELECT name FROM \"user\" WHERE login='sami'")" = "سامي"
get "$E" "/admin/profile?login=sami"
expect_status 403 "an editor opens another's profile"
get "$B" /admin/people
body_has 'href="/admin/profile?login=sami"' "the people page links each profile"
get "$B" "/admin/profile?login=sami"
expect_status 200 "the admin opens sami's profile"
body_has 'name="login" value="sami"' "the form names whose it is"
valid_html "another's profile form"
TOKEN_FROM="/admin/profile?login=sami" post "$B" /admin/profile -d login=sami \
    --data-urlencode "name=سامي خليل" -d slug=Sami-Khalil --data-urlencode "bio=مراسل رياضي."
expect_status 303 "the admin saves sami's profile"
check "a given slug is made a slug" test "$(sql "SELECT slug FROM profile WHERE user_id=$(uid sami)")" = sami-khalil
check "audited as the admin's" test "$(sql "SELECT count(*) FROM audit WHERE action='profile.save' AND target='sami' AND login='boss'")" = 1
post "$A" /admin/profile --data-urlencode "name=أمل علي" -d slug=sami-khalil
expect_status 400 "another's slug"
body_has 'هذا المعرّف مستعمل في ملف كاتب آخر.' "says so"
get "$B" "/admin/profile?login=nobody"
expect_status 404 "an unknown login"

# ---- the author's page ----
# amal wrote 25 of the demo's published articles in the newsroom
sql "UPDATE article SET author_id=$(uid amal), author='أمل علي' WHERE id IN (SELECT id FROM article WHERE status=3 ORDER BY id LIMIT 25)"
fetch "/author/$(enc "$AMAL")"
expect_status 200 "amal's page"
body_has '<h1 id="author-name" class="page-title">أمل علي</h1>' "her name"
body_has 'صحفية تكتب عن المناخ والمياه.' "her bio"
body_has 'صفحة 1 من 2' "paginated: 25 articles, 20 a page"
n=$(grep -o '<article class="card">' "$TMP/body" | wc -l)
check "20 cards on the first page ($n)" test "$n" -eq 20
NEWEST=$(sql "SELECT title FROM article WHERE author_id=$(uid amal) ORDER BY published_at DESC, id DESC LIMIT 1")
first=$(grep -o '<h3[^>]*><a [^>]*>[^<]*' "$TMP/body" | head -n 1 | sed 's/.*>//')
check "newest first" test "$first" = "$NEWEST"
valid_html "an author's page"
fetch "/author/$(enc "$AMAL")?page=2"
expect_status 200 "the second page"
n=$(grep -o '<article class="card">' "$TMP/body" | wc -l)
check "5 cards on the second page ($n)" test "$n" -eq 5
valid_html "an author's second page"
fetch "/author/$(enc "$AMAL")?page=3"
expect_status 404 "past the last page"
fetch /author/no-such-author
expect_status 404 "an unknown author"
fetch /author/sami-khalil
expect_status 200 "sami's page, without articles"
body_has 'لا توجد مقالات منشورة لهذا الكاتب بعد.' "says he has none yet"
valid_html "an author's page without articles"

# a photo from the media library
H=0123456789abcdef0123456789abcdef
sql "INSERT INTO media(hash, width, height, mime, alt, created_at) VALUES('$H', 800, 800, 'image/jpeg', 'صورة أمل علي', 1)"
MID=$(sql "SELECT id FROM media WHERE hash='$H'")
post "$A" /admin/profile --data-urlencode "name=أمل علي" -d "slug=$AMAL" \
    --data-urlencode "bio=صحفية تكتب عن المناخ والمياه." -d "photo=$MID"
expect_status 303 "amal adds a photo"
check "the slug she kept" test "$(sql "SELECT slug FROM profile WHERE user_id=$(uid amal)")" = "$AMAL"
fetch "/author/$(enc "$AMAL")"
body_has "/media/$H-480.webp" "her photo's variants"
body_has 'alt="صورة أمل علي"' "with its alt text"
valid_html "an author's page with a photo"

# ---- bylines ----
AID=$(sql "SELECT id FROM article WHERE author_id=$(uid amal) LIMIT 1")
fetch "/article/$AID" -L
body_has "<a rel=\"author\" href=\"/author/$(enc "$AMAL")\"><bdi>أمل علي</bdi></a>" "a newsroom byline links the author's page"
body_has "\"@type\": \"Person\", \"name\": \"أمل علي\", \"url\": \"http://127.0.0.1:$PORT/author/$(enc "$AMAL")\"" \
    "the JSON-LD author is a Person with the page's absolute URL"
valid_html "an article with a linked byline"
OID=$(sql "SELECT id FROM article WHERE author_id IS NULL AND author<>'' AND status=3 LIMIT 1")
fetch "/article/$OID" -L
body_has 'class="author"' "an imported article's byline"
body_lacks 'rel="author"' "is not a link"

# ---- static pages: roles ----
get "$A" /admin/pages
expect_status 403 "an author may not manage pages"
get "$M" /admin/pages/new
expect_status 403 "nor a moderator"
get "$E" /admin/pages
expect_status 200 "an editor's list of pages"
body_has 'href="/admin/pages/new"' "a link to a new page"
body_has 'من نحن' "the demo's pages listed"
valid_html "the list of pages"
get "$E" /admin/pages/new
expect_status 200 "the new page form"
valid_html "the new page form"

# ---- static pages: create, publish, edit, delete ----
fetch /admin/pages/save -c "$E" -b "$E" -H "Origin: $BASE" --data-urlencode "title=شروط الاستخدام"
expect_status 403 "a save without the session token"
TOKEN_FROM=/admin/pages post "$E" /admin/pages/save --data-urlencode "title=شروط الاستخدام" \
    -d slug=terms --data-urlencode 'body=يخضع استخدام **الموقع** لهذه الشروط.

<script>alert(1)</script>'
expect_status 303 "the editor adds an unpublished page"
PID=$(sql "SELECT id FROM page WHERE slug='terms'")
check "saved unpublished" test "$(sql "SELECT published FROM page WHERE id=$PID")" = 0
check "audited" test "$(sql "SELECT count(*) FROM audit WHERE action='page.add' AND target='$PID' AND login='ed'")" = 1
fetch /page/terms
expect_status 404 "an unpublished page"
fetch /
body_lacks '/page/terms' "is not in the footer"
get "$E" "/admin/pages/$PID/edit"
expect_status 200 "its edit form"
body_has 'value="terms"' "with its slug"
valid_html "the edit form"
TOKEN_FROM=/admin/pages post "$A" /admin/pages/save -d "id=$PID" --data-urlencode "title=مسروقة" -d slug=terms
expect_status 403 "an author may not save a page"
TOKEN_FROM=/admin/pages post "$E" /admin/pages/save -d "id=$PID" --data-urlencode "title=شروط الاستخدام" \
    -d slug=terms --data-urlencode 'body=يخضع استخدام **الموقع** لهذه الشروط.

<script>alert(1)</script>' -d published=1 -d position=9
expect_status 303 "the editor publishes it"
check "audited as an edit" test "$(sql "SELECT count(*) FROM audit WHERE action='page.edit' AND target='$PID'")" = 1
fetch /page/terms
expect_status 200 "a published page"
body_has 'يخضع استخدام <strong>الموقع</strong> لهذه الشروط.' "its Markdown rendered"
body_lacks '<script>alert' "raw HTML is not passed through"
valid_html "the published page"
fetch /latest
body_has '<a href="/page/terms">شروط الاستخدام</a>' "now in every public page's footer"
body_has '<a href="/page/privacy">سياسة الخصوصية</a></li>
<li><a href="/page/terms">' "after the others (position 9)"
TOKEN_FROM=/admin/pages post "$E" /admin/pages/save --data-urlencode "title=نسخة" -d slug=about
expect_status 400 "a slug another page has"
body_has 'توجد صفحة أخرى بهذا المعرّف.' "says so in Arabic"
TOKEN_FROM=/admin/pages post "$E" /admin/pages/save -d slug=x
expect_status 400 "a page without a title"
body_has 'العنوان مطلوب' "says so"
fetch /admin/pages/delete -c "$B" -b "$B" -H "Origin: $BASE" -d "id=$PID"
expect_status 403 "a delete without the session token"
TOKEN_FROM=/admin/pages post "$B" /admin/pages/delete -d "id=$PID"
expect_status 303 "the admin deletes it"
check "audited" test "$(sql "SELECT count(*) FROM audit WHERE action='page.delete' AND target='$PID' AND login='boss'")" = 1
fetch /page/terms
expect_status 404 "a deleted page"
TOKEN_FROM=/admin/pages post "$B" /admin/pages/delete -d "id=$PID"
expect_status 404 "deleting it again"
# ---- disabled users ----
TOKEN_FROM=/admin/people post "$B" /admin/people/disable -d login=sami
fetch /author/sami-khalil
expect_status 404 "a disabled user without articles"
TOKEN_FROM=/admin/people post "$B" /admin/people/disable -d login=amal
fetch "/author/$(enc "$AMAL")"
expect_status 200 "a disabled user keeps a page for their articles"
finish
