/*
 * stem.c: akhbar's light Arabic stemmer (see stem.h) and the lexicon lookup.
 *
 * Why not Snowball's arabic stemmer alone: on our evaluation set it strips
 * the ب of بيروت and the ت of its end (بيروت -> يرو, ببيروت -> بيرو), leaves
 * bare plurals (محادثات -> محادثا, but المحادثات -> محادث), keeps و before ال
 * (والمحادثات), and conflates الدولية with الدولة and سياسة with سياسي.
 * The analyzer can still add Snowball's stem (analyzer.c); `make eval`
 * measures each choice.
 */
#include <string.h>
#include "text/analyzer.h"
#include "text/normalize.h"
#include "text/stem.h"

#define ALEF 0x0627
#define BEH 0x0628
#define TEH 0x062A
#define FEH 0x0641
#define KAF 0x0643
#define LAM 0x0644
#define NOON 0x0646
#define HEH 0x0647
#define WAW 0x0648
#define YEH 0x064A
#define MEEM 0x0645

extern const size_t text_lexicon_count;
extern const char text_lexicon_words[];
extern const uint32_t text_lexicon_offsets[];

int text_lexicon_has(const uint32_t *w, size_t n)
{
    char key[TEXT_WORD_MAX * 4 + 1];
    text_encode(w, n, key, sizeof key);
    size_t lo = 0, hi = text_lexicon_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(text_lexicon_words + text_lexicon_offsets[mid], key);
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

static int ends(const uint32_t *w, size_t n, uint32_t a, uint32_t b)
{
    return n >= 2 && w[n - 2] == a && w[n - 1] == b;
}

static int is_clitic(uint32_t c)
{
    return c == WAW || c == FEH || c == BEH || c == KAF || c == LAM;
}

/* Suffix rules on w[0..*n), in place (see stem.h). */
static void stem_suffix(uint32_t *w, size_t *n)
{
    static const uint32_t pron[][3] = {        /* longest first */
        { HEH, MEEM, ALEF }, { KAF, MEEM, ALEF }, { HEH, ALEF, 0 }, { HEH, MEEM, 0 },
        { HEH, NOON, 0 }, { KAF, MEEM, 0 }, { NOON, ALEF, 0 },
    };
    int pronoun = 0;
    for (size_t i = 0; i < sizeof pron / sizeof pron[0]; i++) {
        size_t k = pron[i][2] ? 3 : 2;
        if (*n >= k + 3 && memcmp(w + *n - k, pron[i], k * sizeof *w) == 0 &&
            w[*n - k - 1] == TEH) {
            *n -= k;                            /* سياساتها -> سياسات */
            pronoun = 1;
            break;
        }
    }
    if (*n >= 5 && ends(w, *n, ALEF, TEH)) {
        *n -= 1;                                /* ات -> ه (منظمات = منظمة) */
        w[*n - 1] = HEH;
    } else if (*n >= 5 && (ends(w, *n, WAW, NOON) || ends(w, *n, YEH, NOON)) &&
               !text_lexicon_has(w, *n)) {
        *n -= 2;                                /* ون, ين; not فلسطين */
        if (w[*n - 1] == TEH && *n >= 4)
            w[*n - 1] = HEH;                    /* دولتين -> دوله */
    } else if (pronoun && w[*n - 1] == TEH) {
        w[*n - 1] = HEH;                        /* حكومتها -> حكومه */
    }
    if (*n >= 4 && ends(w, *n, YEH, HEH))
        *n -= 1;                                /* nisba: الدولية -> دولي */
}

/* Is w[0..n) a known word, as it stands, without a pronoun (كتابها), or
 * without its endings? */
static int stem_known(const uint32_t *w, size_t n)
{
    static const uint32_t pron[][2] = {
        { HEH, ALEF }, { HEH, MEEM }, { KAF, MEEM }, { NOON, ALEF }, { HEH, NOON },
    };
    if (text_lexicon_has(w, n))
        return 1;
    for (size_t i = 0; i < sizeof pron / sizeof pron[0]; i++)
        if (n >= 5 && w[n - 2] == pron[i][0] && w[n - 1] == pron[i][1] &&
            text_lexicon_has(w, n - 2))
            return 1;
    uint32_t tmp[TEXT_WORD_MAX];
    size_t m = n < TEXT_WORD_MAX ? n : TEXT_WORD_MAX;
    memcpy(tmp, w, m * sizeof *w);
    stem_suffix(tmp, &m);
    return m != n && text_lexicon_has(tmp, m);
}

/* The light stem (rules 1-3 of stem.h) of w[0..n) into out; *unsure is set
 * when w may carry a clitic that the lexicon cannot confirm. */
static size_t stem_light(const uint32_t *w, size_t n, uint32_t *out, int *unsure)
{
    size_t from = 0;
    size_t c = n > 0 && (w[0] == WAW || w[0] == FEH);
    *unsure = 0;
    if (n >= c + 4 && w[c] == ALEF && w[c + 1] == LAM)
        from = c + 2;                                           /* (و|ف)?ال */
    else if (n >= c + 5 && (w[c] == BEH || w[c] == KAF || w[c] == LAM) && w[c + 1] == ALEF &&
             w[c + 2] == LAM)
        from = c + 3;                                           /* (و|ف)?(ب|ك|ل)ال */
    else if (n >= c + 4 && w[c] == LAM && w[c + 1] == LAM) {
        from = c + 2;                                           /* (و|ف)?لل */
        /* ل + اللاجئين is written للاجئين, ل + لبنان للبنان: when the word
         * itself begins with ل, one of the two is its own. */
        if (stem_known(w + from - 1, n - from + 1))
            from--;
    } else if (n >= 4 && is_clitic(w[0]) && !stem_known(w, n)) {
        if (stem_known(w + 1, n - 1))
            from = 1;                                           /* ببيروت, لطهران */
        else if (n >= 5 && c && (w[1] == BEH || w[1] == KAF || w[1] == LAM) &&
                 stem_known(w + 2, n - 2))
            from = 2;                                           /* وببيروت */
        else
            *unsure = 1;                                        /* كدبي? */
    }
    size_t m = n - from;
    if (m > TEXT_STEM_CPS)
        m = TEXT_STEM_CPS;
    memcpy(out, w + from, m * sizeof *w);
    stem_suffix(out, &m);
    return m;
}

/* Add a stem form unless it is already there. */
static void stem_add(struct text_stem *out, size_t *k, const uint32_t *w, size_t n, int loose)
{
    if (*k == TEXT_STEMS_MAX || n == 0)
        return;
    for (size_t i = 0; i < *k; i++)
        if (out[i].n == n && out[i].loose == loose && memcmp(out[i].w, w, n * sizeof *w) == 0)
            return;
    memcpy(out[*k].w, w, n * sizeof *w);
    out[*k].n = n;
    out[*k].loose = loose;
    (*k)++;
}

/* Add the candidate c[0..n) if the lexicon knows it. */
static void stem_add_known(struct text_stem *out, size_t *k, const uint32_t *c, size_t n)
{
    if (text_lexicon_has(c, n))
        stem_add(out, k, c, n, 0);
}

/* Singulars of a broken plural s[0..n) (a light stem), known to the lexicon. */
static void stem_broken_plural(const uint32_t *s, size_t n, struct text_stem *out, size_t *k)
{
    uint32_t c[8];
    if (n == 5 && s[0] == MEEM && s[2] == ALEF) {               /* مفاعل: مدارس, مصانع */
        uint32_t t[] = { MEEM, s[1], s[3], s[4], HEH };
        memcpy(c, t, sizeof t);
        stem_add_known(out, k, c, 4);                           /* مصنع, متحف */
        stem_add_known(out, k, c, 5);                           /* مدرسة */
    }
    if (n == 6 && s[0] == MEEM && s[2] == ALEF && s[4] == YEH) {        /* مفاعيل */
        uint32_t t1[] = { MEEM, s[1], s[3], WAW, s[5] };        /* مشاريع: مشروع */
        uint32_t t2[] = { MEEM, s[1], s[3], ALEF, s[5] };       /* مفاتيح: مفتاح */
        stem_add_known(out, k, t1, 5);
        stem_add_known(out, k, t2, 5);
    }
    if (n == 5 && s[1] == WAW && s[2] == ALEF) {                /* فواعل: شواطئ, عواصم */
        uint32_t t[] = { s[0], ALEF, s[3], s[4], HEH };
        stem_add_known(out, k, t, 4);                           /* شاطئ */
        stem_add_known(out, k, t, 5);                           /* عاصمة */
    }
    if (n == 5 && s[0] == ALEF && s[3] == ALEF) {               /* أفعال: أسعار, أسواق */
        uint32_t t[] = { s[1], s[2], s[4] };
        stem_add_known(out, k, t, 3);
    }
    if (n == 5 && s[2] == ALEF && s[3] == YEH) {                /* فعائل: رسائل, قبائل */
        uint32_t t1[] = { s[0], s[1], ALEF, s[4], HEH };        /* رسالة */
        uint32_t t2[] = { s[0], s[1], YEH, s[4], HEH };         /* قبيلة */
        stem_add_known(out, k, t1, 5);
        stem_add_known(out, k, t2, 5);
    }
    if (n == 5 && s[3] == ALEF && s[4] == 0x0621) {             /* فعلاء: وزراء, خبراء */
        uint32_t t1[] = { s[0], s[1], YEH, s[2] };              /* وزير */
        uint32_t t2[] = { s[0], ALEF, s[1], s[2] };             /* عالم */
        stem_add_known(out, k, t1, 4);
        stem_add_known(out, k, t2, 4);
    }
}

size_t text_stems(const uint32_t *w, size_t n, int query, struct text_stem *out)
{
    size_t k = 0;
    int unsure;
    uint32_t s[TEXT_STEM_CPS];
    size_t m = stem_light(w, n, s, &unsure);
    stem_add(out, &k, s, m, 0);
    stem_broken_plural(s, m, out, &k);
    /* A plural in ات of a masculine noun (سباقات: سباق) is indexed under the
     * masculine too, when the lexicon knows it and not the feminine; a
     * query for the feminine plural (لاعبات) still asks for the feminine. */
    if (!query && n >= 5 && w[n - 2] == ALEF && w[n - 1] == TEH && m >= 4 && s[m - 1] == HEH &&
        !text_lexicon_has(s, m) && text_lexicon_has(s, m - 1))
        stem_add(out, &k, s, m - 1, 0);
    if (query)
        stem_add(out, &k, s, m, 1);             /* find it behind a clitic: كدبي */
    if (unsure) {
        uint32_t r[TEXT_STEM_CPS];
        size_t rn = n - 1 < TEXT_STEM_CPS ? n - 1 : TEXT_STEM_CPS;
        memcpy(r, w + 1, rn * sizeof *w);
        stem_suffix(r, &rn);
        stem_add(out, &k, r, rn, 1);
        if (query)
            stem_add(out, &k, r, rn, 0);        /* and the bare word: دبي */
    }
    return k;
}
