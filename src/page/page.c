/*
 * page.c: the parts of a page that the public site and the newsroom share
 * (see page.h): the template root with its canonical URL, rendering, dates,
 * pagination, cards, article URLs and the count of results.
 */
#include <stdlib.h>
#include <string.h>
#include "base/clock.h"
#include "base/log.h"
#include "http/server.h"
#include "page/page.h"
#include "store/pages.h"
#include "store/article.h"
#include "store/search.h"
#include "store/section.h"
#include "store/store.h"

const struct config *page_config(struct req *r)
{
    if (r->app_data)
        return r->app_data;
    struct config *c = arena_alloc(&r->arena, sizeof *c);
    if (!c)
        return NULL;
    enum ak_err rc = r->store ? config_load(r->store, &r->arena, c) : AK_EIO;
    if (rc != AK_OK) {
        log_error("page: settings: %s", ak_strerror(rc));
        return NULL;
    }
    r->app_data = c;
    /* dates follow the timezone setting, made by this process or another */
    date_set_zone(config_zone(c));
    return c;
}

const char *page_base_url(struct req *r)
{
    const struct config *c = page_config(r);
    if (c && c->v[CONFIG_URL][0])
        return c->v[CONFIG_URL];
    return r->site->listen_url ? r->site->listen_url : "";
}

const char *page_absolute(struct req *r, const char *path)
{
    return arena_printf(&r->arena, "%s%s", page_base_url(r), path);
}

/* The request's own path, percent-encoded segment by segment, with
 * ?page=N for page N > 1 of a list and no other query: an arena string,
 * NULL when out of memory. */
static const char *meta_own_path(struct req *r, size_t page)
{
    struct html h;
    html_init(&h, 16u << 10);
    for (const char *p = r->path ? r->path : "/"; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 0) {
            html_lit(&h, "/");
            p++;
            continue;
        }
        html_url(&h, p, n);
        p += n;
    }
    if (page > 1)
        html_printf(&h, "?page=%z", page);
    const char *out = h.b.err ? NULL : arena_strndup(&r->arena, h.b.p, h.b.n);
    html_reset(&h);
    return out;
}

void page_meta(struct req *r, struct tv *v, const char *title)
{
    struct arena *a = &r->arena;
    const struct config *c = page_config(r);
    size_t page = page_number(r);
    const char *path = meta_own_path(r, page);
    if (path)
        tv_str(a, v, "canonical", page_absolute(r, path));
    tv_str(a, v, "og_title", title ? title : c ? c->v[CONFIG_NAME] : r->site->name);
    if (c && *c->v[CONFIG_DESCRIPTION])
        tv_str(a, v, "description", c->v[CONFIG_DESCRIPTION]);
}

struct tv *page_root(struct req *r, const char *title)
{
    struct arena *a = &r->arena;
    struct tv *v = tv_obj(a);
    struct tv *site = tv_child(a, v, "site");
    const struct config *c = r->store ? page_config(r) : NULL;
    tv_str(a, site, "name", c ? c->v[CONFIG_NAME] : r->site->name);
    if (c)
        tv_str(a, site, "tagline", c->v[CONFIG_TAGLINE]);
    tv_str(a, v, "title", title);
    tv_bool(a, v, "read_only", r->app && r->app->read_only);   /* no comment form */
    /* the reading face's files (tools/fonts): preloaded, as text needs them first */
    const struct theme_asset *fonts[4];
    size_t nf = theme_assets_named(r->site->theme, "naskh-", ".woff2", fonts, 4);
    struct tv *pre = tv_list(a, v, "preload_fonts", nf);
    for (size_t i = 0; pre && i < nf; i++)
        tv_str(a, tv_item(pre, i), "name", fonts[i]->name);
    return a->failed ? NULL : v;
}

void page_feed_links(struct req *r, struct tv *v, const char *name, const char *title,
                     const char *path)
{
    struct arena *a = &r->arena;
    struct tv *f = path ? tv_child(a, v, name) : NULL;
    if (!f)
        return;
    tv_str(a, f, "title", title);
    tv_str(a, f, "rss", arena_printf(a, "%s/feed", path));
    tv_str(a, f, "atom", arena_printf(a, "%s/feed/atom", path));
}

#define TICKER_MAX 5            /* breaking articles in the ticker */

struct tv *page_new(struct req *r, const char *title, const char *current_section)
{
    struct arena *a = &r->arena;
    struct tv *v = page_root(r, title);
    struct section *secs;
    size_t n;
    http_shows_key(r, "site");          /* the settings, navigation and footer */
    if (v)
        page_meta(r, v, title);
    if (v) {
        const struct config *c = page_config(r);
        page_feed_links(r, v, "site_feed", c ? c->v[CONFIG_NAME] : r->site->name, "");
    }
    if (v && store_section_list(r->store, a, &secs, &n) == AK_OK) {
        struct tv *nav = tv_list(a, v, "nav", n);
        for (size_t i = 0; nav && i < n; i++) {
            struct tv *it = tv_item(nav, i);
            tv_str(a, it, "slug", secs[i].slug);
            tv_str(a, it, "name", secs[i].name);
            tv_bool(a, it, "current",
                    current_section && strcmp(current_section, secs[i].slug) == 0);
        }
    }
    if (v)
        page_ticker(r, v);
    /* The published static pages, linked from the footer. */
    struct static_page *pages;
    if (v && store_page_list_published(r->store, a, &pages, &n) == AK_OK) {
        struct tv *list = tv_list(a, v, "footer_pages", n);
        for (size_t i = 0; list && i < n; i++) {
            tv_str(a, tv_item(list, i), "slug", pages[i].slug);
            tv_str(a, tv_item(list, i), "title", pages[i].title);
        }
    }
    return a->failed ? NULL : v;
}

enum ak_err page_render(struct req *r, int status, const char *tmpl, const struct tv *v,
                        enum http_cache cache)
{
    if (!v || r->arena.failed)
        return AK_ENOMEM;
    struct html h;
    html_init(&h, 4u << 20);
    enum ak_err rc = theme_render(r->site->theme, tmpl, v, &h);
    if (rc == AK_OK)
        rc = http_send_html(r, status, &h, cache);
    else
        log_error("render %s: %s", tmpl, ak_strerror(rc));
    html_reset(&h);
    return rc;
}

void page_pagination(struct req *r, struct tv *v, size_t page, size_t pages)
{
    if (pages <= 1)
        return;
    struct tv *pg = tv_child(&r->arena, v, "pagination");
    tv_int(&r->arena, pg, "page", (int64_t)page);
    tv_int(&r->arena, pg, "pages", (int64_t)pages);
    if (page > 1)
        tv_int(&r->arena, pg, "prev", (int64_t)page - 1);
    if (page < pages)
        tv_int(&r->arena, pg, "next", (int64_t)page + 1);
}

size_t page_number(struct req *r)
{
    const char *p = http_query(r, "page");
    if (!p)
        return 1;
    char *end;
    unsigned long long v = strtoull(p, &end, 10);
    if (*p < '0' || *p > '9' || *end || v == 0 || v > 100000)
        return 0;
    return (size_t)v;
}

/* h's bytes as an arena string (NULL when h failed or out of memory); h is
 * reset. */
static const char *page_take(struct req *r, struct html *h)
{
    const char *s = h->b.err ? NULL : arena_strndup(&r->arena, h->b.p, h->b.n);
    html_reset(h);
    return s;
}

const char *page_article_url(struct req *r, int64_t id, const char *slug)
{
    struct html h;
    html_init(&h, 4096);
    html_printf(&h, "/article/%D/%U", id, slug);
    return page_take(r, &h);
}

const char *page_path(struct req *r, const char *kind, const char *slug)
{
    struct html h;
    html_init(&h, 4096);
    html_printf(&h, "/%U/%U", kind, slug);
    return page_take(r, &h);
}

const char *page_result_count(struct arena *a, size_t n)
{
    if (n == 0)
        return "لا توجد نتائج";
    if (n == 1)
        return "نتيجة واحدة";
    if (n == 2)
        return "نتيجتان";
    if (n > STORE_SEARCH_MAX)           /* counted no further */
        return arena_printf(a, "أكثر من %s", page_result_count(a, STORE_SEARCH_MAX));
    /* The counted noun follows the number's last two digits: 3 to 10 take
     * the plural (3 نتائج، 103 نتائج), the rest the singular (11 نتيجة، 100 نتيجة). */
    size_t last = n % 100;
    testcase(last == 10);
    testcase(n == 100);
    return arena_printf(a, "%zu %s", n, last >= 3 && last <= 10 ? "نتائج" : "نتيجة");
}

void page_ticker(struct req *r, struct tv *v)
{
    http_shows_key(r, "k");
    const struct config *c = page_config(r);
    int64_t window = c ? config_ticker_seconds(c) : 0;
    struct article_summary *s = NULL;
    size_t n = 0;
    if (window > 0)
        store_article_breaking(r->store, &r->arena, clock_now_ms() / 1000 - window, TICKER_MAX,
                               &s, &n);
    page_cards(r, v, "ticker", s, n);
}
