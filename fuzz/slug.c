/*
 * fuzz/slug.c: libFuzzer target for URL slugs (text/slug.h), made from
 * titles typed in the editor or imported. The first byte picks the longest
 * slug allowed, the rest is the title (valid UTF-8 only, as the callers
 * guarantee). A slug must be valid UTF-8 within its length, never empty,
 * free of what a URL path would need escaped among ASCII (only a-z, 0-9 and
 * '-', no '-' at either end or twice in a row), and the same when made
 * again from itself: the editor passes a stored slug through text_slug at
 * every save, so a slug that changed would move the article's URL.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "text/slug.h"
#include "text/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t max = 8 + data[0] % 193;
    char *title = malloc(size);
    if (!title)
        return 0;
    memcpy(title, data + 1, size - 1);
    title[size - 1] = 0;
    if (!utf8_valid(title, size - 1)) {
        free(title);
        return 0;
    }
    struct arena a;
    arena_init(&a, 0);
    char *s = text_slug(&a, title, max);
    if (!s)
        abort();
    size_t n = strlen(s);
    if (n == 0 || n > max || !utf8_valid(s, n) || s[0] == '-' || s[n - 1] == '-' ||
        strstr(s, "--"))
        abort();
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80 && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-')
            abort();
    }
    char *again = text_slug(&a, s, max);
    if (!again || strcmp(again, s) != 0)
        abort();
    arena_reset(&a);
    free(title);
    return 0;
}
