#!/bin/sh
# Wire feeds: `akhbar feed add|list|remove|poll` and `serve`'s poller against
# a real local feed server (tests/http/wire_server.py: ETag, Last-Modified,
# 304, gzip), with an agency's RSS, another's Atom telling one of the same
# stories in other words, a billion-laughs feed, a failing one and a gzip
# bomb; then `import --format feed`.
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
FEEDS=$TMP/feeds
mkdir -p "$FEEDS"

cat >"$FEEDS/a.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>وكالة الشرق</title><link>https://east.example/</link>
<item><title>وزارة الصحة تعلن انخفاض إصابات الإنفلونزا الموسمية في الرياض وجدة</title>
<link>https://east.example/1</link><guid>east-1</guid>
<description><![CDATA[<p>أعلنت وزارة الصحة السعودية اليوم تسجيل انخفاض ملحوظ في عدد الإصابات بالإنفلونزا الموسمية خلال الأسبوع الماضي في مدينتي الرياض وجدة، وعزت ذلك إلى حملة التطعيم الواسعة التي شملت المدارس والجامعات.</p><p>ودعت الوزارة كبار السن إلى أخذ اللقاح قبل نهاية الشهر.</p>]]></description>
<category>صحة</category><pubDate>Sun, 06 Dec 2026 08:00:00 +0300</pubDate></item>
<item><title>افتتاح معرض الرياض الدولي للكتاب بمشاركة ألف دار نشر</title>
<link>https://east.example/2</link><guid>east-2</guid>
<description>افتتح وزير الثقافة معرض الرياض الدولي للكتاب بمشاركة أكثر من ألف دار نشر من ثلاثين دولة.</description>
<pubDate>Sun, 06 Dec 2026 09:00:00 +0300</pubDate></item>
</channel></rss>
XML
cat >"$FEEDS/b.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>وكالة الغرب</title><id>urn:west</id>
<link href="https://west.example/"/>
<entry><id>urn:west:77</id><title>انخفاض الإصابات بالإنفلونزا الموسمية في الرياض وجدة بحسب وزارة الصحة</title>
<link href="https://west.example/news/77"/>
<content type="html">&lt;p&gt;سجلت وزارة الصحة في السعودية انخفاضًا في الإصابات بالإنفلونزا الموسمية في الأسبوع الماضي بمدينتي الرياض وجدة، وقالت إن حملة التطعيم في المدارس والجامعات وراء هذا الانخفاض.&lt;/p&gt;&lt;p&gt;وحثت الوزارة كبار السن على التطعيم قبل نهاية الشهر.&lt;/p&gt;</content>
<updated>2026-12-06T06:30:00Z</updated></entry>
<entry><id>urn:west:78</id><title>الهلال يفوز على النصر في ديربي العاصمة</title>
<link href="https://west.example/news/78"/>
<content type="html">&lt;p&gt;فاز الهلال على النصر بهدفين مقابل هدف في ديربي العاصمة على ملعب المملكة أرينا.&lt;/p&gt;</content>
<updated>2026-12-06T07:00:00Z</updated></entry>
</feed>
XML
cat >"$FEEDS/laughs.xml" <<'XML'
<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>
<rss><channel><title>&h;</title><item><title>&h;</title><description>&h;</description></item></channel></rss>
XML

rm -f "$TMP/port"
python3 "$HERE/wire_server.py" "$FEEDS" "$TMP/port" &
FEED_PID=$!
i=0
while [ ! -s "$TMP/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
F="http://127.0.0.1:$(cat "$TMP/port")"
stop_feeds() { kill "$FEED_PID" 2>/dev/null; wait "$FEED_PID" 2>/dev/null; }

"$AKHBAR" section add --db "$DB" world "العالم" >/dev/null
"$AKHBAR" section add --db "$DB" local "محليات" >/dev/null

# ---- feed add: usage and refusals ----
"$AKHBAR" feed add --db "$DB" --section world "ftp://x.example/f" 2>"$TMP/err"
check "feed add: a non-http URL is a usage error" [ $? -eq 2 ]
"$AKHBAR" feed add --db "$DB" --section world --status bogus "$F/a.xml" 2>"$TMP/err"
check "feed add: --status bogus is a usage error" [ $? -eq 2 ]
check "feed add: --status names the choices" grep -q "review, published" "$TMP/err"
"$AKHBAR" feed add --db "$DB" --section world --every 10 "$F/a.xml" 2>/dev/null
check "feed add: --every under 60 is a usage error" [ $? -eq 2 ]
"$AKHBAR" feed add --db "$DB" "$F/a.xml" 2>/dev/null
check "feed add: --section is required" [ $? -eq 2 ]
"$AKHBAR" feed add --db "$DB" --section nowhere "$F/a.xml" 2>"$TMP/err"
check "feed add: an unknown section fails" [ $? -eq 1 ]
check "feed add: it says which" grep -q "unknown section 'nowhere'" "$TMP/err"

for f in a.xml b.xml laughs.xml status/500 big; do
    "$AKHBAR" feed add --db "$DB" --section world --every 60 "$F/$f" >/dev/null ||
        fail "feed add $f"
done
"$AKHBAR" feed add --db "$DB" --section world "$F/a.xml" 2>"$TMP/err"
check "feed add: the same URL twice fails" [ $? -eq 1 ]
check "feed add: it says so" grep -q "already a feed" "$TMP/err"
check "feed add: audited" [ "$(sql "SELECT count(*) FROM audit WHERE action = 'feed.add' AND client = 'cli'")" = 5 ]

# ---- private addresses are refused unless allowed ----
"$AKHBAR" feed poll --db "$DB" 2>"$TMP/poll0"
check "feed poll: a loopback feed is refused by default" grep -q "refused: a private, loopback or link-local address" "$TMP/poll0"
check "feed poll: nothing reached the feed server" [ ! -s "$FEEDS/requests.log" ]
check "feed poll: no article" [ "$(sql "SELECT count(*) FROM article")" = 0 ]
sql "UPDATE feed SET next_at = 0, failures = 0, error = ''"
export AKHBAR_FEED_PRIVATE=1        # the feed server is on loopback

# ---- the first poll ----
"$AKHBAR" feed poll --db "$DB" 2>"$TMP/poll1"
check "feed poll: exit 1 when a feed failed" [ $? -eq 1 ]
check "feed poll: five feeds polled" grep -q "5 feeds polled (3 fetched, 0 not modified, 3 failed)" "$TMP/poll1"
check "poll: three articles (the duplicate made none)" [ "$(sql "SELECT count(*) FROM article")" = 3 ]
check "poll: articles arrive in review" [ "$(sql "SELECT count(*) FROM article WHERE status = 1")" = 3 ]
check "poll: in the feed's section" [ "$(sql "SELECT count(*) FROM article a JOIN section s ON s.id = a.section_id WHERE s.slug = 'world'")" = 3 ]
check "poll: the agency is the source" [ "$(sql "SELECT source FROM article WHERE title LIKE 'افتتاح%'")" = "وكالة الشرق" ]
check "poll: categories become tags" [ "$(sql "SELECT count(*) FROM tag WHERE name = 'صحة'")" = 1 ]
dup=$(sql "SELECT count(*) FROM wire_item w JOIN wire_item f ON f.id = w.duplicate_of WHERE w.guid = 'urn:west:77' AND w.article_id = f.article_id")
check "poll: the other agency's story is attached to the first article" [ "$dup" = 1 ]
check "poll: it is reported" grep -q "the same story as article" "$TMP/poll1"
check "poll: the first article names both agencies" [ "$(sql "SELECT source FROM article WHERE title LIKE 'وزارة الصحة%'")" = "وكالة الشرق، وكالة الغرب" ]
check "poll: the feeds were sent gzipped" [ "$(grep -c '^/[ab].xml 200 gzip' "$FEEDS/requests.log")" = 2 ]
check "poll: the bomb is refused" [ "$(sql "SELECT error FROM feed WHERE url LIKE '%/big'")" = "more than 8388608 bytes" ]
check "poll: the billion laughs are refused" [ "$(sql "SELECT error FROM feed WHERE url LIKE '%/laughs.xml'")" = "entity declarations are refused" ]
check "poll: a 500 is recorded" [ "$(sql "SELECT http_status || ' ' || error FROM feed WHERE url LIKE '%/500'")" = "500 HTTP status 500" ]
check "poll: a good feed is due after its interval" [ "$(sql "SELECT next_at - polled_at FROM feed WHERE url LIKE '%/a.xml'")" = 60 ]
check "poll: a failed one backs off" [ "$(sql "SELECT next_at - polled_at FROM feed WHERE url LIKE '%/500'")" = 120 ]
check "poll: the channel's title is kept" [ "$(sql "SELECT title FROM feed WHERE url LIKE '%/b.xml'")" = "وكالة الغرب" ]

# ---- nothing due: nothing fetched ----
n=$(wc -l <"$FEEDS/requests.log")
"$AKHBAR" feed poll --db "$DB" 2>"$TMP/poll2"
check "feed poll: nothing due, nothing fetched" [ "$(wc -l <"$FEEDS/requests.log")" = "$n" ]
check "feed poll: nothing due, exit 0" grep -q "0 feeds polled" "$TMP/poll2"

# ---- due again: 304s, no duplicates ----
sql "UPDATE feed SET next_at = 0"
"$AKHBAR" feed poll --db "$DB" 2>"$TMP/poll3" &
p1=$!
"$AKHBAR" feed poll --db "$DB" 2>"$TMP/poll3b" &
p2=$!
wait $p1 $p2
check "poll again, twice at once: 304 once for each feed" [ "$(grep -c '^/[ab].xml 304' "$FEEDS/requests.log")" = 2 ]
check "poll again, twice at once: each feed fetched once" [ "$(grep -c '^/status/500' "$FEEDS/requests.log")" = 2 ]
check "poll again: said so" [ "$(cat "$TMP/poll3" "$TMP/poll3b" | grep -o '[0-9] not modified' | cut -d' ' -f1 | paste -sd+ | bc)" = 2 ]
check "poll again: no new article" [ "$(sql "SELECT count(*) FROM article")" = 3 ]
check "poll again: the 500 backs off further" [ "$(sql "SELECT failures || ' ' || (next_at - polled_at) FROM feed WHERE url LIKE '%/500'")" = "2 240" ]

# ---- a changed item updates its article while in review; once published it is kept ----
sleep 1
sed -i 's/ألف دار نشر من ثلاثين دولة/ألف ومئتي دار نشر من اثنتين وثلاثين دولة/' "$FEEDS/a.xml"
sql "UPDATE feed SET next_at = 0"
"$AKHBAR" feed poll --db "$DB" 2>"$TMP/poll4"
check "changed item: fetched again (200)" [ "$(grep -c '^/a.xml 200' "$FEEDS/requests.log")" = 2 ]
check "changed item: its article is updated" [ "$(sql "SELECT count(*) FROM article WHERE body_md LIKE '%اثنتين وثلاثين%'")" = 1 ]
check "changed item: with a revision" [ "$(sql "SELECT count(*) FROM revision r JOIN article a ON a.id = r.article_id WHERE a.title LIKE 'افتتاح%'")" = 1 ]
check "changed item: still three articles" [ "$(sql "SELECT count(*) FROM article")" = 3 ]
sql "UPDATE article SET status = 3, published_at = $(date +%s) WHERE title LIKE 'افتتاح%'"
sleep 1
sed -i 's/اثنتين وثلاثين دولة/خمس وثلاثين دولة/' "$FEEDS/a.xml"
sql "UPDATE feed SET next_at = 0"
"$AKHBAR" feed poll --db "$DB" 2>"$TMP/poll5"
check "published article: not rewritten by the agency" [ "$(sql "SELECT count(*) FROM article WHERE body_md LIKE '%خمس وثلاثين%'")" = 0 ]
check "published article: the change is counted as kept" grep -q "1 changed but kept" "$TMP/poll5"

# ---- feed list ----
"$AKHBAR" feed list --db "$DB" --json >"$TMP/list.json"
check "feed list --json: five feeds" python3 -c "import json,sys; d=json.load(open('$TMP/list.json')); sys.exit(len(d)!=5)"
check "feed list --json: items and duplicates counted" python3 -c "
import json,sys; d={f['url'].rsplit('/',1)[1]: f for f in json.load(open('$TMP/list.json'))}
b=d['b.xml']; sys.exit(not (b['items']==2 and b['duplicates']==1 and b['status']=='review' and b['every']==60 and b['error']==''))"
"$AKHBAR" feed list --db "$DB" >"$TMP/list.txt"
check "feed list: one line a feed" [ "$(wc -l <"$TMP/list.txt")" = 5 ]

# ---- remove ----
"$AKHBAR" feed remove --db "$DB" "$F/big" >/dev/null
check "feed remove URL" [ "$(sql "SELECT count(*) FROM feed")" = 4 ]
id=$(sql "SELECT id FROM feed WHERE url LIKE '%/laughs.xml'")
"$AKHBAR" feed remove --db "$DB" "$id" >/dev/null
check "feed remove ID" [ "$(sql "SELECT count(*) FROM feed")" = 3 ]
"$AKHBAR" feed remove --db "$DB" 999 2>/dev/null
check "feed remove: unknown is exit 1" [ $? -eq 1 ]
check "feed remove: audited" [ "$(sql "SELECT count(*) FROM audit WHERE action = 'feed.remove'")" = 2 ]

# ---- serve polls in the background ----
cat >"$FEEDS/c.xml" <<'XML'
<rss version="2.0"><channel><title>وكالة الشمال</title>
<item><title>هطول أمطار غزيرة على مكة المكرمة</title><guid>north-1</guid>
<description>شهدت مكة المكرمة هطول أمطار غزيرة مصحوبة برياح نشطة.</description></item>
</channel></rss>
XML
"$AKHBAR" feed add --db "$DB" --section local --status published --every 60 "$F/c.xml" >/dev/null
start_server
i=0
while [ "$(sql "SELECT count(*) FROM article WHERE title LIKE 'هطول%'")" != 1 ] && [ $i -lt 100 ]; do
    sleep 0.1; i=$((i + 1))
done
check "serve: polls a due feed in the background" [ "$(sql "SELECT count(*) FROM article WHERE title LIKE 'هطول%'")" = 1 ]
check "serve: --status published publishes" [ "$(sql "SELECT status FROM article WHERE title LIKE 'هطول%'")" = 3 ]
id=$(sql "SELECT id FROM article WHERE title LIKE 'هطول%'")
fetch_fresh "هطول أمطار" /section/local
check "serve: the published item is on its section's page" grep -qF "هطول أمطار" "$TMP/body"
check "serve: other feeds were not due" [ "$(grep -c '^/a.xml' "$FEEDS/requests.log")" = 4 ]
if on_pg; then       # the poller may be writing: SQLite waits for it
    sql "UPDATE feed SET next_at = 0 WHERE url LIKE '%/a.xml'"
else
    sqlite3 -cmd ".timeout 5000" "$DB" "UPDATE feed SET next_at = 0 WHERE url LIKE '%/a.xml'"
fi
i=0
while [ "$(grep -c '^/a.xml' "$FEEDS/requests.log")" != 5 ] && [ $i -lt 50 ]; do
    sleep 0.1; i=$((i + 1))
done
check "serve: a feed made due is polled within seconds, conditionally" [ "$(tail -n 1 "$FEEDS/requests.log" | cut -d' ' -f1,2)" = "/a.xml 304" ]
# ---- the newsroom's page ----
adduser editor ed "محرر"
adduser author au "كاتب"
JAR=$TMP/jar
login "$JAR" ed
get "$JAR" /admin/feeds
expect_status 200 "/admin/feeds for an editor"
body_has "مصادر الأخبار" "/admin/feeds: its title"
body_has "$F/b.xml" "/admin/feeds: a feed"
body_has "وكالة الغرب" "/admin/feeds: its channel's title"
body_has "منها 1 مكررة" "/admin/feeds: its near-duplicates"
body_has "تعذّر الجلب" "/admin/feeds: a failing feed says so"
body_has "HTTP status 500" "/admin/feeds: and why"
valid_html "/admin/feeds"
tok=$(csrf_of)
fetch /admin/feeds/add -c "$JAR" -b "$JAR" -H "Origin: $BASE" --data-urlencode "url=$F/d.xml" \
    -d section=world -d status=review -d minutes=5
expect_status 403 "/admin/feeds/add without the session's token"
fetch /admin/feeds/add -c "$JAR" -b "$JAR" -H "Origin: $BASE" --data-urlencode "csrf=$tok" \
    --data-urlencode "url=javascript:alert(1)" -d section=world -d status=review -d minutes=5
expect_status 400 "/admin/feeds/add: a non-http URL"
body_has "http://" "/admin/feeds/add: says what a URL must be"
fetch /admin/feeds/add -c "$JAR" -b "$JAR" -H "Origin: $BASE" --data-urlencode "csrf=$tok" \
    --data-urlencode "url=$F/d.xml" -d section=world -d status=published -d minutes=5
expect_status 303 "/admin/feeds/add"
check "/admin/feeds/add: stored" [ "$(sql "SELECT status || ' ' || interval FROM feed WHERE url LIKE '%/d.xml'")" = "3 300" ]
check "/admin/feeds/add: audited with the editor" [ "$(sql "SELECT login FROM audit WHERE action = 'feed.add' AND target LIKE '%/d.xml'")" = ed ]
fetch /admin/feeds/add -c "$JAR" -b "$JAR" -H "Origin: $BASE" --data-urlencode "csrf=$tok" \
    --data-urlencode "url=$F/d.xml" -d section=world -d status=review -d minutes=5
expect_status 400 "/admin/feeds/add: twice"
body_has "مضاف من قبل" "/admin/feeds/add: twice, said in Arabic"
id=$(sql "SELECT id FROM feed WHERE url LIKE '%/d.xml'")
fetch /admin/feeds/remove -c "$JAR" -b "$JAR" -H "Origin: $BASE" --data-urlencode "csrf=$tok" -d "id=$id"
expect_status 303 "/admin/feeds/remove"
check "/admin/feeds/remove: gone" [ "$(sql "SELECT count(*) FROM feed WHERE url LIKE '%/d.xml'")" = 0 ]
check "/admin/feeds/remove: audited" [ "$(sql "SELECT count(*) FROM audit WHERE action = 'feed.remove' AND login = 'ed'")" = 1 ]
JAR2=$TMP/jar2
login "$JAR2" au
get "$JAR2" /admin/feeds
expect_status 403 "/admin/feeds is not an author's"

t0=$(date +%s%N)
stop_server
t1=$(date +%s%N)
check "serve: stops promptly with the poller" [ $(( (t1 - t0) / 1000000 )) -lt 4000 ]

# ---- a read-only server polls nothing ----
sql "UPDATE feed SET next_at = 0"
n=$(wc -l <"$FEEDS/requests.log")
start_server --read-only
sleep 2
check "serve --read-only: no feed polled" [ "$(wc -l <"$FEEDS/requests.log")" = "$n" ]
stop_server

# ---- import --format feed ----
"$AKHBAR" import --db "$DB" $(media_opt) --format feed --section local "$FEEDS/b.xml" 2>"$TMP/imp1"
check "import feed: a file's items are keyed apart, and known as the same stories" grep -q "atom feed: 0 new, 0 updated, 0 unchanged, 2 duplicates" "$TMP/imp1"
"$AKHBAR" import --db "$DB" $(media_opt) --format feed --section local "$FEEDS/b.xml" 2>"$TMP/imp2"
check "import feed: the same file again changes nothing" grep -q "0 new, 0 updated, 2 unchanged" "$TMP/imp2"
"$AKHBAR" import --db "$DB" $(media_opt) --format feed "$FEEDS/laughs.xml" 2>"$TMP/imp3"
check "import feed: the billion laughs fail the import" [ $? -eq 1 ]
check "import feed: and say why" grep -q "entity declarations are refused" "$TMP/imp3"

stop_feeds
finish
