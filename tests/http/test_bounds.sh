# Bodies whose page could not be served are never stored: block quotes and
# lists nested more than 32 deep, or Markdown that renders to more than 2 MB
# of HTML (render/markdown.h), are refused by every way in. The importers name
# the record and skip it; the editor, its preview, static pages and revision
# restores answer 422 in Arabic with the typed text kept. What is stored
# serves, and an article page holds at most 1 MB of its newest comments.
# The limits that text imports and themes pass are named, not "out of
# memory".
. tests/http/lib.sh
"$AKHBAR" init --db "$DB" >/dev/null 2>&1
"$AKHBAR" section add --db "$DB" news 'أخبار' >/dev/null
articles() { sql 'SELECT count(*) FROM article'; }

# ---- ndjson: a good record, one too deep, one too long once rendered ----
python3 - "$TMP/bodies.ndjson" <<'PY'
import json, sys
def rec(title, body):
    return json.dumps({"title": title, "body": body, "section": "news"}, ensure_ascii=False)
# 32 levels of quotes: the deepest allowed
ok = "\n\n".join(">" * 32 + " فقرة مقتبسة " + str(i) for i in range(50))
# 1 MB of lines of 500 nested quotes: 27 MB of HTML before this bound
deep = "\n\n".join([">" * 500 + " x"] * 1990)
# 30 levels, within the depth bound, but about 24 times its size as HTML
long = "\n\n".join([">" * 30 + " x"] * 29000)
with open(sys.argv[1], "w") as f:
    f.write(rec("مقتبس في حدود المسموح", ok) + "\n")
    f.write(rec("اقتباسات بلا نهاية", deep) + "\n")
    f.write(rec("نص يتضخم", long) + "\n")
PY
"$AKHBAR" import --db "$DB" $(media_opt) --format ndjson "$TMP/bodies.ndjson" >"$TMP/out" 2>"$TMP/err"
check "an import with refused records exits 1" test $? -eq 1
check "the nesting is named with the record's line" \
    grep -q "bodies.ndjson:2: body: block quotes or lists nested more than 32 deep" "$TMP/err"
check "the size is named with the record's line" \
    grep -q "bodies.ndjson:3: body: more than 2097152 bytes once rendered to HTML" "$TMP/err"
check "the good record is stored, the two others not" test "$(articles)" -eq 1
check "the report counts them" grep -q "1 imported, 0 updated, 0 unchanged, 2 failed" "$TMP/err"
# A static page of an export is held to the same bounds.
python3 -c 'import json; print(json.dumps({"type": "page", "slug": "deep", "title": "صفحة",
    "body": ">" * 33 + " x", "published": True}))' >"$TMP/page.ndjson"
"$AKHBAR" import --db "$DB" $(media_opt) --format ndjson "$TMP/page.ndjson" 2>"$TMP/err"
check "a static page nested too deep is refused, naming its line and why" \
    grep -q "page.ndjson:1: body: block quotes or lists nested more than 32 deep" "$TMP/err"
check "and not stored" test "$(sql 'SELECT count(*) FROM page')" -eq 0

# ---- a text page whose quotation marks make it more than 2 MB of HTML ----
python3 - "$TMP/quotes.txt" <<'PY'
import sys
para = 'قال المتحدث "' + '"' * 60 + '" ثم أضاف "نعم" و"لا" في البيان.'
with open(sys.argv[1], "w") as f:
    f.write("عنوان الخبر المقتبس\n\nمقدمة الخبر كما وردت من الوكالة.\n\n")
    f.write("\n\n".join([para] * 5000) + "\n")
PY
"$AKHBAR" import --db "$DB" $(media_opt) --format text --section news "$TMP/quotes.txt" 2>"$TMP/err"
check "a text page too long once rendered exits 1" test $? -eq 1
check "and names the file and the limit" \
    grep -q "quotes.txt: body: more than 2097152 bytes once rendered to HTML" "$TMP/err"
check "nothing stored" test "$(articles)" -eq 1

# ---- limits named, not "out of memory" ----
# 6 MB, 2 million lines: it used to exhaust the record's memory.
python3 -c 'import sys; sys.stdout.write("عنوان\n\nمقدمة.\n\n" + "نص\n\n" * 999998)' \
    >"$TMP/lines.txt"
"$AKHBAR" import --db "$DB" $(media_opt) --format text --section news "$TMP/lines.txt" 2>"$TMP/err"
check "a text page of 2 million lines exits 1" test $? -eq 1
check "naming the lines and the limit" \
    grep -q "lines.txt: text: 2000001 lines, more than 20000 in one article page" "$TMP/err"
check "not out of memory" sh -c "! grep -q 'out of memory' '$TMP/err'"
python3 -c 'import sys; sys.stdout.write("عنوان\n" + "مقدمة " * 3000 + "\nنص.\n")' >"$TMP/lede.txt"
"$AKHBAR" import --db "$DB" $(media_opt) --format text --section news "$TMP/lede.txt" 2>"$TMP/err"
check "a lede of 33 KB exits 1 (it would be on every card)" test $? -eq 1
check "naming its line and the limit" \
    grep -q "lede.txt:2: lede: 32999 bytes, more than 10000" "$TMP/err"
check "nothing stored" test "$(articles)" -eq 1

# ---- what was stored serves ----
start_server
id=$(sql "SELECT id FROM article")
fetch "/article/$id/x" -L
expect_status 200 "the article quoted 32 deep"
body_has 'فقرة مقتبسة 49' "its last paragraph"

# ---- the newsroom ----
adduser editor ed
E=$TMP/jar.ed
login "$E" ed
get "$E" /admin/articles/new
tok=$(csrf_of)
deep=$(python3 -c 'print("\n\n".join([">" * 33 + " علامة-التداخل"] * 3))')
edit() {  # edit PATH field=value...: POST the editor's form
    p=$1; shift
    for kv in "$@"; do set -- "$@" --data-urlencode "$kv"; shift; done
    fetch "$p" -c "$E" -b "$E" -H "Origin: $BASE" --data-urlencode "csrf=$tok" "$@"
}
edit /admin/articles/save title='خبر متداخل' section=news action=publish "body=$deep"
expect_status 422 "the editor refuses 33 levels"
body_has 'متداخلة أكثر من 32 مستوى' "and says why in Arabic"
body_has 'علامة-التداخل' "the typed text is kept"
body_has 'value="خبر متداخل"' "the title too"
body_has 'aria-describedby="e-body-err e-body-status"' "the message is tied to the body field"
valid_html "the refused editor page"
check "nothing stored" test "$(articles)" -eq 1
edit /admin/articles/preview title='خبر متداخل' section=news "body=$deep"
expect_status 422 "the preview refuses it too"
body_has 'متداخلة أكثر من 32 مستوى' "saying why"
ok32=$(python3 -c 'print(">" * 32 + " مقبول")')
edit /admin/articles/save title='خبر مقبول' section=news action=publish "body=$ok32"
expect_status 303 "32 levels are saved"
check "and stored" test "$(articles)" -eq 2

get "$E" /admin/pages/new
tok=$(csrf_of)
edit /admin/pages/save title='صفحة متداخلة' "body=$deep"
expect_status 422 "a static page refuses 33 levels"
body_has 'متداخلة أكثر من 32 مستوى' "saying why"
body_has 'علامة-التداخل' "with the text kept"
check "no page stored" test "$(sql 'SELECT count(*) FROM page')" -eq 0

# A revision saved under older bounds is refused when restored.
aid=$(sql "SELECT id FROM article WHERE title='خبر مقبول'")
sql "UPDATE revision SET body_md='$(printf '%s' "$deep")' WHERE article_id=$aid"
rev=$(sql "SELECT id FROM revision WHERE article_id=$aid LIMIT 1")
get "$E" "/admin/articles/$aid/revisions"
tok=$(csrf_of)
edit "/admin/articles/$aid/restore" "revision=$rev"
expect_status 422 "restoring a revision too deep"
body_has 'متداخلة أكثر من 32 مستوى' "says why"

# An article with 400 long comments (7 MB) answered 500 for good: its page
# shows the newest of them, up to 200 and 1 MB.
python3 - "$TMP/talk.ndjson" <<'PY'
import json, sys
cs = [{"author": "قارئ %d" % i, "body": "تعليق طويل " * 900, "created_at": 1700000000 + i}
      for i in range(400)]
open(sys.argv[1], "w").write(json.dumps({"title": "خبر كثير التعليقات", "body": "نص.",
                                          "section": "news", "comments": cs},
                                         ensure_ascii=False) + "\n")
PY
"$AKHBAR" import --db "$DB" $(media_opt) --format ndjson "$TMP/talk.ndjson" 2>/dev/null
tid=$(sql "SELECT id FROM article WHERE title='خبر كثير التعليقات'")
fetch_fresh 'قارئ 399' "/article/$tid/x" -L
expect_status 200 "the article with 400 long comments serves"
body_has 'قارئ 399' "its newest comment"
body_lacks 'قارئ 0<' "not its oldest"
check "at most 1 MB of them" test "$(grep -c 'class="comment"' "$TMP/body")" -le 60
python3 - "$TMP/body" <<'PY' && ok || fail "the comments shown are the newest, oldest first"
import re, sys
n = [int(x) for x in re.findall(r"<bdi>قارئ (\d+)</bdi></strong>", open(sys.argv[1]).read())]
assert n and n == sorted(n) and n[-1] == 399 and n == list(range(400 - len(n), 400)), n
PY

# Six bodies near the 2 MB bound did not fit a feed's memory (500 for every
# feed that listed them): a body over 128 KB of HTML is given by its lede.
python3 - "$TMP/long.ndjson" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(6):
        f.write(json.dumps({"title": "خبر طويل %d" % i, "lede": "مقدمة %d" % i,
                            "body": "*\n" * 190000, "section": "news",
                            "published_at": 1760000000 + i}, ensure_ascii=False) + "\n")
    f.write(json.dumps({"title": "خبر قصير", "lede": "مقدمة قصيرة", "body": "نص **قصير**.",
                        "section": "news", "published_at": 1760000100}, ensure_ascii=False) + "\n")
PY
"$AKHBAR" import --db "$DB" $(media_opt) --format ndjson "$TMP/long.ndjson" 2>"$TMP/err"
check "six long bodies and a short one imported" grep -q "7 imported, 0 updated, 0 unchanged, 0 failed" "$TMP/err"
for f in /feed /feed/atom /section/news/feed; do
    fetch_fresh 'خبر قصير' "$f"
    expect_status 200 "$f with six long bodies"
    body_has 'مقدمة 5' "$f: a long one by its lede"
    body_has '&lt;strong&gt;قصير&lt;/strong&gt;' "$f: the short one in full"
done
check "the long ones without their bodies" \
    test "$(grep -c '&lt;li&gt;&lt;/li&gt;' "$TMP/body")" -eq 0
lid=$(sql "SELECT id FROM article WHERE title='خبر طويل 5'")
fetch "/article/$lid/x" -L
expect_status 200 "a long one's own page"
finish
