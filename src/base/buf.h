/*
 * buf.h: a growable byte buffer with a size cap and a sticky error.
 *
 * Modelled on SQLite's sqlite3_str: every append may fail (out of memory, or
 * the cap reached); the first failure is recorded in b->err, later appends
 * become no-ops, and the caller checks once at the end. The contents are
 * always NUL-terminated when b->err == AK_OK and b->p != NULL.
 *
 * buf knows nothing of escaping. Pages are built with render/html.h, which
 * wraps a buf so that untrusted text cannot be appended unescaped.
 */
#ifndef AK_BUF_H
#define AK_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include "base/err.h"

struct buf {
    char *p;                    /* heap storage, owned by the buf */
    size_t n;                   /* bytes used, excluding the NUL */
    size_t cap;                 /* bytes allocated */
    size_t max;                 /* cap on n; 0 means SIZE_MAX/2 */
    enum ak_err err;            /* first failure, sticky */
};

void buf_init(struct buf *b, size_t max);
void buf_reset(struct buf *b);                  /* frees storage, keeps max */
void buf_append(struct buf *b, const void *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
/* printf into the buffer. For logs, CLI text and internal use only: never for
 * HTML, JSON or XML, which have their own escaping writers. */
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Make room for n more bytes; returns a pointer to them or NULL (err set). */
char *buf_reserve(struct buf *b, size_t n);
/* Hand the storage to the caller (free() it); the buf is left empty. */
char *buf_detach(struct buf *b, size_t *n);

#endif
