/*
 * buf.c: growable capped byte buffer with a sticky error (see buf.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"

void buf_init(struct buf *b, size_t max)
{
    b->p = NULL;
    b->n = b->cap = 0;
    b->max = max ? max : ((size_t)-1) / 2;
    b->err = AK_OK;
}

void buf_reset(struct buf *b)
{
    free(b->p);
    buf_init(b, b->max);
}

char *buf_reserve(struct buf *b, size_t n)
{
    if (b->err)
        return NULL;
    if (n > b->max - b->n) {
        b->err = AK_ETOOBIG;
        return NULL;
    }
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->err = AK_ENOMEM;
            return NULL;
        }
        b->p = p;
        b->cap = cap;
    }
    return b->p + b->n;
}

void buf_append(struct buf *b, const void *s, size_t n)
{
    char *d = buf_reserve(b, n);
    if (!d)
        return;
    if (n)
        memcpy(d, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

void buf_puts(struct buf *b, const char *s)
{
    buf_append(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
    buf_append(b, &c, 1);
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
    va_list aq;
    char tmp[256];
    va_copy(aq, ap);
    int k = vsnprintf(tmp, sizeof tmp, fmt, aq);
    va_end(aq);
    if (k < 0) {
        if (!b->err)
            b->err = AK_EINVAL;
        return;
    }
    if ((size_t)k < sizeof tmp) {
        buf_append(b, tmp, (size_t)k);
        return;
    }
    char *d = buf_reserve(b, (size_t)k);
    if (!d)
        return;
    vsnprintf(d, (size_t)k + 1, fmt, ap);
    b->n += (size_t)k;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

char *buf_detach(struct buf *b, size_t *n)
{
    char *p = b->p;
    if (n)
        *n = b->n;
    if (!p)
        p = calloc(1, 1);
    buf_init(b, b->max);
    return p;
}
