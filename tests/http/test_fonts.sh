#!/bin/sh
# The web fonts: subsets of Debian's Noto Naskh Arabic and Noto Kufi Arabic
# (Latin in Noto Serif and Noto Sans) made WOFF2 when building (tools/fonts),
# served as font/woff2 under names that carry their version, cached a year as
# immutable, font-display: swap, the reading face preloaded.
. "$(dirname "$0")/lib.sh"
start_server --demo

fetch /
expect_status 200 "home"
body_has '<link rel="stylesheet" href="/static/fonts.css">' "every page links the fonts"
check "the reading face is preloaded, regular and bold" \
    test "$(grep -c '<link rel="preload" href="/static/naskh-[47]00-[0-9a-f]*\.woff2" as="font" type="font/woff2" crossorigin>' "$TMP/body")" = 2
valid_html "a page with its fonts preloaded"

fetch /static/fonts.css
expect_status 200 "the @font-face rules"
header_has "Content-Type: text/css" "they are CSS"
check "eight faces" test "$(grep -c '@font-face' "$TMP/body")" = 8
check "each shows text at once in a fallback (font-display: swap)" \
    test "$(grep -c 'font-display: swap' "$TMP/body")" = 8
body_has 'font-family: "Akhbar Naskh"; font-style: normal; font-weight: 400' "the reading face"
body_has 'font-family: "Akhbar Kufi"; font-style: normal; font-weight: 700' "the interface face"
body_has 'unicode-range: U+0030-0039, U+0600-06FF' "Arabic (and its digits) from the Arabic faces"
cp "$TMP/body" "$TMP/fonts.css"
n=0
for url in $(grep -o '/static/[a-z]*-[47]00-[0-9a-f]*\.woff2' "$TMP/fonts.css"); do
    n=$((n + 1))
    fetch "$url"
    expect_status 200 "$url"
    header_has "Content-Type: font/woff2" "$url is font/woff2"
    header_has "Cache-Control: public, max-age=31536000, immutable" "$url is cached a year"
    check "$url is WOFF2" sh -c "head -c 4 '$TMP/body' | grep -q wOF2"
    check "$url is a subset (under 80 KB)" test "$(wc -c <"$TMP/body")" -lt 81920
done
check "eight font files" test "$n" = 8
fetch /static/style.css
body_has '--font: "Akhbar Naskh"' "the theme reads in the web font"
body_has '--font-ui: "Akhbar Kufi"' "and its interface in the Kufi"
header_has "Cache-Control: public, max-age=86400" "the stylesheet, whose name stays, for a day"
fetch /static/naskh-400-0000000000.woff2
expect_status 404 "another version is not there"
finish
