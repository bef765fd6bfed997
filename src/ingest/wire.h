/*
 * wire.h: wire feeds in: RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 parsed from
 * hostile bytes (wire_parse.c), their HTML reduced to text paragraphs and
 * their dates read (wire_text.c), items turned into articles with their
 * duplicates recognised (wire.c), and feeds polled over HTTP (wire_poll.c).
 */
#ifndef AK_INGEST_WIRE_H
#define AK_INGEST_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "base/arena.h"
#include "base/err.h"
#include "store/article.h"

struct store;
struct text_analyzer;
struct text_sketch;

enum {
    WIRE_MAX_BYTES = 8 << 20,       /* a feed document, parsed or fetched */
    WIRE_MAX_ITEMS = 500,           /* items read from one document */
    WIRE_MAX_TITLE = 500,           /* bytes of a title (cut at a character) */
    WIRE_MAX_LINE = 200,            /* bytes of an author, a category */
    WIRE_MAX_URL = 2000,            /* bytes of a link or a guid */
    WIRE_MAX_LEDE = 600,            /* bytes of the lede made from a summary */
    WIRE_MAX_BODY = 1 << 20,        /* bytes of an item's Markdown body */
    WIRE_MAX_CATEGORIES = 20,
};

enum wire_kind { WIRE_RSS2, WIRE_RSS1, WIRE_ATOM, WIRE_KIND__MAX };
extern const char *const wire_kind_names[WIRE_KIND__MAX];   /* "rss2", "rss1", "atom" */

/* One item (RSS) or entry (Atom). Strings are never NULL ("" when absent),
 * valid UTF-8 without control characters (the body keeps its newlines). */
struct wire_item {
    const char *guid;           /* guid, atom:id, rdf:about; else the link; else "" */
    const char *link;           /* http(s) link to the story, or "" */
    const char *title;          /* plain text, one line */
    const char *lede;           /* the summary as plain text, one paragraph (when the
                                 * item has a content besides it), else "" */
    const char *body_md;        /* Markdown: text paragraphs and http(s) links made
                                 * from the content (else the description) */
    const char *author;         /* one line; several Atom authors joined by "، " */
    const char **categories;
    size_t ncategories;
    int64_t published;          /* unix seconds, 0 when absent or unreadable */
    int64_t updated;            /* Atom's updated, else published */
};

struct wire_doc {
    enum wire_kind kind;
    const char *title;          /* the channel's or feed's title */
    const char *link;           /* its link, or "" */
    struct wire_item *items;    /* in document order */
    size_t nitems;
    size_t skipped;             /* items past WIRE_MAX_ITEMS or without a title and body */
};

/* Parse the feed document s[0..n) into *out, strings in arena a. The XML is
 * parsed without network access, external entities, DTD loading or entity
 * expansion: a document that declares any entity (the billion laughs) is
 * refused as soon as the declaration is read. Returns AK_OK, AK_ETOOBIG past
 * WIRE_MAX_BYTES, AK_EINVAL (not XML, not a feed; why says so in English),
 * or AK_ENOMEM. */
enum ak_err wire_parse(const char *s, size_t n, struct arena *a, struct wire_doc *out,
                       char *why, size_t cap);

/* How wire_html renders. */
enum wire_html_mode {
    WIRE_HTML_MARKDOWN,         /* paragraphs separated by blank lines, text escaped
                                 * for Markdown, http/https/mailto links as [text](url) */
    WIRE_HTML_TEXT,             /* one line of plain text, links dropped */
};
/* Reduce HTML s[0..n) to text paragraphs: tags dropped (block tags end a
 * paragraph; script, style and the like with their content), character
 * references decoded, white space collapsed; at most max bytes (cut at a
 * character, before a paragraph when one fits). Returns a string in a ("" when
 * nothing is left), or NULL when out of memory. */
char *wire_html(const char *s, size_t n, enum wire_html_mode mode, size_t max, struct arena *a);

/* Parse an RFC 822 date (as RSS writes it: "Sun, 06 Dec 2026 17:57:38 +0300",
 * day name and seconds optional, two-digit years, GMT/UT/Z, the US zones and
 * numeric offsets) or an RFC 3339 one (Atom, dc:date) into unix seconds.
 * Returns 1 and sets *t, or 0. */
int wire_date(const char *s, size_t n, int64_t *t);

/* ---- items into articles (wire.c) ---- */

/* Two items whose sketches agree in at least this share of slots are the
 * same story (eval/wire/ measures it: `make eval-wire`). */
#define WIRE_DUP_THRESHOLD 0.2

/* Where a document's items go. */
struct wire_target {
    const char *name;           /* for messages: the file or the feed's URL */
    int64_t feed_id;            /* 0: a file */
    const char *origin;         /* what guids are unique within: the feed's URL, a file's
                                 * channel link (else its title) */
    const char *section;        /* section slug; must exist */
    enum article_status status; /* ARTICLE_REVIEW or ARTICLE_PUBLISHED */
    const char *source;         /* the agency, shown as the article's source */
};

struct wire_report {
    size_t added;               /* new articles */
    size_t updated;             /* changed items whose draft or review article was rewritten */
    size_t kept;                /* changed items whose article the newsroom holds (scheduled,
                                 * published...): not rewritten */
    size_t unchanged;           /* seen before, same content */
    size_t duplicates;          /* the same story as an earlier item: attached to its article */
    size_t failed;              /* refused by the store (reported on err) */
};

/* Store the items of doc for t (see wire.c for the rules), adding to *rep;
 * each item the store refuses is reported on err (may be NULL) and skipped.
 * New items are written in one transaction (committed before an update,
 * which is a transaction of its own). Returns AK_OK, or AK_EIO, AK_EFULL or
 * AK_ENOMEM when the store or memory failed: then the new items since the
 * last update are not stored (the caller must not record the document as
 * read: a feed's validators are kept for the next poll to fetch it again). */
enum ak_err wire_store(struct store *st, const struct wire_doc *doc,
                       const struct wire_target *t, FILE *err, struct wire_report *rep);

/* The sketch an item is compared by: its title, lede and the first
 * WIRE_SKETCH_TEXT bytes of its body's plain text. */
enum ak_err wire_sketch(struct text_analyzer *an, const char *title, const char *lede,
                        const char *body_text, struct text_sketch *out);

/* ---- polling (wire_poll.c) ---- */

struct wire_poll_report {
    size_t feeds;               /* polled */
    size_t fetched;             /* answered 200 */
    size_t not_modified;        /* answered 304 */
    size_t errors;              /* failed (recorded on the feed, with its backoff) */
    struct wire_report items;   /* what their items did */
};

/* Poll each feed due at now once, one after the other, recording each
 * outcome on its row; a line per feed on err when not NULL (else the log
 * says what failed and what arrived). stop (may be NULL) is read between
 * feeds and during transfers: non-zero ends the round early. libcurl must
 * be initialised (curl_global_init). Returns AK_OK, or the store's error. */
enum ak_err wire_poll_due(struct store *st, int64_t now, const int *stop, FILE *err,
                          struct wire_poll_report *rep);
/* Start serve's poller: a thread with its own connection to db_path that
 * polls due feeds every second. Returns AK_OK or AK_EIO (logged). */
enum ak_err wire_poller_start(const char *db_path);
/* Stop it (an ongoing transfer is aborted); a no-op when not started. */
void wire_poller_stop(void);

#endif
