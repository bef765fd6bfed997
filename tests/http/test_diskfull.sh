# A full disk. The database lives on a small file system of its own (a tmpfs,
# mounted in a user and mount namespace of this script's own when it does not
# run as root), filled to the last byte after its WAL is checkpointed, so
# that every write SQLite tries fails with SQLITE_FULL. Publishing from the
# editor, saving an edit, restoring a revision, saving a static page and a
# profile cannot be saved: each page comes back (503) with what was typed and
# "تعذّر الحفظ" in Arabic, and nothing stored is lost or changed (articles,
# revisions, the audit log, the search index). Once space is freed the same
# form saves.
if [ "$(id -u)" != 0 ] && [ -z "${AKHBAR_NS:-}" ]; then
    AKHBAR_NS=1 exec unshare --user --map-root-user --mount sh "$0" "$@"
fi
. tests/http/lib.sh
SMALL=$TMP/small
mkdir "$SMALL"
if ! mount -t tmpfs -o size=6m tmpfs "$SMALL"; then
    fail "cannot mount a small file system (needs root or user namespaces)"
    finish
    exit 1
fi
DB=$SMALL/site.db
# the demo's pictures (some megabytes) elsewhere: the small disk is the database's
start_server --demo --media "$TMP/media"
adduser editor ed
J=$TMP/jar
login "$J" ed
get "$J" /admin/articles/new
T=$(csrf_of)
save() {    # save field=value...: POST the editor's form
    for kv in "$@"; do set -- "$@" --data-urlencode "$kv"; shift; done
    fetch /admin/articles/save -c "$J" -b "$J" -H "Origin: $BASE" --data-urlencode "csrf=$T" "$@"
}
save action=publish 'title=خبر قائم قبل امتلاء القرص' 'body=النص الأصلي للخبر القائم.' section=world
expect_status 303 "an article is published while there is room"
ID=$(sql "SELECT max(id) FROM article")

fill() {    # checkpoint the WAL into the database, then take every byte left
    sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
    dd if=/dev/zero of="$SMALL/filler" bs=4096 2>/dev/null
    check "the file system is full" test "$(df --output=avail "$SMALL" | tail -n 1)" -eq 0
}
counts() { sql "SELECT (SELECT count(*) FROM article) || '/' || (SELECT count(*) FROM revision)
    || '/' || (SELECT count(*) FROM audit) || '/' || (SELECT count(*) FROM page)"; }
fill
before=$(counts)
stored_body=$(sql "SELECT body_md FROM article WHERE id=$ID")

# A new article, with a long body.
long=$(python3 -c 'print("\n\n".join("فقرة طويلة رقم %d من نص كتبه المحرر ولا يجوز أن يضيع." % i for i in range(400)))')
save action=publish 'title=عنوان كُتب والقرص ممتلئ' 'lede=مقدمة محفوظة في النموذج' "body=$long" \
    section=world 'tags=قرص، تخزين' 'source=وكالة الاختبار'
expect_status 503 "publishing on a full disk: the form comes back"
body_has 'تعذّر الحفظ' "with an Arabic message"
body_has 'امتلأت مساحة التخزين' "saying the disk is full"
body_has 'value="عنوان كُتب والقرص ممتلئ"' "the title as typed"
body_has 'مقدمة محفوظة في النموذج' "the lede as typed"
body_has 'فقرة طويلة رقم 0 من نص' "the body's first paragraph"
body_has 'فقرة طويلة رقم 399 من نص كتبه المحرر ولا يجوز أن يضيع.' "and its last"
body_has 'value="قرص، تخزين"' "the tags as typed"
body_has 'value="وكالة الاختبار"' "the source as typed"
body_has 'name="csrf"' "a form that can be sent again"
body_lacks 'صحّح ما هو مبيّن أدناه' "not a validation error"
valid_html "the editor with the message"
check "nothing was stored" test "$(counts)" = "$before"

# An edit of the stored article.
save action=save id=$ID 'title=خبر قائم قبل امتلاء القرص' 'body=تعديل لم يجد مكاناً على القرص.' \
    section=world
expect_status 503 "an edit on a full disk"
body_has 'تعديل لم يجد مكاناً على القرص.' "keeps the edit as typed"
body_has "name=\"id\" value=\"$ID\"" "for the same article"
check "the stored article is unchanged" \
    test "$(sql "SELECT body_md FROM article WHERE id=$ID")" = "$stored_body"

# A revision restored, a static page, a profile.
REV=$(sql "SELECT min(id) FROM revision WHERE article_id=$ID")
fetch "/admin/articles/$ID/restore" -c "$J" -b "$J" -H "Origin: $BASE" \
    --data-urlencode "csrf=$T" --data-urlencode "revision=$REV"
expect_status 503 "restoring a revision on a full disk"
body_has 'تعذّر الحفظ' "says so"
fetch /admin/pages/save -c "$J" -b "$J" -H "Origin: $BASE" --data-urlencode "csrf=$T" \
    --data-urlencode 'title=صفحة من نحن' --data-urlencode "body=$long"
expect_status 503 "a static page on a full disk"
body_has 'value="صفحة من نحن"' "keeps the page's title"
body_has 'فقرة طويلة رقم 399 من نص' "and its body"
fetch /admin/profile -c "$J" -b "$J" -H "Origin: $BASE" --data-urlencode "csrf=$T" \
    --data-urlencode 'name=محرر الاختبار' --data-urlencode 'bio=نبذة كتبت والقرص ممتلئ.'
expect_status 503 "a profile on a full disk"
body_has 'نبذة كتبت والقرص ممتلئ.' "keeps the bio"
check "still nothing was stored" test "$(counts)" = "$before"
check "the database is sound" test "$(sql 'PRAGMA integrity_check')" = ok

# Room again: the same form saves.
rm -f "$SMALL/filler"
save action=publish 'title=عنوان كُتب والقرص ممتلئ' 'lede=مقدمة محفوظة في النموذج' "body=$long" \
    section=world 'tags=قرص، تخزين' 'source=وكالة الاختبار'
expect_status 303 "with room again the form saves"
check "the article is stored whole" \
    test "$(sql "SELECT body_md FROM article WHERE title='عنوان كُتب والقرص ممتلئ'")" = "$long"
stop_server
umount "$SMALL"
finish
