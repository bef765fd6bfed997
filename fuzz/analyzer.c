/*
 * fuzz/analyzer.c: libFuzzer target for the Arabic analyzer. Any bytes must
 * be refused (invalid UTF-8) or split into forms that are valid UTF-8, no
 * longer than a word may be, with offsets inside the input, in order. The
 * input's own first forms are then searched for in it (text/snippet.h): the
 * snippet must be valid UTF-8 with its marks paired.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "text/analyzer.h"
#include "text/snippet.h"
#include "text/utf8.h"

#define FUZZ_TERMS 4

struct fuzz_state {
    size_t n, last_start;
    struct text_snippet_term terms[FUZZ_TERMS];
    char forms[FUZZ_TERMS][4 * TEXT_WORD_MAX + 2];
    size_t nterms;
};

static int fuzz_form(void *ctx, const char *form, size_t n, size_t start, size_t end, int col)
{
    struct fuzz_state *st = ctx;
    if (n == 0 || n > 4 * TEXT_WORD_MAX + 1 || !utf8_valid(form, n) || start >= end ||
        end > st->n || start < st->last_start || (col && form[0] != TEXT_STEM_MARK))
        abort();
    st->last_start = start;
    if (st->nterms < FUZZ_TERMS) {
        memcpy(st->forms[st->nterms], form, n);
        st->terms[st->nterms] = (struct text_snippet_term){ st->forms[st->nterms], n,
                                                            (unsigned)st->nterms % 3 };
        st->nterms++;
    }
    return 0;
}

/* The snippet's marks open and close in turn, and it is valid UTF-8. */
static void fuzz_snippet(struct text_analyzer *an, const uint8_t *data, size_t size,
                         struct fuzz_state *st)
{
    struct arena a;
    arena_init(&a, 0);
    const char *out = NULL;
    enum ak_err rc = text_snippet(an, &a, (const char *)data, size, st->terms, st->nterms,
                                  1 + size % 30, size % 3 == 0 ? 1 : 0, &out);
    if (rc != AK_OK && rc != AK_ENOMEM)
        abort();
    if (st->nterms > 0 && rc == AK_OK && !out)
        abort();                        /* its own first word matches */
    if (out) {
        int open = 0;
        for (const char *p = out; *p; p++) {
            if (*p == TEXT_SNIPPET_OPEN && open++)
                abort();
            if (*p == TEXT_SNIPPET_CLOSE && !open--)
                abort();
        }
        if (open || !utf8_valid(out, strlen(out)))
            abort();
    }
    arena_reset(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct text_analyzer *an;
    if (!an && !(an = text_analyzer_new()))
        return 0;
    text_analyzer_set_stemmer(an, size % TEXT_STEMMER__MAX);
    struct fuzz_state st = { .n = size };
    enum ak_err rc = text_analyze(an, TEXT_MODE_INDEX, (const char *)data, size, fuzz_form, &st);
    if ((rc == AK_OK) != utf8_valid((const char *)data, size))
        abort();
    if (rc == AK_OK)
        fuzz_snippet(an, data, size, &st);
    return 0;
}
