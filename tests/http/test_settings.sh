# The site's settings in the newsroom (/admin/settings): an admin saves each
# kind of value and the public site shows the new name at once; a refused
# value (bad URL, unknown zone, empty name) answers 422 with the Arabic
# reason next to its field, keeps what was typed and stores nothing; an
# editor is refused; a POST without the session token is refused; every
# change is in the audit log under its key.
. tests/http/lib.sh
start_server --demo
adduser admin salma 'سلمى'
adduser editor ed
S=$TMP/jar.salma; E=$TMP/jar.ed
login "$S" salma; login "$E" ed

# save JAR NAME=VALUE...: POST the settings form with the page's token
save() {
    jar=$1; shift
    get "$jar" /admin/settings
    tok=$(csrf_of)
    for kv in "$@"; do set -- "$@" --data-urlencode "$kv"; shift; done
    fetch /admin/settings -c "$jar" -b "$jar" -H "Origin: $BASE" --data-urlencode "csrf=$tok" "$@"
}
setting() { "$AKHBAR" config get --db "$DB" "$1"; }

# ---- the dashboard says when url is unset ----
get "$S" /admin/
body_has "لم يُضبط عنوان الموقع على الويب" "the dashboard: url unset"
body_has "$BASE" "the dashboard names the listen address"
body_has 'href="/admin/settings"' "and links to the settings"
get "$E" /admin/
body_lacks 'href="/admin/settings"' "an editor's dashboard has no settings link"

# ---- the form ----
get "$S" /admin/settings
expect_status 200 "the settings page"
body_has 'lang="ar"' "in Arabic"
body_has 'اسم الموقع' "labels from config_defs"
body_has 'المنطقة الزمنية' "the zone's label"
body_has 'value="أخبار"' "the default name"
body_has 'value="Asia/Riyadh"' "the default zone"
body_has 'aria-current="page">الإعدادات' "the navigation marks the page"
valid_html "the settings page"

# ---- an admin saves each kind of value ----
NAME='صحيفة "الغد" & الأمس'
save "$S" "name=$NAME" 'url=https://alghad.example/' 'tagline=أخبار الغد اليوم' \
    'description=صحيفة عربية مستقلة.' timezone=Africa/Cairo language=ar \
    'social_x=https://x.com/alghad' 'social_telegram=https://t.me/alghad'
expect_status 303 "an admin saves"
check "redirected to the form" test "$(location)" = /admin/settings?saved=1
check "name stored" test "$(setting name)" = "$NAME"
check "url stored without its final slash" test "$(setting url)" = https://alghad.example
check "zone stored" test "$(setting timezone)" = Africa/Cairo
check "tagline stored" test "$(setting tagline)" = 'أخبار الغد اليوم'
check "profile stored" test "$(setting social_x)" = https://x.com/alghad
check "audit names the key" test "$(sql "SELECT count(*) FROM audit WHERE action='setting.set' AND target='name'")" = 1
check "one entry per changed key" test "$(sql "SELECT count(*) FROM audit WHERE action='setting.set'")" = 7
get "$S" /admin/settings?saved=1
body_has 'حُفظت الإعدادات' "saved notice"
body_has 'value="صحيفة &quot;الغد&quot; &amp; الأمس"' "the form shows the stored name, escaped"
valid_html "the form after saving"
fetch /
body_has '>صحيفة &quot;الغد&quot; &amp; الأمس</a>' "the home page shows the new name at once"
body_has 'أخبار الغد اليوم' "and the new tagline"
get "$S" /admin/
body_lacks "لم يُضبط عنوان الموقع على الويب" "the dashboard is quiet once url is set"

# the logo: an uploaded image's number
mkpng "$TMP/logo.png" 400 120
upload "$S" "$TMP/logo.png" 'شعار صحيفة الغد'
expect_status 303 "the logo uploaded"
MID=$(sql "SELECT max(id) FROM media")
save "$S" "logo=$MID"
expect_status 303 "a logo that is an uploaded image"
check "logo stored" test "$(setting logo)" = "$MID"
save "$S" logo=999999
expect_status 422 "a logo that is no image"
body_has 'يجب أن يكون رقم صورة مرفوعة' "the logo's reason"

# ---- refused values: 422, the Arabic reason, what was typed, nothing stored ----
before=$(sql "SELECT count(*) FROM audit WHERE action='setting.set'")
save "$S" 'url=ftp://alghad.example/x?y=1' 'tagline=شعار لن يُحفظ'
expect_status 422 "a bad URL"
body_has 'يجب أن يكون العنوان مطلقًا' "the URL's reason in Arabic"
body_has 'id="s-url-err"' "next to its field"
body_has 'aria-invalid="true"' "the field is marked invalid"
body_has 'value="ftp://alghad.example/x?y=1"' "what was typed is kept"
body_has 'value="شعار لن يُحفظ"' "and the other fields' too"
valid_html "the refused form"
check "url unchanged" test "$(setting url)" = https://alghad.example
check "tagline unchanged: nothing stored" test "$(setting tagline)" = 'أخبار الغد اليوم'
save "$S" timezone=Asia/Riyad
expect_status 422 "an unknown zone"
body_has 'هذه ليست منطقة زمنية معروفة' "the zone's reason in Arabic"
body_has 'value="Asia/Riyad"' "the mistyped zone is kept"
check "zone unchanged" test "$(setting timezone)" = Africa/Cairo
save "$S" 'name=  '
expect_status 422 "an empty name"
body_has 'هذا الحقل مطلوب.' "the name's reason in Arabic"
check "name unchanged" test "$(setting name)" = "$NAME"
check "nothing audited for refused values" \
    test "$(sql "SELECT count(*) FROM audit WHERE action='setting.set'")" = "$before"

# ---- who may ----
get "$E" /admin/settings
expect_status 403 "an editor may not open the settings"
save "$E" 'name=اسم المحرر'
expect_status 403 "nor save them"
check "the editor changed nothing" test "$(setting name)" = "$NAME"
fetch /admin/settings -c "$S" -b "$S" -H "Origin: $BASE" --data-urlencode 'name=بلا رمز'
expect_status 403 "a POST without the token"
check "nothing stored without the token" test "$(setting name)" = "$NAME"
fetch /admin/settings
expect_status 303 "anonymous: to the login page"
finish
