# One long-lived server, as a site is used: `serve --threads 1` (one worker
# thread, so one database connection and one set of prepared statements)
# taken through every route and form of the site and the newsroom, three
# times over, in one sitting. No answer may be a 5xx, the server must log no
# database error, and every route of src/routes.c must have been visited:
# the list is read from the table, so a new route fails this test until it
# is added here.
. tests/http/lib.sh
start_server --demo --threads 1 --trusted-proxy 127.0.0.1 --metrics-allow 127.0.0.1
VISITS=$TMP/visits

adduser admin salma 'سلمى'

# hit METHOD PATH WANT [curl options]: one request with the session's jar;
# records the visit, fails on a 5xx or on a status other than WANT.
J=$TMP/jar
hit() {
    m=$1; p=$2; want=$3; shift 3
    if [ "$m" = POST ]; then
        fetch "$p" -c "$J" -b "$J" -H "Origin: $BASE" -X POST "$@"
    else
        fetch "$p" -c "$J" -b "$J" "$@"
    fi
    echo "$m ${p%%\?*} $STATUS" >>"$VISITS"
    case $STATUS in
        5*) fail "round $R: $m $p answered $STATUS" ;;
        "$want") ok ;;
        *) fail "round $R: $m $p: status $STATUS, want $want" ;;
    esac
}
# sign_in: the login form and its POST as salma, then the dashboard, whose
# session token goes to $CSRF.
sign_in() {
    hit GET /admin/login 200
    tok=$(grep -o 'name="token" value="[^"]*"' "$TMP/body" | sed 's/.*value="//; s/"$//')
    hit POST /admin/login 303 --data-urlencode login=salma --data-urlencode "password=$PW" \
        --data-urlencode "token=$tok"
    hit GET /admin/ 200
    CSRF=$(csrf_of)
}
# form PATH WANT [curl --data options]: a newsroom POST with the session's token.
form() { p=$1; w=$2; shift 2; hit POST "$p" "$w" --data-urlencode "csrf=$CSRF" "$@"; }

mkpng "$TMP/photo.png" 320 200

AID=$(sql "SELECT min(id) FROM article WHERE status=3")
SEC=$(sql "SELECT slug FROM section ORDER BY position LIMIT 1")

for R in 1 2 3; do
    # ---- a reader ----
    rm -f "$J"
    TAG=$(sql "SELECT t.slug FROM tag t JOIN article_tag x ON x.tag_id=t.id LIMIT 1")
    hit GET / 200
    hit GET /latest 200
    hit GET "/latest?page=2" 200
    hit GET "/section/$SEC" 200
    hit GET "/tag/$TAG" 200
    hit GET "/tag/no-such-tag-$R" 404
    hit GET /robots.txt 200
    hit GET /sitemap.xml 200
    hit GET /sitemap-pages.xml 200
    hit GET /sitemap-news.xml 200
    MONTH=$(date -u -d "@$(sql "SELECT max(published_at) FROM article WHERE status=3 AND published_at<=$(date +%s)")" +%Y-%m)
    hit GET "/sitemap-$MONTH.xml" 200
    hit GET "/sitemap-$MONTH-2.xml" 404
    hit GET /feed 200
    hit GET /feed/atom 200
    hit GET "/section/$SEC/feed" 200
    hit GET "/section/$SEC/feed/atom" 200
    hit GET "/tag/$TAG/feed" 200
    hit GET "/tag/$TAG/feed/atom" 200
    hit GET "/search?q=%D8%A7%D9%84%D8%B7%D8%A7%D9%82%D8%A9" 200
    hit GET "/search?q=%22%D9%85%D8%AC%D9%84%D8%B3+%D8%A7%D9%84%D8%A3%D9%85%D9%86%22+-%D8%A7%D9%84%D9%86%D9%81%D8%B7" 200
    hit GET "/article/$AID" 301
    ART=$(location)
    hit GET "$ART" 200
    hit GET /static/style.css 200
    hit GET /static/comment.js 200
    # without JavaScript: the post without a token is kept on a confirmation
    # page that carries one; with it, comment.js fetches the token first
    # each round's reader comes from an address of its own (the comment
    # limit counts five in ten minutes), through the trusted proxy
    XFF="X-Forwarded-For: 198.51.100.$R"
    hit POST "/article/$AID/comment" 200 -H "$XFF" --data-urlencode "author=قارئ $R" \
        --data-urlencode "body=تعليق بلا نص برمجي $R"
    token=$(grep -o 'name="token" value="[^"]*"' "$TMP/body" | sed 's/.*value="//; s/"$//')
    hit POST "/article/$AID/comment" 303 -H "$XFF" --data-urlencode "author=قارئ $R" \
        --data-urlencode "body=تعليق بلا نص برمجي $R" --data-urlencode "token=$token"
    hit GET "/article/$AID/comment/token" 200
    token=$(cat "$TMP/body")
    hit POST "/article/$AID/comment" 303 -H "$XFF" --data-urlencode "author=قارئ $R" \
        --data-urlencode "body=تعليق رقم $R على الخبر" --data-urlencode "token=$token"
    CID=$(sql "SELECT max(id) FROM comment")
    hit GET "$ART?reply=$CID" 200

    # ---- an editor's sitting ----
    hit GET /admin 301
    sign_in
    hit GET /admin/articles 200
    hit GET "/admin/articles?status=published&q=%D8%A7%D9%84%D9%86%D9%81%D8%B7" 200
    hit GET /admin/comments 200
    hit GET "/admin/comments?status=approved" 200
    hit GET /admin/sections 200
    hit GET /admin/tags 200
    hit GET /admin/people 200
    hit GET /admin/audit 200
    hit GET /admin/media 200
    hit GET /admin/articles/new 200
    hit GET "/admin/articles/$AID/edit" 200
    hit GET "/admin/articles/$AID/revisions" 200
    # the changes that used to answer 500 on a long-lived thread
    form /admin/comments/bulk 303 -d status=pending -d action=approve -d "c$CID=1"
    hit GET "$ART?reply=$CID" 200
    form /admin/sections/add 303 -d "slug=longrun-$R" --data-urlencode "name=قسم التجربة $R"
    SID=$(sql "SELECT id FROM section WHERE slug='longrun-$R'")
    form /admin/sections/rename 303 -d "id=$SID" --data-urlencode "name=قسم التجربة الطويلة $R"
    form /admin/sections/move 303 -d "id=$SID" -d dir=up
    T1=$(sql "SELECT min(id) FROM tag"); T2=$(sql "SELECT max(id) FROM tag")
    form /admin/tags/rename 303 -d "id=$T2" --data-urlencode "name=وسم التجربة $R"
    form /admin/tags/merge 303 -d "from=$T1" -d "into=$T2"
    form /admin/people/add 303 -d "login=nour$R" --data-urlencode "name=نور $R" -d role=editor \
        --data-urlencode "password=$PW"
    form /admin/people/role 303 -d "login=nour$R" -d role=author
    form /admin/people/disable 303 -d "login=nour$R"
    form /admin/people/enable 303 -d "login=nour$R"
    form /admin/people/password 303 -d "login=nour$R" --data-urlencode 'password=another long secret'
    form /admin/articles/preview 200 --data-urlencode "title=معاينة $R" \
        --data-urlencode 'body=## عنوان فرعي

فقرة **مهمة**.' -d section="$SEC"
    form /admin/articles/save 303 -d action=save --data-urlencode "title=خبر التجربة الطويلة $R" \
        --data-urlencode 'lede=مقدمة الخبر.' --data-urlencode 'body=السطر الأول.' -d "section=$SEC" \
        --data-urlencode "tags=وسم عابر $R"
    NID=$(sql "SELECT max(id) FROM article")
    hit GET "/admin/articles/$NID/edit" 200
    form /admin/articles/save 303 -d action=publish -d "id=$NID" \
        --data-urlencode "title=خبر التجربة الطويلة $R" --data-urlencode 'lede=مقدمة الخبر.' \
        --data-urlencode 'body=السطر الأول.

سطر ثان.' -d "section=$SEC"
    check "round $R: published" test "$(sql "SELECT status FROM article WHERE id=$NID")" = 3
    TU=$(sql "SELECT id FROM tag WHERE name='وسم عابر $R'")
    form /admin/tags/delete 303 -d "id=$TU"
    FIRST=$(sql "SELECT min(id) FROM revision WHERE article_id=$NID")
    LAST=$(sql "SELECT max(id) FROM revision WHERE article_id=$NID")
    hit GET "/admin/articles/$NID/revisions?from=$FIRST&to=$LAST" 200
    form "/admin/articles/$NID/restore" 303 -d "revision=$FIRST"
    hit POST /admin/media 303 -F "csrf=$CSRF" -F "file=@$TMP/photo.png" -F "alt=صورة التجربة $R"
    MID=$(sql "SELECT max(id) FROM media")
    form /admin/media/alt 303 -d "id=$MID" --data-urlencode "alt=وصف جديد للصورة $R"
    hit GET /admin/settings 200
    form /admin/settings 303 --data-urlencode "tagline=شعار الجولة $R"
    H=$(sql "SELECT hash FROM media WHERE id=$MID")
    hit GET "/media/$H-320.webp" 200
    # profiles, authors' pages and static pages
    hit GET /admin/profile 200
    form /admin/profile 303 --data-urlencode "name=سلمى" -d slug=salma \
        --data-urlencode "bio=نبذة الجولة $R" -d "photo=$MID"
    hit GET "/admin/profile?login=nour$R" 200
    form /admin/profile 303 -d "login=nour$R" --data-urlencode "name=نور $R"
    hit GET /author/salma 200
    hit GET "/author/salma?page=9" 404
    hit GET "/author/nobody-$R" 404
    hit GET /admin/pages 200
    hit GET /admin/pages/new 200
    form /admin/pages/save 303 --data-urlencode "title=صفحة التجربة $R" -d "slug=longrun-$R" \
        --data-urlencode 'body=نص **الصفحة**.' -d published=1
    PID=$(sql "SELECT id FROM page WHERE slug='longrun-$R'")
    hit GET "/admin/pages/$PID/edit" 200
    hit GET "/page/longrun-$R" 200
    form /admin/pages/delete 303 -d "id=$PID"
    hit GET "/page/longrun-$R" 404
    hit GET "/article/$NID" 301
    hit GET "$(location)" 200
    hit GET "/section/longrun-$R" 200
    hit GET / 200
    hit GET "/search?q=%D8%A7%D9%84%D8%AA%D8%AC%D8%B1%D8%A8%D8%A9" 200
    body_has "خبر التجربة الطويلة $R" "round $R: the new article is found"
    # the operator's machines: the health probe writes on this thread's
    # connection between the newsroom's writes; the metrics count them
    hit GET /healthz 200
    hit GET /metrics 200
    body_has 'akhbar_http_requests_total{class="admin",code="303"}' "round $R: metrics count"
    # the editor's autosave, kept and discarded; the beacon of a page's view
    form /admin/articles/autosave 200 -d "id=$NID" --data-urlencode "title=مسودة تلقائية $R" \
        --data-urlencode 'body=نص لم يحفظ بعد.' -d "section=$SEC"
    form /admin/articles/autosave/discard 303 -d "id=$NID"
    hit GET "/v/$NID" 200
    # wire feeds: the page, a refused address (nothing stored, nothing polled)
    # and the removal of a feed that is not there
    hit GET /admin/feeds 200
    form /admin/feeds/add 400 --data-urlencode 'url=javascript:alert(1)' -d "section=$SEC" \
        -d status=review -d minutes=5
    form /admin/feeds/remove 404 -d id=999999
    hit GET /admin/audit 200
    form /admin/logout-all 303
    sign_in
    form /admin/logout 303
done

# Every route of the table was visited.
sed -nE 's/^ *\{ *HTTP_(GET|POST), *"([^"]*)".*/\1 \2/p' src/routes.c >"$TMP/routes"
check "the route table was read" test "$(wc -l <"$TMP/routes")" -gt 30
while read -r m pat; do
    re=$(printf '%s' "$pat" | sed -E 's/\*\*/.+/; s/([^.])\*/\1[^\/]+/g; s/#/[0-9]+/g')
    if grep -qE "^$m $re [0-9]+\$" "$VISITS"; then ok; else fail "route $m $pat was not visited"; fi
done <"$TMP/routes"

check "the server logged no error" sh -c "! grep -q ' error: ' '$TMP/server.out'"
grep -m 5 ' error: ' "$TMP/server.out"
finish
