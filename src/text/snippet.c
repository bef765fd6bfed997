/*
 * snippet.c: the words around a search's matches (see snippet.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"
#include "text/analyzer.h"
#include "text/snippet.h"

#define SNIPPET_LEAD 4          /* words shown before the window's first match */
#define SNIPPET_MATCHES 256     /* matched words considered as window starts */
/* Once a word matched, the words read to look for a window with more of the
 * query's units (at least the window after the first match). */
#define SNIPPET_SCAN 100

struct snippet_word {
    size_t start, end;          /* bytes of the word in the text */
    uint32_t units;             /* the units it matches */
};

struct snippet_scan {
    const struct text_snippet_term *terms;
    size_t nterms;
    uint32_t all;               /* the units to see before stopping */
    uint32_t seen;              /* units matched so far */
    size_t complete;            /* words needed before stopping (0: not yet known) */
    size_t scan;                /* words read at most, once one matched (0: none yet) */
    size_t window;
    int stopped;                /* the analysis stopped before the text's end */
    struct snippet_word *w;
    size_t n, cap;
    int nomem;
};

static uint32_t snippet_unit_bit(unsigned unit)
{
    return (uint32_t)1 << (unit < TEXT_SNIPPET_UNITS ? unit : TEXT_SNIPPET_UNITS - 1);
}

static int snippet_form(void *ctx, const char *form, size_t n, size_t start, size_t end,
                        int colocated)
{
    struct snippet_scan *sc = ctx;
    if (!colocated) {
        if ((sc->complete && sc->n >= sc->complete) || (sc->scan && sc->n >= sc->scan)) {
            sc->stopped = 1;            /* the window after the last unit is full */
            return 1;
        }
        if (sc->n == sc->cap) {
            size_t cap = sc->cap ? 2 * sc->cap : 256;
            struct snippet_word *w = realloc(sc->w, cap * sizeof *w);
            if (!w) {
                sc->nomem = 1;
                return 1;
            }
            sc->w = w;
            sc->cap = cap;
        }
        sc->w[sc->n++] = (struct snippet_word){ start, end, 0 };
    }
    if (sc->n == 0)
        return 0;                       /* NEVER: a colocated form comes after a word */
    struct snippet_word *w = &sc->w[sc->n - 1];
    for (size_t i = 0; i < sc->nterms; i++)
        if (sc->terms[i].n == n && memcmp(sc->terms[i].form, form, n) == 0)
            w->units |= snippet_unit_bit(sc->terms[i].unit);
    if (w->units && !sc->complete && ((sc->seen | w->units) & sc->all) == sc->all)
        sc->complete = sc->n + sc->window;
    if (w->units && !sc->scan)
        sc->scan = sc->n + sc->window > SNIPPET_SCAN ? sc->n + sc->window : SNIPPET_SCAN;
    sc->seen |= w->units;
    return 0;
}

static int snippet_popcount(uint32_t x)
{
    int k = 0;
    for (; x; x &= x - 1)
        k++;
    return k;
}

/* Append s[0..n) without the marker bytes (control characters that text
 * may hold: then every mark in a snippet is one of ours). */
static void snippet_put(struct buf *b, const char *s, size_t n)
{
    size_t from = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == TEXT_SNIPPET_OPEN || s[i] == TEXT_SNIPPET_CLOSE) {
            buf_append(b, s + from, i - from);
            from = i + 1;
        }
    buf_append(b, s + from, n - from);
}

/* Is s[0..n) only spaces (and not empty)? */
static int snippet_spaces(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ')
            return 0;
    return n > 0;
}

enum ak_err text_snippet(struct text_analyzer *an, struct arena *a, const char *s, size_t n,
                         const struct text_snippet_term *terms, size_t nterms, size_t words,
                         uint32_t expect, const char **out)
{
    struct snippet_scan sc = { .terms = terms, .nterms = nterms, .window = words };
    *out = NULL;
    if (words == 0 || nterms == 0)
        return AK_OK;
    for (size_t i = 0; i < nterms; i++)
        sc.all |= snippet_unit_bit(terms[i].unit);
    if (expect & sc.all)
        sc.all &= expect;
    enum ak_err rc = text_analyze(an, TEXT_MODE_INDEX, s, n, snippet_form, &sc);
    if (rc == AK_OK && sc.nomem)
        rc = AK_ENOMEM;
    if (rc != AK_OK || !sc.seen) {
        free(sc.w);
        return rc;
    }
    /* The best window: from SNIPPET_LEAD words before a matched word, the
     * most distinct units, then the most matched words, then the earliest. */
    size_t best = 0, considered = 0;
    int best_units = -1, best_hits = -1;
    for (size_t m = 0; m < sc.n && considered < SNIPPET_MATCHES; m++) {
        if (!sc.w[m].units)
            continue;
        considered++;
        size_t from = m > SNIPPET_LEAD ? m - SNIPPET_LEAD : 0;
        uint32_t units = 0;
        int hits = 0;
        for (size_t k = from; k < sc.n && k < from + words; k++) {
            units |= sc.w[k].units;
            hits += sc.w[k].units != 0;
        }
        int nu = snippet_popcount(units);
        if (nu > best_units || (nu == best_units && hits > best_hits)) {
            best = from;
            best_units = nu;
            best_hits = hits;
        }
    }
    size_t end = best + words < sc.n ? best + words : sc.n;
    struct buf b;
    buf_init(&b, 0);
    if (best > 0)
        buf_puts(&b, "…");
    /* Offsets only grow: a word that NFKC made into several (ﷺ) gives
     * them all the same bytes, and each is cut from where the last ended. */
    size_t at = sc.w[best].start;
    for (size_t k = best; k < end; k++) {
        if (!sc.w[k].units)
            continue;
        /* One mark for a run of words of the same unit (a phrase) with
         * only spaces between them. */
        size_t last_word = k;
        while (last_word + 1 < end && (sc.w[last_word + 1].units & sc.w[last_word].units) &&
               sc.w[last_word + 1].start >= sc.w[last_word].end &&
               snippet_spaces(s + sc.w[last_word].end,
                              sc.w[last_word + 1].start - sc.w[last_word].end))
            last_word++;
        size_t from = sc.w[k].start > at ? sc.w[k].start : at;
        size_t to = sc.w[last_word].end > from ? sc.w[last_word].end : from;
        snippet_put(&b, s + at, from - at);
        if (to > from) {                /* else: bytes already cut */
            buf_putc(&b, TEXT_SNIPPET_OPEN);
            snippet_put(&b, s + from, to - from);
            buf_putc(&b, TEXT_SNIPPET_CLOSE);
        }
        at = to;
        k = last_word;
    }
    size_t last = sc.w[end - 1].end > at ? sc.w[end - 1].end : at;
    snippet_put(&b, s + at, last - at);
    if (end < sc.n || sc.stopped)       /* words follow */
        buf_puts(&b, "…");
    free(sc.w);
    rc = b.err;
    if (rc == AK_OK && !(*out = arena_strndup(a, b.p, b.n)))
        rc = AK_ENOMEM;
    buf_reset(&b);
    return rc;
}
