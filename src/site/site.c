/*
 * site.c: the public site's shared state and the common parts of every page:
 * navigation, cards, dates, rendering.
 */
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "base/log.h"
#include "render/date.h"
#include "render/image.h"
#include "site/site.h"

enum ak_err site_init(struct site *s, struct store *st, const char *theme_dir)
{
    memset(s, 0, sizeof *s);
    s->name = "أخبار";
    size_t n = 0;
    enum ak_err rc = store_setting_get(st, "secret", s->secret, sizeof s->secret, &n);
    if (rc || n != sizeof s->secret) {
        log_error("site: the database has no secret (%s)", ak_strerror(rc));
        return rc ? rc : AK_EINVAL;
    }
    char err[256];
    if (!(s->theme = theme_load(theme_dir, err, sizeof err))) {
        log_error("theme: %s", err);
        return AK_EINVAL;
    }
    return AK_OK;
}

void site_reset(struct site *s)
{
    theme_free(s->theme);
    s->theme = NULL;
}

void site_dates(struct req *r, struct tv *v, const char *name, int64_t t, unsigned styles)
{
    static const char *const suffix[DATE_STYLE__MAX] = {
        [DATE_ISO] = "_iso", [DATE_GREGORIAN] = "_ar", [DATE_HIJRI] = "_hijri",
        [DATE_GREGORIAN_TIME] = "_ar_time", [DATE_RFC1123] = "_http",
    };
    for (int style = 0; style < DATE_STYLE__MAX; style++) {
        char out[128];
        if ((styles & SITE_DATE(style)) && date_format(t, style, out, sizeof out))
            tv_str(&r->arena, v, arena_printf(&r->arena, "%s%s", name, suffix[style]),
                   arena_strdup(&r->arena, out));
    }
}

struct tv *site_page_new(struct req *r, const char *title, const char *current_section)
{
    struct arena *a = &r->arena;
    struct tv *v = tv_obj(a);
    struct tv *site = tv_child(a, v, "site");
    tv_str(a, site, "name", r->site->name);
    tv_str(a, v, "title", title);
    struct section *secs;
    size_t n;
    if (store_section_list(r->store, a, &secs, &n) == AK_OK) {
        struct tv *nav = tv_list(a, v, "nav", n);
        for (size_t i = 0; nav && i < n; i++) {
            struct tv *it = tv_item(nav, i);
            tv_str(a, it, "slug", secs[i].slug);
            tv_str(a, it, "name", secs[i].name);
            tv_bool(a, it, "current",
                    current_section && strcmp(current_section, secs[i].slug) == 0);
        }
    }
    return a->failed ? NULL : v;
}

void site_card(struct req *r, struct tv *card, const struct article_summary *s)
{
    site_card_image(r, card, s, 0);
}

void site_card_image(struct req *r, struct tv *card, const struct article_summary *s,
                     int image_flags)
{
    struct arena *a = &r->arena;
    tv_int(a, card, "id", s->id);
    tv_str(a, card, "slug", s->slug);
    tv_str(a, card, "title", s->title);
    tv_str(a, card, "lede", s->lede);
    tv_str(a, card, "source", s->source);
    tv_str(a, card, "section_slug", s->section_slug);
    tv_str(a, card, "section_name", s->section_name);
    site_dates(r, card, "published", s->published_at,
               SITE_DATE(DATE_ISO) | SITE_DATE(DATE_GREGORIAN));
    /* false when absent, so that {{#image}} never finds an outer context's */
    if (!s->image_hash || !*s->image_hash ||
        !tv_image(a, card, "image", s->image_hash, s->image_width, s->image_height,
                  s->image_alt, image_flags))
        tv_bool(a, card, "image", 0);
}

void site_cards(struct req *r, struct tv *v, const char *name,
                const struct article_summary *s, size_t n)
{
    struct tv *list = tv_list(&r->arena, v, name, n);
    for (size_t i = 0; list && i < n; i++)
        site_card(r, tv_item(list, i), &s[i]);
}

enum ak_err site_render(struct req *r, int status, const char *tmpl, const struct tv *v,
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

void site_client_hash(const struct site *s, const char *client, unsigned char out[16])
{
    crypto_generichash(out, 16, (const unsigned char *)client, strlen(client), s->secret,
                       sizeof s->secret);
}

void site_pagination(struct req *r, struct tv *v, size_t page, size_t pages)
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

size_t site_page_number(struct req *r)
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

const char *site_article_url(struct req *r, int64_t id, const char *slug, const char *suffix)
{
    struct html h;
    html_init(&h, 4096);
    html_printf(&h, "/article/%D/%U", id, slug);
    buf_puts(&h.b, suffix);
    const char *url = h.b.err ? NULL : arena_strdup(&r->arena, h.b.p);
    html_reset(&h);
    return url;
}
