/*
 * err.h: the error codes every fallible function in akhbar returns.
 *
 * Why an enum and not errno: errors cross module boundaries (store -> site ->
 * http) and each layer maps them to its own outcome (a 404, an exit code of 1,
 * a line number in an import report). A closed set keeps that mapping total.
 */
#ifndef AK_ERR_H
#define AK_ERR_H

enum ak_err {
    AK_OK = 0,
    AK_ENOMEM,          /* allocation failed or a memory budget was exceeded */
    AK_ENOTFOUND,       /* the thing asked for does not exist */
    AK_ETOOBIG,         /* an input or output exceeded its size limit */
    AK_EINVAL,          /* malformed input: bad UTF-8, bad field, bad syntax */
    AK_EEXIST,          /* a unique thing already exists */
    AK_EIO,             /* database or file system failure (already logged) */
    AK_EFULL,           /* the disk (or the database) is full: a write failed, nothing
                         * of it was kept (already logged) */
    AK_ERR__MAX
};

/* Short English name of an error, for logs and CLI messages. */
const char *ak_strerror(enum ak_err e);

/* Mark boundary cases in the manner of SQLite; a no-op outside coverage runs. */
#define testcase(x) ((void)0)
/* Defensive checks that should never fire; asserted in debug builds. */
#ifdef NDEBUG
#define ALWAYS(x) (x)
#define NEVER(x) (x)
#else
#include <assert.h>
#define ALWAYS(x) (assert(x), 1)
#define NEVER(x) (assert(!(x)), 0)
#endif

#endif
