# The newsroom's pages as people use them (issue 12): the new-article button;
# its own stylesheet and script, the reader's stylesheet apart; the editor's
# word count and autosave (no revision, restored on reload with its time,
# CSRF-checked, only for who may save, gone once saved or discarded); the
# preview as the public article page; the moderation queue's per-comment
# buttons and select-all without JavaScript; the audit log in Arabic; the
# site's name, tagline and logo from the settings in the newsroom's header.
. tests/http/lib.sh
start_server --demo
adduser admin salma
adduser editor ed "إدريس"
adduser author amal
adduser moderator mona
form() {    # form JAR CSRF PATH field=value...: a POST from our own page
    jar=$1; tok=$2; p=$3; shift 3
    for kv in "$@"; do set -- "$@" --data-urlencode "$kv"; shift; done
    fetch "$p" -c "$jar" -b "$jar" -H "Origin: $BASE" --data-urlencode "csrf=$tok" "$@"
}
S=$TMP/jar.salma; E=$TMP/jar.ed; A=$TMP/jar.amal; M=$TMP/jar.mona
login "$S" salma; login "$E" ed; login "$A" amal; login "$M" mona

# ---- the frame: stylesheet, script, buttons ----
get "$E" /admin/
body_has '<link rel="stylesheet" href="/static/admin.css">' "the newsroom links its own stylesheet"
body_lacks '/static/style.css' "and not the reader's"
body_has '<script src="/static/admin.js" defer></script>' "and its script"
body_has '<a class="btn btn-new" href="/admin/articles/new">مقالة جديدة</a>' "dashboard: the new-article button"
valid_html "dashboard"
get "$E" /admin/articles
body_has '<a class="btn btn-new" href="/admin/articles/new">مقالة جديدة</a>' "list: the new-article button"
body_has 'class="admin-table cards"' "the list is a table that becomes cards"
body_has 'data-label="الحالة"' "each cell labelled for its card"
valid_html "article list"
fetch /static/admin.css
expect_status 200 "admin.css is served"
header_has 'text/css' "as CSS"
body_has '.btn-new' "with the new-article button's style"
fetch /static/style.css
body_lacks '.admin-' "the reader's stylesheet has no newsroom rules"
fetch /static/admin.js
expect_status 200 "admin.js is served"
body_has '/admin/articles/autosave' "it autosaves to the server"
get "$M" /admin/
body_lacks 'مقالة جديدة' "a moderator gets no new-article button"

# ---- the editor: word count ----
get "$E" /admin/articles/2/edit
expect_status 200 "editor"
words=$(sed -n 's/.*<output id="word-count" for="e-body">\([0-9]*\)<\/output>.*/\1/p' "$TMP/body")
check "the server writes the body's word count ($words)" test "${words:-0}" -gt 50
body_has 'id="autosave-note"' "the autosave note's place"
body_has 'formtarget="_blank"' "the preview opens beside the editor"
# An article without a picture (the demo's are mostly illustrated).
noimg=$(sql "SELECT id FROM article WHERE image_id IS NULL ORDER BY id LIMIT 1")
get "$E" "/admin/articles/$noimg/edit"
body_has '<input type="radio" name="image" value="" checked> بلا صورة' "no image is an empty value (an id is never 0)"
valid_html "editor"
ET=$(csrf_of)
body='## عنوان

كلمة، كلمتان؛ ثلاث: **أربع** خمس - ست.'
form "$E" "$ET" /admin/articles/preview "title=عنوان المعاينة" "body=$body" section=world \
    "tags=وسم أول، وسم ثان"
expect_status 200 "preview"
body_has '<link rel="stylesheet" href="/static/style.css">' "the preview is a reader's page"
body_has 'class="headline">عنوان المعاينة</h1>' "with the article template's headline"
body_has '<strong>أربع</strong>' "the Markdown rendered"
body_has 'معاينة من غرفة الأخبار' "saying it is a preview"
body_has 'href="/tag/' "with its tags"
body_has '<meta name="robots" content="noindex">' "not for search engines"
body_lacks 'id="comment-form"' "no comment form"
header_has 'Cache-Control: no-store' "never cached"
valid_html "preview"

# ---- autosave ----
revs() { sql "SELECT count(*) FROM revision WHERE article_id=2"; }
r0=$(revs); a0=$(sql "SELECT count(*) FROM audit")
updated=$(sql "SELECT updated_at FROM article WHERE id=2")
title=$(sql "SELECT title FROM article WHERE id=2")
form "$E" "$ET" /admin/articles/autosave id=2 "title=عنوان محفوظ تلقائيًا" "lede=مقدمة" \
    "body=نص لم يُحفظ بعد" section=world "tags=أ، ب" source=وكالة slug=auto
expect_status 200 "autosave answers"
header_has 'text/plain' "with a line of text"
header_has 'Cache-Control: no-store' "not cached"
body_has 'حُفظت نسخة تلقائية في' "saying when, in Arabic"
check "no revision made" test "$(revs)" = "$r0"
check "no audit entry" test "$(sql "SELECT count(*) FROM audit")" = "$a0"
check "the article is unchanged" test "$(sql "SELECT title FROM article WHERE id=2")" = "$title"
check "its time too" test "$(sql "SELECT updated_at FROM article WHERE id=2")" = "$updated"
check "one autosave row" test "$(sql "SELECT count(*) FROM autosave WHERE article_id=2")" = 1
form "$E" "$ET" /admin/articles/autosave id=2 "title=عنوان محفوظ تلقائيًا" "body=نص لم يُحفظ بعد بعد" section=world
check "a second autosave replaces the first" test "$(sql "SELECT count(*) FROM autosave WHERE article_id=2")" = 1
check "and no revision still" test "$(revs)" = "$r0"
# no token, a foreign origin, someone who may not save it: refused, nothing kept
fetch /admin/articles/autosave -b "$E" -H "Origin: $BASE" --data-urlencode id=2 --data-urlencode title=x
expect_status 403 "autosave without the session's token"
fetch /admin/articles/autosave -b "$E" -H "Origin: http://evil.example" --data-urlencode "csrf=$ET" \
    --data-urlencode id=2 --data-urlencode title=x
expect_status 403 "autosave from another origin"
get "$A" /admin/articles/new
AT=$(csrf_of)
form "$A" "$AT" /admin/articles/autosave id=2 title=x
expect_status 403 "an author cannot autosave another's article"
form "$A" "$AT" /admin/articles/autosave id=99999 title=x
expect_status 404 "nor a missing one"
check "nothing kept for them" test "$(sql "SELECT count(*) FROM autosave WHERE user_id=(SELECT id FROM \"user\" WHERE login='amal')")" = 0
fetch /admin/articles/autosave -H "Origin: $BASE" --data-urlencode id=2 --data-urlencode title=x
check "autosave without a session goes to the login" test "$STATUS" = 303 -o "$STATUS" = 403
# restored on reload, with its time
sql "UPDATE autosave SET saved_at = saved_at + 5 WHERE article_id=2"
get "$E" /admin/articles/2/edit
body_has 'value="عنوان محفوظ تلقائيًا"' "reload: the autosaved title is in the form"
body_has 'نص لم يُحفظ بعد بعد</textarea>' "and the body"
body_has 'نسخة حُفظت تلقائيًا في <time datetime="' "with when it was kept"
body_has 'تجاهل النسخة التلقائية' "and a way to discard it"
valid_html "editor with an autosave"
# another editor does not see it
get "$S" /admin/articles/2/edit
body_lacks 'عنوان محفوظ تلقائيًا' "another person's editor shows the stored text"
# older than the article: not offered
sql "UPDATE autosave SET saved_at = 1 WHERE article_id=2"
get "$E" /admin/articles/2/edit
body_lacks 'عنوان محفوظ تلقائيًا' "an autosave older than the article is not offered"
sql "UPDATE autosave SET saved_at = $(date +%s) + 5 WHERE article_id=2"
# discard
get "$E" /admin/articles/2/edit
form "$E" "$(csrf_of)" /admin/articles/autosave/discard id=2
expect_status 303 "discard"
check "discard deletes it" test "$(sql "SELECT count(*) FROM autosave WHERE article_id=2")" = 0
get "$E" /admin/articles/2/edit
body_lacks 'عنوان محفوظ تلقائيًا' "and the editor shows the article again"
# a new article: autosaved under 0, restored on /new, gone once saved
get "$A" /admin/articles/new
AT=$(csrf_of)
form "$A" "$AT" /admin/articles/autosave "title=مسودة لم تُحفظ" "body=$body" section=sports
expect_status 200 "autosave of a new article"
get "$A" /admin/articles/new
body_has 'value="مسودة لم تُحفظ"' "a new article's autosave comes back on /new"
# عنوان كلمة كلمتان ثلاث أربع خمس ست: Markdown's marks and punctuation are no words
body_has '<output id="word-count" for="e-body">7</output>' "its words counted as admin.js counts them"
form "$A" "$AT" /admin/articles/save action=save "title=مسودة لم تُحفظ" "body=سطر" section=sports image=
expect_status 303 "saved for real"
check "saving deletes the autosave" test "$(sql "SELECT count(*) FROM autosave WHERE user_id=(SELECT id FROM \"user\" WHERE login='amal')")" = 0
get "$A" /admin/articles/new
body_lacks 'مسودة لم تُحفظ' "the next new article starts empty"

# ---- moderation: one comment's own buttons, select-all ----
token=$(curl -s "$BASE/article/3/comment/token")
long="https://example.org/$(printf 'segment-without-a-break-%.0s' 1 2 3 4 5 6 7 8)"
for who in أمل باسل جنى; do
    curl -s -o /dev/null -H "Origin: $BASE" --data-urlencode "author=$who" \
        --data-urlencode "body=رأي $who: $long" --data-urlencode "token=$token" "$BASE/article/3/comment"
done
c1=$(sql "SELECT id FROM comment WHERE author='أمل'"); c2=$(sql "SELECT id FROM comment WHERE author='باسل'")
c3=$(sql "SELECT id FROM comment WHERE author='جنى'")
get "$M" /admin/comments
body_has "name=\"approve\" value=\"$c1\"" "each comment has its approve button"
body_has "name=\"spam\" value=\"$c2\"" "its spam button"
body_has "name=\"delete\" value=\"$c3\"" "its delete button"
body_has 'class="select-all-link" href="/admin/comments?status=pending&amp;all=1">تحديد الكل' "select-all without JavaScript"
body_lacks 'checked>' "nothing checked at first"
valid_html "moderation queue"
MT=$(csrf_of)
get "$M" '/admin/comments?status=pending&all=1'
n=$(grep -o 'name="c[0-9]*" value="1" id="check-[0-9]*" checked' "$TMP/body" | wc -l)
check "?all=1 checks every comment ($n)" test "$n" -eq 3
body_has 'إلغاء تحديد الكل' "and offers to clear them"
# one button acts on its comment only, whatever else is checked
form "$M" "$MT" /admin/comments/bulk status=pending "approve=$c1" "c$c2=1"
expect_status 303 "one comment approved by its button"
check "that comment is approved" test "$(sql "SELECT status FROM comment WHERE id=$c1")" = 1
check "the checked one is not" test "$(sql "SELECT status FROM comment WHERE id=$c2")" = 0
form "$M" "$MT" /admin/comments/bulk status=pending "spam=$c2"
check "spam by its button" test "$(sql "SELECT status FROM comment WHERE id=$c2")" = 2
form "$M" "$MT" /admin/comments/bulk status=pending "delete=$c3"
check "delete by its button" test "$(sql "SELECT count(*) FROM comment WHERE id=$c3")" = 0
check "each audited" test "$(sql "SELECT count(*) FROM audit WHERE target IN ('$c1','$c2','$c3') AND action LIKE 'comment.%'")" = 3
form "$M" "$MT" /admin/comments/bulk status=pending
expect_status 400 "no button and nothing checked: refused"
form "$M" "$MT" /admin/comments/bulk status=pending approve=abc
expect_status 400 "a malformed id: refused"
fetch /admin/comments/bulk -b "$M" -H "Origin: $BASE" --data-urlencode "approve=$c2"
expect_status 403 "a comment's button without the token"

# ---- the audit log in Arabic ----
get "$E" /admin/feeds
form "$E" "$(csrf_of)" /admin/feeds/add "url=http://127.0.0.1:9/wire.xml" section=world \
    status=review minutes=5
expect_status 303 "a feed added (for the log)"
curl -s -o /dev/null -H "Origin: $BASE" --data-urlencode login=salma --data-urlencode password=wrong \
    "$BASE/admin/login"
login "$TMP/jar.bad" salma "not the password"
get "$S" /admin/settings
form "$S" "$(csrf_of)" /admin/settings "name=أخبار اليوم" "tagline=كل الأخبار ساعة بساعة" \
    timezone=Asia/Riyadh language=ar
get "$S" /admin/audit
expect_status 200 "audit log"
for code in $(sql "SELECT DISTINCT action FROM audit"); do
    body_lacks ">$code<" "the code $code is not shown"
done
body_has 'محاولة دخول فاشلة' "a failed login in Arabic"
body_has 'الموافقة على تعليق' "an approval in Arabic"
body_has 'وسم تعليق بالإزعاج' "spam in Arabic"
body_has 'حذف تعليق' "a deletion in Arabic"
body_has 'تغيير إعداد' "a setting changed"
body_has 'إنشاء مقالة' "an article created"
body_has 'سطر الأوامر' "the command line, not 'cli'"
body_has 'كلمة مرور خاطئة' "why a login failed, in Arabic"
body_has '<bdi>الدور: مدير' "a role given from the command line, in Arabic"
body_lacks '>role ' "no English detail"
body_has 'إضافة مصدر أخبار' "a feed added, in Arabic"
body_has 'حالة المقالات: قيد المراجعة، الفاصل بالدقائق: 5' "with its settings in Arabic"
valid_html "audit log"

# ---- the header from the settings ----
get "$E" /admin/
body_has '<span class="brand-name">أخبار اليوم</span>' "the site's name from the settings"
body_has '<p class="brand-tagline">كل الأخبار ساعة بساعة</p>' "and its tagline"
body_lacks 'href="/admin/"><img' "no logo while none is set"
mkpng "$TMP/logo.png" 240 80
upload "$E" "$TMP/logo.png" "شعار الموقع"
logo=$(sql "SELECT max(id) FROM media")
get "$S" /admin/settings
form "$S" "$(csrf_of)" /admin/settings "name=أخبار اليوم" "tagline=كل الأخبار ساعة بساعة" \
    timezone=Asia/Riyadh language=ar "logo=$logo"
get "$E" /admin/
body_has 'class="brand" href="/admin/"><img src="/media/' "the logo from the settings"
valid_html "dashboard with a logo"
finish
