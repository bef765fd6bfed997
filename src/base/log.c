/*
 * log.c: timestamped diagnostics on stderr (see log.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include "base/log.h"
#include "base/err.h"

enum log_level log_threshold = LOG_INFO;

static const char *const log_names[LOG__MAX] = { "error", "warn", "info", "debug" };

static const char *const err_names[AK_ERR__MAX] = {
    "ok", "out of memory", "not found", "too big", "invalid input", "already exists",
    "input/output error",
};

const char *ak_strerror(enum ak_err e)
{
    return (unsigned)e < AK_ERR__MAX ? err_names[e] : "unknown error";
}

void log_msg(enum log_level lvl, const char *fmt, ...)
{
    if (lvl > log_threshold)
        return;
    char line[1024];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    size_t k = strftime(line, sizeof line, "%Y-%m-%dT%H:%M:%SZ ", &tm);
    int m = snprintf(line + k, sizeof line - k, "%s: ", log_names[lvl]);
    if (m > 0)
        k += (size_t)m;
    va_list ap;
    va_start(ap, fmt);
    m = vsnprintf(line + k, sizeof line - k - 1, fmt, ap);
    va_end(ap);
    if (m > 0)
        k += (size_t)m < sizeof line - k - 1 ? (size_t)m : sizeof line - k - 2;
    line[k++] = '\n';
    ssize_t w = write(STDERR_FILENO, line, k);
    (void)w;
}
