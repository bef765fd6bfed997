/*
 * ndjson.c: one article per line of JSON (see ingest.h).
 *
 * Why this exists: NDJSON is akhbar's own interchange format (the demo
 * content, `akhbar export`, and what we ask other systems to produce), so a
 * record is checked field by field and every complaint names the field, as
 * in "tags: expected an array of strings". Parsing is jansson's; this file
 * only validates and copies into the caller's arena, so that no jansson
 * memory outlives the call.
 *
 * A record is an object. Fields (unknown fields are ignored, so that exports
 * from other systems import without editing; null means absent):
 *   title         string, required, 1..500 bytes, one line
 *   body          string, Markdown, at most 1 MB; required and not blank
 *                 unless the status is draft, review or unpublished
 *   lede          string, at most 10000 bytes
 *   section       string (a section slug), at most 100 bytes, one line;
 *                 left NULL when absent for ingest_import() to decide
 *   sections      array of such strings, at most 20
 *   tags          array of strings (tag names), at most 50 of 1..100 bytes
 *   author        string, at most 200 bytes, one line
 *   source        string, at most 200 bytes, one line
 *   slug          string, at most 200 bytes, one line (NULL: made from title)
 *   status        one of article_status_names (default "published")
 *   published_at  ISO 8601 date-time string (see ingest_time_iso8601) or unix
 *                 seconds as an integer
 *   comments      array of at most 1000 objects {author (string, required),
 *                 body (string, required, at most 20000 bytes), created_at
 *                 (as published_at), status (a comment_status_names entry,
 *                 default "approved"), reply_to (the 1-based position in
 *                 this array of an earlier comment it answers)}
 *   guid          string, at most 1000 bytes, one line: the source's id for
 *                 the article; a record whose guid is already stored
 *                 updates that article (store/moving.h)
 *   legacy_url    string or array of at most 100 strings of at most 2048
 *                 bytes: the article's URLs on the old site (answered 301)
 *   legacy_id     positive integer or array of at most 100: its old
 *                 numeric ids (WordPress's /?p=ID)
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "ingest/ingest.h"
#include "ingest/ndjson_int.h"
#include "store/article.h"
#include "store/comment.h"
#include "text/utf8.h"


/* Record the complaint in *d and return AK_EINVAL. */
enum ak_err ndjson_fail(struct ingest_diag *d, const char *fmt, ...)
{
    if (d) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(d->msg, sizeof d->msg, fmt, ap);
        va_end(ap);
    }
    return AK_EINVAL;
}

/* Record an allocation failure and return AK_ENOMEM. */
enum ak_err ndjson_oom(struct ingest_diag *d)
{
    if (d)
        snprintf(d->msg, sizeof d->msg, "out of memory");
    return AK_ENOMEM;
}

/* Copy jansson's message into out[0..cap), with control characters and bytes
 * that are not valid UTF-8 (it quotes the input near the fault) as '?'. */
void ndjson_clean_msg(const char *s, char *out, size_t cap)
{
    size_t n = strlen(s), i = 0, k = 0;
    while (i < n && k + 5 < cap) {
        uint32_t c;
        size_t len = utf8_decode((const unsigned char *)s + i, n - i, &c);
        if (len == 0 || c < 0x20 || c == 0x7F) {
            out[k++] = '?';
            i += len ? len : 1;
            continue;
        }
        memcpy(out + k, s + i, len);
        k += len;
        i += len;
    }
    out[k] = 0;
}

/* Days from 1970-01-01 to the proleptic Gregorian date y-m-d (H. Hinnant's
 * days_from_civil). */
int64_t ingest_days(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

/* Read exactly k digits at s[*i) into *v. */
static int ndjson_digits(const char *s, size_t n, size_t *i, int k, int *v)
{
    int x = 0;
    for (int j = 0; j < k; j++) {
        if (*i >= n || s[*i] < '0' || s[*i] > '9')
            return 0;
        x = x * 10 + (s[(*i)++] - '0');
    }
    *v = x;
    return 1;
}

/* Parse an ISO 8601 / RFC 3339 date-time into unix seconds:
 * YYYY-MM-DD, optionally followed by T (or a space) and hh:mm or hh:mm:ss
 * with optional .fraction (dropped), and then Z, ±hh:mm, ±hhmm or ±hh; no
 * zone means UTC. Years 1900..9999; fields are range-checked (day against the
 * month, leap years included; second 60 is accepted as a leap second).
 * Returns 1 and sets *t, or 0. */
int ingest_time_iso8601(const char *s, size_t n, int64_t *t)
{
    size_t i = 0;
    int y, mo, d, h = 0, mi = 0, sec = 0;
    if (!ndjson_digits(s, n, &i, 4, &y) || i >= n || s[i++] != '-'
        || !ndjson_digits(s, n, &i, 2, &mo) || i >= n || s[i++] != '-'
        || !ndjson_digits(s, n, &i, 2, &d))
        return 0;
    static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] + (mo == 2 && leap))
        return 0;
    int64_t off = 0;
    if (i < n) {
        if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
            return 0;
        i++;
        if (!ndjson_digits(s, n, &i, 2, &h) || i >= n || s[i++] != ':'
            || !ndjson_digits(s, n, &i, 2, &mi))
            return 0;
        if (i < n && s[i] == ':') {
            i++;
            if (!ndjson_digits(s, n, &i, 2, &sec))
                return 0;
            if (i < n && (s[i] == '.' || s[i] == ',')) {
                size_t f = ++i;
                while (i < n && s[i] >= '0' && s[i] <= '9')
                    i++;
                if (i == f)
                    return 0;
            }
        }
        if (h > 23 || mi > 59 || sec > 60)
            return 0;
        if (i < n && (s[i] == 'Z' || s[i] == 'z')) {
            i++;
        } else if (i < n && (s[i] == '+' || s[i] == '-')) {
            int sign = s[i++] == '-' ? -1 : 1, oh, om = 0;
            if (!ndjson_digits(s, n, &i, 2, &oh))
                return 0;
            if (i < n && s[i] == ':')
                i++;
            if (i < n && !ndjson_digits(s, n, &i, 2, &om))
                return 0;
            if (oh > 23 || om > 59)
                return 0;
            off = sign * (oh * 3600 + om * 60);
        }
        if (i != n)
            return 0;
    }
    *t = ingest_days(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + sec - off;
    return 1;
}

/* Check string value v of field name and copy it into the arena: valid UTF-8
 * without NUL, at most max bytes, no control characters other than tab and
 * newline for NDJSON_TEXT (none for NDJSON_LINE), and for required fields not
 * blank. *out gets NULL when v is absent or null and not required. */
enum ak_err ndjson_string(json_t *v, const char *name, size_t max, enum ndjson_kind kind,
                          int required, struct arena *a, const char **out, struct ingest_diag *d)
{
    *out = NULL;
    if (!v || json_is_null(v)) {
        if (required)
            return ndjson_fail(d, "%s: required", name);
        return AK_OK;
    }
    if (!json_is_string(v))
        return ndjson_fail(d, "%s: expected a string", name);
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    if (!utf8_valid(s, n))
        return ndjson_fail(d, "%s: invalid UTF-8 or NUL character", name);
    if (n > max)
        return ndjson_fail(d, "%s: %zu bytes, more than %zu", name, n, max);
    int blank = 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F) {
            if (kind == NDJSON_LINE || !(c == '\n' || c == '\t' || c == '\r'))
                return ndjson_fail(d, "%s: contains a control character", name);
        } else if (c != ' ') {
            blank = 0;
        }
    }
    if (required && blank)
        return ndjson_fail(d, "%s: empty", name);
    if (!(*out = arena_strndup(a, s, n)))
        return ndjson_oom(d);
    return AK_OK;
}

/* Check that v is an array of at most max non-empty one-line strings of at
 * most each bytes, and copy them into *out / *nout. Absent or null: none. */
enum ak_err ndjson_strings(json_t *v, const char *name, size_t max, size_t each,
                           struct arena *a, const char ***out, size_t *nout, struct ingest_diag *d)
{
    *out = NULL;
    *nout = 0;
    if (!v || json_is_null(v))
        return AK_OK;
    if (!json_is_array(v))
        return ndjson_fail(d, "%s: expected an array of strings", name);
    size_t n = json_array_size(v);
    if (n > max)
        return ndjson_fail(d, "%s: %zu items, more than %zu", name, n, max);
    if (n == 0)
        return AK_OK;
    const char **p = arena_alloc(a, n * sizeof *p);
    if (!p)
        return ndjson_oom(d);
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(v, i);
        if (!json_is_string(e))
            return ndjson_fail(d, "%s: expected an array of strings", name);
        char item[64];
        snprintf(item, sizeof item, "%s[%zu]", name, i);
        enum ak_err rc = ndjson_string(e, item, each, NDJSON_LINE, 1, a, &p[i], d);
        if (rc)
            return rc;
    }
    *out = p;
    *nout = n;
    return AK_OK;
}

/* Check a date field (ISO 8601 string or non-negative integer); *t gets 0
 * when absent or null. */
enum ak_err ndjson_time(json_t *v, const char *name, int64_t *t, struct ingest_diag *d)
{
    *t = 0;
    if (!v || json_is_null(v))
        return AK_OK;
    if (json_is_integer(v)) {
        json_int_t x = json_integer_value(v);
        if (x < 0)
            return ndjson_fail(d, "%s: negative time", name);
        *t = (int64_t)x;
        return AK_OK;
    }
    if (!json_is_string(v))
        return ndjson_fail(d, "%s: expected an ISO 8601 date-time string", name);
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    if (!ingest_time_iso8601(s, n, t)) {
        char shown[48];
        size_t k = utf8_valid(s, n) ? utf8_clip(s, n, 40) : 0;
        memcpy(shown, s, k);
        shown[k] = 0;
        return ndjson_fail(d, "%s: invalid ISO 8601 date-time '%s%s'", name, shown,
                           k < n ? "..." : "");
    }
    return AK_OK;
}

/* Check and copy the comments array. */
static enum ak_err ndjson_comments(json_t *v, struct arena *a, struct article_in *out,
                                   struct ingest_diag *d)
{
    if (!v || json_is_null(v))
        return AK_OK;
    if (!json_is_array(v))
        return ndjson_fail(d, "comments: expected an array of objects");
    size_t n = json_array_size(v);
    if (n > NDJSON_MAX_COMMENTS)
        return ndjson_fail(d, "comments: %zu items, more than %d", n, NDJSON_MAX_COMMENTS);
    if (n == 0)
        return AK_OK;
    struct comment_in *c = arena_alloc(a, n * sizeof *c);
    if (!c)
        return ndjson_oom(d);
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(v, i);
        char name[48];
        if (!json_is_object(e))
            return ndjson_fail(d, "comments[%zu]: expected an object", i);
        enum ak_err rc;
        snprintf(name, sizeof name, "comments[%zu].author", i);
        if ((rc = ndjson_string(json_object_get(e, "author"), name, NDJSON_MAX_NAME,
                                NDJSON_LINE, 1, a, &c[i].author, d)))
            return rc;
        snprintf(name, sizeof name, "comments[%zu].body", i);
        if ((rc = ndjson_string(json_object_get(e, "body"), name, NDJSON_MAX_COMMENT,
                                NDJSON_TEXT, 1, a, &c[i].body, d)))
            return rc;
        snprintf(name, sizeof name, "comments[%zu].created_at", i);
        if ((rc = ndjson_time(json_object_get(e, "created_at"), name, &c[i].created_at, d)))
            return rc;
        snprintf(name, sizeof name, "comments[%zu].status", i);
        if ((rc = ndjson_string(json_object_get(e, "status"), name, NDJSON_MAX_NAME,
                                NDJSON_LINE, 0, a, &c[i].status, d)))
            return rc;
        int k = 0;
        while (c[i].status && k < COMMENT_STATUS__MAX &&
               strcmp(c[i].status, comment_status_names[k]) != 0)
            k++;
        if (k == COMMENT_STATUS__MAX)
            return ndjson_fail(d, "comments[%zu].status: unknown status", i);
        json_t *r = json_object_get(e, "reply_to");
        c[i].reply_to = 0;
        if (r && !json_is_null(r)) {
            if (!json_is_integer(r) || json_integer_value(r) < 1 ||
                (size_t)json_integer_value(r) > i)
                return ndjson_fail(d, "comments[%zu].reply_to: expected the position "
                                   "(from 1) of an earlier comment", i);
            c[i].reply_to = (size_t)json_integer_value(r);
        }
    }
    out->comments = c;
    out->ncomments = n;
    return AK_OK;
}

enum ak_err ndjson_legacy(json_t *o, struct arena *a, const char ***urls, size_t *nurls,
                          const int64_t **lids, size_t *nlids, struct ingest_diag *d)
{
    json_t *v = json_object_get(o, "legacy_url");
    enum ak_err rc;
    if (v && json_is_string(v)) {
        const char **p = arena_alloc(a, sizeof *p);
        if (!p)
            return ndjson_oom(d);
        if ((rc = ndjson_string(v, "legacy_url", NDJSON_MAX_URL, NDJSON_LINE, 1, a, p, d)))
            return rc;
        *urls = p;
        *nurls = 1;
    } else if ((rc = ndjson_strings(v, "legacy_url", NDJSON_MAX_LEGACY, NDJSON_MAX_URL, a,
                                    urls, nurls, d))) {
        return rc;
    }
    v = json_object_get(o, "legacy_id");
    if (!v || json_is_null(v))
        return AK_OK;
    size_t n = json_is_array(v) ? json_array_size(v) : 1;
    if (n > NDJSON_MAX_LEGACY)
        return ndjson_fail(d, "legacy_id: %zu items, more than %d", n, NDJSON_MAX_LEGACY);
    int64_t *ids = arena_alloc(a, (n ? n : 1) * sizeof *ids);
    if (!ids)
        return ndjson_oom(d);
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_is_array(v) ? json_array_get(v, i) : v;
        if (!json_is_integer(e) || json_integer_value(e) < 1)
            return ndjson_fail(d, "legacy_id: expected a positive integer or an array of them");
        ids[i] = (int64_t)json_integer_value(e);
    }
    *lids = ids;
    *nlids = n;
    return AK_OK;
}

/* Check and copy every field of record o into *out. */
enum ak_err ndjson_fields(json_t *o, struct arena *a, struct article_in *out,
                          struct ingest_diag *d)
{
    enum ak_err rc;
    if ((rc = ndjson_string(json_object_get(o, "title"), "title", NDJSON_MAX_TITLE, NDJSON_LINE,
                            1, a, &out->title, d))
        || (rc = ndjson_string(json_object_get(o, "lede"), "lede", NDJSON_MAX_LEDE,
                               NDJSON_TEXT, 0, a, &out->lede, d))
        || (rc = ndjson_string(json_object_get(o, "body"), "body", NDJSON_MAX_BODY,
                               NDJSON_TEXT, 0, a, &out->body_md, d))
        || (rc = ndjson_string(json_object_get(o, "section"), "section", NDJSON_MAX_SLUG,
                               NDJSON_LINE, 0, a, &out->section, d))
        || (rc = ndjson_strings(json_object_get(o, "sections"), "sections",
                                NDJSON_MAX_SECTIONS, NDJSON_MAX_SLUG, a, &out->sections,
                                &out->nsections, d))
        || (rc = ndjson_strings(json_object_get(o, "tags"), "tags", NDJSON_MAX_TAGS,
                                NDJSON_MAX_TAG, a, &out->tags, &out->ntags, d))
        || (rc = ndjson_string(json_object_get(o, "author"), "author", NDJSON_MAX_NAME,
                               NDJSON_LINE, 0, a, &out->author, d))
        || (rc = ndjson_string(json_object_get(o, "source"), "source", NDJSON_MAX_NAME,
                               NDJSON_LINE, 0, a, &out->source, d))
        || (rc = ndjson_string(json_object_get(o, "slug"), "slug", NDJSON_MAX_NAME,
                               NDJSON_LINE, 0, a, &out->slug, d))
        || (rc = ndjson_time(json_object_get(o, "published_at"), "published_at",
                             &out->published_at, d))
        || (rc = ndjson_comments(json_object_get(o, "comments"), a, out, d))
        || (rc = ndjson_string(json_object_get(o, "guid"), "guid", NDJSON_MAX_GUID,
                               NDJSON_LINE, 0, a, &out->guid, d))
        || (rc = ndjson_string(json_object_get(o, "author_login"), "author_login",
                               NDJSON_MAX_NAME, NDJSON_LINE, 0, a, &out->author_login, d))
        || (rc = ndjson_string(json_object_get(o, "image"), "image", NDJSON_MAX_NAME,
                               NDJSON_LINE, 0, a, &out->image_hash, d))
        || (rc = ndjson_legacy(o, a, &out->legacy_urls, &out->nlegacy_urls, &out->legacy_ids,
                               &out->nlegacy_ids, d)))
        return rc;
    if (out->guid && out->guid[0] == 0)
        out->guid = NULL;
    if (out->section && out->section[0] == 0)
        return ndjson_fail(d, "section: empty");
    if (out->slug && out->slug[0] == 0)
        out->slug = NULL;
    json_t *st = json_object_get(o, "status");
    if (st && !json_is_null(st)) {
        if (!json_is_string(st))
            return ndjson_fail(d, "status: expected a string");
        const char *s = json_string_value(st);
        size_t k = 0;
        while (k < ARTICLE_STATUS__MAX && strcmp(s, article_status_names[k]) != 0)
            k++;
        if (k == ARTICLE_STATUS__MAX)
            return ndjson_fail(d, "status: unknown status");
        out->status = (enum article_status)k;
    }
    /* A draft may be empty (the newsroom saves them so); what is or will
     * be public has a body. */
    int blank = 1;
    for (const char *p = out->body_md; p && *p && blank; p++)
        blank = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
    if (blank && (out->status == ARTICLE_PUBLISHED || out->status == ARTICLE_SCHEDULED))
        return ndjson_fail(d, "body: %s", out->body_md ? "empty" : "required");
    if (!out->body_md)
        out->body_md = "";
    return AK_OK;
}
