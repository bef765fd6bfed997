/*
 * autosave.h: what a writer had typed in the editor, kept between saves
 * (autosave.c): one row per writer and article, replaced each time, never a
 * revision. The editor's script sends it every few seconds while the text
 * changes; the editor offers it back when the page is opened again.
 */
#ifndef AK_STORE_AUTOSAVE_H
#define AK_STORE_AUTOSAVE_H

#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"

struct store;

struct autosave {
    int64_t user_id;            /* whose typing */
    int64_t article_id;         /* which article; 0: a new one not yet saved */
    int64_t saved_at;           /* unix seconds; 0 on input means now */
    const char *title, *lede, *body, *section, *tags, *source, *slug;  /* as typed */
};

/* Keep *s in place of the writer's previous autosave of the same article
 * (NULL strings are ''); s->saved_at gets the time when it was 0. */
enum ak_err store_autosave_put(struct store *st, struct autosave *s);
/* The autosave of user_id for article_id into *out (strings in a);
 * AK_ENOTFOUND when there is none. */
enum ak_err store_autosave_get(struct store *st, struct arena *a, int64_t user_id,
                               int64_t article_id, struct autosave *out);
/* Forget it (saved for real, or discarded); AK_OK when there was none. */
enum ak_err store_autosave_drop(struct store *st, int64_t user_id, int64_t article_id);

#endif
