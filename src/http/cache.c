/*
 * cache.c: the page cache (see cache.h).
 *
 * A hash table of entries, chained, keyed by SipHash (libsodium's
 * crypto_shorthash) of the URL under a random key, so that nobody can aim
 * URLs at one bucket. One read-write lock: hits take it for reading and
 * stamp the entry's last use with an atomic clock; puts, evictions and
 * invalidations take it for writing. Eviction is least recently used by
 * those stamps: a scan for the oldest, done while over the budget, down to
 * 7/8 of it so that a run of puts does not scan at every one.
 *
 * Bodies are compressed when kept, never when served: gzip (zlib, level 6)
 * and brotli (quality 5: close to its best ratio on HTML at a fraction of
 * the time of 11), each kept only when smaller than the identity body.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <brotli/encode.h>
#include <sodium.h>
#include <zlib.h>
#include "http/cache.h"

#define CACHE_MIN_COMPRESS 256  /* bytes below which nothing is compressed */
#define CACHE_BROTLI_QUALITY 5
#define CACHE_GZIP_LEVEL 6

const char *const cache_enc_names[CACHE_ENC__MAX] = { "identity", "gzip", "br" };

struct cache_item {
    struct cache_entry e;       /* first: the public face */
    struct cache_item *next;    /* in its bucket */
    uint64_t hash;
    _Atomic uint64_t used;      /* the clock at its last hit or put */
    size_t size;                /* bytes counted against the budget */
    int64_t expires;            /* monotonic seconds; 0: never */
    char *mem;                  /* one block: the strings and bodies */
};

static struct {
    pthread_rwlock_t lock;
    struct cache_item **buckets;
    size_t nbuckets;            /* a power of two */
    size_t budget, bytes, entries;
    struct cache_hooks hooks;
    unsigned char key[crypto_shorthash_KEYBYTES];
    _Atomic uint64_t clock, hits, misses, generation;
    uint64_t puts, evictions, invalidations;
    int on;
} cache = { .lock = PTHREAD_RWLOCK_INITIALIZER };

static int64_t cache_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return (int64_t)ts.tv_sec;
}

static uint64_t cache_hash(const char *url)
{
    unsigned char h[crypto_shorthash_BYTES];
    crypto_shorthash(h, (const unsigned char *)url, strlen(url), cache.key);
    uint64_t v;
    memcpy(&v, h, sizeof v);
    return v;
}

enum ak_err cache_init(size_t budget, const struct cache_hooks *hooks)
{
    cache_shutdown();
    if (budget == 0)
        return AK_OK;
    if (sodium_init() < 0)
        return AK_EIO;
    size_t n = 1024;
    while (n < budget / 8192 && n < ((size_t)1 << 20))
        n <<= 1;
    struct cache_item **b = calloc(n, sizeof *b);
    if (!b)
        return AK_ENOMEM;
    pthread_rwlock_wrlock(&cache.lock);
    randombytes_buf(cache.key, sizeof cache.key);
    cache.buckets = b;
    cache.nbuckets = n;
    cache.budget = budget;
    cache.bytes = cache.entries = 0;
    cache.hooks = hooks ? *hooks : (struct cache_hooks){ 0 };
    cache.puts = cache.evictions = cache.invalidations = 0;
    atomic_store(&cache.hits, 0);
    atomic_store(&cache.misses, 0);
    cache.on = 1;
    pthread_rwlock_unlock(&cache.lock);
    return AK_OK;
}

int cache_enabled(void)
{
    return cache.on;
}

/* Unlink and free *pp's item (write lock held). */
static void cache_drop(struct cache_item **pp)
{
    struct cache_item *it = *pp;
    *pp = it->next;
    if (cache.hooks.release)
        cache.hooks.release(&it->e);
    cache.bytes -= it->size;
    cache.entries--;
    free(it->mem);
    free(it);
}

static void cache_drop_all(void)
{
    for (size_t i = 0; i < cache.nbuckets; i++)
        while (cache.buckets[i])
            cache_drop(&cache.buckets[i]);
}

void cache_shutdown(void)
{
    pthread_rwlock_wrlock(&cache.lock);
    if (cache.buckets) {
        cache_drop_all();
        free(cache.buckets);
    }
    cache.buckets = NULL;
    cache.nbuckets = 0;
    cache.on = 0;
    pthread_rwlock_unlock(&cache.lock);
}

void cache_clear(void)
{
    pthread_rwlock_wrlock(&cache.lock);
    atomic_fetch_add(&cache.generation, 1);
    if (cache.buckets)
        cache_drop_all();
    pthread_rwlock_unlock(&cache.lock);
}

/* ---- compression ---- */

static int cache_gzip(const char *in, size_t n, char *out, size_t *outn)
{
    z_stream z = { 0 };
    if (deflateInit2(&z, CACHE_GZIP_LEVEL, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)*outn;
    int rc = deflate(&z, Z_FINISH);
    *outn = z.total_out;
    deflateEnd(&z);
    return rc == Z_STREAM_END ? 0 : -1;
}

static int cache_brotli(const char *in, size_t n, char *out, size_t *outn)
{
    return BrotliEncoderCompress(CACHE_BROTLI_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, n,
                                 (const uint8_t *)in, outn, (uint8_t *)out)
               ? 0
               : -1;
}

static int cache_compressible(const char *type)
{
    return type && (strncmp(type, "text/", 5) == 0 || strstr(type, "xml") ||
                    strstr(type, "json") || strstr(type, "javascript"));
}

/* ---- keeping ---- */

/* Copy s into *p (advanced), returning the copy. */
static const char *cache_copy(char **p, const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = memcpy(*p, s, n);
    *p += n;
    return d;
}

/* Evict the least recently used until bytes + need fits in 7/8 of the
 * budget (write lock held). */
static void cache_evict(size_t need)
{
    size_t target = cache.budget - cache.budget / 8;
    while (cache.entries && cache.bytes + need > target) {
        struct cache_item **oldest = NULL;
        uint64_t best = UINT64_MAX;
        for (size_t i = 0; i < cache.nbuckets; i++)
            for (struct cache_item **pp = &cache.buckets[i]; *pp; pp = &(*pp)->next) {
                uint64_t u = atomic_load_explicit(&(*pp)->used, memory_order_relaxed);
                if (u < best) {
                    best = u;
                    oldest = pp;
                }
            }
        if (!oldest)
            break;
        cache_drop(oldest);
        cache.evictions++;
    }
}

enum ak_err cache_put(const struct cache_page *p)
{
    if (!cache.on)
        return AK_OK;
    if (!p->url || !*p->url || strlen(p->url) >= CACHE_URL_MAX ||
        (p->keys && strlen(p->keys) >= CACHE_KEYS_MAX))
        return AK_EINVAL;
    if (p->n > cache.budget / 4)
        return AK_ETOOBIG;
    const char *ct = p->content_type ? p->content_type : "application/octet-stream";
    const char *cc = p->cache_control ? p->cache_control : "";
    const char *etag = p->etag ? p->etag : "";
    const char *keys = p->keys ? p->keys : "";
    /* compress first, into scratch room for the worst case; then one block
     * of the exact size holds the strings and the bodies kept */
    const char *zb = NULL, *bb = NULL;
    size_t zn = 0, bn = 0;
    char *scratch = NULL;
    if (p->n >= CACHE_MIN_COMPRESS && cache_compressible(ct)) {
        size_t zmax = compressBound(p->n) + 32, bmax = BrotliEncoderMaxCompressedSize(p->n);
        scratch = bmax ? malloc(zmax + bmax) : NULL;
        if (!scratch)
            return AK_ENOMEM;
        zn = zmax;
        if (cache_gzip(p->body, p->n, scratch, &zn) == 0 && zn < p->n)
            zb = scratch;
        bn = bmax;
        if (cache_brotli(p->body, p->n, scratch + zmax, &bn) == 0 && bn < p->n)
            bb = scratch + zmax;
    }
    size_t strs = strlen(p->url) + strlen(ct) + strlen(cc) + 3 * strlen(etag) + strlen(keys) +
                  5 + 2 * 8;
    size_t used = strs + p->n + (zb ? zn : 0) + (bb ? bn : 0);
    char *mem = malloc(used);
    struct cache_item *it = calloc(1, sizeof *it);
    if (!mem || !it) {
        free(scratch);
        free(mem);
        free(it);
        return AK_ENOMEM;
    }
    char *w = mem;
    it->e.url = cache_copy(&w, p->url);
    it->e.content_type = cache_copy(&w, ct);
    const char *cc_copy = cache_copy(&w, cc);
    it->e.cache_control = p->cache_control ? cc_copy : NULL;
    it->e.etag = cache_copy(&w, etag);
    it->e.keys = cache_copy(&w, keys);
    /* each encoding's validator: "X" -> "X-gzip", "X-br" */
    size_t en = strlen(etag);
    it->e.etags[CACHE_IDENTITY] = it->e.etag;
    for (int i = CACHE_GZIP; i < CACHE_ENC__MAX; i++) {
        size_t k = en && etag[en - 1] == '"' ? en - 1 : en;
        it->e.etags[i] = w;
        w += sprintf(w, "%.*s-%s%s", (int)k, etag, cache_enc_names[i], k < en ? "\"" : "") + 1;
    }
    it->e.last_modified = p->last_modified;
    const char *src[CACHE_ENC__MAX] = { p->body, zb, bb };
    size_t len[CACHE_ENC__MAX] = { p->n, zn, bn };
    for (int i = 0; i < CACHE_ENC__MAX; i++)
        if (src[i]) {
            it->e.body[i] = memcpy(w, src[i], len[i]);
            it->e.n[i] = len[i];
            w += len[i];
        }
    free(scratch);
    it->mem = mem;
    it->size = sizeof *it + used;
    it->expires = p->ttl > 0 ? cache_now() + p->ttl : 0;
    it->hash = cache_hash(p->url);
    if (cache.hooks.prepare)
        cache.hooks.prepare(&it->e);

    pthread_rwlock_wrlock(&cache.lock);
    if (!cache.on || atomic_load(&cache.generation) != p->generation) {
        pthread_rwlock_unlock(&cache.lock);
        if (cache.hooks.release)
            cache.hooks.release(&it->e);
        free(it->mem);
        free(it);
        return AK_OK;
    }
    struct cache_item **pp = &cache.buckets[it->hash & (cache.nbuckets - 1)];
    for (struct cache_item **q = pp; *q; q = &(*q)->next)
        if ((*q)->hash == it->hash && strcmp((*q)->e.url, it->e.url) == 0) {
            cache_drop(q);
            break;
        }
    cache_evict(it->size);
    atomic_store(&it->used, atomic_fetch_add(&cache.clock, 1) + 1);
    it->next = *pp;
    *pp = it;
    cache.bytes += it->size;
    cache.entries++;
    cache.puts++;
    pthread_rwlock_unlock(&cache.lock);
    return AK_OK;
}

int cache_serve(const char *url, int (*fn)(const struct cache_entry *e, void *arg), void *arg)
{
    if (!cache.on)
        return -1;
    uint64_t h = cache_hash(url);
    int rc = -1;
    pthread_rwlock_rdlock(&cache.lock);
    if (cache.buckets)
        for (struct cache_item *it = cache.buckets[h & (cache.nbuckets - 1)]; it; it = it->next)
            if (it->hash == h && strcmp(it->e.url, url) == 0 &&
                (!it->expires || cache_now() < it->expires)) {
                atomic_store_explicit(&it->used, atomic_fetch_add(&cache.clock, 1) + 1,
                                      memory_order_relaxed);
                rc = fn(&it->e, arg);
                break;
            }
    pthread_rwlock_unlock(&cache.lock);
    atomic_fetch_add_explicit(rc < 0 ? &cache.misses : &cache.hits, 1, memory_order_relaxed);
    return rc;
}

/* ---- invalidation ---- */

/* Whether the space-separated list has the word k[0..n). */
static int cache_has_key(const char *list, const char *k, size_t n)
{
    for (const char *p = list; *p;) {
        while (*p == ' ')
            p++;
        size_t m = strcspn(p, " ");
        if (m == n && memcmp(p, k, n) == 0)
            return 1;
        p += m;
    }
    return 0;
}

uint64_t cache_generation(void)
{
    return atomic_load(&cache.generation);
}

size_t cache_invalidate(const char *keys)
{
    size_t dropped = 0;
    if (!keys)
        return 0;
    pthread_rwlock_wrlock(&cache.lock);
    atomic_fetch_add(&cache.generation, 1);
    for (size_t i = 0; cache.on && i < cache.nbuckets; i++)
        for (struct cache_item **pp = &cache.buckets[i]; *pp;) {
            int hit = 0;
            for (const char *k = keys; *k && !hit;) {
                while (*k == ' ')
                    k++;
                size_t n = strcspn(k, " ");
                hit = n && cache_has_key((*pp)->e.keys, k, n);
                k += n;
            }
            if (hit) {
                cache_drop(pp);
                dropped++;
            } else {
                pp = &(*pp)->next;
            }
        }
    cache.invalidations += dropped;
    pthread_rwlock_unlock(&cache.lock);
    return dropped;
}

/* ---- keys and negotiation ---- */

int cache_key(const char *target, char *out, size_t n)
{
    const char *q = strchr(target, '?');
    size_t plen = q ? (size_t)(q - target) : strlen(target);
    const char *page = NULL;
    size_t pagelen = 0;
    if (plen == 0 || plen >= n || target[0] != '/')
        return -1;
    for (const char *p = q ? q + 1 : NULL; p && *p;) {
        size_t m = strcspn(p, "&");
        if (m > 5 && strncmp(p, "page=", 5) == 0 && !page && m - 5 <= 6 &&
            strspn(p + 5, "0123456789") >= m - 5) {
            page = p + 5;
            pagelen = m - 5;
        } else if (m && strncmp(p, "utm_", 4) != 0 && strncmp(p, "fbclid=", 7) != 0 &&
                   strncmp(p, "gclid=", 6) != 0) {
            return -1;
        }
        p += m;
        if (*p == '&')
            p++;
    }
    int k = page ? snprintf(out, n, "%.*s?page=%.*s", (int)plen, target, (int)pagelen, page)
                 : snprintf(out, n, "%.*s", (int)plen, target);
    return k > 0 && (size_t)k < n ? 0 : -1;
}

/* The q of coding name in an Accept-Encoding header: -1 when not named (nor
 * by '*'), else its quality in thousandths. */
static int cache_q(const char *h, const char *name)
{
    int star = -1, q_named = -1;
    size_t nl = strlen(name);
    for (const char *p = h; *p;) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        const char *tok = p;
        while (*p && *p != ',' && *p != ';' && *p != ' ' && *p != '\t')
            p++;
        size_t tn = (size_t)(p - tok);
        int q = 1000;
        while (*p && *p != ',') {           /* parameters: only q matters */
            while (*p == ' ' || *p == '\t' || *p == ';')
                p++;
            if ((p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
                p += 2;
                q = 0;
                if (*p == '1') {
                    q = 1000;
                    p++;
                } else if (*p == '0') {
                    p++;
                    if (*p == '.') {
                        p++;
                        for (int d = 100; d >= 1 && *p >= '0' && *p <= '9'; d /= 10, p++)
                            q += (*p - '0') * d;
                    }
                }
            }
            while (*p && *p != ',' && *p != ';')
                p++;
        }
        if (tn == nl && strncasecmp(tok, name, nl) == 0)
            q_named = q;
        else if (tn == 1 && *tok == '*')
            star = q;
    }
    return q_named >= 0 ? q_named : star;
}

enum cache_enc cache_pick(const struct cache_entry *e, const char *accept_encoding)
{
    if (!accept_encoding)
        return CACHE_IDENTITY;
    if (e->body[CACHE_BR] && cache_q(accept_encoding, "br") > 0)
        return CACHE_BR;
    if (e->body[CACHE_GZIP] && cache_q(accept_encoding, "gzip") > 0)
        return CACHE_GZIP;
    return CACHE_IDENTITY;
}

void cache_stats(struct cache_stats *out)
{
    pthread_rwlock_rdlock(&cache.lock);
    out->hits = atomic_load(&cache.hits);
    out->misses = atomic_load(&cache.misses);
    out->puts = cache.puts;
    out->evictions = cache.evictions;
    out->invalidations = cache.invalidations;
    out->entries = cache.entries;
    out->bytes = cache.bytes;
    out->budget = cache.budget;
    pthread_rwlock_unlock(&cache.lock);
}
