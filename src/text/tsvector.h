/*
 * tsvector.h: the analyzer's index forms as a PostgreSQL tsvector, and its
 * query forms as tsquery operands, for the PostgreSQL store.
 *
 * PostgreSQL must index exactly what SQLite's FTS5 indexes (fts5_tokenizer.c),
 * so akhbar writes the tsvector itself, in PostgreSQL's text input form, and
 * the store casts it (`$1::tsvector`): PostgreSQL's parser and dictionaries
 * never see the text. Casting a literal keeps its lexemes verbatim; likewise a
 * tsquery written from quoted operands (`$1::tsquery`, not to_tsquery()).
 *
 * The literal for columns title, lede, body with weights A, B, D is
 *     'كتاب':1A,12B '~كتب':1A,12B,20D ...
 * one entry per distinct form, in order of first appearance, each with its
 * positions (ascending) and the weight of the column of each position:
 *   - each word's forms are those text_analyze() gives in TEXT_MODE_INDEX,
 *     the ones the FTS5 tokenizer hands FTS5: the surface form and, at the
 *     same position, its stem forms (TEXT_STEM_MARK '~' first). Empty forms
 *     are skipped, as fts5_tokenizer.c skips them.
 *   - words are numbered from 1 in a column; each later column starts
 *     TEXT_TSV_GAP + 1 positions after the last word of the columns before it,
 *     so no phrase (<->), nor any <N> with N <= TEXT_TSV_GAP, matches across
 *     a column boundary.
 * PostgreSQL's limits (measured on PostgreSQL 15, see the constants) are
 * kept, so the literal is always valid, whatever the size of the text:
 *   - a word past position 16383 is put at 16383, as PostgreSQL itself does
 *     (to_tsvector, and the cast, clamp positions); a form gets that
 *     position once. Phrases then match only within the first 16383.
 *   - a form keeps its first 256 positions (PostgreSQL would drop the rest).
 *   - a form longer than 2046 bytes is left out (the analyzer cuts words at
 *     TEXT_WORD_MAX code points, so none is).
 *   - the size PostgreSQL counts (each form's bytes, plus for a form with
 *     positions 2 bytes of count, its bytes rounded up to even, and 2 bytes a
 *     position) stays under 1 MB: every form keeps its first position while
 *     there is room for it (a form first seen when there is none is left
 *     out, later smaller ones may still fit); then the other positions are
 *     kept in text order while there is room. So the title's and lede's
 *     forms and weights come first, and every form of a long body is
 *     searchable before any phrase position is spent.
 * What PostgreSQL 15 does past its limits, for the record: a position over
 * 16383 becomes 16383, a lexeme's positions past 256 are dropped, while a
 * position 0, an empty lexeme (''), a lexeme over 2046 bytes or a size over
 * 1048575 are errors. A lexeme written without positions would match any
 * weight (`'x':A`), which is why every form kept here keeps a position.
 * The literal is under 4 MB (7 bytes of text for a 2-byte position at most).
 */
#ifndef AK_TSVECTOR_H
#define AK_TSVECTOR_H

#include <stddef.h>
#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "text/analyzer.h"

#define TEXT_TSV_POS_MAX 16383          /* PostgreSQL's highest position (MAXENTRYPOS - 1) */
#define TEXT_TSV_NPOS_MAX 256           /* positions a lexeme keeps (MAXNUMPOS) */
#define TEXT_TSV_LEXEME_MAX 2046        /* bytes of a lexeme ("word is too long") */
#define TEXT_TSV_SIZE_MAX 1048575       /* PostgreSQL's size count (MAXSTRPOS) */
#define TEXT_TSV_GAP 8                  /* positions left empty between two columns */

/* One column to index: its text and the weight of its words. */
struct text_tsv_column {
    const char *s;              /* the text (UTF-8, not NUL-terminated; NULL if n == 0) */
    size_t n;
    char weight;                /* 'A', 'B', 'C' or 'D' */
};

/* What text_tsvector() wrote and what it left out, for logs and tests. */
struct text_tsv_stats {
    size_t lexemes;             /* entries written */
    size_t positions;           /* positions written */
    size_t size;                /* PostgreSQL's size count of the value */
    size_t lexemes_dropped;     /* distinct forms left out: too long, or no room */
    size_t positions_dropped;   /* occurrences left out: past 256, or no room */
    size_t clamped;             /* words past position 16383, put at 16383 */
};

/* Analyze columns cols[0..ncols) in TEXT_MODE_INDEX with an and write their
 * tsvector literal (see above) into arena a: *out is NUL-terminated, *outn
 * (may be NULL) its length; a text with no words gives "". stats may be
 * NULL. Scratch memory is malloc'd and freed before returning.
 * Returns AK_OK; AK_EINVAL when a column is not valid UTF-8 or a weight is not
 * A-D (nothing written); AK_ENOMEM (arena or heap). *out is NULL on error. */
enum ak_err text_tsvector(struct text_analyzer *an, struct arena *a,
                          const struct text_tsv_column *cols, size_t ncols,
                          char **out, size_t *outn, struct text_tsv_stats *stats);

/* Append s[0..n) to b quoted as tsvector and tsquery input take a lexeme
 * verbatim: 'it''s', a backslash doubled. s holds no NUL. */
void text_tsv_quote(struct buf *b, const char *s, size_t n);

/* Append lexeme s[0..n) to tsquery text b as one operand: quoted as above,
 * then ":AB" when weights (letters among "ABCD", in any order; NULL or ""
 * for all weights) restricts the match to those weights. The caller writes
 * the operators around operands: ( ) | & ! <->. Sets b->err to AK_EINVAL
 * (when it is still AK_OK) and appends nothing when n is 0 or more than
 * TEXT_TSV_LEXEME_MAX, or a weight letter is not A-D. */
void text_tsquery_lexeme(struct buf *b, const char *s, size_t n, const char *weights);
/* (PostgreSQL takes a tsquery of under 32768 operands and operators, and a
 * distance <N> up to 16384.) */

#endif
