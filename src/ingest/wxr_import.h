/*
 * wxr_import.h: a WordPress export into the store (wxr.c, wxr_terms.c).
 * Private to src/ingest/wxr*.c; the entry point is ingest.h's ingest_wxr.
 */
#ifndef AK_INGEST_WXR_IMPORT_H
#define AK_INGEST_WXR_IMPORT_H

#include <stdio.h>
#include "ingest/ingest.h"
#include "ingest/wxr.h"
#include "store/wp.h"

/* A string key to an id (and a string), in one import's memory. */
struct wxr_map_ent {
    char *key;
    char *val;
    int64_t id;
};
struct wxr_map {
    struct wxr_map_ent *e;
    size_t cap, n;
};
/* Set key (copied) to id and val (copied; may be NULL). Returns AK_OK or AK_ENOMEM. */
enum ak_err wxr_map_put(struct wxr_map *m, const char *key, int64_t id, const char *val);
const struct wxr_map_ent *wxr_map_get(const struct wxr_map *m, const char *key);
void wxr_map_free(struct wxr_map *m);

/* One import in progress. */
struct wxi {
    struct store *st;
    const char *name;           /* the file, for messages */
    FILE *err;
    const struct ingest_wxr_opts *opts;
    struct wxr_report *rep;
    struct arena a;             /* per record */
    struct wxr_map authors;     /* login -> user id, display name */
    struct wxr_map cats;        /* nicename as exported -> section id, slug */
    struct wxr_map tags;        /* slug as exported -> tag id */
    struct wxr_map parents;     /* nicename -> its parent's nicename (val) */
    struct wxr_map media;       /* attachment's post id (decimal) -> media id */
    struct wxr_map thumbs;      /* article id (decimal) -> attachment's post id */
    size_t in_tx;               /* records in the open transaction */
    struct store_bulk bulk;     /* search indexing deferred to each commit */
    int fatal;                  /* strict and a record failed: stop */
};

/* "PATH:LINE: " and the message on the error stream. */
void wxi_report(struct wxi *w, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Count one record of kind k with outcome o. */
void wxi_count(struct wxi *w, enum wxr_kind k, enum wxr_outcome o);
/* A record failed: counted, reported; with strict the import stops. */
enum ak_err wxi_fail(struct wxi *w, enum wxr_kind k, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* WordPress's slug, decoded from its percent-encoded lowercase form, or
 * made from name when it is empty: an arena string. */
const char *wxi_slug(struct wxi *w, const char *slug, const char *name);

/* The sink's callbacks for authors and terms (wxr_terms.c). */
enum ak_err wxi_author(void *ctx, const struct wxr_channel *ch, const struct wxr_author *a);
enum ak_err wxi_term(void *ctx, const struct wxr_channel *ch, const struct wxr_term *t);
/* The section of an item's category nicename/name, made when the export
 * did not declare it: *id. */
enum ak_err wxi_section_of(struct wxi *w, const char *nicename, const char *name, int64_t *id,
                           const char **slug);
/* After the last record: parents of sections and their hierarchical old URLs. */
void wxi_terms_finish(struct wxi *w);

#endif
