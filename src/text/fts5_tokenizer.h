/*
 * fts5_tokenizer.h: the Arabic analyzer (text/analyzer.h) as an SQLite FTS5
 * tokenizer named "akhbar", for the search index (store/schema.sql's
 * article_fts). This is the one file of text/ that knows SQLite.
 *
 * Documents (and the text that snippet() and highlight() cut) are analyzed in
 * TEXT_MODE_INDEX: each word's surface form, then its stem forms as colocated
 * tokens at the same position, all with the word's byte offsets.
 *
 * Queries are not analyzed here: the MATCH expression is built by store/
 * search.c from analyzer forms, each form inside a quoted FTS5 string. The
 * text FTS5 hands back for a quoted string is split on ASCII spaces and each
 * piece is one query token, verbatim (so "~stem" and phrases survive). Any
 * other code that writes a MATCH expression must follow the same convention.
 */
#ifndef AK_FTS5_TOKENIZER_H
#define AK_FTS5_TOKENIZER_H

#include <sqlite3.h>
#include "base/err.h"

#define TEXT_FTS5_TOKENIZER "akhbar"    /* the name in tokenize='akhbar' */

/* Register the "akhbar" tokenizer on connection db (before any statement
 * touches an FTS5 table that uses it). Each tokenizer instance owns its own
 * text_analyzer; instances belong to their connection, which is used by one
 * thread at a time. Returns AK_OK, or AK_EIO when FTS5 is missing (logged). */
enum ak_err text_fts5_register(sqlite3 *db);
/* The fts5_api of db, through SELECT fts5(?1) as SQLite documents it; NULL
 * when this SQLite has no FTS5. (store/rank.c adds its functions with it.) */
fts5_api *text_fts5_api(sqlite3 *db);

#endif
