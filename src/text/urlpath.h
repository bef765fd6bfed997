/*
 * urlpath.h: one spelling for an old site's URL paths, so that a link
 * recorded at import time (a WordPress <link>, an ndjson legacy_url) and the
 * request target a reader's browser sends for it meet in one table key
 * (store/moving.h's legacy_url), however each side escaped it.
 */
#ifndef AK_URLPATH_H
#define AK_URLPATH_H

#include <stddef.h>
#include "base/arena.h"

#define TEXT_URLPATH_MAX 2048   /* bytes of a normalised path */

/* The normal form of URL or path s[0..n):
 *  - "scheme://host[:port]" (or "//host") is dropped: only the path counts;
 *  - the query ("?...") and the fragment ("#...") are dropped;
 *  - %XX escapes are decoded, in either case ("%D8%A7" = "%d8%a7" = "ا");
 *    when the decoded bytes are not valid UTF-8 (an old Latin-1 link), the
 *    path keeps its escapes instead, with upper-case hex digits;
 *  - ASCII letters are lower-cased (WordPress's slugs are lower case and
 *    its database compares them without case);
 *  - runs of '/' become one, "." segments go, a final '/' goes (except for
 *    the root), and the path starts with '/'.
 * Returns an arena string, or NULL when out of memory, when the result would
 * be longer than TEXT_URLPATH_MAX, or when it holds a control character. */
char *text_urlpath(struct arena *a, const char *s, size_t n);

#endif
