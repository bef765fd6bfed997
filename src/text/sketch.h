/*
 * sketch.h: near-duplicate detection for wire copy: a MinHash sketch of a
 * text's set of stems (sketch.c).
 *
 * Two agencies' versions of one story share most of their content words but
 * little of their wording: the sketch is taken over the analyzer's light
 * stems (so that اعلنت and أعلن, الوزارة and وزارة agree), stopwords left
 * out, as a set. The share of equal slots of two sketches estimates the
 * Jaccard similarity of the two sets; eval/wire/ measures which share
 * separates the same story from another story on the same topic.
 */
#ifndef AK_TEXT_SKETCH_H
#define AK_TEXT_SKETCH_H

#include <stddef.h>
#include <stdint.h>
#include "base/err.h"

#define TEXT_SKETCH_K 256       /* slots: the estimate's error is about 1/sqrt(K) */

struct text_analyzer;

struct text_sketch {
    uint32_t slot[TEXT_SKETCH_K];   /* the least hash of the set under each function */
    uint32_t nfeatures;             /* distinct stems seen; 0: an empty sketch */
};

/* The sketch of s[0..n) (UTF-8; anything else gives AK_EINVAL) into *out.
 * Returns AK_OK, AK_EINVAL or AK_ENOMEM. */
enum ak_err text_sketch_make(struct text_analyzer *an, const char *s, size_t n,
                             struct text_sketch *out);
/* The share (0..1) of equal slots: the estimated Jaccard similarity. Two
 * sketches of which one is empty have 0. */
double text_sketch_similarity(const struct text_sketch *a, const struct text_sketch *b);

/* The sketch as TEXT_SKETCH_BYTES bytes (little-endian slots) and back; for
 * storage. text_sketch_decode returns 0 when n is not TEXT_SKETCH_BYTES. */
#define TEXT_SKETCH_BYTES (TEXT_SKETCH_K * 4)
void text_sketch_encode(const struct text_sketch *sk, unsigned char out[TEXT_SKETCH_BYTES]);
int text_sketch_decode(const void *p, size_t n, struct text_sketch *sk);

#endif
