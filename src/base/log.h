/*
 * log.h: the two logs, one write per line so threads do not interleave:
 * diagnostics (log_msg) on standard error, and the access log (log_access).
 * Both go to standard error unless sent to a file (log_open), which
 * log_reopen opens again after logrotate moved it (the server calls it on
 * SIGHUP). A diagnostics file takes standard error's place, so what
 * libraries write there goes to it too.
 *
 * A message cannot forge a line: control characters (CR and LF among them,
 * and the C1 controls), DEL, quotes, backslashes and the bidi embeddings,
 * overrides and isolates (which turn the rest of a line backwards where it
 * is shown) in what the format makes are written as \xHH, byte by byte,
 * whatever the arguments hold (a typed login name, a request path).
 */
#ifndef AK_LOG_H
#define AK_LOG_H

#include <stddef.h>
#include "base/err.h"

enum log_level { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG, LOG__MAX };

extern enum log_level log_threshold;   /* messages above it are dropped */

void log_msg(enum log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)

enum log_stream { LOG_ERRORS, LOG_ACCESS, LOG_STREAM__MAX };

/* Send stream s to path: "-" standard error (the default), "off" nowhere,
 * else the file path, opened for appending (made with mode 0640 when
 * absent). Returns AK_OK, or AK_EIO (errno set) when the file cannot be
 * opened; AK_EINVAL for "off" as LOG_ERRORS. */
enum ak_err log_open(enum log_stream s, const char *path);
/* Open again the file of each stream that has one, by its path: lines
 * written meanwhile go to the old file or the new one, none is lost. A
 * file that cannot be opened keeps its old one (and says so). */
void log_reopen(void);
/* Close the streams' files (standard error stays). */
void log_close(void);
/* Write line[0..n) (ending with its newline) to the access log. */
void log_access(const char *line, size_t n);
/* Whether the access log goes anywhere (not "off"): a line for no one is
 * not made. */
int log_access_on(void);

/* Copy s[0..n) into out (cap bytes, NUL-terminated) with control characters,
 * DEL, '"' and '\\' written as \xHH (as nginx escapes its logs); bytes of
 * UTF-8 pass unchanged. Stops before a sequence that would not fit; returns
 * the length written. For log lines of every kind (the access log too). */
size_t log_escape(const char *s, size_t n, char *out, size_t cap);

#endif
