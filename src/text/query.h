/*
 * query.h: the reader's search syntax, parsed into items. It is small on
 * purpose, and no input is ever an error but invalid UTF-8:
 *   word              a term; terms are ANDed
 *   "two words"       a phrase (consecutive words)
 *   -word  -"a b"     an exclusion
 * Everything else is text: an unbalanced quote is dropped, and parentheses,
 * *, ^, :, +, NEAR, AND, OR, NOT mean nothing (the analyzer later keeps only
 * letters and digits of an item). Items are split on ASCII whitespace and
 * quotes; a '-' excludes only at the start of an item and before a non-space.
 *
 * The parser knows nothing of SQLite: store/search.c turns items into an FTS5
 * expression made only of analyzer forms in quoted strings.
 */
#ifndef AK_QUERY_H
#define AK_QUERY_H

#include <stddef.h>
#include "base/err.h"

#define TEXT_QUERY_MAX 512      /* bytes of query read; more is cut at a character */
#define TEXT_QUERY_ITEMS 32     /* items kept; later ones are ignored */

enum text_query_kind { TEXT_QUERY_TERM, TEXT_QUERY_PHRASE, TEXT_QUERY_KIND__MAX };
extern const char *const text_query_kind_names[TEXT_QUERY_KIND__MAX];

struct text_query_item {
    enum text_query_kind kind;
    int exclude;                /* written with a leading '-' */
    const char *s;              /* the item's text (no quotes, no '-'), in the query's */
    size_t n;                   /* copy: not NUL-terminated, never empty */
};

struct text_query {
    char text[TEXT_QUERY_MAX + 1];      /* the (cut) query; items point into it */
    size_t len;
    int cut;                    /* the input was longer than TEXT_QUERY_MAX */
    struct text_query_item items[TEXT_QUERY_ITEMS];
    size_t n;
};

/* Parse s[0..n) into *q (which needs no cleanup). Returns AK_OK, or
 * AK_EINVAL when s is not valid UTF-8 (or holds a NUL); q then has no items. */
enum ak_err text_query_parse(const char *s, size_t n, struct text_query *q);

#endif
