/*
 * bidi.c: removing the bidirectional controls a name must not carry (see
 * bidi.h). Two passes over the bytes, in place: the first pairs initiators
 * with their closers and overwrites each unpaired control with 0xFF bytes
 * (which valid UTF-8 never holds); the second drops those, the misused marks,
 * and turns separators into spaces, moving the rest down.
 */
#include <stdint.h>
#include <string.h>
#include "text/bidi.h"
#include "text/utf8.h"

enum bidi_kind {
    BIDI_OTHER,
    BIDI_EMBED,                 /* LRE RLE LRO RLO: closed by PDF */
    BIDI_ISOLATE,               /* LRI RLI FSI: closed by PDI */
    BIDI_PDF,
    BIDI_PDI,
    BIDI_MARK,                  /* LRM RLM ALM */
    BIDI_SEP,                   /* LINE SEPARATOR, PARAGRAPH SEPARATOR */
};

static enum bidi_kind bidi_kind(uint32_t c)
{
    switch (c) {
    case 0x202A: case 0x202B: case 0x202D: case 0x202E:
        return BIDI_EMBED;
    case 0x2066: case 0x2067: case 0x2068:
        return BIDI_ISOLATE;
    case 0x202C:
        return BIDI_PDF;
    case 0x2069:
        return BIDI_PDI;
    case 0x200E: case 0x200F: case 0x061C:
        return BIDI_MARK;
    case 0x2028: case 0x2029:
        return BIDI_SEP;
    default:
        return BIDI_OTHER;
    }
}

/* The control at s[at..] (3 bytes in UTF-8, as every one of them is) goes. */
static void bidi_wipe(char *s, size_t at)
{
    memset(s + at, 0xFF, 3);
}

/* Pass 1: pair initiators and closers as UAX #9's X1-X8 do, wiping the
 * unpaired (bidi.h). */
static void bidi_pair(char *s, size_t n)
{
    struct { size_t at; int isolate; } open[TEXT_BIDI_DEPTH];
    size_t depth = 0;           /* initiators open and kept */
    size_t over_isolate = 0;    /* isolates opened past the depth, not yet closed */
    size_t over_embed = 0;      /* embeddings opened past the depth, not yet closed */
    for (size_t i = 0, len; i < n; i += len) {
        uint32_t c;
        len = utf8_decode((const unsigned char *)s + i, n - i, &c);
        switch (bidi_kind(c)) {
        case BIDI_EMBED:
        case BIDI_ISOLATE:
            if (depth < TEXT_BIDI_DEPTH) {
                open[depth].at = i;
                open[depth++].isolate = bidi_kind(c) == BIDI_ISOLATE;
                break;
            }
            bidi_wipe(s, i);    /* past the depth: it and its closer go */
            if (bidi_kind(c) == BIDI_ISOLATE)
                over_isolate++;
            else if (over_isolate == 0)
                over_embed++;
            break;
        case BIDI_PDI: {
            if (over_isolate > 0) {
                over_isolate--;
                bidi_wipe(s, i);
                break;
            }
            size_t k = depth;
            while (k > 0 && !open[k - 1].isolate)
                k--;
            if (k == 0) {       /* no isolate open: it closes nothing */
                bidi_wipe(s, i);
                break;
            }
            over_embed = 0;
            while (depth > k)   /* embeddings inside the isolate, never closed */
                bidi_wipe(s, open[--depth].at);
            depth--;            /* the isolate and this PDI are a pair */
            break;
        }
        case BIDI_PDF:
            if (over_isolate > 0) {
                bidi_wipe(s, i);
            } else if (over_embed > 0) {
                over_embed--;
                bidi_wipe(s, i);
            } else if (depth > 0 && !open[depth - 1].isolate) {
                depth--;        /* a pair */
            } else {
                bidi_wipe(s, i);
            }
            break;
        default:
            break;
        }
    }
    while (depth > 0)           /* still open at the end */
        bidi_wipe(s, open[--depth].at);
}

size_t text_bidi_clean(char *s, size_t n)
{
    if (!utf8_valid(s, n))
        return n;
    bidi_pair(s, n);
    size_t o = 0;
    int prev_mark = 0;          /* the last code point kept is a mark */
    size_t mark_at = 0;         /* ...and where it was put */
    for (size_t i = 0, len; i < n; i += len) {
        if ((unsigned char)s[i] == 0xFF) {
            len = 1;
            continue;
        }
        uint32_t c;
        len = utf8_decode((const unsigned char *)s + i, n - i, &c);
        enum bidi_kind k = bidi_kind(c);
        if (k == BIDI_MARK && (o == 0 || prev_mark))
            continue;           /* at the start, or after another mark */
        if (k == BIDI_SEP) {
            s[o++] = ' ';
            prev_mark = 0;
            continue;
        }
        if (k == BIDI_MARK)
            mark_at = o;
        prev_mark = k == BIDI_MARK;
        memmove(s + o, s + i, len);
        o += len;
    }
    if (prev_mark)
        o = mark_at;            /* at the end */
    return o;
}
