/*
 * tmpl.c: parser and renderer for akhbar's logic-less templates (see tmpl.h).
 *
 * A template is parsed once into a flat array of nodes; a section node knows
 * the index just past its closing tag, so rendering is a loop with recursion
 * only for sections and partials. No C template library in Debian escapes by
 * construction, so this one is ours, and small enough to fuzz.
 */
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include <stdio.h>
#include "render/tmpl.h"

/* ---- values ---- */

enum tv_kind { TV_NULL, TV_STR, TV_SAFE, TV_INT, TV_BOOL, TV_LIST, TV_OBJ, TV__MAX };

/* A value. An object's fields are allocated one by one and linked newest
 * first, so no field ever moves: a pointer that a tv_* function returned
 * stays valid for the arena's life, whatever is added afterwards. A list's
 * items are allocated once, at their final number, and never move either. */
struct tv {
    enum tv_kind kind;
    union {
        struct { const char *p; size_t n; } str;        /* TV_STR */
        const struct html_safe *safe;                   /* TV_SAFE */
        int64_t i;                                      /* TV_INT, TV_BOOL */
        struct { struct tv *items; size_t n; } list;    /* TV_LIST */
        struct tv_field *fields;                        /* TV_OBJ: newest first */
    } u;
};
struct tv_field {
    const char *name;           /* a string literal or arena string */
    struct tv v;
    struct tv_field *next;      /* the field added before this one */
};

struct tv *tv_obj(struct arena *a)
{
    struct tv *v = arena_alloc(a, sizeof *v);
    if (v)
        *v = (struct tv){ .kind = TV_OBJ };
    return v;
}

/* Add a field to obj and return its value slot, of kind TV_NULL. */
static struct tv *tv_field(struct arena *a, struct tv *obj, const char *name)
{
    if (!obj || obj->kind != TV_OBJ)
        return NULL;
    struct tv_field *f = arena_alloc(a, sizeof *f);
    if (!f)
        return NULL;
    *f = (struct tv_field){ .name = name, .v = { .kind = TV_NULL }, .next = obj->u.fields };
    obj->u.fields = f;
    return &f->v;
}

struct tv *tv_str(struct arena *a, struct tv *obj, const char *name, const char *s)
{
    if (!s)
        return NULL;
    struct tv *v = tv_field(a, obj, name);
    if (v) {
        v->kind = TV_STR;
        v->u.str.p = s;
        v->u.str.n = strlen(s);
    }
    return v;
}

struct tv *tv_safe(struct arena *a, struct tv *obj, const char *name, const struct html_safe *s)
{
    struct tv *v = tv_field(a, obj, name);
    if (v) {
        v->kind = TV_SAFE;
        v->u.safe = s;
    }
    return v;
}

struct tv *tv_int(struct arena *a, struct tv *obj, const char *name, int64_t i)
{
    struct tv *v = tv_field(a, obj, name);
    if (v) {
        v->kind = TV_INT;
        v->u.i = i;
    }
    return v;
}

struct tv *tv_bool(struct arena *a, struct tv *obj, const char *name, int b)
{
    struct tv *v = tv_field(a, obj, name);
    if (v) {
        v->kind = TV_BOOL;
        v->u.i = b != 0;
    }
    return v;
}

struct tv *tv_list(struct arena *a, struct tv *obj, const char *name, size_t n)
{
    struct tv *items = arena_alloc(a, (n ? n : 1) * sizeof *items);
    struct tv *v = items ? tv_field(a, obj, name) : NULL;
    if (!v)
        return NULL;
    for (size_t i = 0; i < n; i++)
        items[i] = (struct tv){ .kind = TV_OBJ };
    v->kind = TV_LIST;
    v->u.list.items = items;
    v->u.list.n = n;
    return v;
}

struct tv *tv_item(struct tv *list, size_t i)
{
    if (!list || list->kind != TV_LIST || i >= list->u.list.n)
        return NULL;
    return &list->u.list.items[i];
}

struct tv *tv_child(struct arena *a, struct tv *obj, const char *name)
{
    struct tv *v = tv_field(a, obj, name);
    if (v)
        *v = (struct tv){ .kind = TV_OBJ };
    return v;
}

/* ---- parsing ---- */

enum tn_kind { TN_TEXT, TN_VAR, TN_SECTION, TN_INVERTED, TN_PARTIAL, TN__MAX };
enum tn_filter { TF_HTML, TF_URL, TF_JSON, TF__MAX };
static const char *const tn_filter_names[TF__MAX] = { "html", "url", "json" };

struct tnode {
    enum tn_kind kind;
    enum tn_filter filter;
    const char *s;              /* text, or the name (into t->src) */
    size_t n;
    size_t end;                 /* sections: index of the node after the close */
};

struct tmpl {
    char *name;
    char *src;                  /* owned copy of the source */
    struct tnode *nodes;
    size_t n, cap;
};

#define TMPL_MAX_DEPTH 32       /* nested sections in one template */
#define TMPL_MAX_PARTIALS 8     /* nested partials while rendering */

static int tmpl_push(struct tmpl *t, enum tn_kind kind, const char *s, size_t n)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        struct tnode *nodes = realloc(t->nodes, cap * sizeof *nodes);
        if (!nodes)
            return 0;
        t->nodes = nodes;
        t->cap = cap;
    }
    t->nodes[t->n++] = (struct tnode){ .kind = kind, .s = s, .n = n };
    return 1;
}

static int tmpl_is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '.' || c == '-' || c == '/' || c == '?';
}

static size_t tmpl_line(const char *src, const char *at)
{
    size_t line = 1;
    for (const char *p = src; p < at; p++)
        line += *p == '\n';
    return line;
}

struct tmpl *tmpl_parse(const char *name, const char *src, size_t n, char *err, size_t errn)
{
    struct tmpl *t = calloc(1, sizeof *t);
    size_t open[TMPL_MAX_DEPTH], depth = 0;
    const char *why = NULL, *where = NULL;
    if (!t || !(t->name = strdup(name)) || !(t->src = malloc(n + 1))) {
        why = "out of memory";
        goto fail;
    }
    memcpy(t->src, src, n);
    t->src[n] = 0;
    const char *p = t->src, *e = t->src + n;
    while (p < e) {
        const char *tag = memmem(p, (size_t)(e - p), "{{", 2);
        if (!tag)
            tag = e;
        if (tag > p && !tmpl_push(t, TN_TEXT, p, (size_t)(tag - p))) {
            why = "out of memory";
            goto fail;
        }
        if (tag == e)
            break;
        where = tag;
        const char *close = memmem(tag + 2, (size_t)(e - tag - 2), "}}", 2);
        if (!close) {
            why = "unclosed {{";
            goto fail;
        }
        const char *a = tag + 2, *b = close;
        p = close + 2;
        char sigil = *a;
        if (sigil == '!')
            continue;
        if (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '>')
            a++;
        while (a < b && *a == ' ')
            a++;
        while (b > a && b[-1] == ' ')
            b--;
        const char *bar = memchr(a, '|', (size_t)(b - a));
        const char *name_end = bar ? bar : b;
        if (name_end == a) {
            why = "empty tag";
            goto fail;
        }
        for (const char *c = a; c < name_end; c++)
            if (!tmpl_is_name_char(*c)) {
                why = "bad character in a name";
                goto fail;
            }
        enum tn_filter filter = TF_HTML;
        if (bar) {
            if (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '>') {
                why = "a filter only goes on a value";
                goto fail;
            }
            size_t fl = (size_t)(b - bar - 1);
            int found = 0;
            for (int f = 0; f < TF__MAX; f++)
                if (strlen(tn_filter_names[f]) == fl &&
                    memcmp(tn_filter_names[f], bar + 1, fl) == 0) {
                    filter = (enum tn_filter)f;
                    found = 1;
                }
            if (!found) {
                why = "unknown filter";
                goto fail;
            }
        }
        size_t nl = (size_t)(name_end - a);
        switch (sigil) {
        case '#':
        case '^':
            if (depth == TMPL_MAX_DEPTH) {
                why = "sections nested too deep";
                goto fail;
            }
            open[depth++] = t->n;
            if (!tmpl_push(t, sigil == '#' ? TN_SECTION : TN_INVERTED, a, nl)) {
                why = "out of memory";
                goto fail;
            }
            break;
        case '/':
            if (depth == 0) {
                why = "close without open";
                goto fail;
            }
            depth--;
            struct tnode *o = &t->nodes[open[depth]];
            if (o->n != nl || memcmp(o->s, a, nl) != 0) {
                why = "close does not match open";
                goto fail;
            }
            o->end = t->n;
            break;
        case '>':
            if (!tmpl_push(t, TN_PARTIAL, a, nl)) {
                why = "out of memory";
                goto fail;
            }
            break;
        default:
            if (!tmpl_push(t, TN_VAR, a, nl)) {
                why = "out of memory";
                goto fail;
            }
            t->nodes[t->n - 1].filter = filter;
        }
    }
    if (depth) {
        why = "section not closed";
        where = t->nodes[open[depth - 1]].s;
        goto fail;
    }
    return t;
fail:
    if (err && errn)
        snprintf(err, errn, "%s:%zu: %s", name,
                 t && t->src && where ? tmpl_line(t->src, where) : (size_t)0, why);
    tmpl_free(t);
    return NULL;
}

void tmpl_free(struct tmpl *t)
{
    if (!t)
        return;
    free(t->name);
    free(t->src);
    free(t->nodes);
    free(t);
}

const char *tmpl_name(const struct tmpl *t)
{
    return t->name;
}

/* ---- rendering ---- */

struct render {
    tmpl_lookup_fn lookup;
    void *ctx;
    struct html *h;
    const struct tv *stack[TMPL_MAX_DEPTH * TMPL_MAX_PARTIALS + 2];
    size_t depth;
    int partials;
};

static const struct tv *tv_get(const struct tv *obj, const char *name, size_t n)
{
    if (!obj || obj->kind != TV_OBJ)
        return NULL;
    for (const struct tv_field *f = obj->u.fields; f; f = f->next)     /* newest wins */
        if (strlen(f->name) == n && memcmp(f->name, name, n) == 0)
            return &f->v;
    return NULL;
}

/* Resolve a (dotted) name: the first part from the innermost context out. */
static const struct tv *render_lookup(const struct render *r, const char *s, size_t n)
{
    if (n == 1 && s[0] == '.')
        return r->depth ? r->stack[r->depth - 1] : NULL;
    const char *dot = memchr(s, '.', n);
    size_t first = dot ? (size_t)(dot - s) : n;
    const struct tv *v = NULL;
    for (size_t i = r->depth; i-- > 0 && !v;)
        v = tv_get(r->stack[i], s, first);
    while (v && dot) {
        const char *rest = dot + 1;
        size_t left = n - (size_t)(rest - s);
        dot = memchr(rest, '.', left);
        size_t part = dot ? (size_t)(dot - rest) : left;
        v = tv_get(v, rest, part);
    }
    return v;
}

static int tv_truthy(const struct tv *v)
{
    if (!v)
        return 0;
    switch (v->kind) {
    case TV_STR: return v->u.str.n > 0;
    case TV_SAFE: return html_safe_len(v->u.safe) > 0;
    case TV_INT: case TV_BOOL: return v->u.i != 0;
    case TV_LIST: return v->u.list.n > 0;
    case TV_OBJ: return 1;
    default: return 0;
    }
}

static void render_value(struct render *r, const struct tv *v, enum tn_filter f)
{
    char num[32];
    const char *s;
    size_t n;
    switch (v ? v->kind : TV_NULL) {
    case TV_SAFE:
        if (f == TF_HTML) {
            html_safe(r->h, v->u.safe);
            return;
        }
        s = html_safe_str(v->u.safe);   /* as text in a URL or JSON context */
        n = html_safe_len(v->u.safe);
        break;
    case TV_STR:
        s = v->u.str.p;
        n = v->u.str.n;
        break;
    case TV_INT:
        n = (size_t)snprintf(num, sizeof num, "%" PRId64, v->u.i);
        s = num;
        break;
    default:
        return;
    }
    if (f == TF_URL)
        html_url(r->h, s, n);
    else if (f == TF_JSON)
        html_json(r->h, s, n);
    else
        html_text(r->h, s, n);
}

static void render_nodes(struct render *r, const struct tmpl *t, size_t from, size_t to);

static void render_in(struct render *r, const struct tmpl *t, size_t from, size_t to,
                      const struct tv *ctx)
{
    if (r->depth == sizeof r->stack / sizeof r->stack[0]) {
        if (!r->h->b.err)
            r->h->b.err = AK_ETOOBIG;
        return;
    }
    r->stack[r->depth++] = ctx;
    render_nodes(r, t, from, to);
    r->depth--;
}

static void render_nodes(struct render *r, const struct tmpl *t, size_t from, size_t to)
{
    for (size_t i = from; i < to && !r->h->b.err;) {
        const struct tnode *nd = &t->nodes[i];
        const struct tv *v;
        switch (nd->kind) {
        case TN_TEXT:
            html_lit_(r->h, nd->s, nd->n);
            i++;
            break;
        case TN_VAR:
            render_value(r, render_lookup(r, nd->s, nd->n), nd->filter);
            i++;
            break;
        case TN_SECTION:
            if (nd->n > 1 && nd->s[nd->n - 1] == '?') {     /* a test, not a loop */
                if (tv_truthy(render_lookup(r, nd->s, nd->n - 1)))
                    render_nodes(r, t, i + 1, nd->end);
                i = nd->end;
                break;
            }
            v = render_lookup(r, nd->s, nd->n);
            if (v && v->kind == TV_LIST) {
                for (size_t k = 0; k < v->u.list.n; k++)
                    render_in(r, t, i + 1, nd->end, &v->u.list.items[k]);
            } else if (v && v->kind == TV_OBJ) {
                render_in(r, t, i + 1, nd->end, v);
            } else if (tv_truthy(v)) {
                render_nodes(r, t, i + 1, nd->end);
            }
            i = nd->end;
            break;
        case TN_INVERTED:
            if (!tv_truthy(render_lookup(r, nd->s, nd->n)))
                render_nodes(r, t, i + 1, nd->end);
            i = nd->end;
            break;
        case TN_PARTIAL: {
            const struct tmpl *p = r->lookup ? r->lookup(r->ctx, nd->s, nd->n) : NULL;
            if (p && r->partials < TMPL_MAX_PARTIALS) {
                r->partials++;
                render_nodes(r, p, 0, p->n);
                r->partials--;
            } else if (p && !r->h->b.err) {
                r->h->b.err = AK_ETOOBIG;
            }
            i++;
            break;
        }
        default:
            i++;
        }
    }
}

void tmpl_render(const struct tmpl *t, const struct tv *v, tmpl_lookup_fn lookup, void *ctx,
                 struct html *h)
{
    struct render r = { .lookup = lookup, .ctx = ctx, .h = h };
    render_in(&r, t, 0, t->n, v);
}
