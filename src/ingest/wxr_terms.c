/*
 * wxr_terms.c: a WordPress export's authors and terms (see wxr_import.h).
 *
 * Authors become newsroom users who cannot log in (disabled, no password)
 * until an admin gives them a password; their display name is the byline
 * of their posts. Categories become sections, slug decoded from the
 * percent-encoded nicename WordPress exports (Arabic slugs stay Arabic),
 * parent kept; tags become tags. Each keeps its old URL (/category/SLUG/,
 * with its parents' slugs before it too, and /tag/SLUG/) for a 301. Terms
 * of other taxonomies (menus, formats, custom ones) are counted as skipped.
 * Every step finds what a previous run made, so a second run changes
 * nothing.
 */
#include <stdlib.h>
#include <string.h>
#include "ingest/wxr_import.h"
#include "store/moving.h"
#include "store/section.h"
#include "store/user.h"
#include "store/wp.h"
#include "text/slug.h"
#include "text/urlpath.h"
#include "text/utf8.h"

/* A login akhbar accepts from a WordPress one: lower case, characters
 * outside a-z 0-9 . _ - as '-', at most USER_LOGIN_MAX bytes; "" if nothing
 * is left. */
static const char *author_login(struct wxi *w, const char *login)
{
    size_t n = strlen(login);
    if (n > USER_LOGIN_MAX)
        n = USER_LOGIN_MAX;
    char *s = arena_strndup(&w->a, login, n);
    if (!s)
        return "";
    for (char *p = s; *p; p++) {
        char c = *p >= 'A' && *p <= 'Z' ? (char)(*p + 32) : *p;
        *p = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
             c == '-' ? c : '-';
    }
    while (*s == '.' || *s == '_' || *s == '-')
        s++;
    return store_user_login_valid(s) ? s : "";
}

enum ak_err wxi_author(void *ctx, const struct wxr_channel *ch, const struct wxr_author *a)
{
    (void)ch;
    struct wxi *w = ctx;
    const char *login = author_login(w, a->login);
    if (!*login)
        return wxi_fail(w, WXR_AUTHORS, a->line, "author: login '%s' cannot be used", a->login);
    const char *name = a->display_name;
    if (!*name && (*a->first_name || *a->last_name))
        name = arena_printf(&w->a, "%s%s%s", a->first_name, *a->first_name && *a->last_name
                            ? " " : "", a->last_name);
    if (!name || !*name)
        name = a->login;
    name = arena_strndup(&w->a, name, utf8_clip(name, strlen(name), USER_NAME_MAX * 2));
    struct user u;
    int64_t id = 0;
    enum wxr_outcome o = WXR_UNCHANGED;
    enum ak_err rc = store_user_by_login(w->st, &w->a, login, &u);
    if (rc == AK_OK) {
        id = u.id;
    } else if (rc == AK_ENOTFOUND) {
        rc = store_user_add_imported(w->st, login, name, USER_AUTHOR, &id);
        o = WXR_IMPORTED;
    }
    if (rc != AK_OK)
        return wxi_fail(w, WXR_AUTHORS, a->line, "author '%s': %s", a->login, ak_strerror(rc));
    if ((rc = wxr_map_put(&w->authors, a->login, id, name)) != AK_OK)
        return rc;
    wxi_count(w, WXR_AUTHORS, o);
    return AK_OK;
}

enum ak_err wxi_section_of(struct wxi *w, const char *nicename, const char *name, int64_t *id,
                           const char **slug)
{
    const struct wxr_map_ent *e = wxr_map_get(&w->cats, nicename);
    if (e) {
        *id = e->id;
        *slug = e->val;
        return AK_OK;
    }
    const char *s = wxi_slug(w, nicename, name);
    struct section sec;
    enum ak_err rc = store_section_by_slug(w->st, &w->a, s, &sec);
    if (rc == AK_OK) {
        *id = sec.id;
    } else if (rc == AK_ENOTFOUND) {
        if ((rc = store_section_add(w->st, s, *name ? name : s, id)) != AK_OK)
            return rc;
        wxi_count(w, WXR_CATEGORIES, WXR_IMPORTED);
    } else {
        return rc;
    }
    if ((rc = wxr_map_put(&w->cats, nicename, *id, s)) != AK_OK)
        return rc;
    *slug = wxr_map_get(&w->cats, nicename)->val;
    const char *old = arena_printf(&w->a, "/category/%s/", nicename);
    return old ? store_legacy_put(w->st, old, LEGACY_SECTION, *id) : AK_ENOMEM;
}

enum ak_err wxi_term(void *ctx, const struct wxr_channel *ch, const struct wxr_term *t)
{
    (void)ch;
    struct wxi *w = ctx;
    int cat = t->kind == WXR_CATEGORY || (t->kind == WXR_TERM && strcmp(t->taxonomy,
                                                                           "category") == 0);
    int tag = t->kind == WXR_TAG || (t->kind == WXR_TERM && strcmp(t->taxonomy, "post_tag") == 0);
    enum wxr_kind k = cat ? WXR_CATEGORIES : tag ? WXR_TAGS : WXR_TERMS;
    if (!cat && !tag) {
        wxi_count(w, WXR_TERMS, WXR_SKIPPED);
        return AK_OK;
    }
    if (!*t->slug && !*t->name)
        return wxi_fail(w, k, t->line, "%s: no slug and no name", cat ? "category" : "tag");
    const char *slug = *t->slug ? t->slug : t->name;
    enum ak_err rc;
    if (cat) {
        if (wxr_map_get(&w->cats, slug)) {
            wxi_count(w, k, WXR_UNCHANGED);
            return AK_OK;
        }
        size_t before = w->rep->n[WXR_CATEGORIES][WXR_IMPORTED];
        int64_t id;
        const char *s;
        if ((rc = wxi_section_of(w, slug, t->name, &id, &s)) != AK_OK)
            return wxi_fail(w, k, t->line, "category '%s': %s", t->name, ak_strerror(rc));
        if (w->rep->n[WXR_CATEGORIES][WXR_IMPORTED] == before)
            wxi_count(w, k, WXR_UNCHANGED);
        if (*t->parent && (rc = wxr_map_put(&w->parents, slug, 0, t->parent)) != AK_OK)
            return rc;
        return AK_OK;
    }
    int64_t id;
    struct tag old;
    const char *name = *t->name ? t->name : wxi_slug(w, slug, NULL);
    const char *tslug = text_slug(&w->a, name, 80);
    int existed = tslug && store_tag_by_slug(w->st, &w->a, tslug, &old) == AK_OK;
    if ((rc = store_tag_ensure(w->st, name, &id)) != AK_OK)
        return wxi_fail(w, k, t->line, "tag '%s': %s", name, ak_strerror(rc));
    const char *url = arena_printf(&w->a, "/tag/%s/", slug);
    if (!url || (rc = store_legacy_put(w->st, url, LEGACY_TAG, id)) != AK_OK)
        return wxi_fail(w, k, t->line, "tag '%s': old URL: %s", name, ak_strerror(rc));
    wxi_count(w, k, existed ? WXR_UNCHANGED : WXR_IMPORTED);
    return wxr_map_put(&w->tags, slug, id, NULL);
}

/* The old URL of category nicename with its ancestors: /category/a/b/c/.
 * NULL when a parent is unknown or the chain loops or is deep. */
static const char *term_path(struct wxi *w, const char *nicename)
{
    const char *chain[16];
    size_t n = 0;
    for (const char *c = nicename; c && n < 16; n++) {
        chain[n] = c;
        const struct wxr_map_ent *p = wxr_map_get(&w->parents, c);
        c = p ? p->val : NULL;
        if (c && !wxr_map_get(&w->cats, c))
            return NULL;
    }
    if (n == 16 || n < 2)
        return NULL;
    const char *path = "/category";
    while (n > 0)
        path = arena_printf(&w->a, "%s/%s", path, chain[--n]);
    return path ? arena_printf(&w->a, "%s/", path) : NULL;
}

void wxi_terms_finish(struct wxi *w)
{
    for (size_t i = 0; i < w->parents.cap; i++) {
        const struct wxr_map_ent *e = &w->parents.e[i];
        if (!e->key)
            continue;
        arena_clear(&w->a);
        const struct wxr_map_ent *child = wxr_map_get(&w->cats, e->key);
        const struct wxr_map_ent *parent = wxr_map_get(&w->cats, e->val);
        if (!child || !parent) {
            wxi_report(w, 0, "category '%s': parent '%s' is not in the export", e->key, e->val);
            continue;
        }
        int64_t cur = 0;
        if (store_section_parent(w->st, child->id, &cur) != AK_OK || cur != parent->id)
            store_section_set_parent(w->st, child->id, parent->id);
        const char *path = term_path(w, e->key);
        if (path)
            store_legacy_put(w->st, path, LEGACY_SECTION, child->id);
    }
}
