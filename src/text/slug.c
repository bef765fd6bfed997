/*
 * slug.c: URL slugs that keep Arabic readable (see slug.h). Percent-encoding
 * for the wire happens when a URL is written (render/html.c's %U).
 */
#include <string.h>
#include <utf8proc.h>
#include "text/chars.h"
#include "text/slug.h"
#include "text/utf8.h"

char *text_slug(struct arena *a, const char *title, size_t max_bytes)
{
    size_t n = strlen(title);
    char *out = arena_alloc(a, n + 8);
    if (!out)
        return NULL;
    const unsigned char *p = (const unsigned char *)title;
    size_t i = 0, o = 0, last_word_end = 0;
    int dash = 0, cut = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(p + i, n - i, &cp);
        if (k == 0) {
            i++;
            continue;
        }
        i += k;
        utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
        if (text_char_is_tatweel(cp) || cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
            cat == UTF8PROC_CATEGORY_CF)
            continue;                               /* tatweel, diacritics, ZWNJ... */
        if (text_char_digit(cp) >= 0)
            cp = '0' + (uint32_t)text_char_digit(cp);
        int keep = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                   cat == UTF8PROC_CATEGORY_ND;
        if (!keep) {
            dash = o > 0;
            continue;
        }
        if (cp < 0x80)
            cp = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
        unsigned char enc[4];
        size_t e = utf8_encode(cp, enc);
        if (o + dash + e > max_bytes) {
            cut = 1;
            break;
        }
        if (dash) {
            last_word_end = o;
            out[o++] = '-';
            dash = 0;
        }
        memcpy(out + o, enc, e);
        o += e;
    }
    if (cut && !dash && last_word_end > 0)
        o = last_word_end;              /* cut in mid-word: back to the last boundary */
    out[o] = 0;
    if (o == 0)
        return arena_strdup(a, "article");
    return out;
}
