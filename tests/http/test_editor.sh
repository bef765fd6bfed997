# The editor, states, revisions and media uploads: an author writes a draft
# and cannot publish it nor touch another's; an editor publishes (home page,
# search), schedules (appears on time), changes the slug (the old URL 301s),
# unpublishes (404); revisions are listed, diffed and restored; a POST
# without its CSRF token changes nothing; images are uploaded (streamed to a
# temporary file, then media_ingest), served under /media/ and shown on the
# article page; a renamed text file, a truncated JPEG and a decompression bomb
# are refused in Arabic.
. tests/http/lib.sh
start_server --demo
adduser editor ed
adduser author amal
adduser author other
# save JAR CSRF field=value...: POST the editor's form
save() {
    jar=$1; tok=$2; shift 2
    for kv in "$@"; do set -- "$@" --data-urlencode "$kv"; shift; done
    fetch /admin/articles/save -c "$jar" -b "$jar" -H "Origin: $BASE" \
        --data-urlencode "csrf=$tok" "$@"
}
audit_has() {  # audit_has ACTION TARGET DESCRIPTION
    n=$(sql "SELECT count(*) FROM audit WHERE action='$1' AND target='$2'")
    if [ "$n" -ge 1 ]; then ok; else fail "$3: no audit entry $1 $2"; fi
}

A=$TMP/jar.amal; E=$TMP/jar.ed; O=$TMP/jar.other
login "$A" amal; login "$E" ed; login "$O" other

# ---- an author's draft ----
get "$A" /admin/articles/new
expect_status 200 "new article form"
body_has 'dir="rtl"' "right to left"
body_has 'حفظ المسودة' "save button"
body_has 'إرسال للمراجعة' "submit button"
body_lacks 'value="publish"' "no publish button for an author"
body_lacks 'value="schedule"' "no schedule button for an author"
body_has 'name="also_' "further sections as checkboxes"
valid_html "editor page"
AT=$(csrf_of)

save "$A" "$AT" action=save title= "body=نص محفوظ رغم الخطأ" section=world
expect_status 422 "an empty title is refused"
body_has 'العنوان مطلوب.' "the error is shown in Arabic"
body_has 'نص محفوظ رغم الخطأ' "nothing typed is lost"
check "nothing was stored" test "$(sql 'SELECT count(*) FROM article WHERE author_id IS NOT NULL')" = 0

fetch /admin/articles/preview -c "$A" -b "$A" -H "Origin: $BASE" --data-urlencode "csrf=$AT" \
    --data-urlencode 'title=معاينة' --data-urlencode 'body=## عنوان فرعي

فقرة **مهمة**.' --data-urlencode section=world
expect_status 200 "preview"
body_has '<h2>عنوان فرعي</h2>' "the preview renders the Markdown on the server"
body_has '<strong>مهمة</strong>' "with emphasis"
valid_html "preview page"

save "$A" "$AT" action=save 'title=قمة المناخ تبدأ أعمالها في الرياض' 'lede=مقدمة الخبر' \
    'body=السطر الأول من الخبر.

السطر الثاني.' section=world also_2=1 'tags=مناخ، بيئة, مناخ' 'source=وكالة الأنباء'
expect_status 303 "author saves a draft"
ID=$(sql "SELECT max(id) FROM article")
check "to its edit page" test "$(location)" = "/admin/articles/$ID/edit?done=save"
check "a draft" test "$(sql "SELECT status FROM article WHERE id=$ID")" = 0
check "owned by the author" test "$(sql "SELECT u.login FROM article a JOIN \"user\" u ON u.id=a.author_id WHERE a.id=$ID")" = amal
check "slug made from the Arabic title" test "$(sql "SELECT slug FROM article WHERE id=$ID")" = "قمة-المناخ-تبدأ-أعمالها-في-الرياض"
check "tags split at both commas, once each" test "$(sql_join '|' "SELECT t.name FROM article_tag x JOIN tag t ON t.id=x.tag_id WHERE x.article_id=$ID ORDER BY x.position")" = "مناخ|بيئة"
check "further section" test "$(sql "SELECT count(*) FROM article_section WHERE article_id=$ID")" = 2
check "a revision row" test "$(sql "SELECT count(*) FROM revision WHERE article_id=$ID")" = 1
audit_has article.create "$ID" "creating is audited"
get "$A" "/admin/articles/$ID/edit?done=save"
expect_status 200 "edit page"
body_has 'حُفظت التعديلات.' "saved notice"
body_has 'قمة المناخ تبدأ أعمالها في الرياض' "the title in the form"
valid_html "edit page"

save "$A" "$AT" action=publish id=$ID 'title=منشور خلسة' section=world
expect_status 403 "a forged publish by an author is refused"
check "still a draft, unchanged" test "$(sql "SELECT status || title FROM article WHERE id=$ID")" = "0قمة المناخ تبدأ أعمالها في الرياض"

get "$O" "/admin/articles/$ID/edit"
expect_status 403 "another author cannot open the draft"
get "$O" /admin/articles/new
OT=$(csrf_of)
save "$O" "$OT" action=save id=$ID 'title=عنوان آخر' section=world
expect_status 403 "another author cannot save over it"
get "$O" "/admin/articles/$ID/revisions"
expect_status 403 "nor read its revisions"

save "$A" "$AT" action=submit id=$ID 'title=قمة المناخ تبدأ أعمالها في الرياض' 'lede=مقدمة الخبر' \
    'body=السطر الأول من الخبر.

السطر الثاني.' section=world also_2=1 'tags=مناخ، بيئة' 'source=وكالة الأنباء'
expect_status 303 "author submits for review"
check "in review" test "$(sql "SELECT status FROM article WHERE id=$ID")" = 1
audit_has article.submit "$ID" "submitting is audited"

# ---- the editor publishes ----
get "$E" "/admin/articles/$ID/edit"
expect_status 200 "the editor opens any article"
body_has 'value="publish"' "publish button for an editor"
ET=$(csrf_of)
fetch /admin/articles/save -c "$E" -b "$E" -H "Origin: $BASE" --data-urlencode action=publish \
    --data-urlencode id=$ID --data-urlencode 'title=عنوان بلا رمز' --data-urlencode section=world
expect_status 403 "a POST without its CSRF token"
check "changed nothing" test "$(sql "SELECT status || title FROM article WHERE id=$ID")" = "1قمة المناخ تبدأ أعمالها في الرياض"

OLD="قمة-المناخ-تبدأ-أعمالها-في-الرياض"
save "$E" "$ET" action=publish id=$ID 'title=قمة المناخ تبدأ أعمالها في الرياض' 'lede=مقدمة الخبر' \
    'body=السطر الأول من الخبر.

السطر الثاني.' section=world also_2=1 'tags=مناخ، بيئة' 'source=وكالة الأنباء' "slug=$OLD"
expect_status 303 "the editor publishes"
check "published" test "$(sql "SELECT status FROM article WHERE id=$ID")" = 3
audit_has article.publish "$ID" "publishing is audited"
fetch /
body_has 'قمة المناخ تبدأ أعمالها في الرياض' "on the home page"
fetch "/search?q=%D8%A7%D9%84%D9%85%D9%86%D8%A7%D8%AE"
body_has 'قمة المناخ تبدأ أعمالها في الرياض' "found by search"
get "$A" "/admin/articles/$ID/edit"
body_lacks 'value="save"' "the author can no longer change it once published"

# An edit of the body keeps the search index right.
save "$E" "$ET" action=save id=$ID 'title=قمة المناخ تبدأ أعمالها في الرياض' 'lede=مقدمة الخبر' \
    'body=السطر الأول من الخبر.

سطر جديد عن الطاقة الشمسية.' section=world also_2=1 'tags=مناخ، بيئة' 'source=وكالة الأنباء' \
    'slug=قمة-المناخ'
expect_status 303 "the editor changes the body and the slug"
check "still published" test "$(sql "SELECT status FROM article WHERE id=$ID")" = 3
fetch "/search?q=%D8%A7%D9%84%D8%B4%D9%85%D8%B3%D9%8A%D8%A9"
body_has 'قمة المناخ تبدأ أعمالها في الرياض' "search finds the new words"
fetch "/article/$ID/$(python3 -c "import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))" "$OLD")"
expect_status 301 "the old slug"
check "redirects to the new one" test "$(location)" = "/article/$ID/%D9%82%D9%85%D8%A9-%D8%A7%D9%84%D9%85%D9%86%D8%A7%D8%AE"
fetch "$(location)"
expect_status 200 "the new URL"

# ---- revisions ----
get "$E" "/admin/articles/$ID/revisions"
expect_status 200 "revisions page"
check "four revisions" test "$(sql "SELECT count(*) FROM revision WHERE article_id=$ID")" = 4
check "each listed" test "$(grep -c 'name="from"' "$TMP/body")" = 4
body_has 'amal' "who saved"
body_has '<del>السطر الثاني.</del>' "the removed line"
body_has '<ins>سطر جديد عن الطاقة الشمسية.</ins>' "the added line"
body_has '<span>السطر الأول من الخبر.</span>' "an unchanged line"
valid_html "revisions page"
FIRST=$(sql "SELECT min(id) FROM revision WHERE article_id=$ID")
LAST=$(sql "SELECT max(id) FROM revision WHERE article_id=$ID")
get "$E" "/admin/articles/$ID/revisions?from=$FIRST&to=$LAST"
body_has "<del>المعرّف: $OLD</del>" "a chosen pair: the slug's change"
fetch "/admin/articles/$ID/restore" -c "$E" -b "$E" -H "Origin: $BASE" \
    --data-urlencode "csrf=$ET" --data-urlencode "revision=$FIRST"
expect_status 303 "restore"
check "the old body is back" test "$(sql "SELECT count(*) FROM article WHERE id=$ID AND body_md LIKE '%السطر الثاني.%'")" = 1
check "and the old slug" test "$(sql "SELECT slug FROM article WHERE id=$ID")" = "$OLD"
check "still published" test "$(sql "SELECT status FROM article WHERE id=$ID")" = 3
check "restoring made a revision" test "$(sql "SELECT count(*) FROM revision WHERE article_id=$ID")" = 5
audit_has article.restore "$ID" "restoring is audited"

# ---- unpublish ----
save "$E" "$ET" action=unpublish id=$ID 'title=قمة المناخ تبدأ أعمالها في الرياض' section=world "slug=$OLD"
expect_status 303 "unpublish"
fetch "/article/$ID/$(python3 -c "import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))" "$OLD")"
expect_status 404 "an unpublished article is gone from the site"
fetch /
body_lacks 'قمة المناخ تبدأ أعمالها في الرياض' "and from the home page"
audit_has article.unpublish "$ID" "unpublishing is audited"

# ---- scheduling ----
save "$E" "$ET" action=schedule 'title=خبر مجدول من المحرر' 'body=نص.' section=sports publish_at=2001-01-01T10:00
expect_status 422 "a time in the past"
body_has 'وقت الجدولة يجب أن يكون في المستقبل.' "is refused in Arabic"
# Typed as the site's clock shows it (Asia/Riyadh, the default zone).
DUE=$(( $(date +%s) + 3 ))
WHEN=$(TZ=Asia/Riyadh date -d "@$DUE" +%Y-%m-%dT%H:%M:%S)
save "$E" "$ET" action=schedule 'title=خبر مجدول من المحرر' 'body=نص.' section=sports "publish_at=$WHEN"
expect_status 303 "scheduled"
SID=$(sql "SELECT max(id) FROM article")
check "scheduled state" test "$(sql "SELECT status FROM article WHERE id=$SID")" = 2
check "the time typed is read in the site's zone" \
    test "$(sql "SELECT published_at FROM article WHERE id=$SID")" = "$DUE"
get "$E" "/admin/articles/$SID/edit"
body_has "value=\"${WHEN%:*}\"" "and shown back the same way"
body_has 'وقت النشر للجدولة (التوقيت العربي الرسمي)' "the label names the zone in Arabic"
fetch /
body_lacks 'خبر مجدول من المحرر' "not on the home page before its time"
i=0; seen=""
while [ $i -lt 80 ]; do
    fetch /
    if grep -qF 'خبر مجدول من المحرر' "$TMP/body"; then seen=1; break; fi
    sleep 0.1; i=$((i + 1))
done
check "appears on time" test -n "$seen"

# ---- media ----
mkpng "$TMP/photo.png" 640 400
get "$E" /admin/media
expect_status 200 "media page"
body_has 'enctype="multipart/form-data"' "an upload form"
valid_html "media page"
upload() {      # upload FILE ALT
    fetch /admin/media -c "$E" -b "$E" -H "Origin: $BASE" -F "csrf=$ET" -F "file=@$1" -F "alt=$2"
}
upload "$TMP/photo.png" 'صورة من قمة المناخ'
expect_status 303 "a valid image is uploaded"
MID=$(sql "SELECT max(id) FROM media")
check "to the media page" test "$(location)" = "/admin/media?uploaded=$MID"
H=$(sql "SELECT hash FROM media WHERE id=$MID")
check "recorded with its alt text" test "$(sql "SELECT alt FROM media WHERE id=$MID")" = 'صورة من قمة المناخ'
audit_has media.upload "$MID" "uploading is audited"
fetch "/media/$H-480.webp"
expect_status 200 "its WebP variant is served"
header_has 'content-type: image/webp' "as WebP"
header_has 'immutable' "cached for long"
fetch "/media/$H-640.jpg"
expect_status 200 "its JPEG variant at its own width"
fetch "/media/$H-orig.png"
expect_status 200 "the original"
fetch "/media/tmp"
expect_status 404 "no folder listing"
fetch "/media/..%2Ftest.db"
expect_status 404 "nothing outside the pattern"
check "the temporary file is gone" test -z "$(ls -A "$MEDIA/tmp")"

printf 'هذا ملف نصي وليس صورة\n' > "$TMP/notes.jpg"
upload "$TMP/notes.jpg" 'ملف نصي'
expect_status 422 "a renamed text file"
body_has 'الملف ليس صورة بصيغة JPEG أو PNG أو WebP' "refused in Arabic"
curl -s -o "$TMP/full.jpg" "$BASE/media/$H-640.jpg"
head -c 3000 "$TMP/full.jpg" > "$TMP/cut.jpg"
upload "$TMP/cut.jpg" 'صورة ناقصة'
expect_status 422 "a truncated JPEG"
body_has 'الصورة تالفة أو غير مكتملة' "refused in Arabic"
python3 - "$TMP/bomb.png" <<'EOF2'
import struct, sys, zlib
w = h = 10000       # 100 megapixels announced, from a file of a few hundred bytes
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
rows = zlib.compress(b'\x00' * (w * 3 + 1) * 8, 9)
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                              + chunk(b'IDAT', rows) + chunk(b'IEND', b''))
EOF2
upload "$TMP/bomb.png" 'قنبلة'
expect_status 422 "a decompression bomb"
body_has 'أبعاد الصورة كبيرة جدًا' "refused in Arabic"
upload "$TMP/photo.png" ''
expect_status 422 "an image without alt text"
body_has 'النص البديل مطلوب' "alt text is required"
check "only the one image recorded" test "$(sql "SELECT count(*) FROM media WHERE user_id IS NOT NULL")" = 1
check "no temporary files left" test -z "$(ls -A "$MEDIA/tmp")"

# The featured image on the article page.
save "$E" "$ET" action=publish id=$ID 'title=قمة المناخ تبدأ أعمالها في الرياض' section=world \
    "slug=$OLD" "image=$MID" 'body=نص.'
expect_status 303 "publish with a featured image"
fetch "/article/$ID/$(python3 -c "import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))" "$OLD")"
expect_status 200 "the article page"
body_has "<picture><source type=\"image/webp\" srcset=\"/media/$H-480.webp 480w" "a picture with WebP sources"
body_has 'alt="صورة من قمة المناخ"' "with the alt text"
valid_html "article page with an image"

# Alt text, changed after the upload: by its uploader (or an editor), not
# by another author; the article shows the new text.
alt() {         # alt JAR CSRF ID TEXT
    fetch /admin/media/alt -c "$1" -b "$1" -H "Origin: $BASE" --data-urlencode "csrf=$2" \
        --data-urlencode "id=$3" --data-urlencode "alt=$4"
}
get "$E" /admin/media
body_has "action=\"/admin/media/alt\"" "each image has an alt text form"
body_has "value=\"صورة من قمة المناخ\"" "filled with its text"
valid_html "media page with alt forms"
alt "$E" "$ET" "$MID" '  رئيس الوفد يلقي كلمة في قمة المناخ  '
expect_status 303 "alt text changed"
check "to the media page" test "$(location)" = "/admin/media?saved=$MID"
check "stored, trimmed" test "$(sql "SELECT alt FROM media WHERE id=$MID")" = 'رئيس الوفد يلقي كلمة في قمة المناخ'
audit_has media.alt "$MID" "changing it is audited"
get "$E" "/admin/media?saved=$MID"
body_has 'حُفظ النص البديل.' "the page says so"
fetch "/article/$ID/$(python3 -c "import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))" "$OLD")"
body_has 'alt="رئيس الوفد يلقي كلمة في قمة المناخ"' "the article shows the new text"
alt "$E" "$ET" "$MID" '   '
expect_status 422 "an empty alt text"
body_has 'النص البديل مطلوب' "is refused in Arabic"
alt "$E" "$ET" "$MID" "$(printf 'سطر\nآخر')"
expect_status 422 "a control character"
check "the text is unchanged" test "$(sql "SELECT alt FROM media WHERE id=$MID")" = 'رئيس الوفد يلقي كلمة في قمة المناخ'
get "$A" /admin/media
AT2=$(csrf_of)
body_lacks "name=\"id\" value=\"$MID\"" "another author gets no form for it"
alt "$A" "$AT2" "$MID" 'نص آخر'
expect_status 403 "nor may change it"
alt "$E" "wrong" "$MID" 'نص آخر'
expect_status 403 "a wrong form token"
alt "$E" "$ET" 999999 'نص آخر'
expect_status 404 "an unknown image"
check "still unchanged" test "$(sql "SELECT alt FROM media WHERE id=$MID")" = 'رئيس الوفد يلقي كلمة في قمة المناخ'

# What a crash leaves in the media folders is swept at start, when an hour
# old (a second server may be writing younger files).
stop_server
touch -d '2 hours ago' "$MEDIA/.tmp-aaaaaa" "$MEDIA/tmp/upload-bbbbbb"
touch "$MEDIA/.tmp-cccccc" "$MEDIA/tmp/upload-dddddd"
start_server
check "an old temporary file is removed" test ! -e "$MEDIA/.tmp-aaaaaa"
check "an old upload is removed" test ! -e "$MEDIA/tmp/upload-bbbbbb"
check "a young one is kept" test -e "$MEDIA/.tmp-cccccc" -a -e "$MEDIA/tmp/upload-dddddd"
check "the images are kept" test -e "$MEDIA/$H-orig.png"
check "the server says so" \
    grep -q 'media: removed 2 temporary files left by an earlier run' "$TMP/server.out"
finish
