/*
 * fuzz/wp_html.c: libFuzzer target for WordPress post content (HTML with
 * shortcodes and Gutenberg comments) into Markdown. Besides crashes and
 * leaks it checks that the Markdown is valid UTF-8, renders, and that the
 * HTML rendered from it has no script, style or frame element and no event
 * handler or javascript:/data: URL inside any tag.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ingest/wp.h"
#include "render/markdown.h"
#include "text/utf8.h"

static int lower_has(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && (s[i + j] | 0x20) == needle[j])
            j++;
        if (j == k)
            return 1;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    arena_init(&a, 256u << 20);
    struct wp_md r;
    if (wp_html_md(&a, (const char *)data, size, &r) == AK_OK) {
        size_t n = strlen(r.md);
        if (!utf8_valid(r.md, n) || r.first_end > n)
            abort();
        const struct html_safe *h;
        if (markdown_render(&a, r.md, n, &h) != AK_OK)
            abort();
        const char *out = html_safe_str(h);
        for (const char *p = strchr(out, '<'); p; p = strchr(p + 1, '<')) {
            const char *e = strchr(p, '>');
            size_t tn = e ? (size_t)(e - p) : strlen(p);
            if (lower_has(p, tn, "<script") || lower_has(p, tn, "<style") ||
                lower_has(p, tn, "<iframe") || lower_has(p, tn, " on") ||
                lower_has(p, tn, "javascript:") || lower_has(p, tn, "data:"))
                abort();
        }
    }
    const char *text;
    if (wp_html_text(&a, (const char *)data, size, &text) == AK_OK && !utf8_valid(text, strlen(text)))
        abort();
    arena_reset(&a);
    return 0;
}
