/*
 * analyzer.c: words out of text, and the forms each word is indexed and
 * searched under (see analyzer.h). Normalization is in normalize.c, the
 * stemmers in stem.c and Snowball's libstemmer.
 */
#include <stdlib.h>
#include <string.h>
#include <libstemmer.h>
#include <utf8proc.h>
#include "text/analyzer.h"
#include "text/normalize.h"
#include "text/stem.h"
#include "text/utf8.h"

const char *const text_stemmer_names[TEXT_STEMMER__MAX] = { "light", "snowball", "both" };

struct text_analyzer {
    struct sb_stemmer *snowball;        /* made on first use */
    enum text_stemmer stemmer;
};

static enum text_stemmer text_default_stemmer = TEXT_STEM_LIGHT;

void text_set_default_stemmer(enum text_stemmer s)
{
    text_default_stemmer = s < TEXT_STEMMER__MAX ? s : TEXT_STEM_LIGHT;
}

struct text_analyzer *text_analyzer_new(void)
{
    struct text_analyzer *an = calloc(1, sizeof *an);
    if (an)
        an->stemmer = text_default_stemmer;
    return an;
}

void text_analyzer_free(struct text_analyzer *an)
{
    if (!an)
        return;
    if (an->snowball)
        sb_stemmer_delete(an->snowball);
    free(an);
}

void text_analyzer_set_stemmer(struct text_analyzer *an, enum text_stemmer s)
{
    an->stemmer = s < TEXT_STEMMER__MAX ? s : TEXT_STEM_LIGHT;
}

/* Letters, digits and combining marks make words; tatweel is a letter (Lm). */
static int text_word_cp(uint32_t c)
{
    if (c < 0x80)
        return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
    if (c >= 0x0621 && c <= 0x065F)
        return 1;                               /* basic Arabic letters and tashkeel */
    switch (utf8proc_category((utf8proc_int32_t)c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

/* Emit the forms of one folded word piece; returns non-zero to stop. */
static int text_emit(struct text_analyzer *an, enum text_mode mode, const uint32_t *w, size_t n,
                     size_t start, size_t end, text_token_fn fn, void *ctx)
{
    char surface[TEXT_WORD_MAX * 4 + 1], light[TEXT_WORD_MAX * 4 + 3];
    size_t sn = text_encode(w, n, surface, sizeof surface);
    if (fn(ctx, surface, sn, start, end, 0))
        return 1;
    size_t ln = 0;
    if (an->stemmer != TEXT_STEM_SNOWBALL) {
        struct text_stem st[TEXT_STEMS_MAX];
        size_t k = text_stems(w, n, mode == TEXT_MODE_QUERY, st);
        for (size_t i = 0; i < k; i++) {
            char form[TEXT_WORD_MAX * 4 + 3];
            size_t o = 0;
            form[o++] = TEXT_STEM_MARK;
            if (st[i].loose)
                form[o++] = TEXT_LOOSE_MARK;
            o += text_encode(st[i].w, st[i].n, form + o, sizeof form - o);
            if (i == 0) {
                memcpy(light, form, o);
                ln = o;
            }
            if (fn(ctx, form, o, start, end, 1))
                return 1;
        }
    }
    if (an->stemmer != TEXT_STEM_LIGHT) {
        if (!an->snowball && !(an->snowball = sb_stemmer_new("arabic", "UTF_8")))
            return 0;
        const sb_symbol *sb = sb_stemmer_stem(an->snowball, (const sb_symbol *)surface, (int)sn);
        int sbn = sb ? sb_stemmer_length(an->snowball) : 0;
        char form[TEXT_WORD_MAX * 4 + 2];
        if (sbn > 0 && (size_t)sbn < sizeof form - 1) {
            form[0] = TEXT_STEM_MARK;
            memcpy(form + 1, sb, (size_t)sbn);
            size_t fn_len = 1 + (size_t)sbn;
            if ((fn_len != ln || memcmp(form, light, ln) != 0) &&
                fn(ctx, form, fn_len, start, end, 1))
                return 1;
        }
    }
    return 0;
}

enum ak_err text_analyze(struct text_analyzer *an, enum text_mode mode, const char *s, size_t n,
                         text_token_fn fn, void *ctx)
{
    if (!utf8_valid(s, n))
        return AK_EINVAL;
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        uint32_t c;
        size_t k = utf8_decode(p + i, n - i, &c);
        if (!text_word_cp(c)) {
            i += k;
            continue;
        }
        size_t start = i;
        while (i < n) {
            k = utf8_decode(p + i, n - i, &c);
            if (text_word_cp(c)) {
                i += k;
            } else if (c == 0x200C || c == 0x200D) {       /* ZWNJ/ZWJ inside a word */
                uint32_t next;
                size_t k2 = utf8_decode(p + i + k, n - i - k, &next);
                if (k2 == 0 || !text_word_cp(next))
                    break;
                i += k;
            } else {
                break;
            }
        }
        uint32_t w[TEXT_WORD_MAX];
        size_t m = text_fold_word(s + start, i - start, w, TEXT_WORD_MAX);
        /* NFKC can turn one character into several words (U+FDFA): split. */
        size_t a = 0;
        while (a < m) {
            while (a < m && !text_word_cp(w[a]))
                a++;
            size_t b = a;
            while (b < m && text_word_cp(w[b]))
                b++;
            if (b > a && text_emit(an, mode, w + a, b - a, start, i, fn, ctx))
                return AK_OK;
            a = b;
        }
    }
    return AK_OK;
}
