/*
 * log.c: timestamped diagnostics and the access log (see log.h).
 *
 * Each stream writes to a descriptor that stays the same for the life of
 * the process; reopening a file opens it anew and puts it in that
 * descriptor's place with dup2(2), which is atomic, so a thread writing at
 * that moment writes whole lines to one file or the other.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "base/log.h"

enum log_level log_threshold = LOG_INFO;

static struct {
    int fd;                     /* where lines go; -1: nowhere */
    char path[4096];            /* the file, or "" for standard error or nothing */
} log_streams[LOG_STREAM__MAX] = {
    [LOG_ERRORS] = { STDERR_FILENO, "" },
    [LOG_ACCESS] = { STDERR_FILENO, "" },
};

static int log_file(const char *path)
{
    return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
}

enum ak_err log_open(enum log_stream s, const char *path)
{
    int off = strcmp(path, "off") == 0;
    if ((off && s == LOG_ERRORS) || strlen(path) >= sizeof log_streams[s].path)
        return AK_EINVAL;
    if (off || strcmp(path, "-") == 0) {
        if (log_streams[s].fd > STDERR_FILENO)
            close(log_streams[s].fd);
        log_streams[s].fd = off ? -1 : STDERR_FILENO;
        log_streams[s].path[0] = 0;
        return AK_OK;
    }
    int fd = log_file(path);
    if (fd < 0)
        return AK_EIO;
    if (s == LOG_ERRORS) {              /* in standard error's place */
        if (dup2(fd, STDERR_FILENO) < 0) {
            int e = errno;
            close(fd);
            errno = e;
            return AK_EIO;
        }
        close(fd);
        fd = STDERR_FILENO;
    } else if (log_streams[s].fd > STDERR_FILENO) {
        close(log_streams[s].fd);
    }
    log_streams[s].fd = fd;
    snprintf(log_streams[s].path, sizeof log_streams[s].path, "%s", path);
    return AK_OK;
}

void log_reopen(void)
{
    for (int s = 0; s < LOG_STREAM__MAX; s++) {
        if (!log_streams[s].path[0])
            continue;
        int fd = log_file(log_streams[s].path);
        if (fd < 0 || dup2(fd, log_streams[s].fd) < 0)
            log_error("%s: cannot open the log again: %s", log_streams[s].path,
                      strerror(errno));
        if (fd >= 0)
            close(fd);
    }
}

void log_close(void)
{
    for (int s = 0; s < LOG_STREAM__MAX; s++)
        if (log_streams[s].fd > STDERR_FILENO)
            close(log_streams[s].fd);
    for (int s = 0; s < LOG_STREAM__MAX; s++) {
        log_streams[s].fd = STDERR_FILENO;
        log_streams[s].path[0] = 0;
    }
}

/* Write line[0..n) to stream s, all of it. */
static void log_write(enum log_stream s, const char *line, size_t n)
{
    int fd = log_streams[s].fd;
    while (fd >= 0 && n) {
        ssize_t w = write(fd, line, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        line += w;
        n -= (size_t)w;
    }
}

void log_access(const char *line, size_t n)
{
    log_write(LOG_ACCESS, line, n);
}

int log_access_on(void)
{
    return log_streams[LOG_ACCESS].fd >= 0;
}

static const char *const log_names[LOG__MAX] = { "error", "warn", "info", "debug" };

static const char *const err_names[AK_ERR__MAX] = {
    "ok", "out of memory", "not found", "too big", "invalid input", "already exists",
    "input/output error", "disk full",
};

const char *ak_strerror(enum ak_err e)
{
    return (unsigned)e < AK_ERR__MAX ? err_names[e] : "unknown error";
}

/* How many bytes at s[i..n) are written as \xHH: a control character, DEL,
 * a quote or a backslash (1); a C1 control, U+0080..U+009F (2); a bidi
 * embedding, override or isolate, U+202A..U+202E and U+2066..U+2069, which
 * would turn the rest of the line backwards in a viewer that applies the
 * bidi algorithm (3); else 0. */
static size_t log_escaped(const unsigned char *s, size_t n, size_t i)
{
    unsigned char c = s[i];
    if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
        return 1;
    if (c == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F)
        return 2;
    if (c == 0xE2 && i + 2 < n &&
        ((s[i + 1] == 0x80 && s[i + 2] >= 0xAA && s[i + 2] <= 0xAE) ||
         (s[i + 1] == 0x81 && s[i + 2] >= 0xA6 && s[i + 2] <= 0xA9)))
        return 3;
    return 0;
}

size_t log_escape(const char *s, size_t n, char *out, size_t cap)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    size_t k = 0;
    if (cap == 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        size_t esc = log_escaped(u, n, i);
        if (k + (esc ? 4 * esc : 1) >= cap)
            break;
        if (!esc) {
            out[k++] = s[i];
            continue;
        }
        for (size_t j = 0; j < esc; j++) {
            out[k++] = '\\';
            out[k++] = 'x';
            out[k++] = hex[u[i + j] >> 4];
            out[k++] = hex[u[i + j] & 15];
        }
        i += esc - 1;
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
    log_write(LOG_ERRORS, line, k);
}
