# deploy/systemd/akhbar.service: systemd-analyze verify accepts it (its
# binary pointed at the one under test, its manual page installed), its
# security exposure stays "OK" (at most 2.0 of 10), it holds the hardening
# asked of it, its sysusers file makes the user, and its ExecStart is a
# command line akhbar accepts: run with the folders and port moved to the
# test's, it serves and answers /healthz. Skipped where systemd-analyze is
# missing.
. tests/http/lib.sh
UNIT=deploy/systemd/akhbar.service
if ! command -v systemd-analyze >/dev/null 2>&1; then
    echo "note: systemd-analyze not found: skipped"
    finish
    exit 0
fi

install_staged "$TMP/stage"
sed "s|/usr/local/bin/akhbar|$AKHBAR|" "$UNIT" >"$TMP/akhbar.service"
MANPATH=$TMP/stage/usr/local/share/man systemd-analyze verify "$TMP/akhbar.service" \
    >"$TMP/verify" 2>&1
check "systemd-analyze verify accepts the unit" test $? -eq 0 -a ! -s "$TMP/verify"
cat "$TMP/verify"
systemd-analyze security --offline=true "$TMP/akhbar.service" >"$TMP/security" 2>&1
LEVEL=$(sed -n 's/.*Overall exposure level for akhbar.service: \([0-9.]*\).*/\1/p' "$TMP/security")
echo "systemd-analyze security: exposure $LEVEL"
check "exposure ${LEVEL:-?} is at most 2.0" /usr/bin/python3 -c "assert float('${LEVEL:-99}') <= 2.0"

for want in 'NoNewPrivileges=yes' 'ProtectSystem=strict' 'PrivateTmp=yes' 'Restart=on-failure' \
    'ReadWritePaths=/var/lib/akhbar' 'User=akhbar' 'CapabilityBoundingSet=$' \
    'MemoryDenyWriteExecute=yes' 'SystemCallFilter=@system-service'; do
    check "the unit has $want" grep -q "^$want" "$UNIT"
done
mkdir -p "$TMP/root/etc"
systemd-sysusers --root "$TMP/root" --dry-run "$PWD/deploy/systemd/akhbar.sysusers" \
    >"$TMP/sysusers" 2>&1
check "the sysusers file makes the user" grep -q "Creating user 'akhbar'" "$TMP/sysusers"

# ExecStart as akhbar takes it: the unit's options, with the database,
# media folder and port of this test.
sed -n '/^ExecStart=/,/[^\\]$/p' "$UNIT" | sed 's/^ExecStart=//; s/\\$//' | tr '\n' ' ' >"$TMP/cmd"
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
set -- $(sed -e "s|/usr/local/bin/akhbar|$AKHBAR|" -e "s|/var/lib/akhbar|$TMP|g" \
    -e "s|127.0.0.1:8080|127.0.0.1:$PORT|" "$TMP/cmd")
check "ExecStart runs akhbar serve" test "$2" = serve
mkdir "$TMP/media"
"$@" >"$TMP/server.out" 2>&1 &
SERVER_PID=$!
i=0
while ! curl -s -o /dev/null "$BASE/healthz" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
fetch /healthz
expect_status 200 "the unit's command line serves"
check "with the database where the unit says" test -f "$TMP/akhbar.db"
finish
