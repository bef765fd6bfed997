/*
 * sketch.c: MinHash sketches of a text's stems (see sketch.h).
 *
 * Each word contributes one feature: its light stem (the analyzer's first
 * "~" form that is not a loose "~+" one), else its surface form; stopwords
 * contribute nothing. A feature is hashed once (64-bit FNV-1a) and the K
 * functions are that hash mixed with K fixed seeds (splitmix64's
 * finalizer), keeping the low 32 bits: cheap, and independent enough for an
 * estimate of Jaccard similarity (one slot in K agrees with probability J).
 * A repeated word changes nothing: the sketch is of the set.
 */
#include <string.h>
#include "base/hash.h"
#include "text/analyzer.h"
#include "text/sketch.h"

static uint64_t sketch_mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

struct sketch_run {
    struct text_sketch *sk;
    char surface[4 * TEXT_WORD_MAX + 1];    /* the current word's surface form */
    size_t nsurface;
    char stem[4 * TEXT_WORD_MAX + 1];       /* its light stem, when it has one */
    size_t nstem;
    int have;                               /* a word is pending */
};

static void sketch_add(struct text_sketch *sk, const char *f, size_t n)
{
    uint64_t h = hash_fnv1a(f, n);
    sk->nfeatures++;                /* counts words, not distinct ones: enough to say
                                     * whether the set is empty */
    for (int k = 0; k < TEXT_SKETCH_K; k++) {
        uint32_t v = (uint32_t)sketch_mix(h ^ (0x9e3779b97f4a7c15ULL * (uint64_t)(k + 1)));
        if (v < sk->slot[k])
            sk->slot[k] = v;
    }
}

/* The pending word's feature into the sketch. */
static void sketch_flush(struct sketch_run *r)
{
    if (!r->have)
        return;
    r->have = 0;
    if (text_is_stopword(r->surface, r->nsurface))
        return;
    if (r->nstem)
        sketch_add(r->sk, r->stem, r->nstem);
    else
        sketch_add(r->sk, r->surface, r->nsurface);
}

static int sketch_token(void *ctx, const char *form, size_t n, size_t start, size_t end,
                        int colocated)
{
    (void)start, (void)end;
    struct sketch_run *r = ctx;
    if (n >= sizeof r->surface)
        n = sizeof r->surface - 1;
    if (!colocated) {
        sketch_flush(r);
        memcpy(r->surface, form, n);
        r->surface[n] = 0;
        r->nsurface = n;
        r->nstem = 0;
        r->have = 1;
    } else if (r->nstem == 0 && n > 1 && form[0] == TEXT_STEM_MARK &&
               form[1] != TEXT_LOOSE_MARK) {
        memcpy(r->stem, form, n);
        r->stem[n] = 0;
        r->nstem = n;
    }
    return 0;
}

enum ak_err text_sketch_make(struct text_analyzer *an, const char *s, size_t n,
                             struct text_sketch *out)
{
    memset(out->slot, 0xff, sizeof out->slot);
    out->nfeatures = 0;
    struct sketch_run r = { .sk = out };
    enum ak_err rc = text_analyze(an, TEXT_MODE_INDEX, s, n, sketch_token, &r);
    sketch_flush(&r);
    return rc;
}

double text_sketch_similarity(const struct text_sketch *a, const struct text_sketch *b)
{
    if (!a->nfeatures || !b->nfeatures)
        return 0;
    int same = 0;
    for (int k = 0; k < TEXT_SKETCH_K; k++)
        same += a->slot[k] == b->slot[k];
    return (double)same / TEXT_SKETCH_K;
}

void text_sketch_encode(const struct text_sketch *sk, unsigned char out[TEXT_SKETCH_BYTES])
{
    for (int k = 0; k < TEXT_SKETCH_K; k++)
        for (int j = 0; j < 4; j++)
            out[4 * k + j] = (unsigned char)(sk->slot[k] >> (8 * j));
}

int text_sketch_decode(const void *p, size_t n, struct text_sketch *sk)
{
    const unsigned char *b = p;
    if (n != TEXT_SKETCH_BYTES)
        return 0;
    sk->nfeatures = 0;
    for (int k = 0; k < TEXT_SKETCH_K; k++) {
        sk->slot[k] = (uint32_t)b[4 * k] | (uint32_t)b[4 * k + 1] << 8 |
                      (uint32_t)b[4 * k + 2] << 16 | (uint32_t)b[4 * k + 3] << 24;
        sk->nfeatures |= sk->slot[k] != UINT32_MAX;
    }
    return 1;
}
