# akhbar export: the whole site as NDJSON, and back. A site with the demo
# content, newsroom people with profiles and a photo, a static page,
# articles in every state, threaded comments of every status and old URLs
# is exported; the file imported into an empty database makes a site whose
# export is the same bytes (cmp), which serves the same pages and old URLs;
# importing it again changes nothing. No password leaves the database.
. tests/http/lib.sh

start_server --demo
stop_server
"$AKHBAR" section add --db "$DB" opinion 'رأي' >/dev/null
printf 'correct horse battery\n' | "$AKHBAR" user add --db "$DB" --role editor --name 'سارة' sara >/dev/null 2>&1
printf 'correct horse battery\n' | "$AKHBAR" user add --db "$DB" --role author --name 'علي' ali >/dev/null 2>&1
"$AKHBAR" user disable --db "$DB" ali >/dev/null 2>&1
H=0123456789abcdef0123456789abcdef
sql "INSERT INTO media(hash, width, height, mime, alt, bytes, created_at)
     VALUES('$H', 800, 600, 'image/jpeg', 'صورة الكاتبة', 12345, 1700000000);
     INSERT INTO profile(user_id, slug, bio, photo_id, updated_at)
     SELECT id, 'sara', 'كاتبة في الشؤون الدولية.', (SELECT id FROM media WHERE hash='$H'), 1 FROM \"user\" WHERE login='sara';
     INSERT INTO page(slug, title, body_md, body_html, published, position, updated_at)
     VALUES('team', 'فريق التحرير', 'صحيفة **تجريبية**.', '<p>x</p>', 1, 4, 1),
           ('draft-page', 'صفحة غير منشورة', '', '', 0, 5, 1);
     INSERT INTO legacy_url VALUES('/about-us', 1, (SELECT id FROM page WHERE slug='team'));
     INSERT INTO legacy_url VALUES('/category/world', 2, (SELECT id FROM section WHERE slug='world'));"
cat >"$TMP/more.ndjson" <<'J'
{"guid":"urn:x:1","title":"مقال بتعليقات","slug":"comments","body":"نص **المقال**.\n\n## عنوان فرعي\n\nفقرة.","lede":"مقدمة المقال","section":"opinion","sections":["world"],"tags":["حوار","رأي"],"author":"سارة","author_login":"sara","image":"0123456789abcdef0123456789abcdef","source":"وكالة","published_at":"2024-03-01T08:00:00Z","legacy_url":["/2024/03/%D9%85%D9%82%D8%A7%D9%84/","/old/comments"],"legacy_id":[41,42],"comments":[{"author":"قارئ","body":"تعليق أول","created_at":"2024-03-01T09:00:00Z"},{"author":"كاتب","body":"رد على الأول","created_at":"2024-03-01T10:00:00Z","reply_to":1},{"author":"آخر","body":"ينتظر","created_at":"2024-03-01T11:00:00Z","status":"pending"},{"author":"مزعج","body":"إعلان","created_at":"2024-03-01T12:00:00Z","status":"spam"}]}
{"title":"مسودة فارغة","section":"world","status":"draft"}
{"title":"قيد المراجعة","body":"نص.","section":"world","status":"review","published_at":1700000000}
{"title":"مجدول","body":"نص مجدول.","section":"economy","status":"scheduled","published_at":"2099-01-01T00:00:00Z"}
{"title":"سحب من النشر","body":"نص.","section":"world","status":"unpublished","published_at":1600000000}
J
"$AKHBAR" import --db "$DB" $(media_opt) --format ndjson "$TMP/more.ndjson" 2>"$TMP/err"
check "the extra records import" test $? -eq 0

"$AKHBAR" export --db "$DB" --format ndjson --out "$TMP/a.ndjson" 2>"$TMP/err"
check "export exits 0" test $? -eq 0
check "export prints its counts" grep -q "akhbar export: [0-9]* sections, [0-9]* tags, $(sql 'SELECT count(*) FROM media') images, 2 authors, 5 pages, [0-9]* articles" "$TMP/err"
"$AKHBAR" export --db "$DB" --format ndjson >"$TMP/stdout.ndjson" 2>/dev/null
check "to standard output: the same bytes" cmp "$TMP/a.ndjson" "$TMP/stdout.ndjson"
"$AKHBAR" export --db "$DB" --format text 2>/dev/null >/dev/null
check "--format text is refused (exit 2)" test $? -eq 2
"$AKHBAR" export --db "$DB" --format ndjson --out /no/such/dir/x.ndjson 2>"$TMP/err"
check "an unwritable --out fails (exit 1)" test $? -eq 1
check "and names it" grep -q "/no/such/dir/x.ndjson" "$TMP/err"

# What the file holds.
python3 - "$TMP/a.ndjson" "$DB" <<'PY' && ok || fail "the export's records"
import json, os, subprocess, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
# the database's answer, from psql in lib.sh's PostgreSQL mode, else sqlite3
n = lambda q: int(subprocess.check_output(
    ["psql", "-X", "-q", "-A", "-t", "-d", sys.argv[2], "-c", q]
    if os.environ.get("AKHBAR_TEST_PG") else ["sqlite3", sys.argv[2], q]))
by = {}
for r in recs:
    by.setdefault(r["type"], []).append(r)
order = [r["type"] for r in recs]
kinds = ["section", "tag", "image", "author", "page", "article"]
assert order == sorted(order, key=kinds.index), "records in kind order"
assert len(by["section"]) == n("SELECT count(*) FROM section")
assert len(by["tag"]) == n("SELECT count(*) FROM tag")
assert len(by["article"]) == n("SELECT count(*) FROM article")
assert len(by["author"]) == 2 and len(by["image"]) == n("SELECT count(*) FROM media")
assert len(by["page"]) == n("SELECT count(*) FROM page") == 5
text = open(sys.argv[1], encoding="utf-8").read()
assert "argon2" not in text and "password" not in text, "no password"
states = {a["status"] for a in by["article"]}
assert states == {"draft", "review", "scheduled", "published", "unpublished"}, states
a = [x for x in by["article"] if x.get("guid") == "urn:x:1"][0]
assert a["author_login"] == "sara" and a["image"] == "0123456789abcdef0123456789abcdef"
assert a["sections"] == ["world"] and a["tags"] == ["حوار", "رأي"]
assert a["legacy_url"] == ["/2024/03/مقال", "/old/comments"] and a["legacy_id"] == [41, 42]
c = a["comments"]
assert [x["status"] for x in c] == ["approved", "approved", "pending", "spam"]
assert c[1]["reply_to"] == 1 and "reply_to" not in c[0]
sara = [x for x in by["author"] if x["login"] == "sara"][0]
assert sara["slug"] == "sara" and sara["photo"] == a["image"] and sara["role"] == "editor"
ali = [x for x in by["author"] if x["login"] == "ali"][0]
assert ali["disabled"] is True
about = [x for x in by["page"] if x["slug"] == "team"][0]
assert about["legacy_url"] == ["/about-us"] and about["published"] is True
world = [x for x in by["section"] if x["slug"] == "world"][0]
assert world["legacy_url"] == ["/category/world"]
PY

# Into an empty database, and out again: the same bytes.
B=$(new_db b)
"$AKHBAR" import --db "$B" $(media_opt) --format ndjson "$TMP/a.ndjson" 2>"$TMP/err"
check "the export imports into an empty database" test $? -eq 0
check "nothing failed" grep -q " 0 failed" "$TMP/err"
"$AKHBAR" export --db "$B" --format ndjson --out "$TMP/b.ndjson" 2>/dev/null
check "the new site's export is byte-identical" cmp "$TMP/a.ndjson" "$TMP/b.ndjson"
check "breaking news is exported" grep -q '"breaking": *true' "$TMP/a.ndjson"
check "and imported as breaking news" test "$(DB=$B sql 'SELECT count(*) FROM article WHERE breaking<>0')" -eq "$(sql 'SELECT count(*) FROM article WHERE breaking<>0')" -a "$(sql 'SELECT count(*) FROM article WHERE breaking<>0')" -gt 0
check "the same number of comments" test "$(DB=$B sql 'SELECT count(*) FROM comment')" -eq "$(sql 'SELECT count(*) FROM comment')"
check "imported people cannot log in (no password)" \
    test "$(DB=$B sql "SELECT count(*) FROM \"user\" WHERE password<>''")" -eq 0
# Again: nothing changes.
"$AKHBAR" import --db "$B" $(media_opt) --format ndjson "$TMP/a.ndjson" 2>"$TMP/err"
check "a second import: 0 imported, 0 updated" grep -q "akhbar import: 0 imported, 0 updated, [0-9]* unchanged, 0 failed" "$TMP/err"
"$AKHBAR" export --db "$B" --format ndjson --out "$TMP/c.ndjson" 2>/dev/null
check "and the export is still the same" cmp "$TMP/a.ndjson" "$TMP/c.ndjson"

# The rebuilt site serves.
DB=$B
start_server
aid=$(sql "SELECT id FROM article WHERE guid='urn:x:1'")
fetch "/article/$aid/comments"
expect_status 200 "the imported article"
body_has 'رد على الأول' "its approved reply"
body_lacks 'إعلان' "not its spam"
body_has "$H" "its featured image"
fetch '/old/comments'
expect_status 301 "an old URL of the rebuilt site"
fetch '/?p=42'
expect_status 301 "an old post id of the rebuilt site"
fetch '/about-us'
expect_status 301 "a page's old URL"
fetch '/category/world/'
expect_status 301 "a section's old URL"
fetch '/author/sara'
expect_status 200 "the author's page"
fetch '/page/team'
expect_status 200 "the static page"
finish
