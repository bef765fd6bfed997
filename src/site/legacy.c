/*
 * legacy.c: the old site's URLs keep working. A moved site's readers,
 * search engines and every link on the web still ask for the old paths
 * (/2019/03/some-story/, /category/economy/, /?p=123); the importers
 * record them (store/moving.h), and this hook, which the server asks before
 * it answers a GET with 404 (struct http_app.not_found), answers 301 to
 * where each now lives.
 */
#include <stdlib.h>
#include <string.h>
#include "http/http.h"
#include "site/site.h"
#include "store/moving.h"

/* The old post id in query parameter name (/?p=ID, /?page_id=ID): 1 and
 * *id, or 0. */
static int legacy_query_id(struct req *r, const char *name, int64_t *id)
{
    const char *v = http_query(r, name);
    if (!v || !*v || strlen(v) > 18)
        return 0;
    for (const char *p = v; *p; p++)
        if (*p < '0' || *p > '9')
            return 0;
    *id = strtoll(v, NULL, 10);
    return *id > 0;
}

int site_legacy_query(struct req *r)
{
    int64_t id;
    return legacy_query_id(r, "p", &id) || legacy_query_id(r, "page_id", &id);
}

enum ak_err site_legacy_redirect(struct req *r)
{
    struct legacy_target t;
    int64_t old_id;
    enum ak_err rc;
    if (strcmp(r->path, "/") == 0 &&
        (legacy_query_id(r, "p", &old_id) || legacy_query_id(r, "page_id", &old_id)))
        rc = store_legacy_find_post(r->store, &r->arena, old_id, &t);
    else
        rc = store_legacy_find(r->store, &r->arena, r->target, &t);
    if (rc)
        return rc;
    static const char *const kinds[LEGACY_KIND__MAX] = {
        [LEGACY_PAGE] = "page", [LEGACY_SECTION] = "section", [LEGACY_TAG] = "tag",
    };
    const char *url = t.kind == LEGACY_ARTICLE ? page_article_url(r, t.id, t.slug)
                                               : page_path(r, kinds[t.kind], t.slug);
    return url ? http_redirect(r, 301, url) : AK_ENOMEM;
}
