/*
 * arena.c: bump allocator with a byte budget (see arena.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/arena.h"

struct arena_chunk {
    struct arena_chunk *next;
    size_t size;                /* usable bytes after the header */
    size_t off;                 /* next free byte */
    _Alignas(16) unsigned char data[];
};

#define ARENA_CHUNK 8192

void arena_init(struct arena *a, size_t budget)
{
    a->head = NULL;
    a->used = 0;
    a->budget = budget;
    a->failed = 0;
    a->over = 0;
}

void arena_reset(struct arena *a)
{
    struct arena_chunk *c = a->head;
    while (c) {
        struct arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    arena_init(a, a->budget);
}

void arena_clear(struct arena *a)
{
    struct arena_chunk *c = a->head, *first = NULL;
    while (c) {
        struct arena_chunk *next = c->next;
        if (next)
            free(c);
        else
            first = c;
        c = next;
    }
    arena_init(a, a->budget);
    if (first) {
        first->off = 0;
        first->next = NULL;
        a->head = first;
        a->used = first->size + sizeof *first;
    }
}

void *arena_alloc(struct arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n == 0)
        n = 16;
    struct arena_chunk *c = a->head;
    if (!c || c->size - c->off < n) {
        size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;
        if (a->budget && a->used + size + sizeof *c > a->budget) {
            a->failed = a->over = 1;
            return NULL;
        }
        c = malloc(sizeof *c + size);
        if (!c) {
            a->failed = 1;
            return NULL;
        }
        c->size = size;
        c->off = 0;
        c->next = a->head;
        a->head = c;
        a->used += size + sizeof *c;
    }
    void *p = c->data + c->off;
    c->off += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *d = arena_alloc(a, n + 1);
    if (!d)
        return NULL;
    if (n)
        memcpy(d, s, n);
    d[n] = 0;
    return d;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (k < 0)
        return NULL;
    char *d = arena_alloc(a, (size_t)k + 1);
    if (!d)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(d, (size_t)k + 1, fmt, ap);
    va_end(ap);
    return d;
}
