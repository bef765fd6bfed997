/*
 * ndjson_int.h: the NDJSON parser's checks (ndjson.c: articles), used by
 * ndjson_site.c (the other records of an export, and records of any
 * type); for src/ingest/ only.
 * Each check names its field in d and returns AK_EINVAL for bad input,
 * AK_ENOMEM when the arena is full; copies live in the arena.
 */
#ifndef AK_INGEST_NDJSON_INT_H
#define AK_INGEST_NDJSON_INT_H

#include <jansson.h>
#include "ingest/ingest.h"

enum {
    NDJSON_MAX_TITLE = 500,
    NDJSON_MAX_BODY = 1 << 20,
    NDJSON_MAX_LEDE = 10000,
    NDJSON_MAX_NAME = 200,          /* author, source, slug */
    NDJSON_MAX_SLUG = 100,          /* section slugs */
    NDJSON_MAX_SECTIONS = 20,
    NDJSON_MAX_TAGS = 50,
    NDJSON_MAX_TAG = 100,
    NDJSON_MAX_COMMENTS = 1000,
    NDJSON_MAX_COMMENT = 20000,
    NDJSON_MAX_GUID = 1000,
    NDJSON_MAX_LEGACY = 100,        /* legacy URLs, legacy ids */
    NDJSON_MAX_URL = 2048,
};

/* How a string field is checked. */
enum ndjson_kind {
    NDJSON_LINE,                    /* one line: no control characters */
    NDJSON_TEXT,                    /* multi-line text: tabs and newlines allowed */
};

enum ak_err ndjson_fail(struct ingest_diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
enum ak_err ndjson_oom(struct ingest_diag *d);
/* A string field: valid UTF-8 without NUL, at most max bytes, control
 * characters as kind allows, not blank when required; *out NULL when
 * absent or null and not required. */
enum ak_err ndjson_string(json_t *v, const char *name, size_t max, enum ndjson_kind kind,
                          int required, struct arena *a, const char **out, struct ingest_diag *d);
/* An array of at most max non-empty one-line strings of at most each bytes. */
enum ak_err ndjson_strings(json_t *v, const char *name, size_t max, size_t each,
                           struct arena *a, const char ***out, size_t *nout, struct ingest_diag *d);
/* A date: an ISO 8601 string or unix seconds; 0 when absent. */
enum ak_err ndjson_time(json_t *v, const char *name, int64_t *t, struct ingest_diag *d);
/* Object o's legacy_url (a string or an array of strings) and legacy_id (a
 * positive integer or an array of them). */
enum ak_err ndjson_legacy(json_t *o, struct arena *a, const char ***urls, size_t *nurls,
                          const int64_t **lids, size_t *nlids, struct ingest_diag *d);
/* Every field of article record o into *out. */
enum ak_err ndjson_fields(json_t *o, struct arena *a, struct article_in *out,
                          struct ingest_diag *d);
/* Copy jansson's message s into out[0..cap), control characters and bytes
 * that are not UTF-8 as '?'. */
void ndjson_clean_msg(const char *s, char *out, size_t cap);

#endif
