# The newsroom's article list: filters by status, section and author, and a
# search box that uses the public search's analyzer and query syntax over
# articles in every state (drafts too), never showing an author what is not
# theirs. Two authors write drafts; an editor filters and searches them.
. tests/http/lib.sh
start_server --demo
adduser editor ed
adduser author amal 'أمل'
adduser author other 'سامي'
# list JAR QUERY-ARGUMENTS...: GET /admin/articles with each name=value encoded
list() {
    jar=$1; shift
    for kv in "$@"; do set -- "$@" --data-urlencode "$kv"; shift; done
    fetch /admin/articles -G -c "$jar" -b "$jar" "$@"
}
# draft JAR TITLE SECTION BODY: save a new draft from the editor's form
draft() {
    get "$1" /admin/articles/new
    tok=$(csrf_of)
    fetch /admin/articles/save -c "$1" -b "$1" -H "Origin: $BASE" --data-urlencode "csrf=$tok" \
        --data-urlencode action=save --data-urlencode "title=$2" --data-urlencode "section=$3" \
        --data-urlencode "body=$4"
}

A=$TMP/jar.amal; E=$TMP/jar.ed; O=$TMP/jar.other
login "$A" amal; login "$E" ed; login "$O" other

RAIN='أمطار غزيرة تغمر شوارع المدينة'
WATER='أزمة المياه تشتد في القرى الجنوبية'
draft "$A" "$RAIN" world 'سيول وأمطار في الأحياء الشرقية.'
expect_status 303 "amal saves a draft"
draft "$O" "$WATER" economy 'الآبار جفت هذا الصيف.'
expect_status 303 "other saves a draft"
check "both are drafts" test "$(sql "SELECT count(*) FROM article WHERE status=0")" = 2

# ---- the form ----
list "$E"
expect_status 200 "the list"
body_has 'role="search"' "a search form"
body_has '<option value="economy">اقتصاد</option>' "sections from the store"
body_has '<option value="amal">أمل</option>' "authors are the newsroom's users"
body_has '<option value="ed">ed</option>' "a user without a name shows the login"
valid_html "the list with its filters"

# ---- by section ----
list "$E" section=world
expect_status 200 "filter by section"
body_has "$RAIN" "the world draft"
body_lacks "$WATER" "not the economy draft"
n=$(sql "SELECT count(*) FROM article a WHERE a.section_id=(SELECT id FROM section WHERE slug='world') OR EXISTS (SELECT 1 FROM article_section x JOIN section s ON s.id=x.section_id WHERE x.article_id=a.id AND s.slug='world')")
body_has "العدد: $n" "counts every article in world ($n)"
body_has '<option value="world" selected>' "the section stays selected"
body_has 'href="/admin/articles?status=draft&amp;section=world"' "status links keep the section"
list "$E" section=economy status=draft
body_has "$WATER" "section and status together"
body_has 'العدد: 1' "only the one draft"
list "$E" section=nowhere
expect_status 400 "an unknown section"

# ---- by author ----
list "$E" author=amal
expect_status 200 "filter by author"
body_has "$RAIN" "amal's draft"
body_lacks "$WATER" "not another author's"
body_has 'العدد: 1' "amal wrote one article"
body_has '<option value="amal" selected>' "the author stays selected"
list "$E" author=nobody
expect_status 400 "an unknown author"

# ---- search ----
list "$E" q=امطار
expect_status 200 "search"
body_has "$RAIN" "a draft found by a hamza-less spelling"
body_has 'مسودة' "shown as a draft"
body_has 'value="امطار"' "the query is kept in the box"
valid_html "search results"
list "$E" q=الابار
body_has "$WATER" "the body is searched too (الآبار by الابار)"
list "$E" 'q=امطار -سيول'
body_lacks "$RAIN" "exclusions work as in the public search"
list "$E" q=امطار section=economy
body_lacks "$RAIN" "search and section together"
list "$E" q=امطار author=other
body_has 'العدد: 0' "search and author together"
body_has 'لا توجد مقالات تطابق هذه التصفية.' "an Arabic empty message"
fetch /search -G --data-urlencode q=امطار
body_lacks "$RAIN" "the public search still shows no drafts"
list "$E" 'q=<script>alert(1)</script>'
expect_status 200 "hostile query"
body_lacks '<script>alert' "the query is escaped"
body_has 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' "escaped in the box"
list "$E" q=نص status=published
body_lacks 'class="status status-draft"' "search within a status"
list "$E" 'q=   '
body_has "$RAIN" "a blank query lists everything"

# ---- an author sees only their own ----
list "$A" q=ازمة
expect_status 200 "author search"
body_lacks "$WATER" "an author's search never shows another's draft"
body_has 'العدد: 0' "nothing of theirs matches"
list "$A" q=امطار
body_has "$RAIN" "an author finds their own draft"
list "$A" author=other
expect_status 200 "an author's ?author= is ignored"
body_lacks "$WATER" "still only their own"
body_has "$RAIN" "their own draft"
body_lacks 'id="f-author"' "no author filter for an author"
list "$A" q=المياه section=economy
body_lacks "$WATER" "not through a section filter either"
list "$O" q=ازمه
body_has "$WATER" "the other author finds it (ة by ه)"
finish
