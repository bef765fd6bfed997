/*
 * wp_md.c: the Markdown writer of the WordPress converter (see wp_int.h):
 * paragraphs in progress, line breaks, and the escaping that keeps text
 * text. Every ASCII character that could open emphasis, a link, code, raw
 * HTML or an entity is escaped wherever it is; those that open a block
 * (#, -, +, =, ~, >, "1." and "1)") only at the start of a line.
 */
#include <stdio.h>
#include <string.h>
#include "ingest/wp.h"
#include "ingest/wp_int.h"
#include "text/utf8.h"


void wp_para_init(struct para *p, struct buf *out, enum para_mode mode)
{
    buf_init(&p->md, WP_HTML_MAX);
    p->out = out;
    p->mode = mode;
    p->line_start = 1;
    p->line_digits = 0;
    p->space = 0;
}

/* Drop trailing spaces and line breaks ("\\\n") from b. */
void wp_md_trim_end(struct buf *b)
{
    for (;;) {
        if (b->n > 0 && (b->p[b->n - 1] == ' ' || b->p[b->n - 1] == '\n')) {
            if (b->p[b->n - 1] == '\n' && b->n >= 2 && b->p[b->n - 2] == '\\') {
                /* "\\\n" is a break unless its backslash is itself escaped */
                size_t k = b->n - 2, bs = 0;
                while (k < b->n && b->p[k] == '\\') {
                    bs++;
                    if (k == 0)
                        break;
                    k--;
                }
                if (bs % 2 == 1) {
                    b->n -= 2;
                    continue;
                }
            }
            b->n--;
            continue;
        }
        break;
    }
    if (b->p)
        b->p[b->n] = 0;
}

/* Append block s[0..n) to out, a blank line after what is there; the
 * document's first block is noted (is_para: a paragraph of text). */
void wp_md_block(struct conv *c, struct buf *out, const char *s, size_t n, int is_para)
{
    if (n == 0)
        return;
    if (out->n > 0)
        buf_append(out, "\n\n", 2);
    buf_append(out, s, n);
    if (out == c->doc && !c->first_done) {
        c->first_done = 1;
        c->first_end = is_para ? out->n : 0;
    }
}

/* End the paragraph in progress: it goes to its out buffer as a block. */
void wp_para_flush(struct conv *c, struct para *p)
{
    wp_md_trim_end(&p->md);
    if (p->md.err && c->err == AK_OK)
        c->err = p->md.err;
    if (p->md.n > 0 && p->out)
        wp_md_block(c, p->out, p->md.p, p->md.n, 1);
    p->md.n = 0;
    if (p->md.p)
        p->md.p[0] = 0;
    p->line_start = 1;
    p->line_digits = 0;
    p->space = 0;
}

/* A block that is not a paragraph (a list, a quote): after the paragraph in
 * progress when p makes blocks, else its text as a line of p. */
void wp_para_block(struct conv *c, struct para *p, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (p->out && p->mode == PARA_BLOCK) {
        wp_para_flush(c, p);
        wp_md_block(c, p->out, s, n, 0);
    }
}

/* A line break in p (nothing at the start of a paragraph). */
void wp_para_break(struct para *p)
{
    if (p->mode == PARA_LINE) {
        p->space = 1;
        return;
    }
    if (p->md.n == 0)
        return;
    wp_md_trim_end(&p->md);
    if (p->md.n == 0)
        return;
    buf_append(&p->md, "\\\n", 2);
    p->line_start = 1;
    p->line_digits = 0;
    p->space = 0;
}

/* Owed space, then the line-start bookkeeping for a character c about to be
 * written: returns non-zero when c must be escaped because of where it is. */
static int wp_para_before(struct para *p, unsigned char c)
{
    if (p->space && p->md.n > 0 && !p->line_start)
        buf_putc(&p->md, ' ');
    p->space = 0;
    int esc = 0;
    if (p->line_start) {
        esc = c == '#' || c == '-' || c == '+' || c == '=' || c == '~' || c == '>';
        p->line_digits = c >= '0' && c <= '9';
        p->line_start = 0;
    } else if (p->line_digits) {
        if (c == '.' || c == ')')
            esc = 1;
        if (!(c >= '0' && c <= '9'))
            p->line_digits = 0;
    }
    return esc;
}

/* Append text s[0..n) to p, escaped for Markdown, whitespace collapsed (see
 * the file comment for newlines). Invalid UTF-8 becomes U+FFFD, control
 * characters are dropped. */
void wp_para_text(struct conv *c, struct para *p, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\f') {
            size_t nl = 0;
            while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n' ||
                             s[i] == '\f'))
                nl += s[i++] == '\n';
            if (c->pre && nl > 0) {
                for (size_t k = 0; k < nl; k++)
                    wp_para_break(p);
            } else if (c->classic && nl >= 2 && p->mode == PARA_BLOCK) {
                wp_para_flush(c, p);
            } else if (c->classic && nl >= 2) {
                wp_para_break(p);
            } else if (c->classic && nl == 1) {
                wp_para_break(p);
            } else {
                p->space = 1;
            }
            continue;
        }
        uint32_t cp;
        size_t len = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (len == 0) {
            wp_para_before(p, 0xEF);
            buf_append(&p->md, "\xEF\xBF\xBD", 3);
            i++;
            continue;
        }
        if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
            i += len;
            continue;
        }
        if (cp == 0xa0) {                       /* &nbsp; is a space here */
            p->space = 1;
            i += len;
            continue;
        }
        int esc = wp_para_before(p, ch);
        if (len == 1 && (esc || strchr("\\`*_[]<>&!", ch)))
            buf_putc(&p->md, '\\');
        buf_append(&p->md, s + i, len);
        i += len;
    }
}

/* Append an inline run already in Markdown (emphasis, a link, an image). */
void wp_para_md(struct para *p, const char *s, size_t n)
{
    if (n == 0)
        return;
    wp_para_before(p, 'a');
    buf_append(&p->md, s, n);
}


/* Append "(<url>)" with the URL made safe for a Markdown destination. */
void wp_md_dest(struct buf *b, const char *u)
{
    buf_append(b, "(<", 2);
    const unsigned char *s = (const unsigned char *)u;
    size_t n = strlen(u);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = s[i] >= 0x80 ? utf8_decode(s + i, n - i, &cp) : 1;
        if (len > 1) {                  /* a whole UTF-8 character: cmark escapes it */
            buf_append(b, s + i, len);
            i += len;
        } else if (s[i] <= 0x20 || s[i] >= 0x7f || s[i] == '<' || s[i] == '>' || s[i] == '\\') {
            buf_printf(b, "%%%02X", s[i++]);    /* invalid UTF-8 too */
        } else {
            buf_putc(b, (char)s[i++]);
        }
    }
    buf_append(b, ">)", 2);
}

/* Prefix every line of s[0..n) into b: first for the first line, rest for
 * the others (blank lines get rest without its trailing spaces). */
void wp_md_prefix(struct buf *b, const char *s, size_t n, const char *first,
                      const char *rest)
{
    size_t i = 0;
    int line = 0;
    while (i <= n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n;
        const char *pfx = line == 0 ? first : rest;
        if (e == i && line > 0) {
            size_t lp = strlen(pfx);
            while (lp > 0 && pfx[lp - 1] == ' ')
                lp--;
            buf_append(b, pfx, lp);
        } else {
            buf_puts(b, pfx);
            buf_append(b, s + i, e - i);
        }
        line++;
        if (!nl)
            break;
        buf_putc(b, '\n');
        i = e + 1;
    }
}
