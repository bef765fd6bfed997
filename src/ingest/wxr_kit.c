/*
 * wxr_kit.c: what the WordPress import's files share (see wxr_import.h):
 * the maps from the export's keys to what was stored, the report of each
 * record, and WordPress's slugs.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "base/hash.h"
#include "ingest/wxr_import.h"
#include "text/slug.h"
#include "text/urlpath.h"

enum ak_err wxr_map_put(struct wxr_map *m, const char *key, int64_t id, const char *val)
{
    if (m->n * 2 >= m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 64;
        struct wxr_map_ent *e = calloc(nc, sizeof *e);
        if (!e)
            return AK_ENOMEM;
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->e[i].key)
                continue;
            size_t h = (size_t)hash_fnv1a(m->e[i].key, strlen(m->e[i].key)) & (nc - 1);
            while (e[h].key)
                h = (h + 1) & (nc - 1);
            e[h] = m->e[i];
        }
        free(m->e);
        m->e = e;
        m->cap = nc;
    }
    size_t h = (size_t)hash_fnv1a(key, strlen(key)) & (m->cap - 1);
    while (m->e[h].key && strcmp(m->e[h].key, key) != 0)
        h = (h + 1) & (m->cap - 1);
    struct wxr_map_ent *x = &m->e[h];
    char *v = val ? strdup(val) : NULL;
    if (val && !v)
        return AK_ENOMEM;
    if (!x->key) {
        if (!(x->key = strdup(key))) {
            free(v);
            return AK_ENOMEM;
        }
        m->n++;
    }
    free(x->val);
    x->val = v;
    x->id = id;
    return AK_OK;
}

const struct wxr_map_ent *wxr_map_get(const struct wxr_map *m, const char *key)
{
    if (!m->cap)
        return NULL;
    size_t h = (size_t)hash_fnv1a(key, strlen(key)) & (m->cap - 1);
    while (m->e[h].key) {
        if (strcmp(m->e[h].key, key) == 0)
            return &m->e[h];
        h = (h + 1) & (m->cap - 1);
    }
    return NULL;
}

void wxr_map_free(struct wxr_map *m)
{
    for (size_t i = 0; i < m->cap; i++) {
        free(m->e[i].key);
        free(m->e[i].val);
    }
    free(m->e);
    memset(m, 0, sizeof *m);
}

const char *wxi_slug(struct wxi *w, const char *slug, const char *name)
{
    const char *p = text_urlpath(&w->a, slug, strlen(slug));
    if (p && p[0] == '/' && p[1] && !strchr(p + 1, '/'))
        return p + 1;
    p = text_slug(&w->a, name && *name ? name : slug, 80);
    return p ? p : "";
}

void wxi_report(struct wxi *w, size_t line, const char *fmt, ...)
{
    if (!w->err)
        return;
    if (line)
        fprintf(w->err, "%s:%zu: ", w->name, line);
    else
        fprintf(w->err, "%s: ", w->name);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(w->err, fmt, ap);
    va_end(ap);
    fputc('\n', w->err);
}

void wxi_count(struct wxi *w, enum wxr_kind k, enum wxr_outcome o)
{
    w->rep->n[k][o]++;
}

enum ak_err wxi_fail(struct wxi *w, enum wxr_kind k, size_t line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    wxi_report(w, line, "%s", msg);
    wxi_count(w, k, WXR_FAILED);
    if (w->opts->strict) {
        w->fatal = 1;
        return AK_EINVAL;
    }
    return AK_OK;
}

