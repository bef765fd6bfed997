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
    "input/output error", "disk full",
};

const char *ak_strerror(enum ak_err e)
{
    return (unsigned)e < AK_ERR__MAX ? err_names[e] : "unknown error";
}

size_t log_escape(const char *s, size_t n, char *out, size_t cap)
{
    static const char hex[] = "0123456789abcdef";
    size_t k = 0;
    if (cap == 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int esc = c < 0x20 || c == 0x7f || c == '"' || c == '\\';
        if (k + (esc ? 4 : 1) >= cap)
            break;
        if (esc) {
            out[k++] = '\\';
            out[k++] = 'x';
            out[k++] = hex[c >> 4];
            out[k++] = hex[c & 15];
        } else {
            out[k++] = (char)c;
        }
    }
    out[k] = '\0';
    return k;
}

void log_msg(enum log_level lvl, const char *fmt, ...)
{
    if (lvl > log_threshold)
        return;
    char line[1024], msg[900];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    size_t k = strftime(line, sizeof line, "%Y-%m-%dT%H:%M:%SZ ", &tm);
    int m = snprintf(line + k, sizeof line - k, "%s: ", log_names[lvl]);
    if (m > 0)
        k += (size_t)m;
    va_list ap;
    va_start(ap, fmt);
    m = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (m > 0)
        k += log_escape(msg, (size_t)m < sizeof msg ? (size_t)m : sizeof msg - 1, line + k,
                        sizeof line - k - 1);
    line[k++] = '\n';
    ssize_t w = write(STDERR_FILENO, line, k);
    (void)w;
}
