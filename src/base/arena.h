/*
 * arena.h: a bump allocator with a byte budget.
 *
 * Each request (and each CLI command) owns one arena; everything a handler
 * loads from the store or builds for a page lives in it and is freed at once
 * when the response is done. The budget bounds a request's memory: once it is
 * exceeded every allocation returns NULL and arena_failed() says so.
 */
#ifndef AK_ARENA_H
#define AK_ARENA_H

#include <stddef.h>

struct arena_chunk;
struct arena {
    struct arena_chunk *head;   /* newest chunk first */
    size_t used;                /* bytes handed out plus chunk overhead */
    size_t budget;              /* cap on used; 0 means unlimited */
    int failed;                 /* an allocation has failed */
    int over;                   /* ...because it would have passed the budget */
};

void arena_init(struct arena *a, size_t budget);
void arena_reset(struct arena *a);             /* frees every chunk */
/* Frees every chunk but the first one made, kept empty for the arena's next
 * use: an arena reused for request after request allocates nothing while
 * each request fits in that chunk. */
void arena_clear(struct arena *a);
/* Zeroed, 16-byte aligned memory, or NULL when out of memory or budget. */
void *arena_alloc(struct arena *a, size_t n);
/* Copy of s[0..n) with a NUL after it; NULL on failure. s may be NULL if n==0. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* printf into the arena: for internal strings only, never HTML. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
