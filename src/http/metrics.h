/*
 * metrics.h: what the server counts for Prometheus (metrics.c), and who may
 * read it.
 *
 * Every request answered is counted by route class (a small fixed set made
 * from the path's first segment: never the path itself, so the number of
 * series stays bounded whatever clients ask for) and status, with its
 * latency in a histogram and its database time. Each worker thread counts
 * into a slot of its own (single writer, relaxed atomic loads and stores:
 * no lock, no shared cache line on the request path); a scrape sums the
 * slots. The application adds its own gauges with metrics_gauge.
 *
 * The text is Prometheus's exposition format 0.0.4.
 */
#ifndef AK_HTTP_METRICS_H
#define AK_HTTP_METRICS_H

#include <stdint.h>
#include "base/buf.h"
#include "http/http.h"

#define METRICS_CONTENT_TYPE "text/plain; version=0.0.4; charset=utf-8"
#define METRICS_MAX_ALLOW 16    /* --metrics-allow networks */

enum metrics_class {
    METRICS_HOME,               /* / */
    METRICS_ARTICLE,            /* /article/ID/SLUG, /article/ID */
    METRICS_COMMENT,            /* /article/ID/comment, its token */
    METRICS_LIST,               /* /latest, /section/, /tag/, /author/ */
    METRICS_PAGE,               /* /page/ */
    METRICS_SEARCH,             /* /search */
    METRICS_FEED,               /* /feed..., /section/S/feed..., /tag/T/feed... */
    METRICS_SITEMAP,            /* /sitemap*.xml, /robots.txt */
    METRICS_MEDIA,              /* /media/ */
    METRICS_STATIC,             /* /static/ */
    METRICS_ADMIN,              /* /admin... */
    METRICS_OPS,                /* /healthz, /metrics */
    METRICS_OTHER,              /* anything else */
    METRICS_CLASS__MAX
};
extern const char *const metrics_class_names[METRICS_CLASS__MAX];

/* The class of a decoded request path. */
enum metrics_class metrics_class_of(const char *path);

/* Count r, answered now: its class, status (r->resp.status), latency since
 * r->started_ns (clock_mono_ns) and database time r->db_ns. */
void metrics_request(const struct req *r);
/* Count one lookup of a cache: a hit or a miss. No cache exists yet; the
 * first call makes akhbar_cache_requests_total appear. */
void metrics_cache(int hit);

/* Append the server's metrics to b. */
void metrics_render(struct buf *b);
/* Append one gauge with its HELP and TYPE lines (name and help literal). */
void metrics_gauge(struct buf *b, const char *name, const char *help, double v);

/* ---- who may read them: serve --metrics-allow ADDR[/BITS] ---- */
struct metrics_net {
    int family;                 /* AF_INET or AF_INET6 */
    unsigned char addr[16];
    int bits;
};
/* Parse "192.0.2.7", "10.0.0.0/8", "2001:db8::/32" into *out; 0 when s is
 * not a numeric address with an optional prefix length. */
int metrics_net_parse(const char *s, struct metrics_net *out);
/* Allow the networks s[0..n) (at most METRICS_MAX_ALLOW, each checked by
 * metrics_net_parse), replacing those allowed before; none allows nobody.
 * Call before the server starts. AK_EINVAL for a bad one (nothing allowed). */
enum ak_err metrics_allow(const char *const *s, size_t n);
/* Non-zero when the client address (text, as req->client) is in an allowed
 * network. */
int metrics_allowed(const char *client);

#endif
