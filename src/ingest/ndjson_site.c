/*
 * ndjson_site.c: the records of an export that are not articles (see
 * store/export.h), as `akhbar export` writes them; each has "type":
 *   section  slug, name (required), position (integer), legacy_url
 *   tag      slug, name (required), legacy_url
 *   image    hash (32 hex digits), width, height, mime, alt, bytes,
 *            created_at: the media row (the files are the media folder's)
 *   author   login, role (required: user_role_names), name, disabled
 *            (boolean), slug (the public profile's), bio, photo (an image's
 *            hash), created_at; never a password
 *   page     slug, title (required), body (Markdown), published (boolean),
 *            position, legacy_url, legacy_id
 * Unknown fields are ignored, as for articles. Also here: reading a record
 * of any type (ingest_ndjson_record), which hands articles to ndjson.c.
 */
#include <string.h>
#include "ingest/ndjson_int.h"

enum {
    SITE_MAX_BIO = 8192,
    SITE_MAX_PAGE = 1 << 20,
};

/* An integer field at least min; def when absent or null. */
static enum ak_err site_int(json_t *o, const char *name, int64_t min, int64_t def, int64_t *out,
                            struct ingest_diag *d)
{
    json_t *v = json_object_get(o, name);
    *out = def;
    if (!v || json_is_null(v))
        return AK_OK;
    if (!json_is_integer(v) || json_integer_value(v) < min)
        return ndjson_fail(d, "%s: expected an integer of at least %lld", name, (long long)min);
    *out = (int64_t)json_integer_value(v);
    return AK_OK;
}

/* A boolean field; false when absent or null. */
static enum ak_err site_bool(json_t *o, const char *name, int *out, struct ingest_diag *d)
{
    json_t *v = json_object_get(o, name);
    *out = 0;
    if (!v || json_is_null(v))
        return AK_OK;
    if (!json_is_boolean(v))
        return ndjson_fail(d, "%s: expected true or false", name);
    *out = json_is_true(v);
    return AK_OK;
}

/* A one-line string field of at most max bytes. */
static enum ak_err site_line(json_t *o, const char *name, size_t max, int required,
                             struct arena *a, const char **out, struct ingest_diag *d)
{
    return ndjson_string(json_object_get(o, name), name, max, NDJSON_LINE, required, a, out, d);
}

static enum ak_err ndjson_item(json_t *o, enum site_record type, struct arena *a,
                               struct site_item *out, struct ingest_diag *d)
{
    enum ak_err rc = AK_OK;
    out->type = type;
    switch (type) {
    case SITE_SECTION:
    case SITE_TAG:
        if ((rc = site_line(o, "slug", NDJSON_MAX_SLUG, 1, a, &out->slug, d)) ||
            (rc = site_line(o, "name", NDJSON_MAX_NAME, 1, a, &out->name, d)) ||
            (rc = site_int(o, "position", 0, 0, &out->position, d)))
            return rc;
        break;
    case SITE_PAGE:
        if ((rc = site_line(o, "slug", NDJSON_MAX_NAME, 1, a, &out->slug, d)) ||
            (rc = site_line(o, "title", NDJSON_MAX_TITLE, 1, a, &out->name, d)) ||
            (rc = ndjson_string(json_object_get(o, "body"), "body", SITE_MAX_PAGE, NDJSON_TEXT,
                                0, a, &out->body_md, d)) ||
            (rc = site_bool(o, "published", &out->published, d)) ||
            (rc = site_int(o, "position", 0, 0, &out->position, d)))
            return rc;
        break;
    case SITE_IMAGE:
        if ((rc = site_line(o, "hash", 32, 1, a, &out->hash, d)) ||
            (rc = site_int(o, "width", 1, 0, &out->width, d)) ||
            (rc = site_int(o, "height", 1, 0, &out->height, d)) ||
            (rc = site_line(o, "mime", NDJSON_MAX_NAME, 1, a, &out->mime, d)) ||
            (rc = site_line(o, "alt", NDJSON_MAX_LEDE, 1, a, &out->alt, d)) ||
            (rc = site_int(o, "bytes", 0, 0, &out->bytes, d)) ||
            (rc = ndjson_time(json_object_get(o, "created_at"), "created_at", &out->created_at,
                              d)))
            return rc;
        if (!out->width || !out->height)
            return ndjson_fail(d, "%s: required", out->width ? "height" : "width");
        return AK_OK;
    case SITE_AUTHOR:
        if ((rc = site_line(o, "login", NDJSON_MAX_NAME, 1, a, &out->login, d)) ||
            (rc = site_line(o, "role", NDJSON_MAX_NAME, 1, a, &out->role, d)) ||
            (rc = site_line(o, "name", NDJSON_MAX_NAME, 0, a, &out->name, d)) ||
            (rc = site_bool(o, "disabled", &out->disabled, d)) ||
            (rc = site_line(o, "slug", NDJSON_MAX_NAME, 0, a, &out->slug, d)) ||
            (rc = ndjson_string(json_object_get(o, "bio"), "bio", SITE_MAX_BIO, NDJSON_TEXT, 0,
                                a, &out->bio, d)) ||
            (rc = site_line(o, "photo", 32, 0, a, &out->photo, d)) ||
            (rc = ndjson_time(json_object_get(o, "created_at"), "created_at", &out->created_at,
                              d)))
            return rc;
        return AK_OK;
    default:
        return ndjson_fail(d, "type: not a site record");
    }
    return ndjson_legacy(o, a, &out->legacy_urls, &out->nlegacy_urls, &out->legacy_ids,
                         &out->nlegacy_ids, d);
}

/* The record's type: its "type" field, "article" when absent. */
static enum ak_err ndjson_type(json_t *o, enum site_record *type, struct ingest_diag *d)
{
    json_t *t = json_object_get(o, "type");
    *type = SITE_ARTICLE;
    if (!t || json_is_null(t))
        return AK_OK;
    for (int k = 0; json_is_string(t) && k < SITE_RECORD__MAX; k++)
        if (strcmp(json_string_value(t), site_record_names[k]) == 0) {
            *type = (enum site_record)k;
            return AK_OK;
        }
    return ndjson_fail(d, "type: expected one of section, tag, image, author, page, article");
}

enum ak_err ingest_ndjson_record(const char *line, size_t n, struct arena *a,
                                 struct ingest_record *out, struct ingest_diag *d)
{
    memset(out, 0, sizeof *out);
    out->type = SITE_ARTICLE;
    out->article.status = ARTICLE_PUBLISHED;
    if (d) {
        d->line = 0;
        d->msg[0] = 0;
    }
    json_error_t je;
    json_t *o = json_loadb(line, n, JSON_REJECT_DUPLICATES, &je);
    if (!o) {
        char why[sizeof je.text + 8];
        ndjson_clean_msg(je.text, why, sizeof why);
        return ndjson_fail(d, "json: %s (column %d)", why, je.column);
    }
    enum ak_err rc = !json_is_object(o) ? ndjson_fail(d, "record: expected a JSON object")
                                        : ndjson_type(o, &out->type, d);
    if (rc == AK_OK)
        rc = out->type == SITE_ARTICLE ? ndjson_fields(o, a, &out->article, d)
                                       : ndjson_item(o, out->type, a, &out->item, d);
    json_decref(o);
    if (rc) {
        /* Leave no half-filled record behind. */
        memset(out, 0, sizeof *out);
        out->article.status = ARTICLE_PUBLISHED;
    }
    return rc;
}

enum ak_err ingest_ndjson_parse(const char *line, size_t n, struct arena *a,
                                struct article_in *out, struct ingest_diag *d)
{
    struct ingest_record r;
    enum ak_err rc = ingest_ndjson_record(line, n, a, &r, d);
    if (rc == AK_OK && r.type != SITE_ARTICLE)
        rc = ndjson_fail(d, "type: expected an article");
    if (rc) {
        memset(out, 0, sizeof *out);
        out->status = ARTICLE_PUBLISHED;
        return rc;
    }
    *out = r.article;
    return AK_OK;
}
