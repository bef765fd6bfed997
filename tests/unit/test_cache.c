/*
 * test_cache.c: the page cache (http/cache.c): keeping and finding, the
 * three encodings (decoded back with zlib and brotli, byte for byte),
 * Accept-Encoding negotiation, invalidation by key, LRU eviction under the
 * budget, the server's prepare/release hooks, and threads hitting while
 * others put and invalidate.
 */
#include <pthread.h>
#include <stdlib.h>
#include <brotli/decode.h>
#include <zlib.h>
#include "http/cache.h"
#include "t.h"

static int prepared, released;
static void hook_prepare(struct cache_entry *e)
{
    e->prepared[0] = e;         /* anything the server would keep */
    prepared++;
}
static void hook_release(struct cache_entry *e)
{
    if (e->prepared[0] == e)
        released++;
}
static const struct cache_hooks hooks = { hook_prepare, hook_release };

/* A page of n bytes of HTML that compresses like one. */
static char *page(size_t n, int seed)
{
    char *s = malloc(n + 1);
    static const char *words[] = { "<p>", "الخبر ", "عاجل ", "</p>\n", "السياسة ", "2026 " };
    size_t k = 0;
    for (unsigned i = (unsigned)seed; k < n; i = i * 1103515245u + 12345u) {
        const char *w = words[(i >> 16) % 6];
        size_t m = strlen(w);
        if (k + m > n)
            m = n - k;
        memcpy(s + k, w, m);
        k += m;
    }
    s[n] = '\0';
    return s;
}

struct got {
    char body[200000];
    size_t n;
    enum cache_enc enc;
    const char *accept;
    char etag[64], keys[256];
    void *prepared;
};

static int grab(const struct cache_entry *e, void *arg)
{
    struct got *g = arg;
    g->enc = cache_pick(e, g->accept);
    g->n = e->n[g->enc];
    memcpy(g->body, e->body[g->enc], g->n);
    snprintf(g->etag, sizeof g->etag, "%s", e->etag);
    snprintf(g->keys, sizeof g->keys, "%s", e->keys);
    g->prepared = e->prepared[0];
    return 1;
}

static int put(const char *url, const char *body, size_t n, const char *keys)
{
    struct cache_page p = { .url = url, .content_type = "text/html; charset=utf-8",
                            .cache_control = "public, max-age=60", .etag = "\"abc\"",
                            .last_modified = 1700000000, .body = body, .n = n, .keys = keys,
                            .generation = cache_generation() };
    return cache_put(&p);
}

static void test_encodings(void)
{
    struct got g = { 0 };
    char *html = page(20000, 1);
    CHECK(cache_init(8 << 20, &hooks) == AK_OK);
    CHECK(put("/article/1", html, 20000, "a1 site") == AK_OK);
    CHECK(prepared == 1);
    g.accept = NULL;
    CHECK(cache_serve("/article/1", grab, &g) == 1);
    CHECK(g.enc == CACHE_IDENTITY && g.n == 20000 && memcmp(g.body, html, 20000) == 0);
    CHECK_STR(g.etag, "\"abc\"");
    CHECK_STR(g.keys, "a1 site");
    CHECK(g.prepared != NULL);
    /* gzip decodes back to the page */
    g.accept = "gzip, deflate";
    CHECK(cache_serve("/article/1", grab, &g) == 1);
    CHECK(g.enc == CACHE_GZIP && g.n < 20000 / 3);
    char out[40000];
    z_stream z = { 0 };
    CHECK(inflateInit2(&z, 15 + 16) == Z_OK);
    z.next_in = (Bytef *)g.body;
    z.avail_in = (uInt)g.n;
    z.next_out = (Bytef *)out;
    z.avail_out = sizeof out;
    CHECK(inflate(&z, Z_FINISH) == Z_STREAM_END);
    CHECK(z.total_out == 20000 && memcmp(out, html, 20000) == 0);
    inflateEnd(&z);
    /* brotli preferred when accepted; decodes back */
    g.accept = "gzip, deflate, br";
    CHECK(cache_serve("/article/1", grab, &g) == 1);
    CHECK(g.enc == CACHE_BR && g.n < 20000 / 3);
    size_t on = sizeof out;
    CHECK(BrotliDecoderDecompress(g.n, (const uint8_t *)g.body, &on, (uint8_t *)out) ==
          BROTLI_DECODER_RESULT_SUCCESS);
    CHECK(on == 20000 && memcmp(out, html, 20000) == 0);
    /* q-values: refused codings are not sent */
    struct { const char *accept; enum cache_enc want; } cases[] = {
        { "br;q=0, gzip", CACHE_GZIP },
        { "br;q=0.0, gzip;q=0.000", CACHE_IDENTITY },
        { "gzip;q=0.5", CACHE_GZIP },
        { "BR", CACHE_BR },
        { "*", CACHE_BR },
        { "*;q=0", CACHE_IDENTITY },
        { "identity", CACHE_IDENTITY },
        { "", CACHE_IDENTITY },
        { "x-gzip, brotli", CACHE_IDENTITY },
        { "gzip ; q=1 , br ; q=0", CACHE_GZIP },
        { "deflate, gzip;q=0.001", CACHE_GZIP },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        g.accept = cases[i].accept;
        CHECK(cache_serve("/article/1", grab, &g) == 1);
        if (g.enc != cases[i].want)
            fprintf(stderr, "Accept-Encoding '%s': got %s\n", cases[i].accept,
                    cache_enc_names[g.enc]);
        CHECK(g.enc == cases[i].want);
    }
    /* small or binary bodies are kept as they are */
    CHECK(put("/tiny", "<p>hi</p>", 9, "site") == AK_OK);
    g.accept = "br, gzip";
    CHECK(cache_serve("/tiny", grab, &g) == 1 && g.enc == CACHE_IDENTITY && g.n == 9);
    struct cache_page img = { .url = "/logo", .content_type = "image/png", .body = html,
                              .n = 20000, .keys = "", .generation = cache_generation() };
    CHECK(cache_put(&img) == AK_OK);
    CHECK(cache_serve("/logo", grab, &g) == 1 && g.enc == CACHE_IDENTITY);
    CHECK(cache_serve("/nothing", grab, &g) == -1);
    /* replacing an entry releases the old one */
    int before = released;
    CHECK(put("/tiny", "<p>ho</p>", 9, "site") == AK_OK);
    CHECK(released == before + 1);
    CHECK(cache_serve("/tiny", grab, &g) == 1 && memcmp(g.body, "<p>ho</p>", 9) == 0);
    /* bad entries */
    CHECK(put("", "x", 1, "") == AK_EINVAL);
    char longurl[CACHE_URL_MAX + 10];
    memset(longurl, 'a', sizeof longurl - 1);
    longurl[sizeof longurl - 1] = '\0';
    CHECK(put(longurl, "x", 1, "") == AK_EINVAL);
    free(html);
    cache_shutdown();
    CHECK(released == prepared);            /* everything given back */
}

static void test_invalidate(void)
{
    struct got g = { 0 };
    CHECK(cache_init(8 << 20, NULL) == AK_OK);
    CHECK(put("/", "home", 4, "site l a1 a2 a3") == AK_OK);
    CHECK(put("/article/1", "one", 3, "site a1 c1 a2") == AK_OK);
    CHECK(put("/article/2", "two", 3, "site a2 c2") == AK_OK);
    CHECK(put("/section/world", "world", 5, "site s3 a1 a3") == AK_OK);
    CHECK(put("/article/12", "twelve", 6, "site a12 c12") == AK_OK);
    /* exactly the pages that show the key: a1 is not a12 nor a prefix match */
    CHECK(cache_invalidate("a1") == 3);
    CHECK(cache_serve("/", grab, &g) == -1);
    CHECK(cache_serve("/article/1", grab, &g) == -1);
    CHECK(cache_serve("/section/world", grab, &g) == -1);
    CHECK(cache_serve("/article/2", grab, &g) == 1);
    CHECK(cache_serve("/article/12", grab, &g) == 1);
    CHECK(cache_invalidate("c2 zzz") == 1);
    CHECK(cache_serve("/article/2", grab, &g) == -1);
    CHECK(cache_invalidate("") == 0 && cache_invalidate("  ") == 0);
    CHECK(cache_invalidate("site") == 1);
    /* a page read before an invalidation is not kept after it */
    struct cache_page late = { .url = "/late", .body = "x", .n = 1, .keys = "a5",
                               .generation = cache_generation() };
    cache_invalidate("a9");
    CHECK(cache_put(&late) == AK_OK);
    CHECK(cache_serve("/late", grab, &g) == -1);
    late.generation = cache_generation();
    CHECK(cache_put(&late) == AK_OK);
    CHECK(cache_serve("/late", grab, &g) == 1);
    CHECK(cache_invalidate("a5") == 1);
    struct cache_stats st;
    cache_stats(&st);
    CHECK(st.entries == 0 && st.bytes == 0 && st.invalidations == 6);
    cache_shutdown();
    /* off: nothing kept, nothing found */
    CHECK(!cache_enabled());
    CHECK(put("/", "home", 4, "site") == AK_OK);
    CHECK(cache_serve("/", grab, &g) == -1);
}

static void test_evict(void)
{
    struct got g = { 0 };
    char *body = malloc(50000);
    memset(body, 'x', 50000);
    struct cache_page p = { .content_type = "image/png", .body = body, .n = 50000,
                            .generation = cache_generation() };
    CHECK(cache_init(1 << 20, NULL) == AK_OK);      /* room for about 20 */
    char url[32];
    for (int i = 0; i < 40; i++) {
        snprintf(url, sizeof url, "/p/%d", i);
        p.url = url;
        CHECK(cache_put(&p) == AK_OK);
        if (i >= 10) {                  /* keep /p/0 in use */
            g.accept = NULL;
            CHECK(cache_serve("/p/0", grab, &g) == 1);
        }
    }
    struct cache_stats st;
    cache_stats(&st);
    CHECK(st.bytes <= st.budget && st.entries >= 10 && st.entries < 21);
    CHECK(st.evictions == 40 - st.entries);
    CHECK(cache_serve("/p/0", grab, &g) == 1);     /* recently used: kept */
    CHECK(cache_serve("/p/1", grab, &g) == -1);    /* least recently used: gone */
    CHECK(cache_serve("/p/39", grab, &g) == 1);
    p.n = (1 << 20) / 4 + 1;                        /* over a quarter of the budget */
    p.url = "/big";
    char *big = calloc(1, p.n);
    p.body = big;
    CHECK(cache_put(&p) == AK_ETOOBIG);
    free(big);
    free(body);
    cache_shutdown();
}

/* ---- threads ---- */

static int stop;
static void *reader(void *arg)
{
    struct got *g = malloc(sizeof *g);
    long found = 0;
    g->accept = "gzip";
    (void)arg;
    while (!__atomic_load_n(&stop, __ATOMIC_RELAXED)) {
        char url[32];
        for (int i = 0; i < 50; i++) {
            snprintf(url, sizeof url, "/t/%d", i);
            if (cache_serve(url, grab, g) == 1) {
                found++;
                /* what is found is whole: "<p>N" repeated */
                if (g->enc == CACHE_IDENTITY && strncmp(g->body, "<p>", 3) != 0)
                    found = -1000000000;
            }
        }
    }
    free(g);
    return (void *)found;
}

static void test_threads(void)
{
    CHECK(cache_init(4 << 20, &hooks) == AK_OK);
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, reader, NULL);
    char url[32], keys[32];
    char *body = page(4000, 7);
    memcpy(body, "<p>", 3);
    for (int round = 0; round < 200; round++)
        for (int i = 0; i < 50; i++) {
            snprintf(url, sizeof url, "/t/%d", i);
            snprintf(keys, sizeof keys, "site a%d", i);
            CHECK(put(url, body, 4000, keys) == AK_OK);
            if (i % 7 == 0) {
                snprintf(keys, sizeof keys, "a%d", (i * 3) % 50);
                cache_invalidate(keys);
            }
        }
    __atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
    long total = 0;
    for (int i = 0; i < 3; i++) {
        void *r;
        pthread_join(t[i], &r);
        CHECK((long)r >= 0);
        total += (long)r;
    }
    CHECK(total > 0);
    free(body);
    cache_shutdown();
    CHECK(released == prepared);
}

static void test_keys(void)
{
    char k[64];
    struct { const char *target, *want; } ok[] = {
        { "/", "/" },
        { "/article/12/x", "/article/12/x" },
        { "/section/world?page=2", "/section/world?page=2" },
        { "/article/12/x?utm_source=tw&utm_medium=social", "/article/12/x" },
        { "/article/12/x?fbclid=AbC&page=3&gclid=z", "/article/12/x?page=3" },
        { "/?", "/" },
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        CHECK(cache_key(ok[i].target, k, sizeof k) == 0);
        CHECK_STR(k, ok[i].want);
    }
    const char *bypass[] = { "/search?q=x", "/?page=2&page=3", "/?page=x", "/?page=",
                             "/?page=1234567", "/?reply=3", "", "article", "/?utm",
                             "/a/very/long/path/that/does/not/fit/in/the/sixty-four/bytes/given/here" };
    for (size_t i = 0; i < sizeof bypass / sizeof bypass[0]; i++) {
        if (cache_key(bypass[i], k, sizeof k) == 0)
            fprintf(stderr, "kept: %s\n", bypass[i]);
        CHECK(cache_key(bypass[i], k, sizeof k) == -1);
    }
    /* each encoding has its own validator */
    struct got g = { 0 };
    char *html = page(5000, 3);
    CHECK(cache_init(1 << 20, NULL) == AK_OK);
    CHECK(put("/e", html, 5000, "site") == AK_OK);
    const char *et[CACHE_ENC__MAX] = { 0 };
    int etag_of(const struct cache_entry *e, void *arg);
    CHECK(cache_serve("/e", etag_of, et) == 1);
    CHECK_STR(et[0], "\"abc\"");
    CHECK_STR(et[1], "\"abc-gzip\"");
    CHECK_STR(et[2], "\"abc-br\"");
    (void)g;
    free(html);
    cache_shutdown();
}

static char etag_copy[CACHE_ENC__MAX][32];
int etag_of(const struct cache_entry *e, void *arg)
{
    const char **et = arg;
    for (int i = 0; i < CACHE_ENC__MAX; i++) {
        snprintf(etag_copy[i], sizeof etag_copy[i], "%s", e->etags[i]);
        et[i] = etag_copy[i];
    }
    return 1;
}

int main(void)
{
    test_keys();
    test_encodings();
    test_invalidate();
    test_evict();
    test_threads();
    T_DONE();
}
