# deploy/nginx/akhbar.conf with a real nginx in front of a real akhbar, on
# loopback ports: the file as shipped, with only its listen ports, the
# upstream's port, the certificate (self-signed here, made by openssl for
# example.com) and the folders rewritten. nginx -t, then requests through
# it: pages proxied with the reader's address and scheme (a POST from
# 127.0.0.2 is logged by akhbar as 127.0.0.2, its forged X-Forwarded-For
# dropped; cookies Secure), images and the theme's files served by nginx
# itself, body limits as akhbar's, /metrics closed, HTTP sent to HTTPS.
. tests/http/lib.sh
PY=/usr/bin/python3
chmod 755 "$TMP"                # nginx's workers run as nobody when started by root

# akhbar, with the theme installed where nginx serves /static/ from.
install_staged "$TMP/stage"
start_server --demo --trusted-proxy 127.0.0.1 --media "$TMP/media"
adduser admin salma

HTTP_PORT=$(free_port)
HTTPS_PORT=$(free_port)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
    -subj /CN=example.com -addext subjectAltName=DNS:example.com \
    -keyout "$TMP/key.pem" -out "$TMP/cert.pem" >/dev/null 2>&1
check "a self-signed certificate was made" test -s "$TMP/cert.pem"

CONF=deploy/nginx/akhbar.conf
sed -e "s|listen 80;|listen 127.0.0.1:$HTTP_PORT;|" \
    -e "s|listen 443 ssl http2;|listen 127.0.0.1:$HTTPS_PORT ssl http2;|" \
    -e '/listen \[::\]:/d' \
    -e "s|server 127.0.0.1:8080;|server 127.0.0.1:$PORT;|" \
    -e "s|/etc/letsencrypt/live/example.com/fullchain.pem|$TMP/cert.pem|" \
    -e "s|/etc/letsencrypt/live/example.com/privkey.pem|$TMP/key.pem|" \
    -e "s|/var/lib/akhbar/media/|$TMP/media/|" \
    -e "s|/usr/local/share/akhbar/|$TMP/stage/usr/local/share/akhbar/|" \
    "$CONF" >"$TMP/akhbar.conf"
# Only the lines meant to change did.
check "the test changes only ports, certificate and folders" test \
    "$(diff "$CONF" "$TMP/akhbar.conf" | grep -c '^<')" = 10
mkdir "$TMP/nginx"
cat >"$TMP/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $TMP/nginx/access.log;
    client_body_temp_path $TMP/nginx/body;
    proxy_temp_path $TMP/nginx/proxy;
    fastcgi_temp_path $TMP/nginx/fastcgi;
    uwsgi_temp_path $TMP/nginx/uwsgi;
    scgi_temp_path $TMP/nginx/scgi;
    include $TMP/akhbar.conf;
}
EOF
NGINX="nginx -e $TMP/nginx/error.log -p $TMP/nginx -c $TMP/nginx.conf"
$NGINX -t >"$TMP/nginx-t" 2>&1
check "nginx -t accepts the configuration" test $? -eq 0
check "nginx -t says so" grep -q "test is successful" "$TMP/nginx-t"
$NGINX >"$TMP/nginx/out" 2>&1 &
NGINX_PID=$!
i=0
until curl -s -o /dev/null "http://127.0.0.1:$HTTP_PORT/"; do
    i=$((i + 1))
    if [ $i -gt 50 ]; then
        echo "nginx did not start:"; cat "$TMP/nginx/out" "$TMP/nginx/error.log"; break
    fi
    sleep 0.1
done

AKHBAR_BASE=$BASE
BASE=https://example.com:$HTTPS_PORT
TLS="--cacert $TMP/cert.pem --resolve example.com:$HTTPS_PORT:127.0.0.1"
# seen PATH: how many times akhbar's access log has PATH (the request line).
seen() { grep -cF "\"GET $1 HTTP" "$TMP/access.log"; }

# Plain HTTP: sent to HTTPS.
STATUS=$(curl -s -o /dev/null -D "$TMP/headers" -w '%{http_code}' \
    --resolve "example.com:$HTTP_PORT:127.0.0.1" "http://example.com:$HTTP_PORT/latest?page=2")
expect_status 301 "HTTP redirects"
check "to the same path over HTTPS" grep -qi '^Location: https://example.com/latest?page=2' \
    "$TMP/headers"

# Pages: proxied over verified TLS.
fetch / $TLS
expect_status 200 "the home page through nginx"
header_has "Strict-Transport-Security: max-age=63072000" "HSTS"
header_has "Content-Security-Policy:" "akhbar's own headers pass"
check "nginx shows no version" sh -c "! grep -qi '^Server: nginx/' '$TMP/headers'"
AID=$(sql "SELECT min(id) FROM article WHERE status=3")
TITLE=$(sql "SELECT title FROM article WHERE id=$AID")
fetch "/article/$AID" $TLS
expect_status 301 "an article's short link"
check "its Location is akhbar's path" test "$(location | sed 's|^/article/[0-9]*/.*|ok|')" = ok
ART=$(location)
fetch "$ART" $TLS -H 'Accept-Encoding: gzip' --compressed
expect_status 200 "an article page through nginx"
body_has "$TITLE" "the article's title"
header_has "Content-Encoding: gzip" "public pages compressed by nginx"
check "akhbar served the article" test "$(seen "$ART")" -ge 1

# The theme's files: from the installed folder, by nginx alone.
curl -s -o "$TMP/style.css" "$AKHBAR_BASE/static/style.css"
before=$(seen /static/style.css)
fetch /static/style.css $TLS
expect_status 200 "the stylesheet through nginx"
check "the same bytes as akhbar's" cmp -s "$TMP/style.css" "$TMP/body"
header_has "Cache-Control: public, max-age=86400" "the stylesheet cached a day"
header_has "Content-Type: text/css" "the stylesheet's type"
check "akhbar never saw it" test "$(seen /static/style.css)" = "$before"
FONT=$(curl -s "$AKHBAR_BASE/static/fonts.css" | grep -o 'naskh-400-[0-9a-f]*\.woff2' | head -n 1)
curl -s -o "$TMP/font" "$AKHBAR_BASE/static/$FONT"
fetch "/static/$FONT" $TLS
expect_status 200 "a web font through nginx"
check "the same font as akhbar's" cmp -s "$TMP/font" "$TMP/body"
header_has "Cache-Control: public, max-age=31536000, immutable" "the font cached a year"
header_has "Content-Type: font/woff2" "the font's type"
fetch /static/fonts.css $TLS
expect_status 200 "the fonts' rules through nginx"
fetch /static/article.html $TLS
expect_status 404 "templates are not served"

# The newsroom through nginx: the login's cookie is Secure (the proxy said
# https), an upload within the limit is taken, its image then comes from nginx.
J=$TMP/jar
login "$J" salma "$PW" $TLS
expect_status 303 "a login through nginx"
header_has "; Secure" "the session cookie is Secure behind TLS"
mkpng "$TMP/photo.png" 640 400
get "$J" /admin/media $TLS
header_has "Cache-Control: no-store" "newsroom pages not cached"
fetch /admin/media -c "$J" -b "$J" $TLS -H "Origin: $BASE" -F "csrf=$(csrf_of)" \
    -F "file=@$TMP/photo.png" -F "alt=صورة"
expect_status 303 "an upload through nginx"
HASH=$(sql "SELECT hash FROM media ORDER BY id DESC LIMIT 1")
before=$(seen "/media/$HASH-480.webp")
fetch "/media/$HASH-480.webp" $TLS
expect_status 200 "an image through nginx"
header_has "Content-Type: image/webp" "the image's type"
header_has "Cache-Control: public, max-age=31536000, immutable" "the image cached a year"
check "the same bytes as the file" cmp -s "$TMP/body" "$TMP/media/$HASH-480.webp"
check "akhbar never saw it" test "$(seen "/media/$HASH-480.webp")" = "$before"
fetch "/media/$HASH-480.png" $TLS
expect_status 404 "a name akhbar does not make"
# Every file akhbar made for it (widths, crops, the original) by name.
for f in $(cd "$TMP/media" && ls | grep "^$HASH-"); do
    fetch "/media/$f" $TLS
    expect_status 200 "nginx serves $f"
done
check "the image has crops" sh -c "ls '$TMP/media' | grep -q '^$HASH-[0-9]*x[0-9]*\.jpg\$'"
fetch /admin/ -c "$J" -b "$J" $TLS -H 'Accept-Encoding: gzip'
check "newsroom pages are not compressed" sh -c "! grep -qi '^Content-Encoding' '$TMP/headers'"

# The reader's address: a comment from 127.0.0.2, with a forged
# X-Forwarded-For, is logged by akhbar as 127.0.0.2.
fetch "/article/$AID/comment" $TLS --interface 127.0.0.2 -H "Origin: $BASE" \
    -H "X-Forwarded-For: 203.0.113.66" --data-urlencode "author=قارئ" \
    --data-urlencode "body=تعليق عبر الوسيط"
expect_status 200 "a comment through nginx (its confirmation page)"
LINE=$(grep -F "\"POST /article/$AID/comment HTTP" "$TMP/access.log" | tail -n 1)
check "akhbar logged the reader's address (${LINE%% *})" test "${LINE%% *}" = 127.0.0.2
check "the forged address went nowhere" sh -c "! grep -q 203.0.113.66 '$TMP/access.log'"

# Body limits: akhbar's, from its source.
MAXB=$(sed -nE 's/^#define MEDIA_MAX_BYTES \(([0-9]+) \* 1024 \* 1024\).*/\1/p' src/media/image.h)
check "the upload limit is akhbar's: ${MAXB} MB + 256 KB" \
    grep -q "client_max_body_size $((MAXB * 1024 + 256))k;" "$CONF"
check "the form limit is the editor's" grep -q 'EDITOR_FORM_MAX (512u << 10)' src/routes.c
truncate -s $(((MAXB * 1024 + 256) * 1024 + 1)) "$TMP/big"
fetch /admin/media $TLS -c "$J" -b "$J" -H "Origin: $BASE" -H 'Content-Type: application/octet-stream' \
    --data-binary "@$TMP/big"
expect_status 413 "one byte over the upload limit: refused by nginx"
check "akhbar never saw it ($(grep -c '"POST /admin/media HTTP' "$TMP/access.log"))" \
    test "$(grep -c '"POST /admin/media HTTP' "$TMP/access.log")" = 1
truncate -s $((512 * 1024 + 1)) "$TMP/form"
fetch /admin/login $TLS -H "Origin: $BASE" -H 'Content-Type: application/x-www-form-urlencoded' \
    --data-binary "@$TMP/form"
expect_status 413 "one byte over the form limit: refused by nginx"

# The operator's endpoints: health through nginx, metrics not.
fetch /healthz $TLS
expect_status 200 "healthz through nginx"
fetch /metrics $TLS
expect_status 404 "metrics closed on the web side"
check "akhbar never saw /metrics" test "$(seen /metrics)" = 0

kill "$NGINX_PID"
wait "$NGINX_PID" 2>/dev/null
# (but the two refusals above)
grep -E '\[(error|crit|alert|emerg)\]' "$TMP/nginx/error.log" |
    grep -v 'client intended to send too large body' >"$TMP/nginx-errors"
check "nginx logged no other error" test ! -s "$TMP/nginx-errors"
head -n 5 "$TMP/nginx-errors"
finish
