# The newsroom's management pages: the moderation queue (bulk approve, spam,
# delete; who may; CSRF), sections and tags (add, rename, reorder, merge,
# delete unused), people (add, role, disable, enable, new password, the last
# admin protected), each change in the audit log.
. tests/http/lib.sh
start_server --demo
adduser admin salma
adduser moderator mona
adduser author amal

# form JAR PATH [curl --data options]: a POST from our own page, with the
# session's token read from the last page fetched with the same jar.
form() {
    jar=$1; p=$2; shift 2
    fetch "$p" -c "$jar" -b "$jar" -H "Origin: $BASE" --data-urlencode "csrf=$CSRF" "$@"
}
audit_count() { sql "SELECT count(*) FROM audit WHERE action='$1' AND target='$2'"; }

# ---- comments from readers, through the public form ----
fetch /article/2
art=$(location)
token=$(curl -s "$BASE/article/2/comment/token")     # as comment.js fetches it
for who in أحمد بشرى جود; do
    curl -s -o /dev/null -H "Origin: $BASE" --data-urlencode "author=$who" \
        --data-urlencode "body=تعليق <b>من</b> $who" --data-urlencode "token=$token" \
        "$BASE/article/2/comment"
done
check "three pending comments" test "$(sql 'SELECT count(*) FROM comment WHERE status=0')" -eq 3
c1=$(sql "SELECT id FROM comment WHERE author='أحمد'")
c2=$(sql "SELECT id FROM comment WHERE author='بشرى'")
c3=$(sql "SELECT id FROM comment WHERE author='جود'")

# ---- the queue ----
JM=$TMP/jar.mona
login "$JM" mona
get "$JM" /admin/
body_has 'href="/admin/comments?status=pending"><span class="n">3</span>' "dashboard links the 3 pending"
get "$JM" /admin/comments
expect_status 200 "moderator opens the queue"
body_has 'العدد: 3' "three pending"
for c in "$c1" "$c2" "$c3"; do
    body_has "name=\"c$c\"" "checkbox for comment $c"
    body_has "#comment-$c\"" "link to comment $c in its article"
done
body_has 'تعليق &lt;b&gt;من&lt;/b&gt;' "bodies escaped"
body_lacks '<b>من</b>' "no live markup"
valid_html "moderation queue"
CSRF=$(csrf_of)
get "$JM" "/admin/comments?status=bogus"
expect_status 400 "unknown status"

# CSRF: a missing or wrong token changes nothing.
fetch /admin/comments/bulk -b "$JM" -H "Origin: $BASE" -d "status=pending&action=approve&c$c1=1"
expect_status 403 "bulk without a token"
fetch /admin/comments/bulk -b "$JM" -H "Origin: http://evil.example" \
    -d "csrf=$CSRF&status=pending&action=approve&c$c1=1"
expect_status 403 "bulk from another origin"
check "nothing approved by refused POSTs" test "$(sql "SELECT count(*) FROM comment WHERE id=$c1 AND status=0")" -eq 1

form "$JM" /admin/comments/bulk -d status=pending -d action=approve -d "c$c1=1" -d "c$c2=1"
expect_status 303 "bulk approve"
check "back to the queue" test "$(location)" = "/admin/comments?status=pending"
form "$JM" /admin/comments/bulk -d status=pending -d action=spam -d "c$c3=1"
expect_status 303 "bulk spam"
check "two approved" test "$(sql "SELECT count(*) FROM comment WHERE id IN ($c1, $c2) AND status=1")" -eq 2
check "one spam" test "$(sql "SELECT status FROM comment WHERE id=$c3")" -eq 2
check "approve audited per comment" test "$(audit_count comment.approve "$c1")$(audit_count comment.approve "$c2")" = 11
check "spam audited" test "$(audit_count comment.spam "$c3")" -eq 1
form "$JM" /admin/comments/bulk -d status=pending -d action=approve
expect_status 400 "nothing checked"
body_has 'لم تختر أي تعليق' "says so in Arabic"
form "$JM" /admin/comments/bulk -d status=pending -d action=publish -d "c$c1=1"
expect_status 400 "unknown action"
fetch "$art"
body_has 'تعليق &lt;b&gt;من&lt;/b&gt; أحمد' "approved comment on the public page"
body_has "id=\"comment-$c1\"" "at its anchor"
body_lacks 'جود' "spam comment not shown"
get "$JM" "/admin/comments?status=spam"
body_has "name=\"c$c3\"" "spam tab lists it"
CSRF=$(csrf_of)
form "$JM" /admin/comments/bulk -d status=spam -d action=delete -d "c$c3=1"
expect_status 303 "bulk delete"
check "deleted" test "$(sql "SELECT count(*) FROM comment WHERE id=$c3")" -eq 0
check "delete audited" test "$(audit_count comment.delete "$c3")" -eq 1

JA=$TMP/jar.amal
login "$JA" amal
get "$JA" /admin/comments
expect_status 403 "an author cannot moderate"
get "$JA" /admin/sections
expect_status 403 "an author cannot manage sections"
get "$JM" /admin/tags
expect_status 403 "a moderator cannot manage tags"
get "$JM" /admin/people
expect_status 403 "a moderator cannot manage people"

# ---- sections ----
J=$TMP/jar.salma
login "$J" salma
get "$J" /admin/sections
expect_status 200 "sections page"
body_has 'أخبار عالمية' "lists the sections"
valid_html "sections page"
CSRF=$(csrf_of)
form "$J" /admin/sections/add -d slug=health --data-urlencode 'name=صحة'
expect_status 303 "section added"
form "$J" /admin/sections/add -d slug=health --data-urlencode 'name=صحة'
expect_status 400 "the same slug again"
body_has 'يوجد قسم بهذا المعرّف' "says so in Arabic"
form "$J" /admin/sections/add -d 'slug=Bad Slug' --data-urlencode 'name=س'
expect_status 400 "a bad slug"
body_has 'المعرّف مطلوب' "explained in Arabic"
form "$J" /admin/sections/add -d slug=empty --data-urlencode 'name=   '
expect_status 400 "an empty name"
body_has 'الاسم مطلوب' "explained in Arabic"
fetch /
body_has 'href="/section/health"' "the new section is in the public navigation"
sid=$(sql "SELECT id FROM section WHERE slug='health'")
form "$J" /admin/sections/rename -d "id=$sid" --data-urlencode 'name=صحة وطب'
expect_status 303 "section renamed"
last=$(sql "SELECT id FROM section ORDER BY position DESC, id DESC LIMIT 1")
check "the new section is last" test "$last" = "$sid"
form "$J" /admin/sections/move -d "id=$sid" -d dir=up
expect_status 303 "section moved up"
fetch /
body_has 'صحة وطب' "renamed in the navigation"
python3 - "$TMP/body" <<'PY' && ok || fail "moved up one place in the navigation"
import re, sys
nav = re.findall(r'href="/section/([a-z0-9-]+)"', open(sys.argv[1]).read())
seen = [s for i, s in enumerate(nav) if s not in nav[:i]]
assert seen.index("health") == len(seen) - 2, seen
PY
check "section changes audited" test "$(audit_count section.add health)$(audit_count section.rename "$sid")$(audit_count section.move "$sid")" = 111

# ---- tags ----
get "$J" /admin/tags
expect_status 200 "tags page"
valid_html "tags page"
CSRF=$(csrf_of)
read -r t1 t2 <<EOT
$(sql "SELECT t.id FROM tag t WHERE EXISTS(SELECT 1 FROM article_tag WHERE tag_id=t.id) ORDER BY t.id LIMIT 2" | tr '\n' ' ')
EOT
n1=$(sql "SELECT count(*) FROM article_tag WHERE tag_id=$t1")
union=$(sql "SELECT count(DISTINCT article_id) FROM article_tag WHERE tag_id IN ($t1, $t2)")
name2=$(sql "SELECT name FROM tag WHERE id=$t2")
form "$J" /admin/tags/merge -d "from=$t1" -d "into=$t2"
expect_status 303 "tag merged"
check "the merged tag is gone" test "$(sql "SELECT count(*) FROM tag WHERE id=$t1")" -eq 0
check "its articles carry the other tag ($n1 moved)" test "$(sql "SELECT count(*) FROM article_tag WHERE tag_id=$t2")" -eq "$union"
check "merge audited" test "$(sql "SELECT count(*) FROM audit WHERE action='tag.merge' AND detail='$name2'")" -eq 1
form "$J" /admin/tags/merge -d "from=$t2" -d "into=$t2"
expect_status 400 "merging a tag into itself"
form "$J" /admin/tags/rename -d "id=$t2" --data-urlencode 'name=وسم جديد'
expect_status 303 "tag renamed"
check "renamed" test "$(sql "SELECT name FROM tag WHERE id=$t2")" = 'وسم جديد'
form "$J" /admin/tags/delete -d "id=$t2"
expect_status 400 "a tag in use is not deleted"
body_has 'ادمجه في وسم آخر' "says why in Arabic"
sql "INSERT INTO tag(slug, name) VALUES('unused-tag', 'وسم يتيم')"
tu=$(sql "SELECT id FROM tag WHERE slug='unused-tag'")
form "$J" /admin/tags/delete -d "id=$tu"
expect_status 303 "an unused tag is deleted"
check "gone" test "$(sql "SELECT count(*) FROM tag WHERE id=$tu")" -eq 0

# ---- people ----
get "$J" /admin/people
expect_status 200 "people page"
valid_html "people page"
CSRF=$(csrf_of)
form "$J" /admin/people/add -d login=nour --data-urlencode 'name=نور' -d role=editor \
    --data-urlencode 'password=short'
expect_status 400 "a short password"
body_has '10 أحرف على الأقل' "explained in Arabic"
form "$J" /admin/people/add -d login=nour --data-urlencode 'name=نور' -d role=editor \
    --data-urlencode "password=$PW"
expect_status 303 "person added"
check "nour is an editor" test "$(sql "SELECT role FROM \"user\" WHERE login='nour'")" -eq 1
form "$J" /admin/people/add -d login=nour -d role=editor --data-urlencode "password=$PW"
expect_status 400 "the same login again"
body_has 'اسم المستخدم هذا مستعمل' "says so in Arabic"
JN=$TMP/jar.nour
login "$JN" nour
expect_status 303 "the new person logs in"
form "$J" /admin/people/disable -d login=nour
expect_status 303 "disabled"
get "$JN" /admin/
expect_status 303 "disabling ended nour's session"
login "$JN" nour
body_has 'معطّل' "a disabled person cannot log in"
form "$J" /admin/people/enable -d login=nour
expect_status 303 "enabled"
login "$JN" nour
expect_status 303 "logs in again"
form "$J" /admin/people/password -d login=nour --data-urlencode 'password=another long secret'
expect_status 303 "new password"
get "$JN" /admin/
expect_status 303 "the new password ended nour's session"
form "$J" /admin/people/role -d login=nour -d role=moderator
expect_status 303 "role changed"
check "nour is a moderator" test "$(sql "SELECT role FROM \"user\" WHERE login='nour'")" -eq 3
for a in user.add user.disable user.enable user.passwd user.role; do
    check "$a audited" test "$(audit_count "$a" nour)" -eq 1
done

# The last active admin stays.
form "$J" /admin/people/disable -d login=salma
expect_status 409 "the last admin cannot be disabled"
body_has 'آخر مدير نشط' "says so in Arabic"
form "$J" /admin/people/role -d login=salma -d role=editor
expect_status 409 "nor demoted"
check "salma is still an active admin" test "$(sql "SELECT role, disabled FROM \"user\" WHERE login='salma'")" = "0|0"
form "$J" /admin/people/role -d login=nour -d role=admin
expect_status 303 "a second admin"
form "$J" /admin/people/role -d login=salma -d role=editor
expect_status 303 "now the first can step down"
get "$J" /admin/people
expect_status 403 "and has lost the people page"
fetch /admin/people/role -b "$J" -H "Origin: $BASE" -d "csrf=$CSRF&login=nour&role=author"
expect_status 403 "an editor cannot change roles"
finish
