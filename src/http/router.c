/*
 * router.c: matches a request path against the route table (see router.h).
 */
#include <string.h>
#include "http/router.h"

static int router_try(struct req *r, const char *pattern, const char *path)
{
    size_t nc = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (*p != '/' || *s != '/')
            return 0;
        p++;
        s++;
        const char *pe = strchr(p, '/'), *se = strchr(s, '/');
        size_t pl = pe ? (size_t)(pe - p) : strlen(p);
        size_t sl = se ? (size_t)(se - s) : strlen(s);
        if (pl == 2 && p[0] == '*' && p[1] == '*') {
            if (nc == HTTP_MAX_CAPTURES)
                return 0;
            r->captures[nc++] = arena_strdup(&r->arena, s);
            return r->captures[nc - 1] != NULL;
        }
        if (pl == 1 && (*p == '*' || *p == '#')) {
            if (sl == 0 || nc == HTTP_MAX_CAPTURES)
                return 0;
            if (*p == '#') {
                int64_t v = 0;
                if (sl > 18)
                    return 0;
                for (size_t i = 0; i < sl; i++) {
                    if (s[i] < '0' || s[i] > '9')
                        return 0;
                    v = v * 10 + (s[i] - '0');
                }
                r->ids[nc] = v;
            }
            if (!(r->captures[nc++] = arena_strndup(&r->arena, s, sl)))
                return 0;
        } else if (pl != sl || memcmp(p, s, pl) != 0) {
            return 0;
        }
        p += pl;
        s += sl;
    }
    return *p == 0 && *s == 0;
}

const struct route *router_match(const struct route *table, struct req *r, const char *path,
                                 unsigned *methods)
{
    *methods = 0;
    for (const struct route *rt = table; rt->fn; rt++) {
        if (!router_try(r, rt->pattern, path))
            continue;
        *methods |= 1u << rt->method;
        if (rt->method == HTTP_GET)
            *methods |= 1u << HTTP_HEAD;
        if (rt->method == r->method || (rt->method == HTTP_GET && r->method == HTTP_HEAD))
            return rt;
    }
    return NULL;
}
