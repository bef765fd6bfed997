#!/bin/sh
# test_varnish.sh: a real Varnish (Debian's varnishd with varnish-modules'
# xkey) with deploy/varnish/akhbar.vcl in front of akhbar on loopback
# ports: pages are kept by Varnish, and a change made in the newsroom or by
# the command line is visible through Varnish within a second, because
# akhbar sends PURGE with xkey-purge to it.
. tests/http/lib.sh
VARNISHD=$(command -v varnishd || echo /usr/sbin/varnishd)
if [ ! -x "$VARNISHD" ]; then
    fail "varnishd is not installed (tools/deps --test installs it)"
    finish; exit 1
fi
"$AKHBAR" init --db "$DB" >/dev/null
"$AKHBAR" section add --db "$DB" world 'أخبار عالمية' >/dev/null
art() {   # art SLUG TITLE: a published article
    /usr/bin/python3 -c 'import json, sys; print(json.dumps({"title": sys.argv[2],
        "slug": sys.argv[1], "lede": "مقدمة", "body": "نص الخبر.", "section": "world",
        "status": "published"}, ensure_ascii=False))' "$@" >"$TMP/a.ndjson"
    "$AKHBAR" import --db "$DB" $(media_opt) --format ndjson "$TMP/a.ndjson" >/dev/null 2>&1
}
art first 'خبر أول خلف الواجهة'
VPORT=$(free_port)
start_server --purge "http://127.0.0.1:$VPORT/"
sed -e "s/\"8080\"/\"$PORT\"/" deploy/varnish/akhbar.vcl >"$TMP/akhbar.vcl"
"$VARNISHD" -a "127.0.0.1:$VPORT" -f "$TMP/akhbar.vcl" -n "$TMP/varnish" -s malloc,32m \
    -P "$TMP/varnish.pid" -p default_ttl=60 -j none >"$TMP/varnishd.out" 2>&1
check "varnishd starts with the VCL" test $? -eq 0
V="http://127.0.0.1:$VPORT"
i=0
until curl -s -o /dev/null "$V/robots.txt" || [ $i -gt 50 ]; do sleep 0.1; i=$((i + 1)); done
ID=$(sql "SELECT id FROM article WHERE slug='first'")
A="/article/$ID/first"

vget() {   # vget PATH: through Varnish; body in $TMP/vbody, headers in $TMP/vh
    curl -s -D "$TMP/vh" -o "$TMP/vbody" "$V$1"
}
vget "$A"
check "through Varnish: the article" grep -qF 'خبر أول خلف الواجهة' "$TMP/vbody"
vget "$A"
check "the second request is a Varnish hit (Age, two X-Varnish ids)" \
    grep -qiE '^x-varnish: [0-9]+ [0-9]+' "$TMP/vh"
check "the keys stay between akhbar and Varnish" sh -c "! grep -qi '^xkey:' '$TMP/vh'"
hits_before=$(grep -c "GET $A " "$TMP/access.log")
vget "$A"
check "a hit never reaches akhbar" test "$(grep -c "GET $A " "$TMP/access.log")" -eq "$hits_before"
vget /
check "the home page through Varnish" grep -qF 'خبر أول خلف الواجهة' "$TMP/vbody"
vget /

# a change by the command line: purged, and seen through Varnish within a second
art second 'خبر ثان يصل عبر الإبطال'
sleep 1
vget /
check "a new article is on the home page through Varnish within a second" \
    grep -qF 'خبر ثان يصل عبر الإبطال' "$TMP/vbody"
"$AKHBAR" config set --db "$DB" name 'صحيفة الواجهة' >/dev/null
sleep 1
vget "$A"
check "a new site name on the cached article through Varnish" grep -qF 'صحيفة الواجهة' "$TMP/vbody"
check "akhbar's purges were accepted" sh -c "! grep -q 'purge http' '$TMP/server.out'"

# PURGE itself is only for the machine's own akhbar: from here it works
code=$(curl -s -o /dev/null -w '%{http_code}' -X PURGE -H 'xkey-purge: site' "$V/")
check "PURGE with xkey-purge from localhost" test "$code" = 200
# the newsroom and searches are never kept
vget "/search?q=x"
vget "/search?q=x"
check "searches pass through" sh -c "! grep -qiE '^x-varnish: [0-9]+ [0-9]+' '$TMP/vh'"

kill "$(cat "$TMP/varnish.pid")" 2>/dev/null
finish
