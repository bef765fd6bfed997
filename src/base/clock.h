/*
 * clock.h: the two clocks akhbar reads (clock.c): the wall clock, for times
 * that other processes and people see, and the monotonic clock, for
 * durations, which must not jump when the wall clock is set.
 */
#ifndef AK_CLOCK_H
#define AK_CLOCK_H

#include <stdint.h>

/* The wall clock: unix time in milliseconds. */
int64_t clock_now_ms(void);
/* The monotonic clock in nanoseconds, from an arbitrary origin: only
 * differences between two readings mean anything. */
uint64_t clock_mono_ns(void);

#endif
