#!/usr/bin/env python3
"""bench/gen-wxr.py: a WordPress export (WXR 1.2) of N synthetic Arabic posts on stdout.

Why: the WXR import's benchmark (bench/wxr) needs an export of a large Arabic
news site's shape without anyone's real content. Posts take their text from
bench/gen-articles.py's writer (sentence templates and word lists written for
it), made into WordPress's two kinds of content: Gutenberg blocks (even
posts) and classic-editor text with blank-line paragraphs and a [caption]
(odd posts). Every post has a percent-encoded Arabic slug and link, one of
four categories (percent-encoded nicenames, one under another), 2-3 tags;
every tenth has three comments, one a reply to another. Eight authors.

    bench/gen-wxr.py [-n 100000] [--words 150] [--seed 1] > export.xml

The output is byte-for-byte the same for the same arguments.
Python 3 standard library only.
"""

import argparse
import datetime
import importlib.util
import json
import os
import random
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("gen_articles", os.path.join(HERE, "gen-articles.py"))
ga = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ga)

CATS = [  # section of gen-articles.py -> (Arabic slug, name, parent's Arabic slug)
    ("world", "أخبار-عالمية", "أخبار عالمية", ""),
    ("economy", "اقتصاد", "اقتصاد", ""),
    ("sports", "رياضة", "رياضة", ""),
    ("technology", "تقنية", "تقنية", "اقتصاد"),
]


def enc(s):
    """WordPress's slug spelling: percent-encoded UTF-8, lower-case hex."""
    return urllib.parse.quote(s, safe="-").lower()


def cdata(s):
    return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def gutenberg(md):
    out = []
    for p in md.split("\n\n"):
        if p.startswith("## "):
            out.append("<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">%s</h2>\n"
                       "<!-- /wp:heading -->" % esc(p[3:]))
        else:
            out.append("<!-- wp:paragraph -->\n<p>%s</p>\n<!-- /wp:paragraph -->" % esc(p))
    return "\n\n".join(out)


def classic(md, i):
    paras = md.split("\n\n")
    out = []
    for k, p in enumerate(paras):
        if p.startswith("## "):
            out.append("<h3>%s</h3>" % esc(p[3:]))
        else:
            out.append(esc(p).replace("، ", "،\n", 1))   # a single newline: a line break
        if k == 1:
            out.append('[caption id="attachment_%d" align="aligncenter" width="800"]'
                       '<img src="https://old.example/wp-content/uploads/2024/01/p%d.jpg" '
                       'alt="صورة" width="800" height="450" /> صورة من الحدث[/caption]' % (i, i))
    return "\n\n".join(out)


def words(text, n):
    w = text.split()
    return " ".join(w[:n])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=100000, help="number of posts (100000)")
    ap.add_argument("--words", type=int, default=150, help="words of body per post (150)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (1)")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    end = datetime.datetime(2025, 1, 1)
    out = sys.stdout
    out.write('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"\n'
              '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n'
              '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
              '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
              '\txmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
              '\t<title>موقع أخبار للاختبار</title>\n\t<link>https://old.example</link>\n'
              '\t<wp:wxr_version>1.2</wp:wxr_version>\n'
              '\t<wp:base_site_url>https://old.example</wp:base_site_url>\n'
              '\t<wp:base_blog_url>https://old.example</wp:base_blog_url>\n')
    for k, name in enumerate(ga.AUTHORS[:8]):
        out.write("\t<wp:author><wp:author_id>%d</wp:author_id><wp:author_login>%s</wp:author_login>"
                  "<wp:author_display_name>%s</wp:author_display_name></wp:author>\n"
                  % (k + 1, cdata("author%d" % (k + 1)), cdata(name)))
    for k, (_, slug, name, parent) in enumerate(CATS):
        out.write("\t<wp:category><wp:term_id>%d</wp:term_id><wp:category_nicename>%s"
                  "</wp:category_nicename><wp:category_parent>%s</wp:category_parent>"
                  "<wp:cat_name>%s</wp:cat_name></wp:category>\n"
                  % (k + 1, cdata(enc(slug)), cdata(enc(parent)), cdata(name)))
    cat_of = {c[0]: c for c in CATS}
    for i in range(a.n):
        rec = json.loads(ga.article(rnd, i, end))
        pid = 1000 + i
        body = "\n\n".join(p for p in rec["body"].split("\n\n"))
        body = words(body.replace("\n\n", " \u2029 "), a.words).replace(" \u2029 ", "\n\n")
        content = gutenberg(body) if i % 2 == 0 else classic(body, i)
        when = datetime.datetime.strptime(rec["published_at"], "%Y-%m-%dT%H:%M:%SZ")
        slug = enc(ga_slug(rec["title"]) + "-%d" % pid)
        sec = cat_of[rec["section"]]
        author = "author%d" % (ga.AUTHORS.index(rec["author"]) % 8 + 1) \
            if rec["author"] in ga.AUTHORS else "author1"
        items = [
            "\t<item>",
            "\t\t<title>%s</title>" % cdata(rec["title"]),
            "\t\t<link>https://old.example/%s/%s/</link>" % (when.strftime("%Y/%m"), slug),
            "\t\t<dc:creator>%s</dc:creator>" % cdata(author),
            "\t\t<guid isPermaLink=\"false\">https://old.example/?p=%d</guid>" % pid,
            "\t\t<content:encoded>%s</content:encoded>" % cdata(content),
            "\t\t<excerpt:encoded>%s</excerpt:encoded>" % cdata(rec["lede"] if i % 3 == 0 else ""),
            "\t\t<wp:post_id>%d</wp:post_id>" % pid,
            "\t\t<wp:post_date_gmt>%s</wp:post_date_gmt>" % when.strftime("%Y-%m-%d %H:%M:%S"),
            "\t\t<wp:post_name>%s</wp:post_name>" % cdata(slug),
            "\t\t<wp:status>publish</wp:status>",
            "\t\t<wp:post_type>post</wp:post_type>",
            "\t\t<category domain=\"category\" nicename=\"%s\">%s</category>"
            % (enc(sec[1]), cdata(sec[2])),
        ]
        for t in rec["tags"]:
            items.append("\t\t<category domain=\"post_tag\" nicename=\"%s\">%s</category>"
                         % (enc(ga_slug(t)), cdata(t)))
        if i % 10 == 0:
            for c, (cid, parent, text) in enumerate([(1, 0, "تحليل ممتاز، شكرًا."),
                                                    (2, 1, "أتفق مع التعليق السابق."),
                                                    (3, 0, "هل من تفاصيل أخرى؟")]):
                items.append("\t\t<wp:comment><wp:comment_id>%d</wp:comment_id>"
                             "<wp:comment_author>%s</wp:comment_author>"
                             "<wp:comment_date_gmt>%s</wp:comment_date_gmt>"
                             "<wp:comment_content>%s</wp:comment_content>"
                             "<wp:comment_approved>1</wp:comment_approved>"
                             "<wp:comment_parent>%d</wp:comment_parent></wp:comment>"
                             % (pid * 10 + cid, cdata("قارئ %d" % cid),
                                (when + datetime.timedelta(hours=c + 1)).strftime("%Y-%m-%d %H:%M:%S"),
                                cdata(text), pid * 10 + parent if parent else 0))
        items.append("\t</item>\n")
        out.write("\n".join(items))
    out.write("</channel>\n</rss>\n")


def ga_slug(s):
    """A slug of Arabic words joined by '-' (punctuation dropped)."""
    keep = []
    for ch in s:
        keep.append(ch if ch.isalnum() else " ")
    return "-".join("".join(keep).split())[:80]


if __name__ == "__main__":
    main()
