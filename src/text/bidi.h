/*
 * bidi.h: names without the bidirectional controls that would let them
 * rearrange the text around them.
 *
 * Why: a reader named "\u202Eabc" (RIGHT-TO-LEFT OVERRIDE, never closed)
 * turns everything after their name backwards until the end of the
 * paragraph: the date beside it, "ردّ على ...", the next words of a list.
 * Templates isolate user text (<bdi>, dir="auto"), which confines such
 * controls to the name; this removes the ones that could only act outside it,
 * once, where names are stored (store/db.c's db_bind_name), so that every
 * page, feed, <title> and log that shows a name gets the cleaned one.
 */
#ifndef AK_BIDI_H
#define AK_BIDI_H

#include <stddef.h>

/* Clean the name s[0..n) in place and return its new length (at most n; the
 * byte at the new end is not written, so a NUL-terminated s should be cut by
 * the caller). What is removed:
 *  - embeddings, overrides and isolates that are not closed inside the name
 *    (LRE U+202A, RLE U+202B, LRO U+202D, RLO U+202E without their PDF
 *    U+202C; LRI U+2066, RLI U+2067, FSI U+2068 without their PDI U+2069),
 *    and closers that close nothing opened in the name. Pairs are matched as
 *    Unicode's bidi algorithm (UAX #9, rules X1-X8) matches them: a PDI
 *    closes the latest open isolate and every embedding opened inside it
 *    (those lose their opener, being unclosed); a PDF closes the latest open
 *    embedding only when no isolate opened after it is still open. At most
 *    TEXT_BIDI_DEPTH levels are kept open; initiators past them are
 *    removed with their closers;
 *  - the marks LRM U+200E, RLM U+200F and ALM U+061C at the start or end of
 *    the name (there they could only act on the text around it), and every
 *    mark that follows another mark (a run of them means nothing more than
 *    one);
 *  - the line and paragraph separators U+2028 and U+2029, which end a bidi
 *    paragraph inside a one-line name: each becomes a space.
 * Paired controls and single marks between letters stay: they are how a
 * name mixing Arabic and Latin is written correctly. s must be valid UTF-8
 * (the store receives only that); anything else is returned unchanged. */
size_t text_bidi_clean(char *s, size_t n);

#define TEXT_BIDI_DEPTH 16

#endif
