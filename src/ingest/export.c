/*
 * export.c: the whole site as NDJSON (`akhbar export --format ndjson`), in
 * the format `akhbar import --format ndjson` reads back (ndjson.c,
 * ndjson_site.c; store/export.h says what each record holds).
 *
 * Why this shape: one record a line, each referring to earlier ones by
 * slug, name, login or hash (never by id), in the order sections, tags,
 * images, authors, pages, articles; so a file imported into an empty
 * database makes the same site, whose export is the same bytes. Empty
 * optional fields are left out, and the writer's field order is fixed.
 * Articles are read and written one at a time (a fresh arena each): the
 * memory an export takes does not grow with the archive.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "ingest/ingest.h"
#include "store/export.h"
#include "store/store.h"

/* obj[name] = s, when s is set and not empty. */
static void export_str(json_t *o, const char *name, const char *s)
{
    if (s && *s)
        json_object_set_new(o, name, json_string(s));
}

/* obj[name] = unix time t as "YYYY-MM-DDTHH:MM:SSZ". */
static void export_time(json_t *o, const char *name, int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    char buf[40];
    if (!gmtime_r(&tt, &tm) || !strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm))
        json_object_set_new(o, name, json_integer(t));
    else
        json_object_set_new(o, name, json_string(buf));
}

/* The legacy URLs and ids, when there are any. */
static void export_legacy(json_t *o, const char *const *urls, size_t nurls,
                          const int64_t *ids, size_t nids)
{
    if (nurls) {
        json_t *l = json_array();
        for (size_t i = 0; i < nurls; i++)
            json_array_append_new(l, json_string(urls[i]));
        json_object_set_new(o, "legacy_url", l);
    }
    if (nids) {
        json_t *l = json_array();
        for (size_t i = 0; i < nids; i++)
            json_array_append_new(l, json_integer(ids[i]));
        json_object_set_new(o, "legacy_id", l);
    }
}

static void export_strings(json_t *o, const char *name, const char *const *v, size_t n)
{
    if (!n)
        return;
    json_t *l = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(l, json_string(v[i]));
    json_object_set_new(o, name, l);
}

static json_t *export_item(const struct site_item *it)
{
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string(site_record_names[it->type]));
    switch (it->type) {
    case SITE_SECTION:
    case SITE_TAG:
        export_str(o, "slug", it->slug);
        export_str(o, "name", it->name);
        if (it->type == SITE_SECTION)
            json_object_set_new(o, "position", json_integer(it->position));
        break;
    case SITE_IMAGE:
        export_str(o, "hash", it->hash);
        json_object_set_new(o, "width", json_integer(it->width));
        json_object_set_new(o, "height", json_integer(it->height));
        export_str(o, "mime", it->mime);
        export_str(o, "alt", it->alt);
        json_object_set_new(o, "bytes", json_integer(it->bytes));
        export_time(o, "created_at", it->created_at);
        break;
    case SITE_AUTHOR:
        export_str(o, "login", it->login);
        export_str(o, "name", it->name);
        export_str(o, "role", it->role);
        json_object_set_new(o, "disabled", json_boolean(it->disabled));
        export_str(o, "slug", it->slug);
        export_str(o, "bio", it->bio);
        export_str(o, "photo", it->photo);
        export_time(o, "created_at", it->created_at);
        break;
    case SITE_PAGE:
        export_str(o, "slug", it->slug);
        export_str(o, "title", it->name);
        export_str(o, "body", it->body_md);
        json_object_set_new(o, "published", json_boolean(it->published));
        json_object_set_new(o, "position", json_integer(it->position));
        break;
    default:
        break;
    }
    export_legacy(o, it->legacy_urls, it->nlegacy_urls, it->legacy_ids, it->nlegacy_ids);
    return o;
}

static json_t *export_article(const struct article_in *in)
{
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string("article"));
    export_str(o, "guid", in->guid);
    export_str(o, "title", in->title);
    export_str(o, "slug", in->slug);
    export_str(o, "status", article_status_names[in->status]);
    if (in->published_at)               /* a draft may have none */
        export_time(o, "published_at", in->published_at);
    export_str(o, "section", in->section);
    export_strings(o, "sections", in->sections, in->nsections);
    export_strings(o, "tags", in->tags, in->ntags);
    export_str(o, "author", in->author);
    export_str(o, "author_login", in->author_login);
    export_str(o, "source", in->source);
    export_str(o, "image", in->image_hash);
    if (in->breaking)
        json_object_set_new(o, "breaking", json_true());
    export_str(o, "lede", in->lede);
    json_object_set_new(o, "body", json_string(in->body_md ? in->body_md : ""));
    export_legacy(o, in->legacy_urls, in->nlegacy_urls, in->legacy_ids, in->nlegacy_ids);
    if (in->ncomments) {
        json_t *l = json_array();
        for (size_t i = 0; i < in->ncomments; i++) {
            const struct comment_in *c = &in->comments[i];
            json_t *e = json_object();
            json_object_set_new(e, "author", json_string(c->author));
            json_object_set_new(e, "body", json_string(c->body));
            export_time(e, "created_at", c->created_at);
            export_str(e, "status", c->status);
            if (c->reply_to)
                json_object_set_new(e, "reply_to", json_integer((json_int_t)c->reply_to));
            json_array_append_new(l, e);
        }
        json_object_set_new(o, "comments", l);
    }
    return o;
}

/* Write o as one line and free it. Returns AK_OK or AK_EIO/AK_ENOMEM. */
static enum ak_err export_line(FILE *out, json_t *o)
{
    if (!o)
        return AK_ENOMEM;
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!s)
        return AK_ENOMEM;
    int bad = fputs(s, out) == EOF || fputc('\n', out) == EOF;
    free(s);
    return bad ? AK_EIO : AK_OK;
}

enum ak_err ingest_export(struct store *st, FILE *out, size_t counts[SITE_RECORD__MAX])
{
    memset(counts, 0, SITE_RECORD__MAX * sizeof *counts);
    enum ak_err rc = store_begin_read(st);      /* one snapshot for the whole file */
    if (rc)
        return rc;
    struct arena a;
    arena_init(&a, 0);
    for (int t = 0; rc == AK_OK && t < SITE_ARTICLE; t++) {
        struct site_item *items;
        size_t n = 0;
        arena_reset(&a);
        rc = store_export_items(st, &a, (enum site_record)t, &items, &n);
        for (size_t i = 0; rc == AK_OK && i < n; i++)
            if ((rc = export_line(out, export_item(&items[i]))) == AK_OK)
                counts[t]++;
    }
    int64_t id = 0;
    while (rc == AK_OK) {
        struct article_in in;
        arena_reset(&a);
        rc = store_export_article_next(st, &a, id, &id, &in);
        if (rc == AK_ENOTFOUND) {
            rc = AK_OK;
            break;
        }
        if (rc == AK_OK && (rc = export_line(out, export_article(&in))) == AK_OK)
            counts[SITE_ARTICLE]++;
    }
    arena_reset(&a);
    store_rollback(st);
    if (rc == AK_OK && fflush(out) != 0)
        rc = AK_EIO;
    return rc;
}
