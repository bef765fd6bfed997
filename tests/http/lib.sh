# tests/http/lib.sh: helpers for HTTP tests against a real `akhbar serve`.
# A test script sources this file, calls `start_server [serve options]`, then
# makes requests with curl and checks them; `finish` stops the server and
# prints "N passed, N failed". The newsroom's helpers (adduser, login, get,
# csrf_of...) are at the end.
#
# With AKHBAR_TEST_PG set to the URI of a PostgreSQL server (any of its
# databases, e.g. postgresql://postgres@127.0.0.1:PORT/postgres, as
# tools/test-http-pg does), each test gets a database of its own on it: $DB
# is its URI, `sql` runs psql, start_server passes --media $MEDIA, and
# finish drops the databases the test made. new_db and media_opt hide the
# rest of the difference.
set -u
AKHBAR=${AKHBAR_BIN:-$PWD/build/akhbar}
T_PASS=0
T_FAIL=0
TMP=$(mktemp -d /tmp/akhbar-http.XXXXXX)
SERVER_PID=""
if [ -n "${AKHBAR_TEST_PG:-}" ]; then
    # Every database of this test is named PG_PREFIX_something.
    PG_PREFIX=akt_$(basename "$TMP" | sed 's/.*\.//' | tr 'A-Z' 'a-z')_$$
    MEDIA=$TMP/media
    mkdir -p "$MEDIA"
else
    MEDIA=$TMP/test-media      # akhbar's default for $TMP/test.db
fi
PW='correct horse battery'     # the password of the users adduser makes

ok() { T_PASS=$((T_PASS + 1)); }
fail() { T_FAIL=$((T_FAIL + 1)); echo "FAIL: $*"; }

# check DESCRIPTION COMMAND...: passes when the command succeeds
check() {
    desc=$1; shift
    if "$@" >/dev/null 2>&1; then ok; else fail "$desc"; fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# on_pg: true in PostgreSQL mode.
on_pg() { [ -n "${AKHBAR_TEST_PG:-}" ]; }

# pg_admin SQL: runs SQL on the server of AKHBAR_TEST_PG (PostgreSQL mode).
pg_admin() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$AKHBAR_TEST_PG" -c "$1"; }

# new_db NAME: prints the name of a new, empty database for the test: the
# file $TMP/NAME.db, or on PostgreSQL the URI of a database made for it.
new_db() {
    if ! on_pg; then
        echo "$TMP/$1.db"
        return
    fi
    pg_admin "CREATE DATABASE ${PG_PREFIX}_$1" || return 1
    base=${AKHBAR_TEST_PG%%\?*}
    echo "${base%/*}/${PG_PREFIX}_$1${AKHBAR_TEST_PG#"$base"}"
}

# drop_dbs: drops the databases new_db made on PostgreSQL.
drop_dbs() {
    on_pg || return 0
    pg_admin "SELECT datname FROM pg_database WHERE datname LIKE '${PG_PREFIX}\_%'" |
        while read -r name; do
            pg_admin "DROP DATABASE IF EXISTS $name WITH (FORCE)" ||
                echo "could not drop the database $name"
        done
}

# media_opt: the --media option that a command handling pictures (serve,
# import, media rebuild) needs on PostgreSQL, where no folder goes with the
# database; nothing on SQLite (the folder beside the file). Unquoted use:
# "$AKHBAR" import --db "$DB" $(media_opt) ...
media_opt() { ! on_pg || echo "--media $MEDIA"; }

if on_pg; then
    DB=$(new_db main) || { echo "cannot make a database on $AKHBAR_TEST_PG"; echo "0 passed, 1 failed"; exit 1; }
else
    DB=$TMP/test.db
fi

# start_server [extra serve options]: serves $DB on a free loopback port.
start_server() {
    PORT=$(free_port)
    BASE="http://127.0.0.1:$PORT"
    "$AKHBAR" serve --db "$DB" $(media_opt) --listen "127.0.0.1:$PORT" \
        --access-log "$TMP/access.log" "$@" >"$TMP/server.out" 2>&1 &
    SERVER_PID=$!
    i=0
    while ! curl -s -o /dev/null "$BASE/static/style.css"; do
        i=$((i + 1))
        if [ $i -gt 600 ]; then
            echo "server did not start:"; cat "$TMP/server.out"; finish; exit 1
        fi
        sleep 0.1
    done
}

stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill -TERM "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
        SERVER_STATUS=$?
        SERVER_PID=""
    fi
}

finish() {
    stop_server
    drop_dbs
    rm -rf "$TMP"
    echo "$T_PASS passed, $T_FAIL failed"
    [ "$T_FAIL" -eq 0 ]
}

# fetch PATH [curl options]: body in $TMP/body, headers in $TMP/headers,
# status in $STATUS.
fetch() {
    path=$1; shift
    STATUS=$(curl -s -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' "$@" "$BASE$path")
}

# expect_status WANT DESCRIPTION
expect_status() {
    if [ "$STATUS" = "$1" ]; then ok; else fail "$2: status $STATUS, want $1"; fi
}
# body_has TEXT DESCRIPTION / body_lacks TEXT DESCRIPTION (fixed strings)
body_has() {
    if grep -qF -- "$1" "$TMP/body"; then ok; else fail "$2: body lacks '$1'"; fi
}
body_lacks() {
    if grep -qF -- "$1" "$TMP/body"; then fail "$2: body has '$1'"; else ok; fi
}
header_has() {
    if grep -qiF -- "$1" "$TMP/headers"; then ok; else fail "$2: headers lack '$1'"; fi
}
# valid_html DESCRIPTION: tidy reports no error and no warning, except the
# attributes that Debian 12's tidy 5.6 predates (aria-current, minlength on
# textarea, loading on img, sizes on a picture's source), which are valid HTML5.
valid_html() {
    tidy -q -e "$TMP/body" 2>&1 |
        grep -vE 'proprietary attribute "(aria-current|minlength|loading|sizes)"' >"$TMP/tidy"
    if [ -s "$TMP/tidy" ]; then fail "$1: tidy: $(head -n 5 "$TMP/tidy")"; else ok; fi
}

# ---- the newsroom ----

# sql [STATEMENTS]: runs them (or standard input) on the test database $DB,
# with sqlite3, or psql printing as sqlite3 does: one line a row, columns
# between '|', NULL empty. Write SQL both run: "user" quoted, no strftime or
# unixepoch (use the shell's date), no group_concat (sql_join), no boolean
# results (PostgreSQL prints t or f: count the rows that match instead), no
# scalar subquery with more than one row (SQLite takes the first).
sql() {
    if on_pg; then
        if [ $# -gt 0 ]; then
            psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DB" -c "$1"
        else
            psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DB" -f -
        fi
    elif [ $# -gt 0 ]; then
        sqlite3 "$DB" "$1"
    else
        sqlite3 "$DB"
    fi
}

# sql_join SEP STATEMENT: the rows of STATEMENT on one line, joined by the
# character SEP (group_concat, which PostgreSQL lacks).
sql_join() { sql "$2" | paste -sd "$1"; }

# adduser ROLE LOGIN [NAME]: a newsroom user with password $PW (akhbar user add).
adduser() {
    printf '%s\n' "$PW" | "$AKHBAR" user add --db "$DB" --role "$1" --name "${3:-}" "$2" >/dev/null
}

# login JAR LOGIN [PASSWORD [curl options]]: the login form's GET, then its
# POST with PASSWORD (default $PW) and next=$NEXT when set; cookies in JAR,
# the answer in $STATUS, $TMP/body and $TMP/headers.
login() {
    jar=$1; user=$2; pass=${3:-$PW}
    shift 2; [ $# -gt 0 ] && shift
    curl -s -c "$jar" -b "$jar" "$@" -o "$TMP/form" "$BASE/admin/login"
    tok=$(grep -o 'name="token" value="[^"]*"' "$TMP/form" | sed 's/.*value="//; s/"$//')
    STATUS=$(curl -s -c "$jar" -b "$jar" "$@" -H "Origin: $BASE" -o "$TMP/body" \
        -D "$TMP/headers" -w '%{http_code}' --data-urlencode "login=$user" \
        --data-urlencode "password=$pass" --data-urlencode "token=$tok" \
        ${NEXT:+--data-urlencode "next=$NEXT"} "$BASE/admin/login")
}

# get JAR PATH [curl options]: fetch PATH with the cookies of JAR.
get() { jar=$1; p=$2; shift 2; fetch "$p" -c "$jar" -b "$jar" "$@"; }

# csrf_of: the form token of the last page fetched.
csrf_of() { grep -o 'name="csrf" value="[^"]*"' "$TMP/body" | head -n 1 | sed 's/.*value="//; s/"$//'; }

# wait_for FILE TEXT [TENTHS]: wait until FILE holds TEXT, at most TENTHS
# tenths of a second (default 100); fails when it never does.
wait_for() {
    i=0
    while ! grep -q -- "$2" "$1" 2>/dev/null; do
        i=$((i + 1))
        [ $i -gt "${3:-100}" ] && return 1
        sleep 0.1
    done
}

# fetch_fresh TEXT PATH [curl options]: fetch PATH until its body has TEXT,
# for at most three seconds: a change made by another process (the command
# line) reaches the page cache within a second (http/fresh.c); the rest is
# room for a loaded machine under the sanitizers.
fetch_fresh() {
    text=$1; shift
    i=0
    fetch "$@"
    while ! grep -qF -- "$text" "$TMP/body" && [ $i -lt 30 ]; do
        sleep 0.1; i=$((i + 1)); fetch "$@"
    done
}

# fetch_gone TEXT PATH [curl options]: the same, until TEXT is gone.
fetch_gone() {
    text=$1; shift
    i=0
    fetch "$@"
    while grep -qF -- "$text" "$TMP/body" && [ $i -lt 30 ]; do
        sleep 0.1; i=$((i + 1)); fetch "$@"
    done
}

# location: the Location header of the last response.
location() { sed -n 's/^[Ll]ocation: *//p' "$TMP/headers" | tr -d '\r'; }

# mkpng FILE WIDTH HEIGHT: a gradient PNG image of that size.
mkpng() {
    python3 - "$@" <<'PY'
import struct, sys, zlib
f, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = b''.join(b'\x00' + b''.join(bytes((x * 255 // w, y * 255 // h, 90)) for x in range(w))
                for y in range(h))
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
open(f, 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                    + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))
PY
}

# upload JAR FILE ALT: upload an image from the media library's form.
upload() {
    get "$1" /admin/media
    fetch /admin/media -c "$1" -b "$1" -H "Origin: $BASE" -F "csrf=$(csrf_of)" -F "file=@$2" \
        -F "alt=$3"
}

# ---- installing ----

# install_staged DESTDIR [PREFIX]: `make install` of the binary under test
# ($AKHBAR, never rebuilt: make takes it as it is) under DESTDIR, PREFIX
# default /usr/local; make's output in $TMP/make.out, its status returned.
install_staged() {
    make -s -o "$AKHBAR" install BUILD="$(dirname "$AKHBAR")" DESTDIR="$1" \
        ${2:+PREFIX="$2"} >"$TMP/make.out" 2>&1
}
