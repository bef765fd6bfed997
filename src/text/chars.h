/*
 * chars.h: the one code-point layer of akhbar's Arabic text handling. The
 * search analyzer (normalize.c) and the importer (src/ingest/) both classify
 * and fold code points here, so that what they call a letter, a diacritic or
 * "the same letter" cannot drift apart.
 *
 * The fold makes written variants of a letter one letter, in the direction
 * readers type them: أ إ آ ٱ ٲ ٳ to ا, ى and Persian ی to ي, ة ۃ ە to ه,
 * ؤ to و, ئ to ي, Persian ک to ك; drops tatweel and diacritics; turns
 * Arabic-Indic digits into ASCII ones; lowercases ASCII.
 */
#ifndef AK_TEXT_CHARS_H
#define AK_TEXT_CHARS_H

#include <stdint.h>

/* Arabic letters: hamza to yeh (U+0621-064A, not tatweel) and the extended
 * letters U+0671-06D3. */
int text_char_is_arabic_letter(uint32_t c);
/* Diacritics (tashkeel) and Quranic marks: U+0610-061A, U+064B-065F, U+0670
 * and U+06D6-06ED. */
int text_char_is_diacritic(uint32_t c);
/* Tatweel (kashida), U+0640: stretches a word, means nothing. */
int text_char_is_tatweel(uint32_t c);
/* The value 0-9 of an ASCII, Arabic-Indic (U+0660-0669) or Eastern
 * Arabic-Indic (U+06F0-06F9) digit; -1 for anything else. */
int text_char_digit(uint32_t c);
/* Arabic punctuation: ، ؛ ؟ ٪ ٫ ٬ ٭ ۔ (U+060C, 061B, 061F, 066A-066D, 06D4). */
int text_char_is_arabic_punct(uint32_t c);
/* Horizontal and vertical space, including no-break and typographic spaces. */
int text_char_is_space(uint32_t c);
/* Invisible format characters: zero-width characters, direction marks and
 * embeddings, the Arabic letter mark, the byte order mark. */
int text_char_is_invisible(uint32_t c);
/* The fold above of an ASCII or Arabic-block (U+0600-06FF) code point: its
 * folded form, or 0 when it is dropped (tatweel, diacritics). Any other code
 * point is returned unchanged. */
uint32_t text_char_fold(uint32_t c);

#endif
