# Bidi controls from users: names lose the controls that would act outside
# them, wherever they come from (the comment form, the editor, a profile, the
# command line, an import), and pages isolate user text: <bdi> around names,
# dir="auto" on comment bodies, headlines inline isolated in the page's own
# direction. A reader's RIGHT-TO-LEFT OVERRIDE must not turn the date beside
# their name backwards.
. tests/http/lib.sh
LRO=$(printf '\342\200\255'); RLO=$(printf '\342\200\256'); PDF=$(printf '\342\200\254')
LRI=$(printf '\342\201\246'); RLI=$(printf '\342\201\247'); PDI=$(printf '\342\201\251')
RLM=$(printf '\342\200\217'); LRM=$(printf '\342\200\216')
start_server --demo

# ---- a reader's comment ----
fetch /article/2/comment/token
token=$(cat "$TMP/body")
comment() {  # comment AUTHOR BODY
    STATUS=$(curl -s -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' -H "Origin: $BASE" \
        --data-urlencode "author=$1" --data-urlencode "body=$2" --data-urlencode "token=$token" \
        "$BASE/article/2/comment")
}
comment "${RLO}سارق الاتجاه${LRI}" "تعليق ${RLO}مقلوب الاتجاه ينتهي هنا"
expect_status 303 "a comment with overrides in its name is taken"
check "its author is stored without them" \
    test "$(sql "SELECT author FROM comment ORDER BY id DESC LIMIT 1")" = "سارق الاتجاه"
check "its body is stored as written (isolated on the page instead)" \
    test "$(sql "SELECT body FROM comment ORDER BY id DESC LIMIT 1")" = "تعليق ${RLO}مقلوب الاتجاه ينتهي هنا"
cid=$(sql "SELECT id FROM comment ORDER BY id DESC LIMIT 1")
comment "${RLO}${RLM}${PDI}" "اسم من رموز التحكم وحدها"
expect_status 400 "a name of bidi controls alone is no name"
comment "${RLI}Ali${PDI} ${RLM}علي${RLM}" "اسم مختلط بعزل مقفل"
expect_status 303 "a name with a closed isolate is taken"
check "the pair and the inner mark stay, the mark at the end goes" \
    test "$(sql "SELECT author FROM comment ORDER BY id DESC LIMIT 1")" = "${RLI}Ali${PDI} ${RLM}علي"
"$AKHBAR" comment approve --db "$DB" "$cid" >/dev/null

fetch_fresh 'سارق الاتجاه' /article/2 -L
body_has '<strong><bdi>سارق الاتجاه</bdi></strong>' "the author's name isolated"
body_has "<p class=\"comment-text\" dir=\"auto\">تعليق ${RLO}مقلوب" "the body in its own direction"
body_has 'ردّ على <bdi>سارق الاتجاه</bdi>' "the reply link's name isolated"
# Every override left on the page is inside a comment's body paragraph.
python3 - "$TMP/body" <<'PY' && ok || fail "an override outside a comment body"
import sys
for line in open(sys.argv[1], encoding="utf-8"):
    if any(c in line for c in "\u202a\u202b\u202d\u202e\u2066\u2067\u2068"):
        assert line.startswith('<p class="comment-text" dir="auto">'), line
PY
valid_html "the article page with a hostile comment"

# ---- the newsroom ----
adduser editor ed "${RLO}محرر${PDF}${PDF}"
check "a display name from the command line keeps its pair, loses the stray PDF" \
    test "$(sql "SELECT name FROM \"user\" WHERE login='ed'")" = "${RLO}محرر${PDF}"
printf '%s\n' "$PW" | "$AKHBAR" user add --db "$DB" --role author --name "${LRM}كاتب${RLO}" writer \
    >/dev/null
check "and a lone override and a leading mark go" \
    test "$(sql "SELECT name FROM \"user\" WHERE login='writer'")" = "كاتب"
E=$TMP/jar.ed
login "$E" ed
get "$E" /admin/profile
fetch /admin/profile -c "$E" -b "$E" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_of)" \
    --data-urlencode "name=${RLI}رئيس التحرير"
expect_status 303 "a profile saved with an unclosed isolate"
check "the display name loses it" \
    test "$(sql "SELECT name FROM \"user\" WHERE login='ed'")" = "رئيس التحرير"
get "$E" /admin/
body_has '<bdi class="admin-me-name">رئيس التحرير</bdi>' "the newsroom shows it isolated"

get "$E" /admin/articles/new
fetch /admin/articles/save -c "$E" -b "$E" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_of)" \
    --data-urlencode "title=عنوان ${RLO}مقلوب" --data-urlencode "source=وكالة${LRO}" \
    --data-urlencode "body=نص الخبر." --data-urlencode "section=world" \
    --data-urlencode "tags=وسم${PDI}" --data-urlencode "action=publish"
expect_status 303 "an article with controls in its title, source and tag"
aid=$(sql "SELECT max(id) FROM article")
check "its title is stored without the override" \
    test "$(sql "SELECT title FROM article WHERE id=$aid")" = "عنوان مقلوب"
check "its source too" test "$(sql "SELECT source FROM article WHERE id=$aid")" = "وكالة"
check "its tag too" test "$(sql "SELECT name FROM tag ORDER BY id DESC LIMIT 1")" = "وسم"
check "its revision's title too" \
    test "$(sql "SELECT title FROM revision WHERE article_id=$aid")" = "عنوان مقلوب"
fetch "/article/$aid/x" -L
body_has '<h1 id="headline" class="headline">عنوان مقلوب</h1>' "the headline"
body_has 'المصدر: <bdi>وكالة</bdi>' "the source isolated"
body_has '<bdi>رئيس التحرير</bdi>' "the byline isolated"
body_has '<bdi>وسم</bdi>' "the tag isolated"

get "$E" /admin/articles/new
fetch /admin/articles/save -c "$E" -b "$E" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_of)" \
    --data-urlencode "title=${RLO}${PDI} ${RLM}" --data-urlencode "body=نص الخبر." \
    --data-urlencode "section=world" --data-urlencode "action=save"
expect_status 422 "a title of bidi controls alone is no title"
body_has 'العنوان مطلوب.' "and the editor says so"

# The moderation queue: names, bodies and the article's title isolated.
comment "${LRO}قارئ" "${RLO}تعليق ينتظر"
get "$E" /admin/comments
body_has '<strong><bdi>قارئ</bdi></strong>' "the queue isolates the author"
body_has "<p class=\"mod-body\" dir=\"auto\">${RLO}تعليق ينتظر</p>" "and the body"
body_has '<bdi dir="rtl">' "and the article's title, in the page's direction"
valid_html "the moderation queue"

# ---- an import ----
cat >"$TMP/hostile.ndjson" <<EOF
{"title": "${LRO}عنوان مستورد", "body": "نص.", "section": "world", "author": "${RLM}مراسل${RLM}", "source": "a${RLO}b${PDF}c", "tags": ["${PDF}مستورد"], "comments": [{"author": "${RLI}زائر", "body": "تعليق"}]}
EOF
"$AKHBAR" import --db "$DB" $(media_opt) --format ndjson "$TMP/hostile.ndjson" 2>"$TMP/err"
check "the import takes it" grep -q "1 imported, 0 updated, 0 unchanged, 0 failed" "$TMP/err"
iid=$(sql "SELECT max(id) FROM article")
check "the imported title is cleaned" \
    test "$(sql "SELECT title FROM article WHERE id=$iid")" = "عنوان مستورد"
check "the byline loses its marks at both ends" \
    test "$(sql "SELECT author FROM article WHERE id=$iid")" = "مراسل"
check "a closed override in the source stays" \
    test "$(sql "SELECT source FROM article WHERE id=$iid")" = "a${RLO}b${PDF}c"
check "the tag is cleaned" test "$(sql "SELECT count(*) FROM tag WHERE name='مستورد'")" -eq 1
check "the comment's author is cleaned" \
    test "$(sql "SELECT author FROM comment WHERE article_id=$iid")" = "زائر"
finish
