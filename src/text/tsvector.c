/*
 * tsvector.c: the analyzer's forms as a PostgreSQL tsvector literal (see
 * tsvector.h). The FTS5 tokenizer's twin: both hand the index the forms of
 * text_analyze() in TEXT_MODE_INDEX, colocated forms at their word's
 * position, so that SQLite and PostgreSQL find the same articles.
 *
 * Two passes. Collecting, each distinct form gets an entry (a hash table
 * over the forms' bytes) and each occurrence a record in text order; a form
 * is kept at its first occurrence only if its bytes and one position fit in
 * the size limit. Writing, the other occurrences are kept in text order
 * while the size allows (2 bytes each), then every kept entry is written
 * with its kept positions.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "base/hash.h"
#include "text/tsvector.h"

struct tsv_lexeme {
    size_t off;                 /* its bytes in tsv.bytes */
    uint16_t len;
    uint16_t last;              /* position of its last occurrence, 0 if none */
    uint16_t npos;              /* positions kept */
    uint8_t kept;               /* it fitted: it is written */
};

struct tsv_occ {
    uint32_t lex;               /* index in tsv.lex */
    uint16_t pos;
    uint8_t weight;             /* 'A'..'D' */
    uint8_t kept;               /* written (the first of each kept lexeme is) */
};

struct tsv {
    struct buf bytes;           /* every distinct form, back to back */
    struct tsv_lexeme *lex;
    size_t nlex, caplex;
    uint32_t *slot;             /* hash table of lex index + 1; 0 is empty */
    size_t nslot;               /* a power of two, at least twice nlex */
    struct tsv_occ *occ;
    size_t nocc, capocc;
    size_t size;                /* PostgreSQL's size count of what is kept */
    unsigned pos;               /* position of the current word (unclamped) */
    unsigned base;              /* position before the column's first word */
    unsigned last;              /* last position given to a word, 0 if none */
    char weight;                /* the current column's */
    enum ak_err err;
    struct text_tsv_stats st;
};

/* What a lexeme of len bytes with one position adds to PostgreSQL's count:
 * its bytes rounded up to even, a 2-byte count and the position. */
static size_t tsv_lexeme_size(size_t len)
{
    return len + (len & 1) + 2 + 2;
}

static int tsv_grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 1;
    size_t cap2 = *cap ? *cap * 2 : 256;
    while (cap2 < need)
        cap2 *= 2;
    void *q = realloc(*p, cap2 * elem);
    if (!q)
        return 0;
    *p = q;
    *cap = cap2;
    return 1;
}

static int tsv_rehash(struct tsv *t)
{
    size_t n = t->nslot ? t->nslot * 2 : 1024;
    uint32_t *slot = calloc(n, sizeof *slot);
    if (!slot)
        return 0;
    for (size_t i = 0; i < t->nlex; i++) {
        const struct tsv_lexeme *l = &t->lex[i];
        size_t h = hash_fnv1a(t->bytes.p + l->off, l->len) & (n - 1);
        while (slot[h])
            h = (h + 1) & (n - 1);
        slot[h] = (uint32_t)i + 1;
    }
    free(t->slot);
    t->slot = slot;
    t->nslot = n;
    return 1;
}

/* The index of form f[0..n) in t->lex, added if new; -1 when out of memory. */
static long tsv_lookup(struct tsv *t, const char *f, size_t n)
{
    if (2 * (t->nlex + 1) > t->nslot && !tsv_rehash(t))
        return -1;
    size_t h = hash_fnv1a(f, n) & (t->nslot - 1);
    for (; t->slot[h]; h = (h + 1) & (t->nslot - 1)) {
        const struct tsv_lexeme *l = &t->lex[t->slot[h] - 1];
        if (l->len == n && memcmp(t->bytes.p + l->off, f, n) == 0)
            return (long)t->slot[h] - 1;
    }
    if (t->nlex >= UINT32_MAX - 1 || !tsv_grow((void **)&t->lex, &t->caplex, t->nlex + 1,
                                                sizeof *t->lex))
        return -1;
    size_t off = t->bytes.n;
    buf_append(&t->bytes, f, n);
    if (t->bytes.err)
        return -1;
    t->lex[t->nlex] = (struct tsv_lexeme){ .off = off, .len = (uint16_t)n };
    t->slot[h] = (uint32_t)t->nlex + 1;
    return (long)t->nlex++;
}

/* text_token_fn: record one form of the current column. */
static int tsv_collect(void *ctx, const char *form, size_t n, size_t start, size_t end,
                       int colocated)
{
    struct tsv *t = ctx;
    (void)start;
    (void)end;
    if (!colocated || NEVER(t->pos == 0)) {     /* a surface form comes first */
        t->pos = t->pos ? t->pos + 1 : t->base + 1;
        if (t->pos > TEXT_TSV_POS_MAX) {
            testcase(t->pos == TEXT_TSV_POS_MAX + 1);
            t->st.clamped++;
        }
        t->last = t->pos;
    }
    if (n == 0)
        return 0;                       /* as fts5_tokenizer.c: no empty token */
    if (n > TEXT_TSV_LEXEME_MAX) {
        testcase(n == TEXT_TSV_LEXEME_MAX + 1);
        t->st.lexemes_dropped++;
        return 0;                       /* PostgreSQL refuses it; never that long */
    }
    uint16_t pos = (uint16_t)(t->pos < TEXT_TSV_POS_MAX ? t->pos : TEXT_TSV_POS_MAX);
    long i = tsv_lookup(t, form, n);
    if (i < 0) {
        t->err = AK_ENOMEM;
        return 1;
    }
    struct tsv_lexeme *l = &t->lex[i];
    if (l->last == pos)
        return 0;                       /* twice at one position: a clamped word, or */
    l->last = pos;                      /* two equal stems of one word */
    int first = !l->kept && l->npos == 0;
    if (first) {
        l->npos = 1;                    /* seen: later occurrences are not first */
        if (t->size + tsv_lexeme_size(n) > TEXT_TSV_SIZE_MAX) {
            t->st.lexemes_dropped++;
            return 0;
        }
        t->size += tsv_lexeme_size(n);
        l->kept = 1;
    } else if (!l->kept) {
        return 0;                       /* a dropped lexeme's later occurrence */
    }
    if (!tsv_grow((void **)&t->occ, &t->capocc, t->nocc + 1, sizeof *t->occ)) {
        t->err = AK_ENOMEM;
        return 1;
    }
    t->occ[t->nocc++] = (struct tsv_occ){ (uint32_t)i, pos, (uint8_t)t->weight, (uint8_t)first };
    return 0;
}

/* Second pass: keep the occurrences after each lexeme's first, in text order,
 * while a lexeme has fewer than 256 and the size allows. */
static void tsv_keep_positions(struct tsv *t)
{
    for (size_t i = 0; i < t->nocc; i++) {
        struct tsv_occ *o = &t->occ[i];
        if (o->kept)
            continue;                   /* a first occurrence, counted already */
        struct tsv_lexeme *l = &t->lex[o->lex];
        if (l->npos >= TEXT_TSV_NPOS_MAX || t->size + 2 > TEXT_TSV_SIZE_MAX) {
            testcase(l->npos == TEXT_TSV_NPOS_MAX);
            t->st.positions_dropped++;
            continue;
        }
        o->kept = 1;
        l->npos++;
        t->size += 2;
    }
}

/* Append decimal v (1..16383) to b. */
static void tsv_put_pos(struct buf *b, unsigned v)
{
    char d[8];
    int k = 0;
    do {
        d[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (k)
        buf_putc(b, d[--k]);
}

/* Write every kept lexeme, in order of first appearance, with its kept
 * positions (ascending: occurrences are in text order) into out. */
static enum ak_err tsv_write(struct tsv *t, struct buf *out)
{
    /* Group the kept occurrences by lexeme: a counting sort. */
    size_t *start = calloc(t->nlex + 1, sizeof *start);
    uint32_t *order = malloc((t->nocc ? t->nocc : 1) * sizeof *order);
    if (!start || !order) {
        free(start);
        free(order);
        return AK_ENOMEM;
    }
    for (size_t i = 0; i < t->nocc; i++)
        if (t->occ[i].kept)
            start[t->occ[i].lex + 1]++;
    for (size_t i = 0; i < t->nlex; i++)
        start[i + 1] += start[i];
    for (size_t i = 0; i < t->nocc; i++)
        if (t->occ[i].kept)
            order[start[t->occ[i].lex]++] = (uint32_t)i;
    /* start[i] is now the end of lexeme i's run, its beginning start[i-1]. */
    size_t from = 0;
    for (size_t i = 0; i < t->nlex; i++) {
        const struct tsv_lexeme *l = &t->lex[i];
        if (l->kept) {
            if (t->st.lexemes)
                buf_putc(out, ' ');
            text_tsv_quote(out, t->bytes.p + l->off, l->len);
            for (size_t k = from; k < start[i]; k++) {
                const struct tsv_occ *o = &t->occ[order[k]];
                buf_putc(out, k == from ? ':' : ',');
                tsv_put_pos(out, o->pos);
                buf_putc(out, (char)o->weight);
            }
            t->st.lexemes++;
            t->st.positions += start[i] - from;
        }
        from = start[i];
    }
    free(start);
    free(order);
    return out->err;
}

static void tsv_free(struct tsv *t)
{
    buf_reset(&t->bytes);
    free(t->lex);
    free(t->slot);
    free(t->occ);
}

/* Analyze every column into t (first pass). */
static enum ak_err tsv_collect_columns(struct text_analyzer *an, struct tsv *t,
                                       const struct text_tsv_column *cols, size_t ncols)
{
    for (size_t c = 0; c < ncols; c++) {
        if (cols[c].weight < 'A' || cols[c].weight > 'D')
            return AK_EINVAL;
    }
    for (size_t c = 0; c < ncols; c++) {
        if (cols[c].n == 0)
            continue;
        t->weight = cols[c].weight;
        t->pos = 0;
        t->base = t->last ? t->last + TEXT_TSV_GAP : 0;
        enum ak_err rc = text_analyze(an, TEXT_MODE_INDEX, cols[c].s, cols[c].n, tsv_collect, t);
        if (t->err)
            return t->err;
        if (rc != AK_OK)
            return rc;
    }
    return AK_OK;
}

enum ak_err text_tsvector(struct text_analyzer *an, struct arena *a,
                          const struct text_tsv_column *cols, size_t ncols,
                          char **out, size_t *outn, struct text_tsv_stats *stats)
{
    struct tsv t;
    memset(&t, 0, sizeof t);
    buf_init(&t.bytes, 0);
    *out = NULL;
    if (outn)
        *outn = 0;
    enum ak_err rc = tsv_collect_columns(an, &t, cols, ncols);
    struct buf lit;
    buf_init(&lit, 0);
    if (rc == AK_OK) {
        tsv_keep_positions(&t);
        rc = tsv_write(&t, &lit);
    }
    if (rc == AK_OK) {
        t.st.size = t.size;
        if (!(*out = arena_strndup(a, lit.p, lit.n)))
            rc = AK_ENOMEM;
        else if (outn)
            *outn = lit.n;
    }
    if (rc == AK_ETOOBIG)
        rc = AK_ENOMEM;                 /* a buf past SIZE_MAX/2: memory */
    if (stats)
        *stats = rc == AK_OK ? t.st : (struct text_tsv_stats){ 0 };
    buf_reset(&lit);
    tsv_free(&t);
    return rc;
}

void text_tsv_quote(struct buf *b, const char *s, size_t n)
{
    buf_putc(b, '\'');
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\'' || s[i] == '\\') {
            buf_append(b, s + from, i - from + 1);      /* up to and with it, */
            from = i;                                   /* which comes again */
        }
    }
    buf_append(b, s + from, n - from);
    buf_putc(b, '\'');
}

void text_tsquery_lexeme(struct buf *b, const char *s, size_t n, const char *weights)
{
    size_t nw = weights ? strlen(weights) : 0;
    int bad = n == 0 || n > TEXT_TSV_LEXEME_MAX;
    for (size_t i = 0; i < nw; i++)
        bad |= weights[i] < 'A' || weights[i] > 'D';
    if (bad) {
        if (b->err == AK_OK)
            b->err = AK_EINVAL;
        return;
    }
    text_tsv_quote(b, s, n);
    if (nw) {
        buf_putc(b, ':');
        buf_append(b, weights, nw);
    }
}
