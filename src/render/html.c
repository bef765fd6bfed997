/*
 * html.c: the escaping writer (see html.h). Every byte of a page passes
 * through one of the functions here.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "render/html_private.h"

void html_init(struct html *h, size_t max)
{
    buf_init(&h->b, max);
}

void html_reset(struct html *h)
{
    buf_reset(&h->b);
}

void html_lit_(struct html *h, const char *s, size_t n)
{
    buf_append(&h->b, s, n);
}

void html_safe(struct html *h, const struct html_safe *s)
{
    if (s && s->p)
        buf_append(&h->b, s->p, s->n);
}

const struct html_safe *html_safe_make(struct arena *a, const char *p, size_t n)
{
    struct html_safe *s = p ? arena_alloc(a, sizeof *s) : NULL;
    if (s)
        *s = (struct html_safe){ .p = p, .n = n };
    return s;
}

const struct html_safe *html_safe_from_store(struct arena *a, const char *p)
{
    return html_safe_make(a, p, p ? strlen(p) : 0);
}

const char *html_safe_str(const struct html_safe *s)
{
    return s && s->p ? s->p : "";
}

size_t html_safe_len(const struct html_safe *s)
{
    return s && s->p ? s->n : 0;
}

void html_text(struct html *h, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep;
        size_t skip = 1;
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        case 0xEF:                      /* U+FFFE and U+FFFF are not characters */
            if (i + 2 >= n || (unsigned char)s[i + 1] != 0xBF ||
                ((unsigned char)s[i + 2] & 0xFE) != 0xBE)
                continue;
            rep = "";
            skip = 3;
            break;
        default:
            /* control characters other than tab, LF and CR are not text */
            if ((c >= 0x20 && c != 0x7f) || c == '\t' || c == '\n' || c == '\r')
                continue;
            rep = "";
            break;
        }
        buf_append(&h->b, s + run, i - run);
        buf_puts(&h->b, rep);
        i += skip - 1;
        run = i + 1;
    }
    buf_append(&h->b, s + run, n - run);
}

void html_attr(struct html *h, const char *s, size_t n)
{
    html_text(h, s, n);
}

void html_url(struct html *h, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            buf_putc(&h->b, (char)c);
        } else {
            char e[3] = { '%', hex[c >> 4], hex[c & 15] };
            buf_append(&h->b, e, 3);
        }
    }
}

void html_json(struct html *h, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            char e[2] = { '\\', (char)c };
            buf_append(&h->b, e, 2);
        } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\'') {
            char e[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
            buf_append(&h->b, e, 6);
        } else {
            buf_putc(&h->b, (char)c);
        }
    }
}

void html_printf_(struct html *h, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *p = fmt;
    while (*p) {
        const char *q = strchr(p, '%');
        if (!q) {
            buf_puts(&h->b, p);
            break;
        }
        buf_append(&h->b, p, (size_t)(q - p));
        char num[32];
        const char *s;
        switch (q[1]) {
        case 'H': case 'A': case 'U': case 'J':
            s = va_arg(ap, const char *);
            if (s) {
                size_t n = strlen(s);
                if (q[1] == 'U')
                    html_url(h, s, n);
                else if (q[1] == 'J')
                    html_json(h, s, n);
                else
                    html_text(h, s, n);
            }
            break;
        case 'd':
            snprintf(num, sizeof num, "%d", va_arg(ap, int));
            buf_puts(&h->b, num);
            break;
        case 'D':
            snprintf(num, sizeof num, "%" PRId64, va_arg(ap, int64_t));
            buf_puts(&h->b, num);
            break;
        case 'z':
            snprintf(num, sizeof num, "%zu", va_arg(ap, size_t));
            buf_puts(&h->b, num);
            break;
        case 'S':
            html_safe(h, va_arg(ap, const struct html_safe *));
            break;
        case '%':
            buf_putc(&h->b, '%');
            break;
        default:
            /* An unknown conversion is a programming error; write nothing
             * and poison the buffer so that it is noticed. */
            if (!h->b.err)
                h->b.err = AK_EINVAL;
            va_end(ap);
            return;
        }
        p = q + 2;
    }
    va_end(ap);
}
