/*
 * scheduler.h: the in-process scheduler that publishes scheduled articles on
 * time, whether or not anyone is visiting the site (WordPress's WP-Cron
 * runs only on page views and misses schedules on quiet sites).
 */
#ifndef AK_SCHEDULER_H
#define AK_SCHEDULER_H

#include <stdint.h>
#include "base/err.h"

/* Publish what fell due while the server was down, then start a thread that
 * publishes each scheduled article within a second of its time and, a few a
 * second, computes the related lists that articles lack (store_related_
 * backfill). It opens its own connection to the database at db_path. Returns AK_OK, or AK_EIO (the
 * database could not be opened or the thread started; logged). */
enum ak_err scheduler_start(const char *db_path);
/* Stop the thread and close its connection; a no-op when not started. */
void scheduler_stop(void);
/* The unix time in milliseconds of the scheduler's latest tick (one a second
 * at most, and after each round of work), or 0 when it is not running: the
 * health check's sign that it is alive. Any thread may call it. */
int64_t scheduler_heartbeat(void);

#endif
