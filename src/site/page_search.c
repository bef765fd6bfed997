/*
 * page_search.c: the search page (/search?q=QUERY&page=N): ranked results
 * with highlighted snippets, the count in Arabic, pagination, and an empty
 * state for no query and for no results. The search box itself is in every
 * page's header (head.html) and echoes the query here.
 *
 * Snippets come from the store with match markers (STORE_MARK_OPEN/CLOSE);
 * they reach the template as a list of segments, each plain text with a
 * "mark" flag, so the template escapes every byte and adds the <mark>
 * elements itself: no HTML is made from the article's text here.
 */
#include <string.h>
#include "site/site.h"
#include "store/article.h"
#include "store/search.h"
#include "text/query.h"
#include "text/utf8.h"

/* The segments of snippet s: each run of text between markers, with mark
 * set when it was a match. A marker is never text; a stray one (an open
 * inside a mark, a close outside) changes nothing. Fills the items of list
 * when it is not NULL; returns the number of segments. */
static size_t page_snippet_segments(struct arena *a, const char *s, struct tv *list)
{
    size_t k = 0;
    int mark = 0;
    const char *start = s;
    for (const char *p = s;; p++) {
        if (*p && *p != STORE_MARK_OPEN && *p != STORE_MARK_CLOSE)
            continue;
        if (p > start) {
            struct tv *seg = tv_item(list, k++);
            tv_str(a, seg, "text", seg ? arena_strndup(a, start, (size_t)(p - start)) : NULL);
            tv_bool(a, seg, "mark", mark);
        }
        if (!*p)
            return k;
        mark = *p == STORE_MARK_OPEN;
        start = p + 1;
    }
}

/* The snippet s as a list named "snippet" in card (page_snippet_segments). */
static void page_snippet(struct req *r, struct tv *card, const char *s)
{
    struct arena *a = &r->arena;
    struct tv *list = tv_list(a, card, "snippet", page_snippet_segments(a, s, NULL));
    page_snippet_segments(a, s, list);
}

/* Is q only ASCII white space? */
static int page_blank(const char *q)
{
    for (; *q; q++)
        if (!strchr(" \t\r\n\f\v", *q))
            return 0;
    return 1;
}

enum ak_err site_page_search(struct req *r)
{
    struct arena *a = &r->arena;
    const char *q = http_query(r, "q");     /* NULL when missing or not UTF-8 */
    size_t page = page_number(r);
    if (page == 0)
        return AK_ENOTFOUND;
    if (q && page_blank(q))
        q = NULL;
    else if (q && strlen(q) > TEXT_QUERY_MAX &&     /* echo what is searched */
             !(q = arena_strndup(a, q, utf8_clip(q, strlen(q), TEXT_QUERY_MAX))))
        return AK_ENOMEM;
    struct search_hit *hits = NULL;
    size_t n = 0, total = 0;
    if (q) {
        enum ak_err rc = store_search(r->store, a, q, (page - 1) * SITE_PAGE_SIZE,
                                      SITE_PAGE_SIZE, &hits, &n, &total);
        if (rc == AK_EINVAL)
            q = NULL;                   /* NEVER: http_query checked the UTF-8 */
        else if (rc)
            return rc;
    }
    size_t pages = (total + SITE_PAGE_SIZE - 1) / SITE_PAGE_SIZE;
    if (page > 1 && page > pages)
        return AK_ENOTFOUND;
    const char *title = !q ? "البحث"
                      : page > 1 ? arena_printf(a, "نتائج البحث عن «%s» (صفحة %zu)", q, page)
                                 : arena_printf(a, "نتائج البحث عن «%s»", q);
    struct tv *v = page_new(r, title, NULL);
    if (!v)
        return AK_ENOMEM;
    tv_bool(a, v, "is_search", 1);
    tv_bool(a, v, "noindex", 1);        /* results are no page to index */
    tv_str(a, v, "query", q);
    tv_bool(a, v, "no_query", !q);
    tv_bool(a, v, "no_results", q && total == 0);
    tv_int(a, v, "total", (int64_t)total);
    tv_str(a, v, "count", page_result_count(a, total));
    tv_int(a, v, "start", (int64_t)((page - 1) * SITE_PAGE_SIZE + 1));
    struct tv *list = tv_list(a, v, "results", n);
    for (size_t i = 0; list && i < n; i++) {
        struct tv *card = tv_item(list, i);
        const struct search_hit *h = &hits[i];
        struct article_summary sum = {
            .id = h->id, .slug = h->slug, .title = h->title, .lede = h->lede,
            .source = h->source, .published_at = h->published_at,
            .section_slug = h->section_slug, .section_name = h->section_name,
        };
        page_card(r, card, &sum, 0);
        if (h->snippet)
            page_snippet(r, card, h->snippet);
        else
            tv_list(a, card, "snippet", 0);
    }
    page_pagination(r, v, page, pages);
    if (v)
        page_sidebar(r, v);
    return page_render(r, 200, "search", v, HTTP_PUBLIC_SHORT);
}
