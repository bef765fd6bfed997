/*
 * analyzer.h: akhbar's Arabic analyzer, the one place that decides what a
 * word is and which words match. Used by the search index (as an FTS5
 * tokenizer), by the query parser, by related articles, and by importers.
 * It depends on nothing else in akhbar (utf8proc and libstemmer only).
 *
 * A word is a run of letters, digits and combining marks (ZWNJ/ZWJ and
 * tatweel inside a word are dropped). Each word is reported as one or more
 * forms, all at the word's position:
 *   - its surface form: NFKC, tashkeel, Quranic marks and tatweel removed,
 *     أ إ آ ٱ -> ا, ى -> ي, ة -> ه, ؤ -> و, ئ -> ي (readers drop
 *     the hamza seat: موتمر, شواطي), Persian ک ی -> ك ي, Arabic-Indic
 *     digits -> ASCII, Latin lowercased. Always first.
 *   - stem forms, each starting with TEXT_STEM_MARK so that they never equal
 *     a surface form: the light stem (clitics و ف ب ك ل ال stripped, a
 *     single-letter clitic only before a word the lexicon knows, sound plural
 *     and feminine endings normalized, the nisba kept apart from the feminine
 *     so that الدولية and الدولة stay apart), the singulars of a broken plural
 *     that the lexicon knows (مدارس: مدرسة), and, for a word whose clitic
 *     the lexicon cannot confirm (كدبي), a loose form TEXT_LOOSE_MARK + the
 *     stem without it.
 * Index mode reports the forms a document contains; query mode reports the
 * alternatives a query word should match (the query builder ORs them): its
 * surface and stem forms, the loose form of its stem (to find it behind an
 * unconfirmed clitic), and for a word with an unconfirmed clitic, the stem
 * without it.
 */
#ifndef AK_ANALYZER_H
#define AK_ANALYZER_H

#include <stddef.h>
#include "base/err.h"

/* Bump when any rule changes the forms a text gets: an index built by
 * another version is stale, and the store rebuilds it (store_reindex). */
#define TEXT_ANALYZER_VERSION "3"

#define TEXT_STEM_MARK '~'      /* first byte of every stem form */
#define TEXT_LOOSE_MARK '+'     /* second byte of a loose form: "~+stem" */
#define TEXT_WORD_MAX 64        /* code points of a word; longer words are cut */

enum text_mode { TEXT_MODE_INDEX, TEXT_MODE_QUERY, TEXT_MODE__MAX };

/* One form of one word. colocated is 0 for a word's first form (its surface
 * form) and 1 for the others, which share its position. start/end are the
 * word's byte offsets in the input. Return non-zero to stop the analysis
 * (text_analyze then returns AK_OK). */
typedef int (*text_token_fn)(void *ctx, const char *form, size_t n, size_t start, size_t end,
                             int colocated);

struct text_analyzer;           /* per thread: the Snowball stemmer is not shared */

/* Which stem forms a word gets: akhbar's light stemmer (the default), Snowball's
 * arabic stemmer, or both. `make eval` measures each. */
enum text_stemmer { TEXT_STEM_LIGHT, TEXT_STEM_SNOWBALL, TEXT_STEM_BOTH, TEXT_STEMMER__MAX };
extern const char *const text_stemmer_names[TEXT_STEMMER__MAX];

struct text_analyzer *text_analyzer_new(void);      /* NULL when out of memory */
void text_analyzer_free(struct text_analyzer *an);
void text_analyzer_set_stemmer(struct text_analyzer *an, enum text_stemmer s);
/* The stemmer analyzers made from now on get (TEXT_STEM_LIGHT unless set):
 * for `make eval`, which compares them on the same database code. Set it
 * before any analyzer is made, from one thread. */
void text_set_default_stemmer(enum text_stemmer s);

/* Analyze s[0..n). Returns AK_EINVAL (and reports nothing) when s is not
 * valid UTF-8, AK_ENOMEM, or AK_OK. */
enum ak_err text_analyze(struct text_analyzer *an, enum text_mode mode, const char *s, size_t n,
                         text_token_fn fn, void *ctx);

/* Is the surface form w[0..n) an Arabic (or English) stopword? For ranking
 * and related articles only: stopwords are indexed and searchable. */
int text_is_stopword(const char *w, size_t n);

/* Normalize one word (no separators) into out (cap bytes, NUL-terminated);
 * returns the length, 0 if nothing is left. w must be valid UTF-8. */
size_t text_normalize_word(const char *w, size_t n, char *out, size_t cap);

#endif
