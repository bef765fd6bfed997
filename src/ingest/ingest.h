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
#include "store/section.h"

/* What went wrong and where, for messages like "file.txt:12: title: empty". */
struct ingest_diag {
    size_t line;                /* 1-based line of the fault, 0 if unknown */
    char msg[256];              /* English description naming the field */
};

enum ingest_format { INGEST_TEXT, INGEST_NDJSON, INGEST_FORMAT__MAX };
extern const char *const ingest_format_names[INGEST_FORMAT__MAX];

/* Parse a plain-text page shaped like a saved news article page (site
 * navigation, headline, repeated headline, lede, paragraphs, subheadings,
 * trailing chrome) into *out; strings live in arena a. When a navigation line
 * names one of secs[0..nsecs), out->section is that section's slug, else NULL.
 * out->body_html is left NULL. Returns AK_OK or AK_EINVAL (d says why). */
enum ak_err ingest_text_parse(const char *s, size_t n, const struct section *secs, size_t nsecs,
                              struct arena *a, struct article_in *out, struct ingest_diag *d);

/* Parse one NDJSON record (one line, no newline) into *out. Fields: title,
 * lede, body, section, sections, tags, author, source, published_at (ISO
 * 8601), comments. Returns AK_OK or AK_EINVAL (d names the field). */
enum ak_err ingest_ndjson_parse(const char *line, size_t n, struct arena *a,
                                struct article_in *out, struct ingest_diag *d);

/* After an import the related lists of the newest articles are recomputed
 * (store_related_refresh): at least INGEST_RELATED_REFRESH of them, or as many
 * as were imported up to INGEST_RELATED_MAX (a few ms each). Older ones keep
 * theirs, or the same-section fallback, until `akhbar reindex`. */
#define INGEST_RELATED_REFRESH 200
#define INGEST_RELATED_MAX 500

struct ingest_report {
    size_t imported;            /* articles stored */
    size_t failed;              /* records rejected */
};

/* Import every record of the file at path ("-" for stdin) into st. Each bad
 * record is reported on err as "PATH:LINE: message" and skipped; with strict,
 * the first bad record aborts and nothing from the file is stored. section,
 * if not NULL, overrides each record's section. Returns AK_OK when the file
 * was read (even if records failed; see rep), AK_EINVAL in strict mode on a
 * bad record, AK_EIO when the file cannot be read. */
enum ak_err ingest_import(struct store *st, const char *path, enum ingest_format fmt,
                          const char *section, int strict, FILE *err, struct ingest_report *rep);

/* Load the demo content compiled into the binary (demo/sections.tsv,
 * demo/articles.ndjson and the pictures of demo/images.tsv, drawn in
 * demo/art/ and rendered to WebP when building) into an empty database, in
 * one transaction, with dates shifted so that the newest article is an hour
 * old. The pictures go through media_ingest into media_dir (NULL: the demo
 * has no pictures). Returns AK_OK, AK_EEXIST when the database already has
 * articles, or an error (logged). */
enum ak_err ingest_demo(struct store *st, const char *media_dir);

#endif
