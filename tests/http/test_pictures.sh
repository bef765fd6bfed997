#!/bin/sh
# The demo is illustrated: pictures drawn for the project (demo/art/),
# rendered at build time and loaded through the media pipeline, on at least
# two thirds of the articles, with alt text, caption and credit; cards
# without a picture get their section's coloured placeholder.
. "$(dirname "$0")/lib.sh"
start_server --demo

total=$(sql "SELECT count(*) FROM article")
pictured=$(sql "SELECT count(*) FROM article WHERE image_id IS NOT NULL")
check "the demo has articles" test "$total" -ge 30
check "two thirds of the demo's articles have a picture ($pictured of $total)" \
    test $((pictured * 3)) -ge $((total * 2))
check "every demo picture has alt text, a caption and a credit" \
    test "$(sql "SELECT count(*) FROM media WHERE trim(alt)<>'' AND caption<>'' AND credit<>''")" \
         -eq "$(sql "SELECT count(*) FROM media")"

id=$(sql "SELECT a.id FROM article a JOIN media m ON m.id=a.image_id ORDER BY a.id LIMIT 1")
caption=$(sql "SELECT m.caption FROM article a JOIN media m ON m.id=a.image_id WHERE a.id=$id")
credit=$(sql "SELECT m.credit FROM article a JOIN media m ON m.id=a.image_id WHERE a.id=$id")
alt=$(sql "SELECT m.alt FROM article a JOIN media m ON m.id=a.image_id WHERE a.id=$id")
fetch "/article/$id" -L
expect_status 200 "an illustrated article"
body_has '<figure class="featured"><picture>' "the article's picture is a figure"
body_has "<figcaption>$caption <span class=\"credit\">$credit</span></figcaption>" \
    "the caption and credit under it"
body_has "alt=\"$alt\"" "the picture's alt text"
valid_html "an illustrated article"
src=$(grep -o 'src="/media/[^"]*"' "$TMP/body" | head -n 1 | sed 's/src="//; s/"$//')
fetch "$src"
expect_status 200 "the picture's file"
header_has "Content-Type: image/jpeg" "the picture's file is an image"

fetch /
expect_status 200 "home"
body_has '<figure class="lead-image"><picture>' "the lead story has its picture"
check "the home page shows several pictures" \
    test "$(grep -o '<figure class="card-image">' "$TMP/body" | wc -l)" -ge 8
# Article 28 of the demo has no picture: its card gets the placeholder.
body_has 'class="card-image card-ph tone-' "a card without a picture gets its section's placeholder"
valid_html "the illustrated home page"
finish
