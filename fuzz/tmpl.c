/*
 * fuzz/tmpl.c: libFuzzer target for the template parser and renderer. Any
 * input must parse or be refused with a message, and render within its
 * limits, against a value tree with strings, lists, objects and safe HTML.
 */
#include <stdint.h>
#include <string.h>
#include "render/markdown.h"
#include "render/tmpl.h"

static const struct tmpl *fuzz_self;

static const struct tmpl *fuzz_lookup(void *ctx, const char *name, size_t n)
{
    (void)ctx; (void)name; (void)n;
    return fuzz_self;           /* every partial is the template itself */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    struct tmpl *t = tmpl_parse("fuzz", (const char *)data, size, err, sizeof err);
    if (!t)
        return 0;
    struct arena a;
    arena_init(&a, 1 << 20);
    struct tv *v = tv_obj(&a);
    tv_str(&a, v, "name", "<b>\"x\" & 'y'</b>");
    tv_int(&a, v, "n", 7);
    tv_bool(&a, v, "yes", 1);
    const struct html_safe *safe = NULL;
    markdown_render(&a, "**safe**", 8, &safe);
    tv_safe(&a, v, "body", safe);
    struct tv *list = tv_list(&a, v, "items", 3);
    for (size_t i = 0; list && i < 3; i++) {
        tv_int(&a, tv_item(list, i), "i", (int64_t)i);
        tv_str(&a, tv_item(list, i), "slug", "عربي/?&");
    }
    struct tv *o = tv_child(&a, v, "obj");
    tv_str(&a, o, "title", "عنوان");
    fuzz_self = t;
    struct html h;
    html_init(&h, 1 << 20);
    tmpl_render(t, v, fuzz_lookup, NULL, &h);
    html_reset(&h);
    tmpl_free(t);
    arena_reset(&a);
    return 0;
}
