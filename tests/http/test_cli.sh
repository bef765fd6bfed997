# The command line contract: init, section, import (text and ndjson, good
# and broken files), comment moderation, the time zone, exit codes and
# messages.
. tests/http/lib.sh
F=tests/fixtures

"$AKHBAR" --help >/dev/null; check "akhbar --help exits 0" test $? -eq 0
"$AKHBAR" nonsense 2>/dev/null; check "unknown command exits 2" test $? -eq 2
for c in serve init import section comment; do
    "$AKHBAR" $c --help >"$TMP/help"; check "$c --help exits 0" test $? -eq 0
    check "$c --help prints usage" grep -q "usage: akhbar $c" "$TMP/help"
done
"$AKHBAR" import --db "$DB" $(media_opt) 2>/dev/null; check "import without --format exits 2" test $? -eq 2
"$AKHBAR" import --db "$DB" $(media_opt) --format xml x 2>"$TMP/err"
check "unknown format exits 2" test $? -eq 2
check "and names the option" grep -q -- "--format" "$TMP/err"

"$AKHBAR" init --db "$DB" >/dev/null; check "init exits 0" test $? -eq 0
if on_pg; then
    check "schema version recorded" test "$(sql 'SELECT version FROM schema_version')" -ge 1
else
    check "WAL mode" test "$(sql 'PRAGMA journal_mode')" = wal
    check "schema version recorded" test "$(sql 'PRAGMA user_version')" -ge 1
fi
"$AKHBAR" init --db "$DB" >/dev/null; check "init twice is fine" test $? -eq 0

# A mistyped AKHBAR_TZ is refused, naming the zone, by every command that
# shows dates (ICU would quietly take it for UTC).
# (timeout: a serve that took the zone would serve until stopped.)
for c in "serve --listen 127.0.0.1:$(free_port)" "comment list" "user list" "search مياه"; do
    # shellcheck disable=SC2086
    AKHBAR_TZ=Asia/Riyad timeout 10 "$AKHBAR" $c --db "$DB" >/dev/null 2>"$TMP/err"
    check "AKHBAR_TZ=Asia/Riyad: $c exits 1" test $? -eq 1
    check "AKHBAR_TZ=Asia/Riyad: $c names the zone" grep -q "AKHBAR_TZ.*'Asia/Riyad'" "$TMP/err"
done
AKHBAR_TZ=Africa/Cairo "$AKHBAR" comment list --db "$DB" >/dev/null
check "a real zone is taken" test $? -eq 0
AKHBAR_TZ=Asia/Riyad "$AKHBAR" section list --db "$DB" >/dev/null
check "commands without dates do not look at the zone" test $? -eq 0

"$AKHBAR" section rename --db "$DB" x 2>"$TMP/err"
check "unknown subcommand exits 2" test $? -eq 2
check "and lists the subcommands" grep -q "(add, list)" "$TMP/err"
"$AKHBAR" section add --db "$DB" --json x 'س' 2>/dev/null
check "an option the subcommand does not take exits 2" test $? -eq 2
"$AKHBAR" comment approve --db "$DB" 12x 2>"$TMP/err"
check "a bad comment ID exits 2" test $? -eq 2
check "and names the argument" grep -q "ID: not a comment id: '12x'" "$TMP/err"
"$AKHBAR" user add --db "$DB" nobody </dev/null 2>/dev/null
check "user add without --role exits 2" test $? -eq 2
"$AKHBAR" reindex --db "$TMP/none.db" 2>"$TMP/err"
check "reindex of a missing database exits 1" test $? -eq 1
check "and creates nothing" test ! -e "$TMP/none.db"
AKHBAR_DB="$DB" "$AKHBAR" section list >/dev/null
check "--db defaults to \$AKHBAR_DB" test $? -eq 0

"$AKHBAR" section add --db "$DB" world 'أخبار عالمية' >/dev/null
check "section add exits 0" test $? -eq 0
"$AKHBAR" section add --db "$DB" economy 'اقتصاد' >/dev/null
"$AKHBAR" section add --db "$DB" world 'مكرر' 2>"$TMP/err"
check "duplicate section exits 1" test $? -eq 1
check "and says it exists" grep -q "exists" "$TMP/err"
"$AKHBAR" section add --db "$DB" 'Bad Slug' 'اسم' 2>/dev/null
check "bad slug exits 2" test $? -eq 2
"$AKHBAR" section list --db "$DB" --json > "$TMP/sections.json"
python3 - "$TMP/sections.json" <<'PY' && ok || fail "section list --json"
import json, sys
s = json.load(open(sys.argv[1]))
assert [x["slug"] for x in s] == ["world", "economy"], s
assert s[0]["name"] == "أخبار عالمية"
PY

"$AKHBAR" section add --db "$DB" sport 'رياضة' >/dev/null

# ndjson: good file.
"$AKHBAR" import --db "$DB" $(media_opt) --format ndjson $F/ndjson/good.ndjson 2>"$TMP/err"
check "good ndjson imports (exit 0)" test $? -eq 0
n=$(sql 'SELECT count(*) FROM article')
check "3 articles from good.ndjson" test "$n" -eq 3
# mixed: bad lines reported by number and skipped, good ones kept.
"$AKHBAR" import --db "$DB" $(media_opt) --format ndjson $F/ndjson/mixed.ndjson 2>"$TMP/err"
check "mixed ndjson exits 1" test $? -eq 1
check "reports line 2" grep -q "mixed.ndjson:2:" "$TMP/err"
check "reports the unknown section on line 3" grep -q "mixed.ndjson:3:.*section" "$TMP/err"
check "reports the missing title on line 4" grep -q "mixed.ndjson:4:.*title" "$TMP/err"
n2=$(sql 'SELECT count(*) FROM article')
check "2 good records of mixed.ndjson kept" test "$n2" -eq $((n + 2))
# --strict: all or nothing.
"$AKHBAR" import --db "$DB" $(media_opt) --format ndjson --strict $F/ndjson/mixed.ndjson 2>"$TMP/err"
check "strict mixed exits 1" test $? -eq 1
check "strict stores nothing" test "$(sql 'SELECT count(*) FROM article')" -eq "$n2"
"$AKHBAR" import --db "$DB" $(media_opt) --format ndjson $F/ndjson/corrupt.ndjson 2>"$TMP/err"
check "corrupt ndjson exits 1" test $? -eq 1
check "corrupt file loses nothing" test "$(sql 'SELECT count(*) FROM article')" -eq "$n2"
"$AKHBAR" import --db "$DB" $(media_opt) --format ndjson /no/such/file 2>"$TMP/err"
check "missing file exits 1" test $? -eq 1
check "and names it" grep -q "/no/such/file" "$TMP/err"
# stdin
head -n 1 $F/ndjson/good.ndjson | sed 's/book-fair-opens/book-fair-2/' |
    "$AKHBAR" import --db "$DB" $(media_opt) --format ndjson - 2>/dev/null
check "ndjson from stdin" test "$(sql 'SELECT count(*) FROM article')" -eq $((n2 + 1))

# text: the navigation line picks the section.
"$AKHBAR" import --db "$DB" $(media_opt) --format text $F/text/world-nav.txt 2>"$TMP/err"
check "text import exits 0" test $? -eq 0
row=$(sql "SELECT s.slug FROM article a JOIN section s ON s.id=a.section_id ORDER BY a.id DESC LIMIT 1")
check "text article in the section its nav line names" test "$row" = world
"$AKHBAR" import --db "$DB" $(media_opt) --format text $F/text/no-nav.txt 2>/dev/null
row=$(sql "SELECT s.slug FROM article a JOIN section s ON s.id=a.section_id ORDER BY a.id DESC LIMIT 1")
check "text without nav goes to the default section" test "$row" = general
"$AKHBAR" import --db "$DB" $(media_opt) --format text --section economy $F/text/no-nav.txt 2>/dev/null
row=$(sql "SELECT s.slug FROM article a JOIN section s ON s.id=a.section_id ORDER BY a.id DESC LIMIT 1")
check "--section overrides" test "$row" = economy
"$AKHBAR" import --db "$DB" $(media_opt) --format text --section nope $F/text/no-nav.txt 2>"$TMP/err"
check "unknown --section exits 1" test $? -eq 1
before=$(sql 'SELECT count(*) FROM article')
"$AKHBAR" import --db "$DB" $(media_opt) --format text $F/text/bad-utf8.txt 2>"$TMP/err"
check "invalid UTF-8 text exits 1" test $? -eq 1
check "and names the file" grep -q "bad-utf8.txt" "$TMP/err"
"$AKHBAR" import --db "$DB" $(media_opt) --format text $F/text/empty.txt 2>/dev/null
check "empty text exits 1" test $? -eq 1
check "bad text files store nothing" test "$(sql 'SELECT count(*) FROM article')" -eq "$before"

# The reference page, when present beside the repository.
ref=../shared/reference/000_d20af5be6fc817dc.txt
if [ -f "$ref" ]; then
    "$AKHBAR" import --db "$DB" $(media_opt) --format text "$ref" 2>/dev/null
    check "reference page imports" test $? -eq 0
    t=$(sql "SELECT title FROM article ORDER BY id DESC LIMIT 1")
    check "reference title is the longer headline" test "$t" = "المطالب الروسية بضمانات أمنية يتفاعل الكرملين بحذر مع إجابات الناتو والولايات المتحدة"
    body=$(sql "SELECT body_html FROM article ORDER BY id DESC LIMIT 1")
    case "$body" in *"<h2>روسيا تدعو إلى إنهاء توسع الناتو شرقاً</h2>"*) ok ;; *) fail "reference subheading as h2" ;; esac
    case "$body" in *"مقالات ذات صلة"*|*"اترك رد"*|*"زر الذهاب"*) fail "reference chrome kept" ;; *) ok ;; esac
    s=$(sql "SELECT s.slug FROM article a JOIN section s ON s.id=a.section_id ORDER BY a.id DESC LIMIT 1")
    check "reference goes to the world section" test "$s" = world
else
    echo "skip: reference page absent"
fi

# The site's settings: akhbar config get|set|list.
CDB=$(new_db config)
"$AKHBAR" init --db "$CDB" 2>/dev/null
check "config get: the default name" test "$("$AKHBAR" config get --db "$CDB" name)" = "أخبار"
"$AKHBAR" config set --db "$CDB" name 'صحيفة الغد'
check "config set exits 0" test $? -eq 0
check "config get: the new name" test "$("$AKHBAR" config get --db "$CDB" name)" = "صحيفة الغد"
"$AKHBAR" config set --db "$CDB" url 'https://alghad.example/'
check "config set url: stored without its final slash" \
    test "$("$AKHBAR" config get --db "$CDB" url)" = "https://alghad.example"
for bad in 'ftp://alghad.example' 'https://alghad.example/?x=1' 'alghad.example' \
           'https://alghad.example/news'; do
    "$AKHBAR" config set --db "$CDB" url "$bad" 2>"$TMP/err"
    check "config set url '$bad' is refused (exit 1)" test $? -eq 1
    check "the message names the key" grep -q "^akhbar config set: url: " "$TMP/err"
done
check "a refused url changed nothing" \
    test "$("$AKHBAR" config get --db "$CDB" url)" = "https://alghad.example"
"$AKHBAR" config set --db "$CDB" timezone 'Asia/Riyad' 2>"$TMP/err"
check "a mistyped zone is refused" test $? -eq 1
check "naming the zone" grep -qF "timezone: 'Asia/Riyad' is not a time zone" "$TMP/err"
check "the zone is unchanged" test "$("$AKHBAR" config get --db "$CDB" timezone)" = "Asia/Riyadh"
"$AKHBAR" config set --db "$CDB" logo 42 2>"$TMP/err"
check "a logo must be an uploaded image" test $? -eq 1
"$AKHBAR" config set --db "$CDB" name '' 2>"$TMP/err"
check "the name may not be empty" test $? -eq 1
"$AKHBAR" config set --db "$CDB" nope x 2>"$TMP/err"
check "an unknown key is a usage error" test $? -eq 2
check "listing the keys" grep -q "the keys are: name url tagline" "$TMP/err"
"$AKHBAR" config get --db "$CDB" 2>/dev/null
check "config get without a key is a usage error" test $? -eq 2
"$AKHBAR" config list --db "$CDB" --json > "$TMP/config.json"
python3 - "$TMP/config.json" <<'PY' && ok || fail "config list --json"
import json, sys
c = json.load(open(sys.argv[1]))
assert c["name"] == "صحيفة الغد" and c["url"] == "https://alghad.example", c
assert c["timezone"] == "Asia/Riyadh" and c["language"] == "ar", c
assert len(c) == 13 and c["ticker_hours"] == "12", c
PY
"$AKHBAR" config list --db "$CDB" > "$TMP/config.txt"
check "config list marks defaults" grep -qP '^tagline\t.*\t\(default\)$' "$TMP/config.txt"
check "and not what was set" grep -qP '^name\tصحيفة الغد$' "$TMP/config.txt"

# The imported articles are served.
start_server
fetch /section/world
expect_status 200 "imported section page"
body_has 'قمة المياه' "imported text article listed"
valid_html "imported section page"
finish
