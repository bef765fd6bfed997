/*
 * cache.h: the page cache: whole public responses (pages, feeds, sitemaps)
 * kept in memory under a byte budget, each with its identity, gzip and
 * brotli bodies (compressed once, when the entry is made), its validators,
 * and the keys of what it shows.
 *
 * A key names one thing a page shows ("a12": article 12; "s3": the list of
 * section 3; "site": the settings, navigation and ticker on every page; see
 * docs/ARCHITECTURE.md). An entry lists its keys; cache_invalidate(keys)
 * drops exactly the entries that show any of them. The same keys go out as
 * surrogate keys (xkey, Surrogate-Key) for Varnish and CDNs.
 *
 * Serving a hit takes a read lock, finds the entry by its URL and hands the
 * caller the response it prepared when the entry was made (the server's
 * library objects, opaque here): no allocation, no formatting, no database.
 * Entries are evicted least recently used first when the budget is passed.
 * Thread-safe.
 */
#ifndef AK_HTTP_CACHE_H
#define AK_HTTP_CACHE_H

#include <stddef.h>
#include <stdint.h>
#include "base/err.h"

enum cache_enc { CACHE_IDENTITY, CACHE_GZIP, CACHE_BR, CACHE_ENC__MAX };
extern const char *const cache_enc_names[CACHE_ENC__MAX];   /* "identity", "gzip", "br" */

#define CACHE_KEYS_MAX 4096     /* bytes of an entry's keys, spaces included */
#define CACHE_URL_MAX 1024      /* bytes of an entry's URL */

/* A response to keep. Strings are copied. */
struct cache_page {
    const char *url;            /* what finds it: the path and its canonical query */
    const char *content_type;
    const char *cache_control;  /* or NULL */
    const char *etag;           /* a strong validator, quoted */
    int64_t last_modified;      /* unix seconds, or 0 */
    const char *body;
    size_t n;
    const char *keys;           /* what it shows: keys separated by spaces */
    int ttl;                    /* seconds it may be served; 0: until invalidated */
    uint64_t generation;        /* cache_generation() before the page was read
                                   from the database: when an invalidation came
                                   since, the page may show what it dropped, and
                                   it is not kept */
};

/* A kept entry, as cache_serve's callback sees it (read-only). */
struct cache_entry {
    const char *url, *content_type, *cache_control, *etag, *keys;
    int64_t last_modified;
    const char *body[CACHE_ENC__MAX];   /* NULL: that encoding is not kept (not
                                           smaller, or not a text type) */
    size_t n[CACHE_ENC__MAX];
    const char *etags[CACHE_ENC__MAX];  /* each encoding's own validator: the
                                           etag with "-gzip" or "-br" inside
                                           its quotes (RFC 9110 8.8.3) */
    void *prepared[2 * CACHE_ENC__MAX]; /* the server's responses: one per
                                           encoding, then a 304 for each */
};

/* What the server prepares for each entry once, and releases when it goes. */
struct cache_hooks {
    void (*prepare)(struct cache_entry *e);
    void (*release)(struct cache_entry *e);
};

/* Start the cache with budget bytes (bodies and entries counted); 0 turns it
 * off (every call then finds nothing and keeps nothing). hooks may be NULL. */
enum ak_err cache_init(size_t budget, const struct cache_hooks *hooks);
/* Drop every entry and stop. */
void cache_shutdown(void);
/* Whether the cache is on. */
int cache_enabled(void);

/* Keep p (replacing an entry of the same URL). Compresses its body when it
 * is text of at least a few hundred bytes. Returns AK_OK, AK_ETOOBIG (larger
 * than a quarter of the budget: not kept), AK_EINVAL (no URL, URL or keys
 * too long) or AK_ENOMEM. */
enum ak_err cache_put(const struct cache_page *p);

/* Find url's entry and call fn(entry, arg) under the cache's read lock (fn
 * must not call the cache); returns fn's value, or -1 when there is none. */
int cache_serve(const char *url, int (*fn)(const struct cache_entry *e, void *arg), void *arg);

/* A number that moves at every invalidation. */
uint64_t cache_generation(void);

/* Drop every entry showing any of keys (separated by spaces). Returns how
 * many were dropped. */
size_t cache_invalidate(const char *keys);
/* Drop everything. */
void cache_clear(void);

/* The URL a request for target (its path and query, as sent) is kept
 * under, into out[0..n): the path, and of the query only page=N; the
 * trackers that links carry (utm_*, fbclid, gclid) are dropped, as the
 * pages ignore them. Returns 0, or -1 when the query has anything else (the
 * request is not served from or kept in the cache). */
int cache_key(const char *target, char *out, size_t n);

/* The encoding to send for an Accept-Encoding header (NULL: none): br, then
 * gzip, when accepted (q > 0) and kept in e; else identity. */
enum cache_enc cache_pick(const struct cache_entry *e, const char *accept_encoding);

struct cache_stats {
    uint64_t hits, misses, puts, evictions, invalidations;
    size_t entries, bytes, budget;
};
void cache_stats(struct cache_stats *out);

#endif
