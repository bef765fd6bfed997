/*
 * ingest.h: foreign formats in, struct article_in out.
 *
 * Parsers here only parse: they know nothing of SQL or HTTP. ingest_import()
 * drives a whole file into the store (transactions, sections, reporting).
 */
#ifndef AK_INGEST_H
#define AK_INGEST_H

#include <stdio.h>
#include "base/arena.h"
#include "base/err.h"
#include "store/article.h"
#include "store/export.h"
#include "store/section.h"

/* What went wrong and where, for messages like "file.txt:12: title: empty". */
struct ingest_diag {
    size_t line;                /* 1-based line of the fault, 0 if unknown */
    char msg[256];              /* English description naming the field */
};

enum ingest_format { INGEST_TEXT, INGEST_NDJSON, INGEST_FEED, INGEST_FORMAT__MAX };
extern const char *const ingest_format_names[INGEST_FORMAT__MAX];

/* Parse a plain-text page shaped like a saved news article page (site
 * navigation, headline, repeated headline, lede, paragraphs, subheadings,
 * trailing chrome) into *out; strings live in arena a. When a navigation line
 * names one of secs[0..nsecs), out->section is that section's slug, else NULL.
 * out->body_html is left NULL. Returns AK_OK or AK_EINVAL (d says why). */
enum ak_err ingest_text_parse(const char *s, size_t n, const struct section *secs, size_t nsecs,
                              struct arena *a, struct article_in *out, struct ingest_diag *d);

/* Parse one NDJSON article record (one line, no newline) into *out. Fields:
 * title, lede, body, section, sections, tags, author, source, published_at
 * (ISO 8601), comments, guid, legacy_url, legacy_id, author_login, image.
 * Returns AK_OK or AK_EINVAL (d names the field; a record of another type
 * is refused). */
enum ak_err ingest_ndjson_parse(const char *line, size_t n, struct arena *a,
                                struct article_in *out, struct ingest_diag *d);

/* One record of an NDJSON file: an article (no "type", or "article") or
 * one of the other records an export writes (store/export.h). */
struct ingest_record {
    enum site_record type;
    struct article_in article;  /* SITE_ARTICLE */
    struct site_item item;      /* the others */
};
/* Parse one NDJSON record of any type (see ndjson.c and ndjson_site.c for
 * the fields of each). Returns AK_OK or AK_EINVAL (d names the field). */
enum ak_err ingest_ndjson_record(const char *line, size_t n, struct arena *a,
                                 struct ingest_record *out, struct ingest_diag *d);

/* Days from 1970-01-01 to the proleptic Gregorian date y-m-d (ndjson.c). */
int64_t ingest_days(int64_t y, unsigned m, unsigned d);
/* Parse an ISO 8601 / RFC 3339 date-time s[0..n) into unix seconds: YYYY-MM-DD,
 * optionally T (or t, or a space) and hh:mm[:ss[.fraction]], then Z, +-hh:mm,
 * +-hhmm or +-hh (none: UTC). Returns 1 and sets *t, or 0 (ndjson.c). */
int ingest_time_iso8601(const char *s, size_t n, int64_t *t);

/* After an import the related lists of the newest articles are recomputed
 * (store_related_refresh): at least INGEST_RELATED_REFRESH of them, or as many
 * as were imported up to INGEST_RELATED_MAX (a few ms each). Older ones keep
 * theirs, or the same-section fallback, until `akhbar reindex`. */
#define INGEST_RELATED_REFRESH 200
#define INGEST_RELATED_MAX 500

struct ingest_report {
    size_t imported;            /* new articles stored */
    size_t updated;             /* articles rewritten: their guid was known */
    size_t unchanged;           /* records already stored as they are */
    size_t failed;              /* records rejected */
    /* Set by the caller (ingest_import resets only the counts): called,
     * when not NULL, after each committed batch with the bytes of the file
     * done and in all, and the records done (a progress bar). */
    void (*progress)(void *ctx, size_t done, size_t total, size_t records);
    void *progress_ctx;
};

/* Import every record of the file at path ("-" for stdin) into st, each with
 * store_import_article (store/moving.h), so that running a file again, or
 * the rest of one after a kill, stores nothing twice. Each bad
 * record is reported on err as "PATH:LINE: message" and skipped; with strict,
 * the first bad record aborts and nothing from the file is stored. section,
 * if not NULL, overrides each record's section. Returns AK_OK when the file
 * was read (even if records failed; see rep), AK_EINVAL in strict mode on a
 * bad record, AK_EIO when the file cannot be read. */
enum ak_err ingest_import(struct store *st, const char *path, enum ingest_format fmt,
                          const char *section, int strict, FILE *err, struct ingest_report *rep);

/* Write the whole site to out as NDJSON, one record a line (export.c):
 * sections, tags, images, authors, pages, then every article in any state
 * with its comments and legacy URLs; counts[type] gets how many of each.
 * Read in one snapshot; articles one at a time. Returns AK_OK, AK_EIO (a
 * write failed: out's errno says why) or the store's error. */
enum ak_err ingest_export(struct store *st, FILE *out, size_t counts[SITE_RECORD__MAX]);

/* Load the demo content compiled into the binary (demo/sections.tsv and
 * demo/articles.ndjson) into an empty database, in one transaction, with
 * dates shifted so that the newest article is an hour old. Returns AK_OK,
 * AK_EEXIST when the database already has articles, or an error (logged). */
enum ak_err ingest_demo(struct store *st);

#endif
