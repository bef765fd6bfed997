/*
 * wp_int.h: the Markdown writer inside the WordPress converter, shared by
 * wp_html.c (the tree walk) and wp_md.c (paragraphs, escaping). Not for
 * use outside src/ingest/wp_*.c.
 */
#ifndef AK_INGEST_WP_INT_H
#define AK_INGEST_WP_INT_H

#include <stddef.h>
#include "base/buf.h"
#include "base/err.h"

enum { MD_DEPTH_MAX = 200 };

/* How a paragraph in progress treats a paragraph break found in text. */
enum para_mode {
    PARA_BLOCK,                 /* ends the paragraph: flushed to out */
    PARA_NESTED,                /* inside emphasis or a link: a line break */
    PARA_LINE,                  /* a heading or a caption: a space */
};

struct para {
    struct buf md;              /* the paragraph's Markdown so far */
    struct buf *out;            /* where finished blocks go (PARA_BLOCK), else NULL */
    enum para_mode mode;
    int line_start;             /* nothing but escapes written on this line yet */
    int line_digits;            /* the line so far is digits (an ordered list marker?) */
    int space;                  /* a space is owed before the next text */
};

struct conv {
    int classic;                /* wpautop applies */
    int pre;                    /* inside <pre>: newlines are line breaks */
    size_t dropped;
    size_t first_end;           /* see struct wp_md */
    int first_done;             /* the first block has been written */
    struct buf *doc;            /* the document's Markdown */
    enum ak_err err;
};

void wp_para_init(struct para *p, struct buf *out, enum para_mode mode);
/* Drop trailing spaces and line breaks ("\\\n") from b. */
void wp_md_trim_end(struct buf *b);
/* Append block s[0..n) to out, a blank line after what is there; the
 * document's first block is noted (is_para: a paragraph of text). */
void wp_md_block(struct conv *c, struct buf *out, const char *s, size_t n, int is_para);
/* End the paragraph in progress: it goes to its out buffer as a block. */
void wp_para_flush(struct conv *c, struct para *p);
/* A block that is not a paragraph (a list, a quote) after the paragraph in
 * progress, when p makes blocks (else nothing). */
void wp_para_block(struct conv *c, struct para *p, const char *s, size_t n);
/* A line break in p (nothing at the start of a paragraph). */
void wp_para_break(struct para *p);
/* Append text s[0..n) to p, escaped for Markdown, whitespace collapsed
 * (newlines per c: wpautop, <pre>). Invalid UTF-8 becomes U+FFFD, control
 * characters are dropped. */
void wp_para_text(struct conv *c, struct para *p, const char *s, size_t n);
/* Append an inline run already in Markdown (emphasis, a link, an image). */
void wp_para_md(struct para *p, const char *s, size_t n);
/* Append "(<url>)" with the URL made safe for a Markdown destination. */
void wp_md_dest(struct buf *b, const char *u);
/* Prefix every line of s[0..n) into b: first for the first line, rest for
 * the others (blank lines get rest without its trailing spaces). */
void wp_md_prefix(struct buf *b, const char *s, size_t n, const char *first, const char *rest);

#endif
