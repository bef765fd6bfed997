#!/usr/bin/python3
"""bench/gen-feeds.py: NFEEDS RSS 2.0 feeds of NITEMS items each, for bench/feeds.

    gen-feeds.py DIR NFEEDS NITEMS [CHANGED]

Feed N is DIR/fN.xml. Each item is a different story: a title and three
paragraphs drawn (fixed seed) from the words of eval/wire/stories.tsv, so
that no two items are near-duplicates of each other. With CHANGED > 0 the
first CHANGED items of every feed get a new last paragraph (same guid): the
"changed items" round.
"""
import random
import sys

out, nfeeds, nitems = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
changed = int(sys.argv[4]) if len(sys.argv) > 4 else 0
words = []
for line in open("eval/wire/stories.tsv", encoding="utf-8"):
    if not line.startswith("#"):
        words += [w.strip("،.:") for w in line.split("\t", 1)[1].split() if len(w) > 2]
words = sorted(set(words))


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;")


for f in range(nfeeds):
    items = []
    for i in range(nitems):
        rnd = random.Random(f * 100003 + i)
        title = " ".join(rnd.choice(words) for _ in range(8))
        paras = ["<p>%s.</p>" % " ".join(rnd.choice(words) for _ in range(40)) for _ in range(3)]
        if i < changed:
            paras.append("<p>تحديث: %s.</p>" % " ".join(rnd.choice(words) for _ in range(20)))
        items.append(
            "<item><title>%s</title><link>https://agency%d.example/%d</link>"
            "<guid>agency%d-%d</guid><description>%s</description>"
            "<pubDate>Sun, 06 Dec 2026 %02d:%02d:00 +0300</pubDate></item>"
            % (esc(title), f, i, f, i, esc("".join(paras)), i % 24, f % 60))
    with open("%s/f%d.xml" % (out, f), "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
                 "<title>وكالة %d</title><link>https://agency%d.example/</link>\n%s\n"
                 "</channel></rss>\n" % (f, f, "\n".join(items)))
