/*
 * chars.c: classes and folds of code points (see chars.h).
 */
#include "text/chars.h"

int text_char_is_arabic_letter(uint32_t c)
{
    return (c >= 0x0621 && c <= 0x064A && c != 0x0640) || (c >= 0x0671 && c <= 0x06D3);
}

int text_char_is_diacritic(uint32_t c)
{
    return (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
           (c >= 0x06D6 && c <= 0x06ED);
}

int text_char_is_tatweel(uint32_t c)
{
    return c == 0x0640;
}

int text_char_digit(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if (c >= 0x0660 && c <= 0x0669)
        return (int)(c - 0x0660);
    if (c >= 0x06F0 && c <= 0x06F9)
        return (int)(c - 0x06F0);
    return -1;
}

int text_char_is_arabic_punct(uint32_t c)
{
    return c == 0x060C || c == 0x061B || c == 0x061F || (c >= 0x066A && c <= 0x066D) ||
           c == 0x06D4;
}

int text_char_is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == 0xA0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

int text_char_is_invisible(uint32_t c)
{
    return (c >= 0x200C && c <= 0x200F) || c == 0x061C || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

uint32_t text_char_fold(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    if (c < 0x0600 || c > 0x06FF)
        return c;
    switch (c) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673:
        return 0x0627;                                  /* alef forms -> ا */
    case 0x0649: case 0x06CC: return 0x064A;            /* ى, Persian ی -> ي */
    case 0x0629: case 0x06C1: case 0x06D5: return 0x0647;   /* ة -> ه */
    case 0x0624: return 0x0648;                         /* ؤ -> و (موتمر = مؤتمر) */
    case 0x0626: return 0x064A;                         /* ئ -> ي (شواطي = شواطئ) */
    case 0x06A9: return 0x0643;                         /* Persian ک -> ك */
    }
    int d = text_char_digit(c);
    if (d >= 0)
        return '0' + (uint32_t)d;
    if (text_char_is_tatweel(c) || text_char_is_diacritic(c))
        return 0;
    return c;
}
