/*
 * backup.c: copies of the database (see backup.h). The copy is made by
 * SQLite's online backup API; the checks are SQLite's own (integrity_check
 * and FTS5's integrity-check); the lock probe takes the byte-range locks
 * SQLite's unix VFS takes (os_unix.c: PENDING_BYTE at 0x40000000, then the
 * RESERVED byte and 510 SHARED bytes; in the -shm file, 8 WAL lock bytes at
 * 120 and the DMS byte after them), so it sees any SQLite connection of any
 * program, not only akhbar's.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/log.h"
#include "store/backup.h"
#include "store/db.h"

#define BACKUP_TRIES 100                /* of 100 ms each when the source is busy */
#define LOCK_DB_FIRST 0x40000000        /* SQLite's PENDING_BYTE */
#define LOCK_DB_BYTES (2 + 510)         /* PENDING, RESERVED and the SHARED range */
#define LOCK_SHM_DMS (120 + 8)          /* after the WAL index's 8 lock bytes */

DB_SQL(BACKUP_INTEGRITY) = "PRAGMA integrity_check";
DB_SQL(BACKUP_FTS_CHECK) =
    "INSERT INTO article_fts(article_fts, rank) VALUES('integrity-check', 1)";
DB_SQL(BACKUP_SINGLE_FILE) = "PRAGMA journal_mode=DELETE";

/* Flush the file at path to disk. */
static int backup_fsync(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

enum ak_err store_backup(struct store *st, const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) == 0)
        return AK_EEXIST;
    sqlite3 *dest = NULL;
    sqlite3_backup *b = NULL;
    int rc = sqlite3_open_v2(path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK && !(b = sqlite3_backup_init(dest, "main", st->db, "main")))
        rc = sqlite3_errcode(dest);
    if (b) {
        for (int i = 0; i < BACKUP_TRIES; i++) {
            rc = sqlite3_backup_step(b, -1);
            if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
                break;
            sqlite3_sleep(100);
        }
        int done = rc == DB_DONE;
        rc = sqlite3_backup_finish(b);  /* SQLITE_OK, or the step's error */
        if (!done && rc == SQLITE_OK)
            rc = SQLITE_BUSY;           /* busy for every try */
    }
    if (rc != SQLITE_OK)
        log_error("backup: %s: %s", path, dest ? sqlite3_errstr(rc) : "out of memory");
    int failed = rc != SQLITE_OK;
    if (sqlite3_close(dest) != SQLITE_OK)
        failed = 1;
    if (!failed && backup_fsync(path) != 0) {
        log_error("backup: %s: %s", path, strerror(errno));
        failed = 1;
    }
    if (failed) {
        unlink(path);
        return AK_EIO;
    }
    return AK_OK;
}

enum ak_err store_check(struct store *st, char *why, size_t cap)
{
    snprintf(why, cap, "%s", "");
    struct db_q *s = db_stmt(st, STMT_BACKUP_INTEGRITY);
    if (!s)
        return AK_EIO;
    int step = db_step(s);
    const char *first = step == DB_ROW ? (const char *)db_col_str(s, 0) : NULL;
    int good = first && strcmp(first, "ok") == 0;
    if (!good)
        snprintf(why, cap, "integrity_check: %s", first ? first : sqlite3_errmsg(st->db));
    db_done(s);
    if (!good)
        return AK_EINVAL;
    if (!(s = db_stmt(st, STMT_BACKUP_FTS_CHECK)))
        return AK_EIO;
    step = db_step(s);
    if (step != DB_DONE)
        snprintf(why, cap, "search index: %s", sqlite3_errmsg(st->db));
    db_done(s);
    return step == DB_DONE ? AK_OK : AK_EINVAL;
}

enum ak_err store_single_file(struct store *st)
{
    return db_exec_stmt(st, db_stmt(st, STMT_BACKUP_SINGLE_FILE));
}

/* Lock len bytes of fd from start for writing, without waiting. Returns 0;
 * 1 when another process holds a lock there (*holder its pid, when known);
 * -1 on another error (errno). */
static int lock_bytes(int fd, off_t start, off_t len, long *holder)
{
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
    if (fcntl(fd, F_SETLK, &fl) == 0)
        return 0;
    if (errno != EACCES && errno != EAGAIN)
        return -1;
    struct flock q = fl;
    if (holder && fcntl(fd, F_GETLK, &q) == 0 && q.l_type != F_UNLCK)
        *holder = (long)q.l_pid;
    return 1;
}

enum ak_err store_lock_exclusive(const char *path, struct store_lock *lk, long *holder)
{
    char shm[PATH_MAX];
    lk->db_fd = lk->shm_fd = -1;
    if (holder)
        *holder = 0;
    if (snprintf(shm, sizeof shm, "%s-shm", path) >= (int)sizeof shm) {
        log_error("database: %s: name too long", path);
        return AK_EIO;
    }
    int rc = -1;
    const char *at = path;
    lk->db_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lk->db_fd >= 0 && (rc = lock_bytes(lk->db_fd, LOCK_DB_FIRST, LOCK_DB_BYTES, holder)) == 0) {
        at = shm;
        lk->shm_fd = open(shm, O_RDWR | O_CLOEXEC);
        if (lk->shm_fd >= 0)
            rc = lock_bytes(lk->shm_fd, LOCK_SHM_DMS, 1, holder);
        else if (errno == ENOENT)
            rc = 0;
    }
    if (rc == 0)
        return AK_OK;
    if (rc < 0)
        log_error("database: cannot lock %s: %s", at, strerror(errno));
    store_unlock(lk);
    return rc > 0 ? AK_EEXIST : AK_EIO;
}

void store_unlock(struct store_lock *lk)
{
    if (lk->shm_fd >= 0)
        close(lk->shm_fd);
    if (lk->db_fd >= 0)
        close(lk->db_fd);
    lk->db_fd = lk->shm_fd = -1;
}

DB_SQL_CHECK(BACKUP);
