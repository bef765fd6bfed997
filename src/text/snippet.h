/*
 * snippet.h: a few words of a text around the words a search matched, for
 * the results page, with each match marked.
 *
 * A match is decided by the analyzer, as the search index decides it: a word
 * of the text matches a term when any of its forms (surface or stem, index
 * mode) equals the term's form. Each term belongs to a unit of the query (a
 * word and its alternatives, or a phrase); the window shown is the one with
 * the most distinct units, then the earliest. The analysis stops once every
 * unit has been seen and the window after the last of them is complete, and
 * in any case once the window after the first match is complete and 100
 * words were read: a match near the start of a long text costs only the
 * start (a results page makes twenty snippets).
 */
#ifndef AK_SNIPPET_H
#define AK_SNIPPET_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"

struct text_analyzer;

#define TEXT_SNIPPET_OPEN '\x01'        /* before each matched word */
#define TEXT_SNIPPET_CLOSE '\x02'       /* after it */
#define TEXT_SNIPPET_UNITS 32           /* units told apart (more share the last) */

/* A form to find, and the query unit (0 .. TEXT_SNIPPET_UNITS-1) it stands for. */
struct text_snippet_term {
    const char *form;
    size_t n;
    unsigned unit;
};

/* The words of s[0..n) around the matches of terms: at most `words` words,
 * starting a few words before the first match of the best window, with
 * TEXT_SNIPPET_OPEN/CLOSE around each matched word (or run of words of one
 * unit with only spaces between: a phrase) and "…" where the text was cut,
 * NUL-terminated, in arena a (marker bytes in s itself are dropped). *out is NULL when nothing matched. expect is
 * the units known to be in s (bit 1 << unit), when the caller knows (the
 * search index does), else 0: every unit of the terms; the analysis stops
 * early only once the expected units were seen. Returns AK_OK, AK_EINVAL (s
 * is not valid UTF-8) or AK_ENOMEM. */
enum ak_err text_snippet(struct text_analyzer *an, struct arena *a, const char *s, size_t n,
                         const struct text_snippet_term *terms, size_t nterms, size_t words,
                         uint32_t expect, const char **out);

#endif
