/*
 * normalize.c: one word to its surface form (see analyzer.h for the rules).
 *
 * The common case, a word of basic Arabic letters, ASCII and tashkeel, is
 * folded in one pass. Anything else (presentation forms, ligatures,
 * decomposed hamza, other scripts) goes through utf8proc's NFKC first, so
 * that U+FB50-FDFF and U+FE70-FEFF fold to letters and ا + U+0654 to أ.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "text/analyzer.h"
#include "text/chars.h"
#include "text/normalize.h"
#include "text/utf8.h"

uint32_t text_fold_cp(uint32_t c)
{
    if (c < 0x80 || (c >= 0x0600 && c <= 0x06FF))
        return text_char_fold(c);                       /* chars.h: the shared fold */
    if (c == 0x200C || c == 0x200D || c == 0x200E || c == 0x200F || c == 0xFEFF)
        return 0;                                       /* ZWNJ, ZWJ, marks, BOM */
    utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)c);
    if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_ME ||
        cat == UTF8PROC_CATEGORY_MC || cat == UTF8PROC_CATEGORY_CF)
        return 0;
    return (uint32_t)utf8proc_tolower((utf8proc_int32_t)c);
}

/* Does w need NFKC before folding? Anything outside ASCII and the basic
 * Arabic block, or a combining hamza/madda that NFC would compose. */
static int text_needs_nfkc(const unsigned char *w, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t c;
        size_t k = utf8_decode(w + i, n - i, &c);
        if (k == 0)
            return 1;
        if (c >= 0x80 && (c < 0x0600 || c > 0x06FF || (c >= 0x0653 && c <= 0x0655)))
            return 1;
        i += k;
    }
    return 0;
}

size_t text_fold_word(const char *w, size_t n, uint32_t *out, size_t cap)
{
    unsigned char *nfkc = NULL;
    const unsigned char *p = (const unsigned char *)w;
    if (text_needs_nfkc(p, n)) {
        utf8proc_ssize_t k = utf8proc_map(p, (utf8proc_ssize_t)n, &nfkc,
                                          UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
        if (k >= 0) {
            p = nfkc;
            n = (size_t)k;
        }
    }
    size_t m = 0;
    for (size_t i = 0; i < n && m < cap;) {
        uint32_t c;
        size_t k = utf8_decode(p + i, n - i, &c);
        if (k == 0)
            break;
        i += k;
        uint32_t f = text_fold_cp(c);
        if (f)
            out[m++] = f;
    }
    free(nfkc);
    return m;
}

size_t text_encode(const uint32_t *w, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char e[4];
        size_t k = utf8_encode(w[i], e);
        if (o + k >= cap)
            break;
        memcpy(out + o, e, k);
        o += k;
    }
    if (cap)
        out[o] = 0;
    return o;
}

size_t text_normalize_word(const char *w, size_t n, char *out, size_t cap)
{
    uint32_t cps[TEXT_WORD_MAX];
    size_t m = text_fold_word(w, n, cps, TEXT_WORD_MAX);
    return text_encode(cps, m, out, cap);
}
