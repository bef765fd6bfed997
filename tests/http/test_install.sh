# make install: the binary, its manual and the default theme under
# DESTDIR/PREFIX. The manual is clean for mandoc's linter and for groff,
# renders with man, and has an entry for every row of the command table
# (src/cli/main.c), every option and every exit status that cli.h defines:
# a command added without its entry fails here. No server runs.
. tests/http/lib.sh
D=$TMP/stage
install_staged "$D" /usr
check "make install PREFIX=/usr DESTDIR=...: succeeds" test $? -eq 0
cat "$TMP/make.out"
check "the binary is installed, executable" test -x "$D/usr/bin/akhbar"
check "it is the binary built" cmp -s "$AKHBAR" "$D/usr/bin/akhbar"
check "the installed binary runs" sh -c "'$D/usr/bin/akhbar' --help | grep -q '^usage:'"
check "the manual is installed" test -f "$D/usr/share/man/man1/akhbar.1"
check "the theme is installed" test -f "$D/usr/share/akhbar/themes/default/style.css"
check "nothing but bin and share" test "$(ls "$D/usr")" = "$(printf 'bin\nshare')"
install_staged "$TMP/stage2"
check "the default place: PREFIX=/usr/local" test -x "$TMP/stage2/usr/local/bin/akhbar" -a \
    -f "$TMP/stage2/usr/local/share/man/man1/akhbar.1"

MAN=$D/usr/share/man/man1/akhbar.1
mandoc -T lint -W warning "$MAN" >"$TMP/lint" 2>&1
check "mandoc -T lint finds nothing" test $? -eq 0 -a ! -s "$TMP/lint"
cat "$TMP/lint"
groff -mdoc -ww -z "$MAN" >"$TMP/groff" 2>&1
check "groff -ww finds nothing" test $? -eq 0 -a ! -s "$TMP/groff"
cat "$TMP/groff"
MANWIDTH=80 man -l "$MAN" >"$TMP/man.txt" 2>"$TMP/man.err"
check "man -l renders it" grep -q '^EXIT STATUS' "$TMP/man.txt"
check "man -l says nothing on stderr" test ! -s "$TMP/man.err"

# missing ROWS: the rows ("NAME [SUB]" a line) that have no ".It Cm NAME
# [SUB]" entry in the manual.
missing() {
    while read -r name sub; do
        grep -qE "^\.It Cm $name${sub:+ $sub}( |\$)" "$MAN" || echo "$name${sub:+ $sub}"
    done <"$1"
}
sed -nE 's/^ *\{ "([a-z-]+)", (NULL|"([a-z-]+)"), cli_.*/\1 \3/p' src/cli/main.c >"$TMP/rows"
check "the command table was read ($(wc -l <"$TMP/rows") rows)" test "$(wc -l <"$TMP/rows")" -ge 19
check "every command has its entry: $(missing "$TMP/rows" | tr '\n' ' ')" \
    test -z "$(missing "$TMP/rows")"
echo 'frobnicate now' >"$TMP/fake"
check "a command without an entry is found" test "$(missing "$TMP/fake")" = "frobnicate now"

sed -n '/cli_opt_names\[CLI_OPT__MAX\] = {/,/};/p' src/cli/main.c | grep -o '"[a-z-]*"' |
    tr -d '"' >"$TMP/opts"
check "the options were read" test "$(wc -l <"$TMP/opts")" -ge 18
for o in $(cat "$TMP/opts"); do
    check "option --$o is in the manual" grep -qE "Fl -$o( |\$)" "$MAN"
done
sed -n '/^\.Sh EXIT STATUS/,/^\.Sh /p' "$MAN" >"$TMP/exit"
for s in 0 $(sed -nE 's/^#define CLI_EXIT_[A-Z]+ ([0-9]+).*/\1/p' src/cli/cli.h); do
    check "exit status $s is in the manual" grep -q "^\.It $s\$" "$TMP/exit"
done
finish
