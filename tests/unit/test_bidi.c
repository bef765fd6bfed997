/*
 * test_bidi.c: text_bidi_clean (text/bidi.h), the one function every stored
 * name goes through: cases by hand, then 300,000 random names checked for
 * what must always hold.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "text/bidi.h"
#include "text/utf8.h"
#include "t.h"

#define LRE "\u202A"
#define RLE "\u202B"
#define PDF "\u202C"
#define LRO "\u202D"
#define RLO "\u202E"
#define LRI "\u2066"
#define RLI "\u2067"
#define FSI "\u2068"
#define PDI "\u2069"
#define LRM "\u200E"
#define RLM "\u200F"
#define ALM "\u061C"
#define LS "\u2028"
#define PS "\u2029"

static char got[4096];

/* text_bidi_clean of a copy of s, NUL-terminated in got. */
static const char *clean(const char *s)
{
    size_t n = strlen(s);
    memcpy(got, s, n);
    got[text_bidi_clean(got, n)] = 0;
    return got;
}

static void test_cases(void)
{
    /* Nothing to do. */
    CHECK_STR(clean(""), "");
    CHECK_STR(clean("أحمد"), "أحمد");
    CHECK_STR(clean("Ahmed أحمد 2"), "Ahmed أحمد 2");
    CHECK_STR(clean("لا\u200Cحرف"), "لا\u200Cحرف");        /* ZWNJ is not a bidi control */
    /* The attack: an override never closed. */
    CHECK_STR(clean(RLO "abc"), "abc");
    CHECK_STR(clean("abc" RLO), "abc");
    CHECK_STR(clean("evil" RLO "gnp.exe"), "evilgnp.exe");
    CHECK_STR(clean(LRO "x" LRO "y"), "xy");
    CHECK_STR(clean(RLE "x"), "x");
    CHECK_STR(clean(LRI "x"), "x");
    CHECK_STR(clean(RLI FSI "x"), "x");
    /* Closers that close nothing. */
    CHECK_STR(clean(PDF "x"), "x");
    CHECK_STR(clean("x" PDI PDI), "x");
    CHECK_STR(clean(PDF PDI PDF), "");
    /* Pairs stay, nested or in a row. */
    CHECK_STR(clean("a" RLO "b" PDF "c"), "a" RLO "b" PDF "c");
    CHECK_STR(clean(LRE "a" PDF RLE "b" PDF), LRE "a" PDF RLE "b" PDF);
    CHECK_STR(clean(LRI "a" RLI "b" PDI PDI), LRI "a" RLI "b" PDI PDI);
    CHECK_STR(clean(FSI "a" LRE "b" PDF PDI), FSI "a" LRE "b" PDF PDI);
    CHECK_STR(clean(RLE LRI "x" PDI PDF), RLE LRI "x" PDI PDF);
    /* A PDI closes the embeddings opened inside its isolate: they were never
     * closed, so they go, and the PDF after it closes nothing. */
    CHECK_STR(clean(LRI RLE "x" PDI PDF), LRI "x" PDI);
    CHECK_STR(clean(LRI RLO LRE "x" PDI), LRI "x" PDI);
    /* A PDF does not close an embedding from outside an open isolate. */
    CHECK_STR(clean(RLE LRI "x" PDF PDI), LRI "x" PDI);
    /* Half of a pair each way. */
    CHECK_STR(clean(RLO "a" PDF PDF), RLO "a" PDF);
    CHECK_STR(clean(RLO RLO "a" PDF), RLO "a" PDF);        /* the inner one is closed */
    CHECK_STR(clean(LRI "a" PDI PDI RLI), LRI "a" PDI);
    /* Marks: one between letters stays; at either end, or repeated, it goes. */
    CHECK_STR(clean("(a)" RLM "ب"), "(a)" RLM "ب");
    CHECK_STR(clean(RLM "أحمد"), "أحمد");
    CHECK_STR(clean("أحمد" LRM), "أحمد");
    CHECK_STR(clean(ALM "x" ALM), "x");
    CHECK_STR(clean("a" RLM RLM LRM "b"), "a" RLM "b");
    CHECK_STR(clean(RLM LRM RLM), "");
    CHECK_STR(clean("a" RLM RLO LRM "b"), "a" RLM "b");       /* adjacent once RLO goes */
    CHECK_STR(clean("a" RLM LRI PDI LRM "b"), "a" RLM LRI PDI LRM "b");
    CHECK_STR(clean(RLO RLM "x" RLM PDI), "x");
    /* Separators become spaces. */
    CHECK_STR(clean("a" PS "b" LS "c"), "a b c");
    /* Nothing but controls is nothing. */
    CHECK_STR(clean(RLO LRI RLM PDF PDF), "");
    /* Depth: TEXT_BIDI_DEPTH levels stay open; deeper ones go with their
     * closers, and the outer pairs still match. */
    char in[1024], want[1024];
    in[0] = want[0] = 0;
    for (int i = 0; i < TEXT_BIDI_DEPTH + 5; i++) {
        strcat(in, RLE);
        if (i < TEXT_BIDI_DEPTH)
            strcat(want, RLE);
    }
    strcat(in, "x");
    strcat(want, "x");
    for (int i = 0; i < TEXT_BIDI_DEPTH + 5; i++) {
        strcat(in, PDF);
        if (i >= 5)
            strcat(want, PDF);
    }
    CHECK_STR(clean(in), want);
    /* Isolates past the depth: their PDIs are theirs, not the outer ones'. */
    in[0] = want[0] = 0;
    for (int i = 0; i < TEXT_BIDI_DEPTH; i++) {
        strcat(in, LRI);
        strcat(want, LRI);
    }
    strcat(in, RLI RLE "x" PDF PDI "y");
    strcat(want, "xy");
    for (int i = 0; i < TEXT_BIDI_DEPTH; i++) {
        strcat(in, PDI);
        strcat(want, PDI);
    }
    CHECK_STR(clean(in), want);
    /* Not valid UTF-8: left as it is (the store receives only valid text). */
    memcpy(got, "\xff" RLO, 4);
    CHECK(text_bidi_clean(got, 4) == 4 && memcmp(got, "\xff" RLO, 4) == 0);
    /* A length, not a NUL, bounds the work. */
    memcpy(got, "ab" RLO "cd", 7);
    CHECK(text_bidi_clean(got, 2) == 2);
    CHECK(memcmp(got, "ab" RLO "cd", 7) == 0);
}

/* Every code point of s that is not a bidi control (separators as spaces),
 * into out; returns its length. */
static size_t letters(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0, len; i < n; i += len) {
        uint32_t c;
        len = utf8_decode((const unsigned char *)s + i, n - i, &c);
        if (c == 0x2028 || c == 0x2029)
            out[o++] = ' ';
        else if (!(c >= 0x202A && c <= 0x202E) && !(c >= 0x2066 && c <= 0x2069) &&
                 c != 0x200E && c != 0x200F && c != 0x061C) {
            memcpy(out + o, s + i, len);
            o += len;
        }
    }
    return o;
}

/* Non-zero when the code point at s[i..] is a mark. */
static int is_mark(const char *s, size_t n, size_t i)
{
    uint32_t c;
    utf8_decode((const unsigned char *)s + i, n - i, &c);
    return c == 0x200E || c == 0x200F || c == 0x061C;
}

/* Non-zero when the controls of s[0..n) nest as brackets: each PDF closes
 * the innermost open embedding and each PDI the innermost open isolate, none
 * is left open, and at most TEXT_BIDI_DEPTH are open at once. An oracle
 * independent of bidi.c's own pairing. */
static int nested(const char *s, size_t n)
{
    char stack[64];
    size_t d = 0;
    for (size_t i = 0, len; i < n; i += len) {
        uint32_t c;
        len = utf8_decode((const unsigned char *)s + i, n - i, &c);
        if ((c >= 0x202A && c <= 0x202E && c != 0x202C) || (c >= 0x2066 && c <= 0x2068)) {
            if (d == TEXT_BIDI_DEPTH)
                return 0;
            stack[d++] = c >= 0x2066 ? 'i' : 'e';
        } else if (c == 0x202C || c == 0x2069) {
            if (d == 0 || stack[--d] != (c == 0x2069 ? 'i' : 'e'))
                return 0;
        }
    }
    return d == 0;
}

/* Random names of letters and controls: what must hold for all of them. */
static void test_random(void)
{
    static const char *const parts[] = {
        LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM, LS, PS,
        "a", "ب", " ", "1", "(", "\u200D",
    };
    const size_t nparts = sizeof parts / sizeof *parts;
    char s[512], once[512], twice[512], l1[512], l2[512];
    unsigned seed = 20261206;
    int bad_nest = 0, bad_valid = 0, bad_idem = 0, bad_letters = 0, bad_marks = 0, bad_len = 0;
    for (int round = 0; round < 300000; round++) {
        size_t n = 0;
        int k = (int)(rand_r(&seed) % 40);
        for (int i = 0; i < k; i++) {
            /* controls: 14 parts in 20 */
            const char *p = parts[rand_r(&seed) % nparts];
            size_t len = strlen(p);
            memcpy(s + n, p, len);
            n += len;
        }
        memcpy(once, s, n);
        size_t m = text_bidi_clean(once, n);
        bad_len += m > n;
        bad_valid += !utf8_valid(once, m);
        bad_nest += !nested(once, m);
        memcpy(twice, once, m);
        size_t m2 = text_bidi_clean(twice, m);
        bad_idem += m2 != m || memcmp(once, twice, m) != 0;
        /* Only controls go (and separators become spaces): the letters are
         * all there, in their order. */
        size_t a = letters(s, n, l1), b = letters(once, m, l2);
        bad_letters += a != b || memcmp(l1, l2, a) != 0;
        /* No mark first, last, or right after another. */
        int prev = 0;
        for (size_t i = 0, len; i < m; i += len) {
            uint32_t c;
            len = utf8_decode((const unsigned char *)once + i, m - i, &c);
            int mk = is_mark(once, m, i);
            bad_marks += mk && (i == 0 || prev || i + len == m);
            prev = mk;
        }
    }
    CHECK(bad_len == 0);
    CHECK(bad_valid == 0);
    CHECK(bad_nest == 0);
    CHECK(bad_idem == 0);           /* what is kept is paired: a second pass keeps it all */
    CHECK(bad_letters == 0);
    CHECK(bad_marks == 0);
}

int main(void)
{
    test_cases();
    test_random();
    T_DONE();
}
