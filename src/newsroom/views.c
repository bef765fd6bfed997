/*
 * views.c: views counted in memory, flushed in batches (see views.h).
 *
 * Two tables of VIEWS_SLOTS (article, count) slots, open addressing on the
 * article's id; views_hit adds to the current one under a mutex, and
 * views_flush swaps in the other, empty one and writes the full one outside
 * the lock, so counting never waits for the database. A day's boundary is
 * taken at the flush: the views of the few seconds before midnight may go
 * to the next day.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "base/clock.h"
#include "base/log.h"
#include "newsroom/views.h"
#include "render/date.h"
#include "store/popular.h"

struct views_slot {
    int64_t id;                 /* 0: empty */
    int64_t n;
};

static struct views_slot views_tables[2][VIEWS_SLOTS];
static int views_current;               /* the table views_hit adds to */
static size_t views_used;               /* its slots in use */
static pthread_mutex_t views_lock = PTHREAD_MUTEX_INITIALIZER;
static struct views_stats views_st;     /* under views_lock */

/* The slot of id in table t: its own, or the empty one where it goes.
 * t must have an empty slot. */
static size_t views_slot_of(const struct views_slot *t, int64_t id)
{
    size_t i = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull >> 40) % VIEWS_SLOTS;
    while (t[i].id != 0 && t[i].id != id)
        i = (i + 1) % VIEWS_SLOTS;
    return i;
}

void views_hit(int64_t id)
{
    if (id <= 0)
        return;
    pthread_mutex_lock(&views_lock);
    struct views_slot *t = views_tables[views_current];
    size_t i = views_slot_of(t, id);
    if (t[i].id == 0 && views_used >= VIEWS_SLOTS * 3 / 4) {
        views_st.dropped++;             /* kept sparse, so probes stay short */
    } else {
        views_used += t[i].id == 0;
        t[i].id = id;
        t[i].n++;
        views_st.counted++;
    }
    pthread_mutex_unlock(&views_lock);
}

enum ak_err views_flush(struct store *st)
{
    pthread_mutex_lock(&views_lock);
    int full = views_current;
    size_t used = views_used;
    views_current = !views_current;
    views_used = 0;
    pthread_mutex_unlock(&views_lock);
    if (used == 0)
        return AK_OK;
    struct views_slot *t = views_tables[full];
    struct view_count *v = malloc(used * sizeof *v);
    if (!v)
        return AK_ENOMEM;               /* kept: the next flush takes both tables */
    int64_t day = date_local_day(clock_now_ms() / 1000), total = 0;
    size_t n = 0;
    for (size_t i = 0; i < VIEWS_SLOTS && n < used; i++)
        if (t[i].id) {
            v[n++] = (struct view_count){ t[i].id, day, t[i].n };
            total += t[i].n;
        }
    enum ak_err rc = store_views_add(st, v, n);
    free(v);
    pthread_mutex_lock(&views_lock);
    if (rc == AK_OK) {
        memset(t, 0, sizeof views_tables[0]);
        views_st.written += total;
        views_st.flushes++;
        views_st.rows += (int64_t)n;
    } else {
        /* keep them: add the new table's counts into the old one and make it
         * current again */
        struct views_slot *cur = views_tables[views_current];
        for (size_t i = 0; i < VIEWS_SLOTS; i++) {
            if (!cur[i].id)
                continue;
            size_t k = views_slot_of(t, cur[i].id);
            if (t[k].id == 0 && used >= VIEWS_SLOTS * 3 / 4) {
                views_st.dropped += cur[i].n;
                views_st.counted -= cur[i].n;
                continue;
            }
            used += t[k].id == 0;
            t[k].id = cur[i].id;
            t[k].n += cur[i].n;
        }
        memset(cur, 0, sizeof views_tables[0]);
        views_current = full;
        views_used = used;
    }
    pthread_mutex_unlock(&views_lock);
    if (rc)
        log_error("views: cannot write %lld views: %s", (long long)total, ak_strerror(rc));
    return rc;
}

void views_stats(struct views_stats *out)
{
    pthread_mutex_lock(&views_lock);
    *out = views_st;
    pthread_mutex_unlock(&views_lock);
}
