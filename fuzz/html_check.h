/*
 * fuzz/html_check.h: the one check of HTML that render/markdown.c made,
 * shared by the targets whose input ends as an article body (markdown,
 * wp_html). Every '<' in such HTML starts a tag (text has it escaped as
 * &lt;), the tag is one cmark writes for Markdown (raw HTML is omitted, so
 * no script, style, frame or event handler can appear), and no href or src
 * holds a script or local-file URL. Attribute values are not scanned for
 * words: an image's alt text saying "onload" or "<svg" is text, and the
 * writer has escaped it (a naive scan for " on" inside tags was wp_html's
 * first oracle and aborted on such an alt text).
 */
#ifndef FUZZ_HTML_CHECK_H
#define FUZZ_HTML_CHECK_H

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "render/markdown.h"
#include "text/utf8.h"

/* The tags cmark's HTML renderer writes, without raw HTML. */
static const char *const fuzz_tags[] = {
    "p", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "em", "strong", "code", "pre",
    "a", "img", "hr", "br", "!-- raw HTML omitted --", NULL,
};

/* Non-zero when s[0..n) starts with a known tag name, and then ends it. */
static int fuzz_known_tag(const char *s, size_t n)
{
    if (n > 0 && *s == '/') {
        s++;
        n--;
    }
    for (const char *const *t = fuzz_tags; *t; t++) {
        size_t k = strlen(*t);
        if (k <= n && memcmp(s, *t, k) == 0 &&
            (k == n || s[k] == '>' || s[k] == ' ' || s[k] == '/' || s[k] == '\n'))
            return 1;
    }
    return 0;
}

/* Abort if the URL in an attribute value at s is a script or file one, or
 * (when no_data) any data: URL. */
static void fuzz_url(const char *s, int no_data)
{
    if (strncasecmp(s, "javascript:", 11) == 0 || strncasecmp(s, "vbscript:", 9) == 0 ||
        strncasecmp(s, "file:", 5) == 0 || (no_data && strncasecmp(s, "data:", 5) == 0))
        abort();
}

/* Abort unless h[0..n) is HTML as render/markdown.c may write it. */
static void fuzz_html(const char *h, size_t n, int no_data)
{
    if (n > MARKDOWN_HTML_MAX || strlen(h) != n || !utf8_valid(h, n))
        abort();
    for (const char *p = h; (p = memchr(p, '<', n - (size_t)(p - h))); p++)
        if (!fuzz_known_tag(p + 1, n - (size_t)(p + 1 - h)))
            abort();
    for (const char *p = h; (p = strstr(p, " href=\"")); p += 7)
        fuzz_url(p + 7, no_data);
    for (const char *p = h; (p = strstr(p, " src=\"")); p += 6)
        fuzz_url(p + 6, no_data);
}

#endif
