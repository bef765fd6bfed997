/*
 * stem.h: the analyzer's stemmers, on folded code points (internal to
 * src/text/; callers use analyzer.h).
 */
#ifndef AK_STEM_H
#define AK_STEM_H

#include <stddef.h>
#include <stdint.h>

/* Is the folded word w[0..n) in the lexicon built from Debian's hunspell-ar? */
int text_lexicon_has(const uint32_t *w, size_t n);

/* akhbar's light stem of the folded word w[0..n) into out (TEXT_WORD_MAX code
 * points); returns its length (>= 1).
 *  1. The article with its clitics, (و|ف)?(ب|ك|ل)?ال and (و|ف)?لل, comes off
 *     when two letters or more remain.
 *  2. Otherwise single-letter clitics (و ف, then ب ك ل) come off only before
 *     a known word, and only when the whole word is not itself known:
 *     ببيروت -> بيروت, but لجنة and وزير stay.
 *  3. Endings: ات -> ه (feminine plural to singular: منظمات = منظمة), ون/ين
 *     off (masculine plural, dual), a fem. ت before a pronoun to ه
 *     (حكومتها = حكومة), and the nisba's feminine يه -> ي (الدولية =
 *     دولي), so that the nisba never meets the plain feminine (الدولة = دوله)
 *     and منظمة (organization) never meets منظم (organizer). */
size_t text_light_stem(const uint32_t *w, size_t n, uint32_t *out);

#endif
