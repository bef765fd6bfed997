/*
 * utf8.h: strict UTF-8 decoding (RFC 3629): no overlongs, no surrogates,
 * nothing above U+10FFFF.
 */
#ifndef AK_UTF8_H
#define AK_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode one code point from s[0..n). Returns its length (1..4) and sets *cp,
 * or returns 0 when s does not start with a valid sequence (or n == 0). */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Encode cp into out (4 bytes room); returns the length, 0 if cp is invalid. */
size_t utf8_encode(uint32_t cp, unsigned char *out);
/* Non-zero when all of s[0..n) is valid UTF-8 without NUL bytes. */
int utf8_valid(const char *s, size_t n);
/* Length of the longest prefix of s[0..n) that is at most max bytes and ends
 * on a code point boundary (s assumed valid). */
size_t utf8_clip(const char *s, size_t n, size_t max);

#endif
