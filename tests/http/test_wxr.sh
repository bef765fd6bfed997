# The WordPress import (akhbar import --format wxr): an Arabic export written
# for this test (tests/fixtures/wxr/wxr-arabic.xml) and, when ../shared/wxr/
# is there, WordPress's own importer test files with what WordPress's tests
# expect of them. A second run changes nothing; old URLs answer 301; hostile
# content and hostile XML do not get through.
. tests/http/lib.sh

FIX=tests/fixtures/wxr/wxr-arabic.xml
SHARED=../shared/wxr
q() { python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }

# ---- the Arabic export ----
"$AKHBAR" import --db "$DB" $(media_opt) --format wxr "$FIX" >"$TMP/out" 2>"$TMP/err"
check "an export with a bad record exits 1" test $? -eq 1
check "the bad record is reported with its line" grep -q "wxr-arabic.xml:195: post 108: title, content and excerpt are empty" "$TMP/err"
check "a missing attachment is reported" grep -q "attachment 150: .*goal.jpg: file not found" "$TMP/err"
check "the summary counts posts" grep -Eq '^posts +6 +0 +0 +1 +1$' "$TMP/out"
check "the summary counts comments" grep -Eq '^comments +5 +0 +0 +1 +0$' "$TMP/out"
check "menus are counted as skipped" grep -Eq '^other +0 +0 +0 +1 +0$' "$TMP/out"
check "shortcodes dropped are counted" grep -q "1 shortcodes dropped" "$TMP/out"

check "six articles" test "$(sql 'SELECT count(*) FROM article')" = 6
check "statuses: 2 published, draft, review, scheduled, private" \
    test "$(sql_join , 'SELECT status FROM article ORDER BY status')" = "0,1,2,3,3,4"
a1=$(sql "SELECT id FROM article WHERE guid='https://akhbar.example/?p=101'")
check "Arabic slug decoded from the percent-encoded post_name" \
    test "$(sql "SELECT slug FROM article WHERE id=$a1")" = "قمة-الناتو-تدعو-إلى-التهدئة"
check "byline: the author's display name" test "$(sql "SELECT author FROM article WHERE id=$a1")" = "أحمد المحرر"
check "byline from first and last names" \
    test "$(sql "SELECT author FROM article WHERE guid='https://akhbar.example/?p=102'")" = "سارة خليل"
check "lede: the first paragraph" \
    test "$(sql "SELECT lede FROM article WHERE id=$a1")" = "دعت دول الحلف في ختام قمتها إلى التهدئة وضبط النفس."
check "lede: the excerpt, as text" \
    test "$(sql "SELECT lede FROM article WHERE guid='https://akhbar.example/?p=102'")" = "ملخص النتائج"
check "sections decoded from nicenames" \
    test "$(sql "SELECT count(*) FROM section WHERE slug IN ('أخبار-عالمية','الشرق-الأوسط','رياضة')")" = 3
check "a section keeps its parent" \
    test "$(sql "SELECT p.slug FROM section s JOIN section p ON p.id=s.parent_id WHERE s.slug='الشرق-الأوسط'")" = "أخبار-عالمية"
check "primary section first, the other kept" \
    test "$(sql "SELECT count(*) FROM article_section WHERE article_id=$a1")" = 2
check "tag" test "$(sql "SELECT t.name FROM article_tag x JOIN tag t ON t.id=x.tag_id WHERE x.article_id=$a1")" = "السياسة"
check "authors are disabled users" test "$(sql_join , "SELECT login || ':' || disabled FROM \"user\" ORDER BY login")" = "ahmad:1,sara.k:1"
check "comments: approved, pending and spam kept, pingback skipped" \
    test "$(sql_join , "SELECT status FROM comment WHERE article_id=$a1 ORDER BY id")" = "1,1,1,0,2"
c1=$(sql "SELECT id FROM comment WHERE author='قارئ أول'")
check "a reply to a reply answers the thread's first comment" \
    test "$(sql "SELECT parent_id FROM comment WHERE author='قارئ ثالث'")" = "$c1"
sql 'SELECT body FROM comment' >"$TMP/bodies"
check "a comment's HTML is text" sh -c "! grep -q script '$TMP/bodies'"
check "pages: published and draft" test "$(sql_join , "SELECT slug || ':' || published FROM page ORDER BY id")" = "من-نحن:1,صفحة-مسودة:0"

# Search indexing is deferred to each commit (store_bulk_begin/end): the
# articles are found, and the index's trigger is back for everything else.
check "imported articles are searchable" sh -c "'$AKHBAR' search --db '$DB' التهدئة | grep -q 'قمة الناتو'"
if on_pg; then       # its trigger, enabled
    check "the search trigger is back" test "$(sql "SELECT count(*) FROM pg_trigger WHERE tgname='article_fts_new' AND tgenabled='O'")" = 1
else
    check "the search trigger is back" test "$(sql "SELECT count(*) FROM sqlite_master WHERE name='article_fts_insert'")" = 1
fi
printf '%s\n' '{"guid":"urn:later","title":"خبر لاحق","body":"كلمةفريدة في النص.","section":"رياضة"}' >"$TMP/later.ndjson"
"$AKHBAR" import --db "$DB" $(media_opt) --format ndjson "$TMP/later.ndjson" 2>/dev/null
check "an article stored later is indexed" sh -c "'$AKHBAR' search --db '$DB' كلمةفريدة | grep -q 'خبر لاحق'"

# ---- a second run changes nothing ----
before=$(sql "SELECT (SELECT count(*) FROM article),(SELECT count(*) FROM comment),(SELECT count(*) FROM section),(SELECT count(*) FROM tag),(SELECT count(*) FROM \"user\"),(SELECT count(*) FROM page),(SELECT max(updated_at) FROM article)")
"$AKHBAR" import --db "$DB" $(media_opt) --format wxr "$FIX" >"$TMP/out2" 2>/dev/null
after=$(sql "SELECT (SELECT count(*) FROM article),(SELECT count(*) FROM comment),(SELECT count(*) FROM section),(SELECT count(*) FROM tag),(SELECT count(*) FROM \"user\"),(SELECT count(*) FROM page),(SELECT max(updated_at) FROM article)")
check "second run: the same rows" test "$before" = "$after"
check "second run: posts unchanged" grep -Eq '^posts +0 +0 +6 +1 +1$' "$TMP/out2"
check "second run: pages unchanged" grep -Eq '^pages +0 +0 +2 +0 +0$' "$TMP/out2"

# ---- attachments from --uploads: media and the featured image ----
mkdir -p "$TMP/uploads/2024/03"
mkpng "$TMP/uploads/2024/03/goal.jpg" 64 48
"$AKHBAR" import --db "$DB" --format wxr --uploads "$TMP/uploads" --media "$TMP/media" "$FIX" >"$TMP/out3" 2>"$TMP/err3"
check "the attachment is imported" grep -Eq '^attachments +1 ' "$TMP/out3"
check "media row with its alt text" test "$(sql "SELECT alt FROM media")" = "لحظة الهدف"
check "_thumbnail_id makes the featured image" \
    test "$(sql "SELECT image_id FROM article WHERE id=$a1")" = "$(sql 'SELECT id FROM media')"
check "the media files are written" sh -c "ls '$TMP/media' | grep -q orig"

# ---- strict: all or nothing ----
STRICT_DB=$(new_db strict)
"$AKHBAR" import --db "$STRICT_DB" $(media_opt) --format wxr --strict "$FIX" >/dev/null 2>"$TMP/err4"
check "--strict with a bad record exits 1" test $? -eq 1
check "--strict stores nothing" test "$(DB=$STRICT_DB sql 'SELECT count(*) FROM article')" = 0

# ---- hostile XML ----
cat >"$TMP/lol.xml" <<'X'
<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><wp:wxr_version>1.2</wp:wxr_version>
<item><title>&g;</title><content:encoded>&x;</content:encoded><wp:post_id>1</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
</channel></rss>
X
t0=$(date +%s)
LOL_DB=$(new_db lol)
"$AKHBAR" import --db "$LOL_DB" $(media_opt) --format wxr "$TMP/lol.xml" >/dev/null 2>"$TMP/err5"
check "a DTD is refused" test $? -eq 1
check "a DTD is refused fast" test $(($(date +%s) - t0)) -le 5
check "the refusal names the DTD" grep -q "DTD" "$TMP/err5"
check "nothing from a file with a DTD" test "$(DB=$LOL_DB sql 'SELECT count(*) FROM article')" = 0

# ---- the site: old URLs and the article page ----
start_server
redirect() {
    fetch "$1"
    expect_status 301 "$3"
    check "$3: Location $2" test "$(location)" = "$2"
}
slug1=$(q "قمة-الناتو-تدعو-إلى-التهدئة")
old1='/2024/03/%d9%82%d9%85%d8%a9-%d8%a7%d9%84%d9%86%d8%a7%d8%aa%d9%88-%d8%aa%d8%af%d8%b9%d9%88-%d8%a5%d9%84%d9%89-%d8%a7%d9%84%d8%aa%d9%87%d8%af%d8%a6%d8%a9/'
redirect "$old1" "/article/$a1/$slug1" "a post's old link"
redirect "$(echo "$old1" | tr 'a-f' 'A-F' | sed 's/%\([0-9A-F]\)/%\1/g')" "/article/$a1/$slug1" "the old link with upper-case escapes"
redirect '/?p=101' "/article/$a1/$slug1" "/?p=ID"
redirect '/?page_id=201' "/page/$(q 'من-نحن')" "/?page_id=ID"
redirect "/$(q 'من-نحن')/" "/page/$(q 'من-نحن')" "a page's old link"
redirect "/category/$(q 'أخبار-عالمية')/" "/section/$(q 'أخبار-عالمية')" "/category/SLUG/"
redirect "/category/$(q 'أخبار-عالمية')/$(q 'الشرق-الأوسط')/" "/section/$(q 'الشرق-الأوسط')" "/category/PARENT/CHILD/"
redirect "/tag/$(q 'السياسة')/" "/tag/$(q 'السياسة')" "/tag/SLUG/"
fetch '/private-story/'
expect_status 404 "a private post's old link stays hidden"
fetch '/?p=103'
expect_status 404 "a draft's old id stays hidden"

fetch "/article/$a1/$slug1"
expect_status 200 "the imported article"
body_has "قمة الناتو تدعو إلى التهدئة" "its title"
body_has '<h2>ردود الفعل</h2>' "a Gutenberg heading"
body_has '<a href="https://news.example/report">التقرير الكامل</a>' "a link kept"
body_has 'قادة الحلف في القمة' "a figure's caption"
body_has '<li>البند الأول</li>' "a list"
body_lacks 'javascript:' "no javascript: link"
body_lacks 'onerror' "no event handler"
body_lacks 'alert(' "no script"
body_has 'تعليق موافق عليه' "an approved comment"
body_lacks 'تعليق بانتظار المراجعة' "no pending comment"
body_lacks 'تعليق مزعج مرفوض' "no spam comment"
valid_html "the imported article"
a2=$(sql "SELECT id FROM article WHERE guid='https://akhbar.example/?p=102'")
fetch "/article/$a2"
fetch "$(location)"
body_has 'لحظة تسجيل الهدف' "a [caption] became a caption"
body_has 'فقرة بعد السكربت' "text after a script kept"
body_lacks 'document.write' "a script's text dropped"
body_lacks 'gallery' "a [gallery] dropped"
body_lacks 'steal' "an onclick dropped"
stop_server

# ---- WordPress's own test files ----
if [ ! -d "$SHARED" ]; then
    echo "skip: $SHARED absent (WordPress's importer test files)"
    finish
fi
W=$(new_db wp)
w() { DB=$W sql "$1"; }
"$AKHBAR" import --db "$W" $(media_opt) --format wxr "$SHARED/small-export.xml" >"$TMP/wout" 2>"$TMP/werr"
check "small-export imports" test $? -eq 0
check "small-export: 3 authors" test "$(w 'SELECT count(*) FROM "user"')" = 3
check "small-export: the editor's display name" test "$(w "SELECT name FROM \"user\" WHERE login='editor'")" = "editor"
check "small-export: 30 categories" test "$(w 'SELECT count(*) FROM section')" = 30
check "small-export: foo-bar under bar" test "$(w "SELECT p.slug FROM section s JOIN section p ON p.id=s.parent_id WHERE s.slug='foo-bar'")" = bar
check "small-export: foo at the top" test "$(w "SELECT count(*) FROM section WHERE slug='foo' AND parent_id IS NULL")" = 1
check "small-export: 3 tags" test "$(w 'SELECT count(*) FROM tag')" = 3
check "small-export: 5 published posts" test "$(w 'SELECT count(*) FROM article WHERE status=3')" = 5
check "small-export: 1 private post" test "$(w 'SELECT count(*) FROM article WHERE status=4')" = 1
check "small-export: 4 published pages" test "$(w 'SELECT count(*) FROM page WHERE published=1')" = 4
check "small-export: 1 draft page" test "$(w 'SELECT count(*) FROM page WHERE published=0')" = 1
check "small-export: 1 comment" test "$(w 'SELECT count(*) FROM comment')" = 1
check "small-export: Many Categories has 27" \
    test "$(w "SELECT count(*) FROM article_section x JOIN article a ON a.id=x.article_id WHERE a.title='Many Categories'")" = 27
check "small-export: Private Post's tags" \
    test "$(DB=$W sql_join , "SELECT t.slug FROM article_tag x JOIN tag t ON t.id=x.tag_id JOIN article a ON a.id=x.article_id WHERE a.title='Private Post' ORDER BY t.slug")" = "tag1,tag2,tag3"
counts() { w "SELECT (SELECT count(*) FROM \"user\"),(SELECT count(*) FROM section),(SELECT count(*) FROM tag),(SELECT count(*) FROM article),(SELECT count(*) FROM page),(SELECT count(*) FROM comment)"; }
c1=$(counts)
"$AKHBAR" import --db "$W" $(media_opt) --format wxr "$SHARED/small-export.xml" >/dev/null 2>&1
check "small-export twice: the same counts" test "$(counts)" = "$c1"

for v in 1.0 1.1; do
    V=$(new_db "v${v%.*}${v#*.}")
    "$AKHBAR" import --db "$V" $(media_opt) --format wxr "$SHARED/valid-wxr-$v.xml" >/dev/null 2>&1
    check "WXR $v imports" test $? -eq 0
    check "WXR $v has posts" test "$(DB=$V sql 'SELECT count(*) FROM article')" -gt 0
done
BAD_DB=$(new_db bad)
for f in missing-version-tag:missing invalid-version-tag:invalid malformed:invalid; do
    "$AKHBAR" import --db "$BAD_DB" $(media_opt) --format wxr "$SHARED/${f%%:*}.xml" >/dev/null 2>"$TMP/berr"
    check "${f%%:*}: refused" test $? -eq 1
    check "${f%%:*}: the reason" grep -q "${f#*:} WXR version number" "$TMP/berr"
done
"$AKHBAR" import --db "$BAD_DB" $(media_opt) --format wxr "$SHARED/malformed-simple.xml" >/dev/null 2>"$TMP/berr"
check "malformed-simple: refused" test $? -eq 1
check "malformed-simple: not well-formed, nothing imported" grep -q "not well-formed XML.*nothing imported" "$TMP/berr"
check "refused files store nothing" test "$(DB=$BAD_DB sql 'SELECT count(*) FROM article')" = 0
C=$(new_db c)
"$AKHBAR" import --db "$C" $(media_opt) --format wxr "$SHARED/crazy-cdata-escaped.xml" "$SHARED/multiple-cdata.xml" \
    "$SHARED/cdata-edge.xml" "$SHARED/slashes.xml" "$SHARED/backslashes.xml" "$SHARED/blank-lines.xml" \
    >/dev/null 2>"$TMP/cerr"
cq() { DB=$C sql "$1"; }
check "CDATA split: whole" test "$(cq "SELECT lede FROM article WHERE guid='http://example.org/?p=1'")" = "Content with nested <![CDATA[ tags ]]> :)"
check "several CDATA sections: whole" test "$(cq "SELECT lede FROM article WHERE title='Multi'")" = "line oneline twoline three"
check "]] > kept" test "$(cq "SELECT lede FROM article WHERE title='Edge'")" = "ends with sequence ]] >"
check "slashes kept" test "$(cq "SELECT lede FROM article WHERE lede LIKE 'Slashes%'")" = "Slashes aren\\'t \\\"cool\\\""
check "backslashes kept" test "$(cq "SELECT lede FROM article WHERE title='Paths'")" = 'C:\xampp\htdocs\wp-content'
check "a blank line is a paragraph break" test "$(cq "SELECT lede || '|' || body_md FROM article WHERE title='Post with blanks'")" = "first paragraph|second paragraph"
# (it has slashes.xml's guid: a file of its own)
PC_DB=$(new_db pc)
"$AKHBAR" import --db "$PC_DB" $(media_opt) --format wxr "$SHARED/post-content-blank-lines.xml" >/dev/null 2>&1
check "classic content: a line break and a paragraph" \
    test "$(DB=$PC_DB sql "SELECT lede || '|' || body_md FROM article")" = "This is an example of a WordPress post. It has lines with text (and one blank line).|And more lines with text."
NS_DB=$(new_db ns)
"$AKHBAR" import --db "$NS_DB" $(media_opt) --format wxr "$SHARED/namespace-edge-cases.xml" >"$TMP/nsout" 2>&1
check "namespace edge cases: a redefined wp prefix is not WordPress's" \
    test "$(DB=$NS_DB sql "SELECT count(*) FROM \"user\" WHERE login='fake_ns_user'")" = 0
check "namespace edge cases: the real author" \
    test "$(DB=$NS_DB sql "SELECT count(*) FROM \"user\" WHERE login='real_user'")" = 1
finish
