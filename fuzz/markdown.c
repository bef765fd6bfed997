/*
 * fuzz/markdown.c: libFuzzer target for article bodies (render/markdown.h).
 * Any bytes must be refused (invalid UTF-8, or past the bounds on nesting
 * and size) or render to valid UTF-8 within MARKDOWN_HTML_MAX whose every
 * tag is one cmark writes for Markdown (raw HTML never passes: it is
 * omitted), whose headings are h2..h4, and whose links and images never
 * carry a script URL. markdown_too_deep must agree with a refusal for
 * nesting, and the plain text for search must be valid UTF-8 without
 * control characters but newlines.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "render/html.h"
#include "render/markdown.h"
#include "text/utf8.h"
#include "html_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *md = (const char *)data;
    struct arena a;
    arena_init(&a, 32u << 20);
    const struct html_safe *h = NULL;
    enum ak_err rc = markdown_render(&a, md, size, &h);
    int valid = utf8_valid(md, size);
    if ((rc == AK_EINVAL) != !valid)
        abort();
    if (rc == AK_OK)
        fuzz_html(html_safe_str(h), html_safe_len(h), 0);
    else if (rc != AK_EINVAL && rc != AK_ETOOBIG)
        abort();
    if (valid && markdown_too_deep(md, size) && rc != AK_ETOOBIG)
        abort();                        /* too deep, yet rendered */
    if (valid) {
        const char *t = NULL;
        size_t tn = 0;
        if (markdown_plaintext(&a, md, size, &t, &tn) != AK_OK || !utf8_valid(t, tn) ||
            strlen(t) != tn)
            abort();
        for (size_t i = 0; i < tn; i++)
            if (((unsigned char)t[i] < 0x20 && t[i] != '\n') || t[i] == 0x7f)
                abort();
    }
    arena_reset(&a);
    return 0;
}
