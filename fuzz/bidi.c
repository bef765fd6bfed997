/*
 * fuzz/bidi.c: libFuzzer target for text_bidi_clean (text/bidi.h), which
 * every stored name goes through. Invalid UTF-8 must come back unchanged;
 * valid input must come back valid, no longer, with every character that
 * is not a bidi control in its place and order (separators as spaces), with
 * its controls nested as brackets, and unchanged when cleaned again.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "text/bidi.h"
#include "text/utf8.h"

/* 1 for an initiator, 2 for a closer, 3 for a mark, 4 for a separator, else 0. */
static int fuzz_kind(uint32_t c)
{
    if ((c >= 0x202A && c <= 0x202E && c != 0x202C) || (c >= 0x2066 && c <= 0x2068))
        return 1;
    if (c == 0x202C || c == 0x2069)
        return 2;
    if (c == 0x200E || c == 0x200F || c == 0x061C)
        return 3;
    return c == 0x2028 || c == 0x2029 ? 4 : 0;
}

/* The text without its controls, separators as spaces, into out. */
static size_t fuzz_strip(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0, len; i < n; i += len) {
        uint32_t c;
        len = utf8_decode((const unsigned char *)s + i, n - i, &c);
        int k = fuzz_kind(c);
        if (k == 4)
            out[o++] = ' ';
        else if (k == 0)
            memcpy(out + o, s + i, len), o += len;
    }
    return o;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1), *t = malloc(size + 1), *u = malloc(size + 1);
    if (!s || !t || !u)
        abort();
    memcpy(s, data, size);
    size_t n = text_bidi_clean(s, size);
    if (!utf8_valid((const char *)data, size)) {
        if (n != size || memcmp(s, data, size) != 0)
            abort();
    } else {
        if (n > size || !utf8_valid(s, n))
            abort();
        size_t a = fuzz_strip((const char *)data, size, t), b = fuzz_strip(s, n, u);
        if (a != b || memcmp(t, u, a) != 0)
            abort();
        char open[TEXT_BIDI_DEPTH];
        size_t d = 0;
        for (size_t i = 0, len; i < n; i += len) {
            uint32_t c;
            len = utf8_decode((const unsigned char *)s + i, n - i, &c);
            int k = fuzz_kind(c);
            if (k == 1 && d == TEXT_BIDI_DEPTH)
                abort();
            if (k == 1)
                open[d++] = c >= 0x2066 ? 'i' : 'e';
            if (k == 2 && (d == 0 || open[--d] != (c == 0x2069 ? 'i' : 'e')))
                abort();
        }
        if (d != 0)
            abort();
        memcpy(t, s, n);
        if (text_bidi_clean(t, n) != n || memcmp(t, s, n) != 0)
            abort();
    }
    free(s);
    free(t);
    free(u);
    return 0;
}
