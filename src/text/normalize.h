/*
 * normalize.h: the analyzer's folding of code points and words (internal to
 * src/text/; callers use analyzer.h).
 */
#ifndef AK_NORMALIZE_H
#define AK_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

/* The folded form of code point c (analyzer.h lists the rules), or 0 when c
 * is dropped (marks, tatweel, format characters). */
uint32_t text_fold_cp(uint32_t c);
/* NFKC (when needed) and fold the word w[0..n) into at most cap code points
 * of out; returns how many. w must be valid UTF-8. NFKC may turn one
 * character into several words (U+FDFA): the caller splits again. */
size_t text_fold_word(const char *w, size_t n, uint32_t *out, size_t cap);
/* UTF-8 of w[0..n) into out (cap bytes, NUL-terminated); returns the length. */
size_t text_encode(const uint32_t *w, size_t n, char *out, size_t cap);

#endif
