#!/bin/sh
# Most read, counted by the server: every article page loads the beacon
# /v/ID (an image, so views count even when the page comes from a cache, and
# without JavaScript); views are counted in memory and written every few
# seconds in one transaction, so N views are N counted after the flush with
# a handful of writes; the sidebar's "most read" follows, per day and week.
. "$(dirname "$0")/lib.sh"
start_server --demo --metrics-allow 127.0.0.1
metric() { curl -s "$BASE/metrics" | sed -n "s/^$1 //p"; }
# poll TENTHS COMMAND...: run COMMAND until it succeeds, for at most TENTHS
# tenths of a second (the flush is every 5 s; rankings and pages follow it).
poll() {
    n=$1; shift; i=0
    while ! "$@" && [ $i -lt "$n" ]; do sleep 0.1; i=$((i + 1)); done
}
written() { test "$(metric akhbar_views_written)" = "$1"; }
ranking() { test "$(sql_join ' ' "SELECT article_id FROM ranking WHERE kind=$1 ORDER BY position")" = "$2"; }
leads() { test "$(sql "SELECT article_id FROM ranking WHERE kind=$1 AND position=1")" = "$2"; }
# first_in LIST TITLE: TITLE is the first item of the sidebar's list LIST.
first_in() {
    sed -n "/<ol class=\"side-list ranked $1\"/,/<\/ol>/p" "$TMP/body" | grep -m1 '<li>' | grep -qF ">$2<"
}

# day_in ZONE: today's number (days from 1970-01-01) on ZONE's clocks: the
# day of views and of "most read today" (the site's zone; Riyadh by default).
day_in() { echo $(( $(date -u -d "$(TZ=$1 date +%F)" +%s) / 86400 )); }
A=$(sql "SELECT id FROM article ORDER BY published_at LIMIT 1")          # the oldest three
B=$(sql "SELECT id FROM article ORDER BY published_at LIMIT 1 OFFSET 1")
C=$(sql "SELECT id FROM article ORDER BY published_at LIMIT 1 OFFSET 2")
fetch "/article/$A" -L
body_has "<img class=\"beacon\" src=\"/v/$A\" alt=\"\" width=\"1\" height=\"1\">" "the article page loads its beacon"
fetch "/v/$A"
expect_status 200 "the beacon"
header_has "Content-Type: image/gif" "the beacon is an image"
header_has "Cache-Control: no-store" "the beacon is never cached, so every view reaches the server"
check "the beacon is a 1x1 GIF" sh -c "head -c 6 '$TMP/body' | grep -q GIF89a"

# 600 views of A, 300 of B, 100 of C (+1 above), from 8 clients at once.
for i in $(seq 1 600); do echo "$BASE/v/$A"; done >"$TMP/urls"
for i in $(seq 1 300); do echo "$BASE/v/$B"; done >>"$TMP/urls"
for i in $(seq 1 100); do echo "$BASE/v/$C"; done >>"$TMP/urls"
shuf "$TMP/urls" | xargs -P 8 -n 50 curl -s >/dev/null
check "every view counted in memory" test "$(metric akhbar_views_counted)" = 1001
poll 150 written 1001
check "all 1001 written after the flush" written 1001
check "N views are N in the database" \
    test "$(sql_join ' ' "SELECT sum(n) AS n FROM article_view WHERE article_id IN ($A, $B, $C) GROUP BY article_id ORDER BY article_id")" \
         = "$(printf '%s\n' "$A 601" "$B 300" "$C 100" | sort -n | cut -d' ' -f2 | tr '\n' ' ' | sed 's/ $//')"
FLUSHES=$(metric akhbar_views_flushes)
ROWS=$(metric akhbar_views_rows)
check "a thousand views are a few transactions ($FLUSHES), not a thousand" test "$FLUSHES" -le 4
check "and at most a row per article and flush ($ROWS)" test "$ROWS" -le $((3 * FLUSHES))
check "one row per article and day" test "$(sql "SELECT count(*) FROM article_view")" = 3

# The rankings follow (computed after the flush) and reach cached pages.
poll 50 ranking 1 "$A $B $C"
check "most read this week: A, B, C" ranking 1 "$A $B $C"
check "most read today: the same" ranking 0 "$A $B $C"
TA=$(sql "SELECT title FROM article WHERE id=$A")
fetch_fresh "الأكثر قراءة اليوم" /
body_has '<h2 class="side-title" id="side-read-h">الأكثر قراءة</h2>' "the sidebar's most read"
body_has '<label><input type="radio" name="side-read" value="day" checked> اليوم</label>' \
    "today's list chosen first (a radio button: no JavaScript)"
body_has '<label><input type="radio" name="side-read" value="week"> هذا الأسبوع</label>' "or the week's"
check "the most read today first" first_in side-read-day "$TA"
check "the most read this week first" first_in side-read-week "$TA"
body_has '<h2 class="side-title" id="side-commented-h">الأكثر تعليقًا</h2>' "the sidebar's most commented"
body_has '<h2 class="side-title" id="side-latest-h">الأحدث</h2>' "the sidebar's latest"

# Views of yesterday count for the week, not for today.
D=$(sql "SELECT id FROM article ORDER BY published_at LIMIT 1 OFFSET 3")
sql "INSERT INTO article_view(article_id, day, n) VALUES($D, $(day_in Asia/Riyadh) - 1, 5000)"
for i in 1 2 3; do curl -s -o /dev/null "$BASE/v/$D"; done
poll 100 leads 1 "$D"
check "yesterday's views lead the week" leads 1 "$D"
check "not today" leads 0 "$A"
TD=$(sql "SELECT title FROM article WHERE id=$D")
home_first_in() { fetch /; first_in "$@"; }      # D may be on the page already (most commented)
poll 30 home_first_in side-read-week "$TD"
check "the page: yesterday's views lead the week's list" first_in side-read-week "$TD"
check "and not today's" first_in side-read-day "$TA"

# Views still in memory at shutdown are written, not lost.
for i in 1 2 3 4 5; do curl -s -o /dev/null "$BASE/v/$C"; done
stop_server
check "views counted just before a stop are written at the stop" \
    test "$(sql "SELECT sum(n) FROM article_view WHERE article_id=$C")" = 105

# A day without views yet (the rankings are made again at start): the
# week's list alone, under the week's title, with no choice to make.
sql "DELETE FROM article_view WHERE day = $(day_in Asia/Riyadh)"
start_server --metrics-allow 127.0.0.1
fetch_fresh "الأكثر قراءة هذا الأسبوع" /
body_has '<h2 class="side-title" id="side-read-h">الأكثر قراءة هذا الأسبوع</h2>' "the week's title"
body_lacks 'side-read-day' "no list for today"
body_lacks 'name="side-read"' "and no choice"
check "yesterday's most read first" first_in side-read-week "$TD"

# "Today" is the readers' day, in the site's zone, not UTC's: in a zone chosen
# so that its date differs from UTC's now (UTC+14 from noon UTC, else
# UTC-12), a view is counted on that zone's date.
stop_server
if [ "$(date -u +%H)" -ge 12 ]; then ZONE=Etc/GMT-14; else ZONE=Etc/GMT+12; fi
"$AKHBAR" config set --db "$DB" timezone "$ZONE"
start_server --metrics-allow 127.0.0.1
fetch /
curl -s -o /dev/null "$BASE/v/$B"
poll 150 written 1
check "a view in $ZONE is written" written 1
check "on $ZONE's date ($(day_in "$ZONE")), not UTC's ($(day_in UTC))" test \
    "$(sql "SELECT day FROM article_view WHERE article_id=$B ORDER BY day DESC LIMIT 1")" = "$(day_in "$ZONE")"
finish
