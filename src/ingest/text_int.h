/*
 * text_int.h: what the plain-text importer's files share (internal to
 * src/ingest/): text.c parses (the heuristics are listed there),
 * text_lines.c classifies and compares lines, text_out.c writes the article.
 */
#ifndef AK_INGEST_TEXT_INT_H
#define AK_INGEST_TEXT_INT_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/buf.h"
#include "ingest/ingest.h"

enum {
    TEXT_MAX_LINES = 20000,     /* lines in a page, blank ones too: one article has far
                                 * fewer, and each costs memory while the page is read */
    TEXT_MAX_TITLE = 500,       /* bytes in a headline */
    TEXT_MAX_LEDE = 10000,      /* bytes in the lede, as in NDJSON: it is on every card */
    TEXT_MAX_BODY = 2 << 20,    /* bytes of Markdown body */
    TEXT_MAX_AUTHOR = 200,      /* bytes in a byline */
    TEXT_MAX_TAGS = 20,
    TEXT_MAX_TAG = 100,         /* bytes in a tag */
    TEXT_HEAD_WORDS = 12,       /* a subheading has at most this many words */
    TEXT_NAV_WORDS = 8,         /* a navigation line has at most this many */
    TEXT_MAX_NAV = 4,           /* navigation lines before the headline */
};

/* One non-blank input line. */
struct tline {
    const char *p;              /* trimmed text, pointing into the input */
    size_t n;
    size_t no;                  /* 1-based line number in the input */
    int gap;                    /* a blank line comes before it */
    char *f;                    /* fold()ed text, NUL-terminated, in the arena */
    size_t fn;
    size_t words;               /* whitespace-separated words */
    int end_punct;              /* ends in sentence punctuation */
    int has_punct;              /* has sentence punctuation anywhere */
    int drop;                   /* chrome: leave it out */
};

/* Folded labels and names, made once per parse. */
struct tpat {
    const char *f;
    size_t fn;
};

/* Folded patterns for one parse. */
struct tctx {
    struct arena *a;
    struct tpat *cut, *drop, *social, *also, *tagl, *nav, *date, *agency, *sec;
    size_t ncut, ndrop, nsocial, nalso, ntagl, nnav, ndate, nagency;
    const struct section *secs;
    size_t nsecs;               /* sec[i] is secs[i].name folded; fn 0 if unnamed */
};

/* ---- text_lines.c ---- */

/* Letters and digits of any script, as opposed to spaces and punctuation. */
int ingest_text_is_wordchar(uint32_t c);
/* Decode the code point at s[i..n), which must be valid UTF-8 (the input, the
 * folded copies and the labels all are); *len gets its length. */
uint32_t ingest_text_cp(const char *s, size_t n, size_t i, size_t *len);
/* The code point ending at s[end) (end > 0), and in *start where it begins. */
uint32_t ingest_text_cp_before(const char *s, size_t end, size_t *start);
/* A light normalization for comparing labels and names, into arena a: the
 * fold the search analyzer uses (text_char_fold: أ إ آ ٱ to ا, ى to ي, ة to
 * ه, ؤ to و, ئ to ي, diacritics and tatweel deleted, Arabic-Indic digits to
 * ASCII, ASCII lowercased); deletes invisible marks; turns runs of spaces
 * into one and trims; and splits words run together (text_is_glue) with a
 * space, since once ة and ى are folded nothing else shows where the first
 * word ended. The result is at most 2n bytes. Returns NULL when out of
 * memory. */
char *ingest_text_fold(struct arena *a, const char *s, size_t n, size_t *outn);
/* Fold the NULL-terminated list src into a new array of patterns; *np gets its length. */
struct tpat *ingest_text_fold_list(struct arena *a, const char *const *src, size_t *np);
/* The folded text f[0..n) without trailing punctuation, digits and spaces
 * (so "اقرأ أيضا:" and "التعليقات (3)" compare as their labels). */
size_t ingest_text_label_len(const char *f, size_t n);
/* Non-zero when the folded line f[0..n) is exactly one of the patterns. */
int ingest_text_is_label(const char *f, size_t n, const struct tpat *p, size_t np);
/* If folded f[0..n) starts with one of the patterns followed by the end of
 * the line or a space or punctuation, return the pattern's length; else 0. */
size_t ingest_text_starts_label(const char *f, size_t n, const struct tpat *p, size_t np);
/* Non-zero when every word of the folded line is one of the patterns. */
int ingest_text_all_words_in(const char *f, size_t n, const struct tpat *p, size_t np);
/* The section named in folded line l: earliest in the line, longest on a tie.
 * Returns its index in c->secs or -1. */
long ingest_text_line_section(const struct tctx *c, const struct tline *l);
/* Fill l's word count and punctuation flags from its raw text. */
void ingest_text_scan_line(struct tline *l);
/* Short and without final punctuation: a subheading, if it stands between paragraphs. */
int ingest_text_is_short(const struct tline *l);
/* Could be navigation: few words and no sentence punctuation. */
int ingest_text_is_navlike(const struct tline *l);
/* Could be a headline: not too long and not ending with a full stop. */
int ingest_text_is_headlike(const struct tline *l);
/* Words run together (text_is_glue), in the line as written. */
int ingest_text_is_glued(const struct tline *l);
/* A breadcrumb trail: two or more short parts separated by » › > | / ←, and no «. */
int ingest_text_is_breadcrumb(const struct tline *l);
/* Non-zero when the line is made only of section names and navigation words
 * (and separators). Returns -1 when out of memory. */
int ingest_text_is_all_nav(const struct tctx *c, const struct tline *l);
/* Non-zero when b repeats headline a: one folded form is a prefix of the
 * other ending at a word boundary, or contains the other (of 3+ words), and
 * the longer still looks like a headline (no full stop, at most twice the
 * words plus 4), so that a lede that opens with the headline stays a lede. */
int ingest_text_repeats(const struct tline *a, const struct tline *b);
/* Non-zero when every word of the line is a number or a date word. */
int ingest_text_is_date_line(const struct tctx *c, const struct tline *l);
/* If l is a byline, return the name's offset in l->p (after the keyword and
 * any : or -), else 0. */
size_t ingest_text_byline(const struct tline *l);

/* ---- text_out.c ---- */

/* Copy s[0..n) into the arena with control characters turned into spaces. */
char *ingest_text_dup_clean(struct arena *a, const char *s, size_t n);
/* Append s[0..n) to b so that cmark shows it as plain text: backslash before
 * \ ` * _ < [ ] & everywhere, before # anywhere in a heading, and before a
 * line-initial # > - + = | ~ or the . ) of a leading number. Control
 * characters become spaces. */
void ingest_text_md_escape(struct buf *b, const char *s, size_t n, int heading);
/* Split the raw text after a tags label into out->tags (up to TEXT_MAX_TAGS,
 * folded duplicates dropped): on ، , ؛ ; | when there are any, else on spaces. */
enum ak_err ingest_text_add_tags(struct tctx *c, const char *s, size_t n, struct article_in *out,
                                 size_t *cap);
/* Look for a news agency in line l (see the file comment); NULL if none. */
const char *ingest_text_find_source(const struct tctx *c, const struct tline *l);

#endif
