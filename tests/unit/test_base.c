/*
 * test_base.c: log lines cannot be forged: control characters, quotes and
 * backslashes in a message are escaped, and one message is one line. An
 * arena cleared for reuse keeps one empty, zeroing chunk within its budget.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "base/arena.h"
#include "base/log.h"
#include "t.h"

static void test_escape(void)
{
    char out[64];
    CHECK(log_escape("plain سلام", strlen("plain سلام"), out, sizeof out) == strlen("plain سلام"));
    CHECK_STR(out, "plain سلام");
    log_escape("a\r\nb\x1b[31m\x7f", 10, out, sizeof out);
    CHECK_STR(out, "a\\x0d\\x0ab\\x1b[31m\\x7f");
    log_escape("say \"hi\" \\ now", 14, out, sizeof out);
    CHECK_STR(out, "say \\x22hi\\x22 \\x5c now");
    /* a sequence that does not fit is left out whole */
    CHECK(log_escape("abc\n", 4, out, 6) == 3);
    CHECK_STR(out, "abc");
    CHECK(log_escape("x", 1, out, 0) == 0);
    /* bidi controls and C1 controls, each byte; the rest of the text as is */
    log_escape("a\u202Eb\u2066c\u2069 \u200F\u202C", strlen("a\u202Eb\u2066c\u2069 \u200F\u202C"),
               out, sizeof out);
    CHECK_STR(out, "a\\xe2\\x80\\xaeb\\xe2\\x81\\xa6c\\xe2\\x81\\xa9 \u200F\\xe2\\x80\\xac");
    log_escape("\xc2\x9b" "31m \xc2\xa0", 8, out, sizeof out);
    CHECK_STR(out, "\\xc2\\x9b31m \xc2\xa0");
    CHECK(log_escape("ab\u202E", 5, out, 12) == 2);      /* whole or not at all */
    CHECK(log_escape("\xe2\x80", 2, out, sizeof out) == 2);   /* cut: bytes as they are */
}

/* What log_msg writes to stderr for one message, read back from a file. */
static void test_log_line(void)
{
    char path[] = "/tmp/akhbar-log-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    int saved = dup(STDERR_FILENO);
    dup2(fd, STDERR_FILENO);
    log_error("login: %s from %s", "admin\n2026-01-01T00:00:00Z info: login: root", "1.2.3.4");
    dup2(saved, STDERR_FILENO);
    close(saved);
    char buf[512] = { 0 };
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    close(fd);
    unlink(path);
    CHECK(n > 0);
    CHECK(strchr(buf, '\n') == buf + n - 1);            /* exactly one line */
    CHECK_CONTAINS(buf, " error: login: admin\\x0a2026-01-01T00:00:00Z info: login: root from 1.2.3.4\n");
}

static void test_arena_clear(void)
{
    struct arena a;
    arena_init(&a, 64 * 1024);
    arena_clear(&a);                    /* an arena never used: nothing kept */
    CHECK(a.head == NULL && a.used == 0);
    char *p = arena_alloc(&a, 100);
    memset(p, 'x', 100);
    void *first = a.head;
    CHECK(arena_alloc(&a, 20000) != NULL);     /* a second, larger chunk */
    CHECK(a.head != first);
    arena_clear(&a);
    CHECK(a.head == first);             /* the first chunk kept, the rest freed */
    CHECK(a.used > 0 && a.used < 9000);
    char *q = arena_alloc(&a, 100);
    CHECK(q == p);                      /* the same memory, handed out again */
    int zero = 1;
    for (int i = 0; i < 100; i++)
        zero &= q[i] == 0;
    CHECK(zero);
    /* the budget still holds after a clear */
    CHECK(arena_alloc(&a, 60 * 1024) == NULL && a.failed);
    arena_clear(&a);
    CHECK(!a.failed && arena_alloc(&a, 16) == p);
    arena_reset(&a);
    CHECK(a.head == NULL);
}

int main(void)
{
    test_arena_clear();
    test_escape();
    test_log_line();
    T_DONE();
}
