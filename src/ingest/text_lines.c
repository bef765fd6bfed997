/*
 * text_lines.c: the plain-text importer's view of characters and lines (see
 * text.c for the heuristics): the fold that labels and names are compared
 * in, label and section-name matching, and the classes of a line
 * (navigation, headline, byline, date...).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"
#include "ingest/text_int.h"
#include "text/chars.h"
#include "text/utf8.h"

/* ---- characters ---- */

/* What ingest_text_fold() deletes: tatweel, diacritics and invisible characters. */
static int text_is_ignorable(uint32_t c)
{
    return text_char_is_tatweel(c) || text_char_is_diacritic(c) || text_char_is_invisible(c);
}

int ingest_text_is_wordchar(uint32_t c)
{
    if (c < 0x80)
        return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    if (text_char_is_arabic_punct(c) || text_char_is_tatweel(c))
        return 0;
    if (c >= 0x0600 && c <= 0x06FF)
        return 1;
    return c >= 0xC0 && !(c >= 0x2000 && c <= 0x2BFF) && !(c >= 0x3000 && c <= 0x303F)
        && !(c >= 0xFE10 && c <= 0xFE6F) && !(c >= 0xFF00 && c <= 0xFF0F);
}

/* Punctuation that ends a sentence (or a quoted sentence), so the line is not a subheading. */
static int text_is_end_punct(uint32_t c)
{
    switch (c) {
    case '.': case '!': case '?': case ':': case ';': case ',': case ')': case ']':
    case '"': case '\'': case 0x061F: case 0x060C: case 0x061B: case 0x06D4: case 0x2026:
    case 0x00BB: case 0x00AB: case 0x201D: case 0x201C: case 0x2019: case 0x203A:
        return 1;
    }
    return 0;
}

/* Punctuation that a navigation line never has (breadcrumb separators are allowed). */
static int text_is_sentence_punct(uint32_t c)
{
    switch (c) {
    case '.': case '!': case '?': case ':': case ';': case ',': case '(': case ')':
    case '"': case 0x061F: case 0x060C: case 0x061B: case 0x06D4: case 0x2026: case 0x00AB:
    case 0x201C: case 0x201D:
        return 1;
    }
    return 0;
}

uint32_t ingest_text_cp(const char *s, size_t n, size_t i, size_t *len)
{
    uint32_t c = 0;
    size_t k = utf8_decode((const unsigned char *)s + i, n - i, &c);
    if (NEVER(k == 0)) {        /* every string here was validated */
        *len = 1;
        return 0xFFFD;
    }
    *len = k;
    return c;
}

uint32_t ingest_text_cp_before(const char *s, size_t end, size_t *start)
{
    size_t i = end - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    size_t len;
    *start = i;
    return ingest_text_cp(s, end, i, &len);
}

/* The first code point at or after s[i) that fold() keeps, or 0 at the end. */
static uint32_t text_peek_kept(const char *s, size_t n, size_t i)
{
    while (i < n) {
        size_t len;
        uint32_t c = ingest_text_cp(s, n, i, &len);
        if (!text_is_ignorable(c))
            return c;
        i += len;
    }
    return 0;
}

/* A word-final ة or ى directly followed by a letter: words run together, as
 * in "عالميةأخبار" (next is the next code point that fold() keeps). */
static int text_is_glue(uint32_t c, uint32_t next)
{
    return (c == 0x0629 || c == 0x0649) && text_char_is_arabic_letter(next);
}

char *ingest_text_fold(struct arena *a, const char *s, size_t n, size_t *outn)
{
    char *o = arena_alloc(a, 2 * n + 1);
    if (!o)
        return NULL;
    size_t k = 0, i = 0;
    int space = 0;
    while (i < n) {
        size_t len;
        uint32_t c = ingest_text_cp(s, n, i, &len), f;
        i += len;
        if (text_char_is_space(c)) {
            space = 1;
            continue;
        }
        if (text_is_ignorable(c) || !(f = text_char_fold(c)))
            continue;
        if (space && k > 0)
            o[k++] = ' ';
        space = text_is_glue(c, text_peek_kept(s, n, i));
        k += utf8_encode(f, (unsigned char *)o + k);
    }
    o[k] = 0;
    *outn = k;
    return o;
}

struct tpat *ingest_text_fold_list(struct arena *a, const char *const *src, size_t *np)
{
    size_t n = 0;
    while (src[n])
        n++;
    struct tpat *p = arena_alloc(a, (n ? n : 1) * sizeof *p);
    if (!p)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        p[i].f = ingest_text_fold(a, src[i], strlen(src[i]), &p[i].fn);
        if (!p[i].f)
            return NULL;
    }
    *np = n;
    return p;
}

/* ---- matching ---- */


size_t ingest_text_label_len(const char *f, size_t n)
{
    while (n > 0) {
        size_t start;
        uint32_t c = ingest_text_cp_before(f, n, &start);
        if (text_char_is_space(c) || text_char_digit(c) >= 0
            || c == '(' || c == ')' || c == '-' || c == 0x2013 || c == 0x2014
            || (text_is_end_punct(c) && c != '"'))
            n = start;
        else
            break;
    }
    return n;
}

int ingest_text_is_label(const char *f, size_t n, const struct tpat *p, size_t np)
{
    n = ingest_text_label_len(f, n);
    for (size_t i = 0; i < np; i++)
        if (p[i].fn == n && n > 0 && memcmp(p[i].f, f, n) == 0)
            return 1;
    return 0;
}

size_t ingest_text_starts_label(const char *f, size_t n, const struct tpat *p, size_t np)
{
    size_t best = 0;
    for (size_t i = 0; i < np; i++) {
        if (p[i].fn == 0 || p[i].fn > n || memcmp(p[i].f, f, p[i].fn) != 0)
            continue;
        if (p[i].fn < n) {
            size_t len;
            uint32_t c = ingest_text_cp(f, n, p[i].fn, &len);
            if (ingest_text_is_wordchar(c))
                continue;
        }
        if (p[i].fn > best)
            best = p[i].fn;
    }
    return best;
}

int ingest_text_all_words_in(const char *f, size_t n, const struct tpat *p, size_t np)
{
    size_t i = 0;
    int any = 0;
    while (i < n) {
        while (i < n && f[i] == ' ')
            i++;
        size_t j = i;
        while (j < n && f[j] != ' ')
            j++;
        if (j > i) {
            size_t wl = ingest_text_label_len(f + i, j - i);
            int found = wl == 0;        /* a lone punctuation mark is fine */
            for (size_t k = 0; k < np && !found; k++)
                found = p[k].fn == wl && memcmp(p[k].f, f + i, wl) == 0;
            if (!found)
                return 0;
            any |= wl > 0;
        }
        i = j;
    }
    return any;
}

/* Non-zero when position i of folded f is the start of a word: the start, or
 * after a non-word character (text_fold splits words run together). */
static int text_word_start(const char *f, size_t i)
{
    if (i == 0)
        return 1;
    size_t start;
    uint32_t c = ingest_text_cp_before(f, i, &start);
    return !ingest_text_is_wordchar(c);
}

/* Find section name pattern sec in folded line f[0..n) as described in the
 * file comment (a leading "ال" on the line's word is allowed). Returns the
 * byte offset of the first acceptable occurrence, or (size_t)-1. */
static size_t text_find_name(const char *f, size_t n, const struct tpat *sec)
{
    if (sec->fn == 0)
        return (size_t)-1;
    size_t letters = 0;
    for (size_t i = 0; i < sec->fn; i++)
        letters += ((unsigned char)sec->f[i] & 0xC0) != 0x80;
    const char *al = "\xd8\xa7\xd9\x84";        /* ال */
    size_t from = 0;
    while (from + sec->fn <= n) {
        const char *hit = memmem(f + from, n - from, sec->f, sec->fn);
        if (!hit)
            break;
        size_t at = (size_t)(hit - f);
        int start = text_word_start(f, at)
            || (at >= 4 && memcmp(f + at - 4, al, 4) == 0 && text_word_start(f, at - 4));
        int end = 1;
        if (letters < 4 && at + sec->fn < n) {
            size_t len;
            uint32_t c = ingest_text_cp(f, n, at + sec->fn, &len);
            end = !ingest_text_is_wordchar(c);
        }
        if (start && end)
            return at;
        from = at + 1;
    }
    return (size_t)-1;
}

long ingest_text_line_section(const struct tctx *c, const struct tline *l)
{
    long best = -1;
    size_t best_at = 0;
    for (size_t i = 0; i < c->nsecs; i++) {
        size_t at = text_find_name(l->f, l->fn, &c->sec[i]);
        if (at == (size_t)-1)
            continue;
        if (best < 0 || at < best_at || (at == best_at && c->sec[i].fn > c->sec[best].fn)) {
            best = (long)i;
            best_at = at;
        }
    }
    return best;
}

/* ---- line classes ---- */

void ingest_text_scan_line(struct tline *l)
{
    size_t i = 0;
    int inword = 0;
    uint32_t last = 0;
    l->words = 0;
    l->has_punct = 0;
    while (i < l->n) {
        size_t len;
        uint32_t c = ingest_text_cp(l->p, l->n, i, &len);
        i += len;
        if (text_char_is_space(c)) {
            inword = 0;
            continue;
        }
        if (text_is_ignorable(c))
            continue;
        if (!inword)
            l->words++;
        inword = 1;
        if (text_is_sentence_punct(c))
            l->has_punct = 1;
        last = c;
    }
    l->end_punct = text_is_end_punct(last);
}

int ingest_text_is_short(const struct tline *l)
{
    return l->words > 0 && l->words <= TEXT_HEAD_WORDS && !l->end_punct;
}

int ingest_text_is_navlike(const struct tline *l)
{
    return l->words <= TEXT_NAV_WORDS && !l->has_punct;
}

int ingest_text_is_headlike(const struct tline *l)
{
    if (l->words == 0 || l->words > 30 || l->n == 0)
        return 0;
    size_t start;
    uint32_t c = ingest_text_cp_before(l->p, l->n, &start);
    return c != '.' && c != 0x06D4;
}

int ingest_text_is_glued(const struct tline *l)
{
    for (size_t i = 0; i < l->n;) {
        size_t len;
        uint32_t c = ingest_text_cp(l->p, l->n, i, &len);
        i += len;
        if (text_is_glue(c, text_peek_kept(l->p, l->n, i)))
            return 1;
    }
    return 0;
}

int ingest_text_is_breadcrumb(const struct tline *l)
{
    size_t i = 0, parts = 0, words = 0;
    int inword = 0, seps = 0;
    while (i <= l->n) {
        size_t len = 1;
        uint32_t c = i < l->n ? ingest_text_cp(l->p, l->n, i, &len) : '|';
        i += len;
        if (c == 0x00AB)
            return 0;
        if (c == 0x00BB || c == 0x203A || c == '>' || c == '|' || c == '/' || c == 0x2190) {
            if (words > 4)
                return 0;
            parts += words > 0;
            seps += i <= l->n;
            words = 0;
            inword = 0;
        } else if (text_char_is_space(c)) {
            inword = 0;
        } else if (!inword) {
            inword = 1;
            words++;
        }
    }
    return seps > 0 && parts >= 2;
}

/* qsort comparison: longer patterns first. */
static int text_cmp_pat_len(const void *x, const void *y)
{
    const struct tpat *a = x, *b = y;
    return a->fn < b->fn ? 1 : a->fn > b->fn ? -1 : 0;
}

int ingest_text_is_all_nav(const struct tctx *c, const struct tline *l)
{
    size_t np = c->nnav + c->nsecs;
    struct tpat *p = arena_alloc(c->a, np * sizeof *p);
    char *s = arena_strndup(c->a, l->f, l->fn);
    if (!p || !s)
        return -1;
    memcpy(p, c->nav, c->nnav * sizeof *p);
    if (c->nsecs)
        memcpy(p + c->nnav, c->sec, c->nsecs * sizeof *p);
    qsort(p, np, sizeof *p, text_cmp_pat_len);
    for (size_t i = 0; i < np; i++) {
        if (p[i].fn == 0)
            continue;
        char *hit = s;
        while ((hit = memmem(hit, l->fn - (size_t)(hit - s), p[i].f, p[i].fn)) != NULL)
            memset(hit, ' ', p[i].fn);
    }
    size_t i = 0;
    while (i < l->fn) {
        size_t len;
        uint32_t ch = ingest_text_cp(s, l->fn, i, &len);
        if (ingest_text_is_wordchar(ch))
            return 0;
        i += len;
    }
    return 1;
}

int ingest_text_repeats(const struct tline *a, const struct tline *b)
{
    const struct tline *s = a->fn <= b->fn ? a : b, *l = a->fn <= b->fn ? b : a;
    if (s->fn == 0 || !ingest_text_is_headlike(l) || l->words > 2 * s->words + 4)
        return 0;
    if (memcmp(l->f, s->f, s->fn) == 0 && (l->fn == s->fn || l->f[s->fn] == ' '))
        return 1;
    return s->words >= 3 && memmem(l->f, l->fn, s->f, s->fn) != NULL;
}

int ingest_text_is_date_line(const struct tctx *c, const struct tline *l)
{
    if (l->words == 0 || l->words > 12)
        return 0;
    size_t i = 0;
    int digits = 0;
    while (i < l->fn) {
        while (i < l->fn && l->f[i] == ' ')
            i++;
        size_t j = i;
        while (j < l->fn && l->f[j] != ' ')
            j++;
        /* A word is a date word, or only digits and separators. */
        size_t wl = ingest_text_label_len(l->f + i, j - i);
        int ok = 0;
        for (size_t k = 0; k < c->ndate && !ok; k++)
            ok = c->date[k].fn == wl && memcmp(c->date[k].f, l->f + i, wl) == 0;
        if (!ok) {
            ok = 1;
            size_t k = i;
            while (k < j && ok) {
                size_t len;
                uint32_t ch = ingest_text_cp(l->f, j, k, &len);
                if (text_char_digit(ch) >= 0)
                    digits = 1;
                else if (ingest_text_is_wordchar(ch))
                    ok = 0;
                k += len;
            }
        }
        if (!ok)
            return 0;
        i = j;
    }
    return digits;
}

size_t ingest_text_byline(const struct tline *l)
{
    static const char *const keys[] = { "بقلم", "كتب", "كتبت", "by", NULL };
    if (l->words < 2 || l->words > 6 || l->end_punct)
        return 0;
    for (size_t k = 0; keys[k]; k++) {
        size_t kl = strlen(keys[k]);
        if (l->n <= kl || strncasecmp(l->p, keys[k], kl) != 0)
            continue;
        size_t i = kl;
        int colon = 0;
        while (i < l->n && (l->p[i] == ' ' || l->p[i] == ':' || l->p[i] == '-')) {
            colon |= l->p[i] == ':' || l->p[i] == '-';
            i++;
        }
        if (i == kl || i >= l->n)
            continue;       /* the keyword must be a whole word with a name after */
        if (k == 1 || k == 2) {
            if (!colon)
                continue;   /* "كتب" starts many ledes; want "كتب: فلان" */
        }
        return i;
    }
    return 0;
}

