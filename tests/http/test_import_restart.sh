# Imports can be run again: an ndjson import of 20,000 records killed with
# SIGKILL halfway, then run again, leaves exactly 20,000 articles and no
# duplicates, with records that carry no guid (the record's key finds them)
# and with records that do (a changed record then updates its article).
# The counts at the end say what happened; no progress bar off a terminal.
. tests/http/lib.sh

N=20000
# gen FILE GUIDS [EDITED]: N short Arabic records; with GUIDS=1 each has a
# guid; EDITED=1 changes the body of every tenth.
gen() {
    python3 - "$1" "$N" "$2" "${3:-0}" <<'PY'
import json, sys
path, n, guids, edited = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1", sys.argv[4] == "1"
secs = ["world", "economy"]
with open(path, "w", encoding="utf-8") as f:
    for i in range(1, n + 1):
        body = "فقرة أولى عن الخبر رقم %d.\n\nفقرة ثانية تكمل الخبر." % i
        if edited and i % 10 == 0:
            body += "\n\nتحديث: أضيفت هذه الفقرة."
        r = {"title": "خبر تجريبي رقم %d" % i, "body": body,
             "section": secs[i % 2], "published_at": 1700000000 + i,
             "tags": ["وسم %d" % (i % 7)]}
        if guids:
            r["guid"] = "urn:test:restart:%d" % i
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
}

"$AKHBAR" init --db "$DB" >/dev/null 2>&1
"$AKHBAR" section add --db "$DB" world 'أخبار عالمية' >/dev/null
"$AKHBAR" section add --db "$DB" economy 'اقتصاد' >/dev/null

# kill_midway FILE: start an import of FILE, SIGKILL it once some of its
# batches are committed and before the end; prints how many were in.
kill_midway() {
    "$AKHBAR" import --db "$DB" --format ndjson "$1" >/dev/null 2>"$TMP/killed.err" &
    pid=$!
    i=0
    while :; do
        c=$(sqlite3 "$DB" 'SELECT count(*) FROM article' 2>/dev/null || echo 0)
        [ "${c:-0}" -ge 3000 ] && break
        i=$((i + 1))
        [ $i -gt 600 ] && break
        sleep 0.05
    done
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    sqlite3 "$DB" 'SELECT count(*) FROM article'
}

dups() {
    sqlite3 "$DB" 'SELECT count(*) FROM (SELECT title FROM article GROUP BY title HAVING count(*) > 1)'
}

# ---- without guids ----
gen "$TMP/plain.ndjson" 0
before=$(kill_midway "$TMP/plain.ndjson")
check "the kill came midway ($before of $N in)" test "$before" -gt 0 -a "$before" -lt $N
check "the killed import printed no counts" sh -c "! grep -q 'imported,' '$TMP/killed.err'"
"$AKHBAR" import --db "$DB" --format ndjson "$TMP/plain.ndjson" 2>"$TMP/err"
check "the second run exits 0" test $? -eq 0
check "$N articles after the second run" test "$(sqlite3 "$DB" 'SELECT count(*) FROM article')" -eq $N
check "no duplicates" test "$(dups)" -eq 0
check "the counts: the rest imported, the first part unchanged" \
    grep -q "akhbar import: $((N - before)) imported, 0 updated, $before unchanged, 0 failed" "$TMP/err"
check "no progress bar off a terminal" sh -c "! grep -q 'records.*/s' '$TMP/err'"
tags=$(sqlite3 "$DB" 'SELECT count(*) FROM article_tag')
check "each article has its one tag once" test "$tags" -eq $N
# A third run changes nothing.
"$AKHBAR" import --db "$DB" --format ndjson "$TMP/plain.ndjson" 2>"$TMP/err"
check "a third run: all unchanged" grep -q "0 imported, 0 updated, $N unchanged, 0 failed" "$TMP/err"
check "still $N" test "$(sqlite3 "$DB" 'SELECT count(*) FROM article')" -eq $N

# ---- with guids ----
rm -f "$DB" "$DB-wal" "$DB-shm"
"$AKHBAR" init --db "$DB" >/dev/null 2>&1
"$AKHBAR" section add --db "$DB" world 'أخبار عالمية' >/dev/null
"$AKHBAR" section add --db "$DB" economy 'اقتصاد' >/dev/null
gen "$TMP/guid.ndjson" 1
before=$(kill_midway "$TMP/guid.ndjson")
check "the kill came midway ($before of $N in, guids)" test "$before" -gt 0 -a "$before" -lt $N
"$AKHBAR" import --db "$DB" --format ndjson "$TMP/guid.ndjson" 2>"$TMP/err"
check "the second run exits 0 (guids)" test $? -eq 0
check "$N articles (guids)" test "$(sqlite3 "$DB" 'SELECT count(*) FROM article')" -eq $N
check "no duplicates (guids)" test "$(dups)" -eq 0
check "guids all stored" test "$(sqlite3 "$DB" 'SELECT count(DISTINCT guid) FROM article')" -eq $N
check "the counts (guids)" \
    grep -q "$((N - before)) imported, 0 updated, $before unchanged, 0 failed" "$TMP/err"
# The source edits every tenth story: those are updated in place.
id=$(sqlite3 "$DB" "SELECT id FROM article WHERE guid='urn:test:restart:10'")
gen "$TMP/edited.ndjson" 1 1
"$AKHBAR" import --db "$DB" --format ndjson "$TMP/edited.ndjson" 2>"$TMP/err"
check "edited records updated" \
    grep -q "0 imported, $((N / 10)) updated, $((N - N / 10)) unchanged, 0 failed" "$TMP/err"
check "still $N (edited)" test "$(sqlite3 "$DB" 'SELECT count(*) FROM article')" -eq $N
check "an edited article keeps its id and has the new text" test "$(sqlite3 "$DB" \
    "SELECT id FROM article WHERE guid='urn:test:restart:10' AND body_md LIKE '%تحديث%'")" = "$id"
check "its tag is still there, once" test "$(sqlite3 "$DB" \
    "SELECT count(*) FROM article_tag WHERE article_id=$id")" -eq 1

# ---- the progress bar, on a terminal (script(1) gives one) ----
if command -v script >/dev/null 2>&1; then
    rm -f "$DB" "$DB-wal" "$DB-shm"
    "$AKHBAR" init --db "$DB" >/dev/null 2>&1
    "$AKHBAR" section add --db "$DB" world 'أخبار عالمية' >/dev/null
    "$AKHBAR" section add --db "$DB" economy 'اقتصاد' >/dev/null
    script -qec "'$AKHBAR' import --db '$DB' --format ndjson '$TMP/plain.ndjson'" \
        "$TMP/tty.log" >/dev/null 2>&1
    check "on a terminal: a bar with the rate" grep -q '\] *[0-9]*%  [0-9]* records  [0-9]*/s' "$TMP/tty.log"
    check "and the time left" grep -q ' s left' "$TMP/tty.log"
    check "on a terminal: the counts at the end" grep -q "$N imported, 0 updated" "$TMP/tty.log"
fi
finish
