/*
 * fuzz/analyzer.c: libFuzzer target for the Arabic analyzer. Any bytes must
 * be refused (invalid UTF-8) or split into forms that are valid UTF-8, no
 * longer than a word may be, with offsets inside the input, in order.
 */
#include <stdint.h>
#include <stdlib.h>
#include "text/analyzer.h"
#include "text/utf8.h"

struct fuzz_state {
    size_t n, last_start;
};

static int fuzz_form(void *ctx, const char *form, size_t n, size_t start, size_t end, int col)
{
    struct fuzz_state *st = ctx;
    if (n == 0 || n > 4 * TEXT_WORD_MAX + 1 || !utf8_valid(form, n) || start >= end ||
        end > st->n || start < st->last_start || (col && form[0] != TEXT_STEM_MARK))
        abort();
    st->last_start = start;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct text_analyzer *an;
    if (!an && !(an = text_analyzer_new()))
        return 0;
    text_analyzer_set_stemmer(an, size % TEXT_STEMMER__MAX);
    struct fuzz_state st = { size, 0 };
    enum ak_err rc = text_analyze(an, TEXT_MODE_INDEX, (const char *)data, size, fuzz_form, &st);
    if ((rc == AK_OK) != utf8_valid((const char *)data, size))
        abort();
    return 0;
}
