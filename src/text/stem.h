/*
 * stem.h: the analyzer's stemmers, on folded code points (internal to
 * src/text/; callers use analyzer.h).
 */
#ifndef AK_STEM_H
#define AK_STEM_H

#include <stddef.h>
#include <stdint.h>

#define TEXT_STEM_CPS 64        /* = TEXT_WORD_MAX */
#define TEXT_STEMS_MAX 6

/* Is the folded word w[0..n) in the lexicon built from Debian's hunspell-ar? */
int text_lexicon_has(const uint32_t *w, size_t n);

/* One stem form of a word. */
struct text_stem {
    uint32_t w[TEXT_STEM_CPS];
    size_t n;
    int loose;                  /* the stem behind an unconfirmed clitic */
};

/* The stem forms of the folded word w[0..n) into out (at most
 * TEXT_STEMS_MAX); returns how many (>= 1). The first is akhbar's light stem:
 *  1. The article with its clitics, (و|ف)?(ب|ك|ل)?ال and (و|ف)?لل, comes off
 *     when two letters or more remain (للبنان keeps the ل of لبنان).
 *  2. Otherwise single-letter clitics (و ف, then ب ك ل) come off only before
 *     a word the lexicon knows, and only when the whole word is not itself
 *     known: ببيروت -> بيروت, but لجنة and وزير stay.
 *  3. Endings: ات -> ه (منظمات = منظمة; in index mode also off when the
 *     lexicon knows the masculine and not the feminine: سباقات, سباق); ون/ين
 *     off unless the word
 *     is known (فلسطين); a feminine ت before a pronoun to ه (حكومتها =
 *     حكومة); the nisba's feminine يه -> ي (الدولية = دولي), so the nisba
 *     never meets the plain feminine (الدولة = دوله), and منظمة never meets
 *     منظم.
 * Then the singulars of a broken plural, by the patterns مفاعل, مفاعيل,
 * فواعل, أفعال, فعائل, فعلاء, each only when the lexicon knows it (مدارس:
 * مدرسة and مدرس; أسعار: سعر). In query mode (query != 0) every word also
 * gets its loose form, and a word with an unconfirmed clitic the stem without
 * it; in index mode only such a word gets its loose form (see analyzer.h). */
size_t text_stems(const uint32_t *w, size_t n, int query, struct text_stem *out);

#endif
