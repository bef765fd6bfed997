/*
 * fuzz/urlpath.c: libFuzzer target for the normal form of old URL paths
 * (text/urlpath.h), which reads what any client sends. For any bytes the
 * result is NULL or a path: it starts with '/', has no "//", no final '/'
 * (but the root), no control character, no '?' or '#', is at most
 * TEXT_URLPATH_MAX bytes, and is its own normal form (the key an import
 * stores and the key a request looks up must agree).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "text/urlpath.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    arena_init(&a, 0);
    const char *p = text_urlpath(&a, (const char *)data, size);
    if (p) {
        size_t n = strlen(p);
        if (n == 0 || n > TEXT_URLPATH_MAX || p[0] != '/' || strstr(p, "//") ||
            (n > 1 && p[n - 1] == '/') || strchr(p, '?') || strchr(p, '#'))
            abort();
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)p[i] < 0x20 || p[i] == 0x7F)
                abort();
        const char *q = text_urlpath(&a, p, n);
        if (!q || strcmp(p, q) != 0)
            abort();
    }
    arena_reset(&a);
    return 0;
}
