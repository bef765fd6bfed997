/*
 * tmpl.h: akhbar's logic-less templates and the values they render.
 *
 * Syntax (a small Mustache):
 *   {{name}}            a value; dotted names (a.b) walk objects; "." is the
 *                       current item. Text is HTML-escaped; only values set
 *                       with tv_safe() (struct html_safe) go out as is.
 *   {{name|url}}        percent-encoded, for a URL path segment or query value
 *   {{name|json}}       a JSON string body, for <script type="application/ld+json">
 *   {{#name}}..{{/name}}  a list: once per item; an object: once, inside it;
 *                       true, a non-empty string or non-zero number: once
 *   {{#name?}}..{{/name?}}  once, in the same context, when name is true,
 *                       a non-empty list or string, an object or non-zero
 *   {{^name}}..{{/name}}  once when name is missing, false, empty or zero
 *   {{>partial}}        another template of the theme, in the same context
 *   {{! comment }}
 * Parsing rejects unbalanced sections and unknown filters with a line number.
 *
 * Values are built in an arena with the tv_* functions and are read-only
 * while rendering; a template never calls back into C. When an object has
 * two fields of one name, the one added last is found.
 */
#ifndef AK_TMPL_H
#define AK_TMPL_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"
#include "render/html.h"

/* A value: opaque, made and filled only with the functions below. Every
 * pointer they return stays valid, and keeps its place in the tree, for the
 * life of the arena, whatever is added afterwards: fill a child or a list
 * item before or after its parent's other fields, in any order. */
struct tv;

/* A new empty object in arena a (NULL when out of memory). */
struct tv *tv_obj(struct arena *a);
/* Set fields of obj; a NULL string sets nothing. Each returns the field's
 * value (NULL when out of memory), so lists and objects can be filled. */
struct tv *tv_str(struct arena *a, struct tv *obj, const char *name, const char *s);
/* s is kept, not copied: it must live as long as the value (NULL: empty). */
struct tv *tv_safe(struct arena *a, struct tv *obj, const char *name, const struct html_safe *s);
struct tv *tv_int(struct arena *a, struct tv *obj, const char *name, int64_t i);
struct tv *tv_bool(struct arena *a, struct tv *obj, const char *name, int b);
/* A list of n items, each an empty object ready for tv_str() & co. */
struct tv *tv_list(struct arena *a, struct tv *obj, const char *name, size_t n);
/* Item i of a list made by tv_list(), or NULL when list is NULL (out of
 * memory) or i is past its end. */
struct tv *tv_item(struct tv *list, size_t i);
struct tv *tv_child(struct arena *a, struct tv *obj, const char *name);   /* an object */

struct tmpl;

/* Parse src[0..n) named name. On failure returns NULL and writes a message
 * ("name:LINE: what") into err (errn bytes). The template copies src. */
struct tmpl *tmpl_parse(const char *name, const char *src, size_t n, char *err, size_t errn);
void tmpl_free(struct tmpl *t);
const char *tmpl_name(const struct tmpl *t);

/* Resolve a partial by name; returns NULL when there is none. */
typedef const struct tmpl *(*tmpl_lookup_fn)(void *ctx, const char *name, size_t n);

/* Render t with root value v into h. Missing names render as nothing;
 * partials nest at most 8 deep. Errors are sticky in h->b.err. */
void tmpl_render(const struct tmpl *t, const struct tv *v, tmpl_lookup_fn lookup, void *ctx,
                 struct html *h);

#endif
