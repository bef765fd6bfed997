/*
 * log.h: diagnostics on stderr, one write per line so threads do not interleave.
 *
 * A message cannot forge a line: control characters (CR and LF among them),
 * DEL, quotes and backslashes in what the format makes are written as
 * \xHH, whatever the arguments hold (a typed login name, a request path).
 */
#ifndef AK_LOG_H
#define AK_LOG_H

#include <stddef.h>

enum log_level { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG, LOG__MAX };

extern enum log_level log_threshold;   /* messages above it are dropped */

void log_msg(enum log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)

/* Copy s[0..n) into out (cap bytes, NUL-terminated) with control characters,
 * DEL, '"' and '\\' written as \xHH (as nginx escapes its logs); bytes of
 * UTF-8 pass unchanged. Stops before a sequence that would not fit; returns
 * the length written. For log lines of every kind (the access log too). */
size_t log_escape(const char *s, size_t n, char *out, size_t cap);

#endif
