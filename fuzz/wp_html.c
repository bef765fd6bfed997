/*
 * fuzz/wp_html.c: libFuzzer target for WordPress post content (HTML with
 * shortcodes and Gutenberg comments) into Markdown. Besides crashes and
 * leaks it checks that the Markdown is valid UTF-8, renders, and that the
 * HTML rendered from it passes html_check.h: only the tags cmark writes for
 * Markdown (so no script, style, frame or event handler) and no script,
 * file or data: URL in href or src.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ingest/wp.h"
#include "render/markdown.h"
#include "text/utf8.h"
#include "html_check.h"

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
        fuzz_html(html_safe_str(h), html_safe_len(h), 1);
    }
    const char *text;
    if (wp_html_text(&a, (const char *)data, size, &text) == AK_OK && !utf8_valid(text, strlen(text)))
        abort();
    arena_reset(&a);
    return 0;
}
