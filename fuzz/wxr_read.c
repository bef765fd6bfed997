/*
 * fuzz/wxr_read.c: libFuzzer target for WordPress exports (the streaming WXR
 * reader, from memory), each item's content through the HTML converter.
 * Besides crashes and leaks it checks that every record's strings are
 * NUL-terminated UTF-8 no longer than the input, and that a refusal says why.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ingest/wp.h"
#include "ingest/wxr.h"
#include "text/utf8.h"

static size_t fz_size;

static void fz_check(const char *s)
{
    size_t n = strlen(s);
    if (n > fz_size || !utf8_valid(s, n))
        abort();
}

static enum ak_err fz_author(void *ctx, const struct wxr_channel *ch, const struct wxr_author *a)
{
    (void)ctx, (void)ch;
    fz_check(a->login);
    fz_check(a->display_name);
    return AK_OK;
}

static enum ak_err fz_term(void *ctx, const struct wxr_channel *ch, const struct wxr_term *t)
{
    (void)ctx, (void)ch;
    fz_check(t->slug);
    fz_check(t->name);
    fz_check(t->parent);
    return AK_OK;
}

static enum ak_err fz_item(void *ctx, const struct wxr_channel *ch, const struct wxr_item *it)
{
    (void)ctx, (void)ch;
    fz_check(it->title);
    fz_check(it->content);
    for (size_t i = 0; i < it->ncats; i++)
        fz_check(it->cats[i].nicename);
    for (size_t i = 0; i < it->ncomments; i++)
        fz_check(it->comments[i].content);
    struct arena a;
    arena_init(&a, 256u << 20);
    struct wp_md md;
    wp_html_md(&a, it->content, strlen(it->content), &md);
    arena_reset(&a);
    return AK_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_size = size;
    struct wxr_sink sink = { NULL, fz_author, fz_term, fz_item };
    struct wxr_error e;
    if (wxr_read("fuzz", (const char *)data, size, &sink, &e) != AK_OK && !e.msg[0])
        abort();
    return 0;
}
