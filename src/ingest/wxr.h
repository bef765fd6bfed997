/*
 * wxr.h: WordPress eXtended RSS (WXR), the export of a WordPress site.
 *
 * wxr_read.c streams an export with libxml2's xmlTextReader (constant
 * memory: one record at a time, whatever the file's size) and hands each
 * record to a sink: authors, terms (categories, tags, other taxonomies) and
 * items (posts, pages, attachments, menus...), each with its line in the file.
 * It reads WXR 1.0, 1.1 and 1.2 and the wp namespace over http or https;
 * elements of any other namespace (a redefined "wp" prefix included) are
 * not WordPress's and are ignored. Hostile files are handled as XML from
 * outside must be: no network, no DTD (a file with one is refused), no
 * entity is ever expanded.
 *
 * wxr.c imports what the reader gives into the store (see ingest.h's
 * ingest_wxr).
 */
#ifndef AK_INGEST_WXR_H
#define AK_INGEST_WXR_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"

struct wxr_author {
    size_t line;
    int64_t id;
    const char *login, *email, *display_name, *first_name, *last_name;
};

enum wxr_term_kind { WXR_CATEGORY, WXR_TAG, WXR_TERM, WXR_TERM_KIND__MAX };

struct wxr_term {
    size_t line;
    enum wxr_term_kind kind;
    int64_t id;
    const char *slug;           /* the nicename, as exported (percent-encoded) */
    const char *name;
    const char *parent;         /* the parent's slug; "" for none */
    const char *taxonomy;       /* "category", "post_tag", "nav_menu"... */
    const char *description;
};

/* <category domain="..." nicename="...">name</category> of an item. */
struct wxr_cat {
    const char *domain, *nicename, *name;
};

struct wxr_meta {
    const char *key, *value;
};

struct wxr_comment {
    int64_t id, parent;         /* parent: 0 for none */
    const char *author, *author_email, *author_url;
    const char *date, *date_gmt;
    const char *content;
    const char *approved;       /* "1", "0", "spam", "trash" */
    const char *type;           /* "", "comment", "pingback", "trackback" */
};

struct wxr_item {
    size_t line;
    const char *title, *link, *guid, *pub_date, *creator;
    const char *content, *excerpt;
    int64_t post_id, post_parent, menu_order;
    const char *post_date, *post_date_gmt, *post_name, *status, *post_type;
    const char *attachment_url;
    struct wxr_cat *cats;
    size_t ncats;
    struct wxr_meta *meta;
    size_t nmeta;
    struct wxr_comment *comments;
    size_t ncomments;
};

/* The channel's own fields, as far as read. */
struct wxr_channel {
    char version[16];           /* wp:wxr_version, "" until seen */
    char base_site_url[512];
    char base_blog_url[512];
};

/* Where a record goes. A callback's error other than AK_OK stops the read
 * and is returned by wxr_read. Records and their strings live in the
 * reader's record arena, cleared after each callback. */
struct wxr_sink {
    void *ctx;
    enum ak_err (*author)(void *ctx, const struct wxr_channel *ch, const struct wxr_author *a);
    enum ak_err (*term)(void *ctx, const struct wxr_channel *ch, const struct wxr_term *t);
    enum ak_err (*item)(void *ctx, const struct wxr_channel *ch, const struct wxr_item *it);
};

/* What stopped a read: the line and an English message. */
struct wxr_error {
    size_t line;
    char msg[256];
};

/* Read the export at path ("-": standard input), or in memory when data is
 * not NULL (then path only names it), handing every record to sink. The
 * version must come before the first record (WordPress's exports have it
 * at the top) and match WordPress's own check, digits.digits: a file without
 * one, or with another, is refused as WordPress refuses it. Returns AK_OK;
 * AK_EINVAL when the file is not a WXR export or not well-formed XML (e says
 * where and why; records already handed over stay handed over: the caller
 * rolls back); AK_EIO when it cannot be read; or the sink's error. */
enum ak_err wxr_read(const char *path, const char *data, size_t n,
                     const struct wxr_sink *sink, struct wxr_error *e);

/* Non-zero when a version string is one WordPress accepts (^\d+\.\d+$). */
int wxr_version_ok(const char *v);

#endif
