/*
 * backup.h: copies of the database (backup.c): the online copy, the checks
 * a copy must pass before it is trusted, and the locks that tell whether any
 * process has a database open (for restoring over it).
 */
#ifndef AK_STORE_BACKUP_H
#define AK_STORE_BACKUP_H

#include <stddef.h>
#include "base/err.h"

struct store;

/* Copy st's database into a new file at path (which must not exist) with
 * SQLite's online backup API, all pages in one step: the copy is the
 * database as one read transaction saw it, while other connections (a
 * running server) go on writing, since in WAL mode readers and writers do
 * not wait for each other. (Copying in several steps would start over each
 * time another connection writes, and might never end on a busy site.) The
 * copy keeps the source's journal mode in its header (see store_single_file)
 * and is flushed to disk. Returns AK_OK, AK_EEXIST (path exists) or AK_EIO
 * (logged; a partial file at path is removed). */
enum ak_err store_backup(struct store *st, const char *path);

/* Check st's database: PRAGMA integrity_check, then the search index
 * against the articles it indexes (FTS5's 'integrity-check' command with
 * rank 1, which also compares an external-content index with its table).
 * FTS5 runs the check as a write command (it changes nothing), so st must
 * be writable. Returns AK_OK, AK_EINVAL with the first problem SQLite
 * reported in why (cap bytes), or AK_EIO. */
enum ak_err store_check(struct store *st, char *why, size_t cap);

/* Leave WAL mode for a rollback journal (DELETE): st's database becomes one
 * self-contained file, openable read-only from read-only media. For copies;
 * the server puts a database back in WAL mode when it opens it. */
enum ak_err store_single_file(struct store *st);

/* The locks SQLite's own connections take on a database, taken here without
 * waiting: an exclusive lock on the database file's lock bytes (the PENDING,
 * RESERVED and SHARED bytes at 1 GiB, where SQLite's unix VFS places them)
 * and on the "DMS" byte of its -shm file. Every connection to a database in
 * WAL mode holds a shared lock on both for as long as it is open, busy or
 * idle; so when they cannot be had, some process has the database open.
 * While held, a connection opening the database waits and gives up busy. */
struct store_lock {
    int db_fd, shm_fd;              /* -1: not open */
};
/* Take both locks for the database at path (created empty when missing,
 * so that none can appear meanwhile; a missing -shm is not locked). Returns
 * AK_OK; AK_EEXIST when a process holds the database open, *holder (may be
 * NULL) getting its pid when the system says (else 0); AK_EIO (logged).
 * POSIX locks belong to the process, and closing any descriptor of the file
 * drops them all: do not open path with SQLite in this process meanwhile. */
enum ak_err store_lock_exclusive(const char *path, struct store_lock *lk, long *holder);
void store_unlock(struct store_lock *lk);

#endif
