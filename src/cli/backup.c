/*
 * backup.c: `akhbar backup` and `akhbar restore`.
 *
 * A backup is a folder: akhbar.db, a copy of the database made with SQLite's
 * online backup API while the server goes on serving and writing
 * (store/backup.h), checked (integrity_check and the search index) and left
 * as one self-contained file; and media/, every file of every image that
 * copy records. Image files are never changed once written (their names are
 * hashes of their content), so they are hard-linked when the folder is on
 * the same file system, else copied. The database is renamed into place
 * last: a folder with akhbar.db is a complete backup.
 *
 * Restoring replaces a database, so nothing may have it open: a server
 * still running would keep writing to the old file, and one that crashed
 * leaves a -wal (and -shm) file that SQLite would apply to whatever file
 * bears the name next, even another database ("malformed database schema").
 * restore therefore takes SQLite's own locks on the database and its -shm
 * file (every open connection holds a shared lock on both), refusing with
 * the holder's pid when it cannot; holding them, it copies the backup beside
 * the database, checks the copy (migrating it when older), restores the
 * missing image files, removes the stale -wal, -shm and -journal, and
 * renames the copy over the database.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/file.h"
#include "cli/cli.h"
#include "media/image.h"
#include "store/backup.h"
#include "store/media.h"

#define BACKUP_DB "akhbar.db"           /* a backup folder's database */
#define BACKUP_MEDIA "media"            /* and its images */
#define BACKUP_PAGE 500                 /* images read at a time */

/* Non-zero when dir holds no entry but . and .. */
static int backup_dir_empty(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    int empty = 1;
    while (empty && (e = readdir(d)))
        empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
    closedir(d);
    return empty;
}

/* Put file NAME of folder `from` into folder `to` (file_link_or_copy);
 * counts it in *done, or in *missing when `from` lacks it. Returns 0, or 1
 * after a message. */
static int backup_file(const char *cmd, const char *from, const char *to, const char *name,
                       size_t *done, size_t *missing)
{
    char src[PATH_MAX];
    if (!file_path(src, sizeof src, from, name))
        return fprintf(stderr, "akhbar %s: %s: name too long\n", cmd, from), 1;
    if (file_link_or_copy(src, to, name) == 0) {
        (*done)++;
        return 0;
    }
    if (errno == EEXIST)
        return 0;
    if (errno == ENOENT) {
        fprintf(stderr, "akhbar %s: %s: missing\n", cmd, src);
        (*missing)++;
        return 0;
    }
    fprintf(stderr, "akhbar %s: %s/%s: %s\n", cmd, to, name, strerror(errno));
    return 1;
}

/* Every file of image m (the original, each variant, WebP and JPEG, and the
 * crops) from
 * media to dest. Returns 0, or 1 after a message. */
static int backup_image(const struct media *m, const char *media, const char *dest,
                        size_t *done, size_t *missing)
{
    char name[MEDIA_NAME_MAX];
    int widths[MEDIA_MAX_VARIANTS], t = 0;
    while (t < MEDIA_TYPE__MAX && strcmp(media_type_mimes[t], m->mime) != 0)
        t++;
    if (t == MEDIA_TYPE__MAX || !media_hash_valid(m->hash)) {
        fprintf(stderr, "akhbar backup: image %lld: unknown type or hash\n", (long long)m->id);
        return 1;
    }
    if (backup_file("backup", media, dest, media_file_name(name, m->hash, 0, t), done, missing))
        return 1;
    size_t n = media_variant_widths(m->width, widths);
    for (size_t i = 0; i < n; i++)
        if (backup_file("backup", media, dest,
                        media_file_name(name, m->hash, widths[i], MEDIA_WEBP), done, missing) ||
            backup_file("backup", media, dest,
                        media_file_name(name, m->hash, widths[i], MEDIA_JPEG), done, missing))
            return 1;
    for (int c = 0; c < MEDIA_CROP__MAX; c++) {
        int cw, ch;
        media_crop_size(m->width, m->height, (enum media_crop)c, &cw, &ch);
        if (backup_file("backup", media, dest, media_crop_name(name, m->hash, cw, ch), done,
                        missing))
            return 1;
    }
    return 0;
}

/* The images recorded in copy, from media to dest. Returns 0, or 1 after a
 * message. */
static int backup_images(struct store *copy, const char *media, const char *dest, size_t *done,
                         size_t *missing)
{
    struct arena a;
    arena_init(&a, 0);
    int failed = 0;
    for (size_t off = 0, n = BACKUP_PAGE; !failed && n == BACKUP_PAGE; off += n) {
        struct media *m;
        if (store_media_list(copy, &a, off, BACKUP_PAGE, &m, &n, NULL) != AK_OK) {
            fprintf(stderr, "akhbar backup: cannot read the images\n");
            failed = 1;
            break;
        }
        for (size_t i = 0; i < n && !failed; i++)
            failed = backup_image(&m[i], media, dest, done, missing);
        arena_reset(&a);
    }
    arena_reset(&a);
    return failed;
}

/* Open the copy at path (migrated when older, when migrate), check it, and
 * when images_to is not NULL copy its images there from media; then leave it
 * as one file (single) and close it. Returns 0, or 1 after a message. */
static int backup_check_copy(const char *cmd, const char *path, int migrate, int single,
                             const char *media, const char *images_to, size_t *done,
                             size_t *missing)
{
    struct store *copy;
    char why[512];
    if (store_open(path, migrate ? STORE_CREATE : 0, &copy) != AK_OK) {
        fprintf(stderr, "akhbar %s: the copy fails its check: it does not open as an akhbar "
                "database (see above)\n", cmd);
        return 1;
    }
    int failed = 0;
    enum ak_err rc = store_check(copy, why, sizeof why);
    if (rc) {
        fprintf(stderr, "akhbar %s: the copy fails its check: %s\n", cmd,
                rc == AK_EINVAL ? why : ak_strerror(rc));
        failed = 1;
    }
    if (!failed && images_to)
        failed = backup_images(copy, media, images_to, done, missing);
    if (!failed && single && store_single_file(copy) != AK_OK) {
        fprintf(stderr, "akhbar %s: %s: cannot leave WAL mode\n", cmd, path);
        failed = 1;
    }
    store_close(copy);
    /* The last connection to close checkpoints its WAL and deletes it: a
     * -wal left now would be lost to the rename. */
    char wal[PATH_MAX];
    snprintf(wal, sizeof wal, "%s-wal", path);
    if (!failed && access(wal, F_OK) == 0) {
        fprintf(stderr, "akhbar %s: %s: its WAL was not checkpointed\n", cmd, path);
        failed = 1;
    }
    return failed;
}

/* On PostgreSQL the database is the server's to back up (pg_dump or its
 * continuous archiving, docs/postgresql.md); the pictures are a folder. */
static int backup_on_pg(const struct cli_run *r, const char *cmd)
{
    if (!store_is_pg(r->db))
        return 0;
    fprintf(stderr,
            "akhbar %s: on PostgreSQL, back up and restore with the server's own tools: "
            "pg_dump -Fc and pg_restore (or continuous archiving), and copy the --media "
            "folder; see docs/postgresql.md\n", cmd);
    return 1;
}

int cli_backup(struct cli_run *r)
{
    if (backup_on_pg(r, "backup"))
        return CLI_EXIT_FAIL;
    const char *out = r->opt[CLI_OPT_OUT];
    char media_buf[PATH_MAX], tmp[PATH_MAX], db[PATH_MAX], images[PATH_MAX];
    const char *media = cli_media_dir(r, media_buf, sizeof media_buf);
    if (!media || !file_path(tmp, sizeof tmp, out, FILE_TMP_PREFIX BACKUP_DB) ||
        !file_path(db, sizeof db, out, BACKUP_DB) ||
        !file_path(images, sizeof images, out, BACKUP_MEDIA)) {
        fprintf(stderr, "akhbar backup: %s: name too long\n", out);
        return CLI_EXIT_FAIL;
    }
    if (mkdir(out, 0700) != 0 && (errno != EEXIST || !backup_dir_empty(out))) {
        fprintf(stderr, "akhbar backup: %s: %s\n", out,
                errno == EEXIST ? "exists and is not an empty folder" : strerror(errno));
        return CLI_EXIT_FAIL;
    }
    if (mkdir(images, 0755) != 0) {
        fprintf(stderr, "akhbar backup: %s: %s\n", images, strerror(errno));
        return CLI_EXIT_FAIL;
    }
    if (store_backup(r->st, tmp) != AK_OK) {
        fprintf(stderr, "akhbar backup: %s: the copy failed\n", r->db);
        return CLI_EXIT_FAIL;
    }
    cli_store_close(r);
    size_t done = 0, missing = 0;
    struct stat sb;
    if (backup_check_copy("backup", tmp, 0, 1, media, images, &done, &missing)) {
        unlink(tmp);
        return CLI_EXIT_FAIL;
    }
    if (rename(tmp, db) != 0 || stat(db, &sb) != 0) {
        fprintf(stderr, "akhbar backup: %s: %s\n", db, strerror(errno));
        unlink(tmp);
        return CLI_EXIT_FAIL;
    }
    file_sync_dir(images);
    file_sync_dir(out);
    printf("%s: %lld bytes, checked; %zu image files\n", db, (long long)sb.st_size, done);
    if (missing) {
        fprintf(stderr, "akhbar backup: %zu image files the database records are missing "
                "from %s (listed above); the backup has the rest\n", missing, media);
        return CLI_EXIT_FAIL;
    }
    return 0;
}

/* Copy into the folder `to` every image file of the folder `from` that `to`
 * lacks; *done gets how many. Returns 0, or 1 after a message. */
static int restore_images(const char *from, const char *to, size_t *done)
{
    DIR *d = opendir(from);
    if (!d)
        return fprintf(stderr, "akhbar restore: %s: %s\n", from, strerror(errno)), 1;
    if (mkdir(to, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "akhbar restore: %s: %s\n", to, strerror(errno));
        closedir(d);
        return 1;
    }
    struct dirent *e;
    size_t missing = 0;
    int failed = 0;
    while (!failed && (e = readdir(d)))
        if (media_file_type(e->d_name))
            failed = backup_file("restore", from, to, e->d_name, done, &missing);
    closedir(d);
    file_sync_dir(to);
    return failed || missing;
}

/* The database and image folder of backup `from` (a backup folder, or a
 * database file: then *images is empty). The database must be an SQLite
 * file with a schema version (user_version, at offset 60 of its header):
 * one without would be given a new, empty schema. Returns 0, or 1 after a
 * message. */
static int restore_source(const char *from, char *db, char *images, size_t cap)
{
    struct stat sb;
    unsigned char head[64];
    images[0] = 0;
    if (stat(from, &sb) != 0)
        return fprintf(stderr, "akhbar restore: %s: %s\n", from, strerror(errno)), 1;
    if (!S_ISDIR(sb.st_mode))
        snprintf(db, cap, "%s", from);
    else if (!file_path(db, cap, from, BACKUP_DB) || !file_path(images, cap, from, BACKUP_MEDIA))
        return fprintf(stderr, "akhbar restore: %s: name too long\n", from), 1;
    if (images[0] && (stat(images, &sb) != 0 || !S_ISDIR(sb.st_mode)))
        images[0] = 0;
    int fd = open(db, O_RDONLY | O_CLOEXEC);
    ssize_t n = fd >= 0 ? read(fd, head, sizeof head) : -1;
    int e = errno;
    if (fd >= 0)
        close(fd);
    if (n == (ssize_t)sizeof head && memcmp(head, "SQLite format 3", 16) == 0 &&
        (head[60] | head[61] | head[62] | head[63]))
        return 0;
    fprintf(stderr, "akhbar restore: %s: %s\n", db,
            n < 0 ? strerror(e) : "not an akhbar database");
    return 1;
}

int cli_restore(struct cli_run *r)
{
    if (backup_on_pg(r, "restore"))
        return CLI_EXIT_FAIL;
    char src[PATH_MAX], src_images[PATH_MAX], media_buf[PATH_MAX], dir[PATH_MAX];
    char staged[PATH_MAX], side[PATH_MAX];
    const char *media = cli_media_dir(r, media_buf, sizeof media_buf);
    const char *slash = strrchr(r->db, '/');
    const char *base = slash ? slash + 1 : r->db;
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - r->db) + (slash == r->db) : 1,
             slash ? r->db : ".");
    if (!media || snprintf(staged, sizeof staged, "%s.restore", base) >= (int)sizeof staged ||
        strlen(r->db) + 16 >= sizeof side) {
        fprintf(stderr, "akhbar restore: %s: name too long\n", r->db);
        return CLI_EXIT_FAIL;
    }
    if (restore_source(r->opt[CLI_OPT_FROM], src, src_images, sizeof src))
        return CLI_EXIT_FAIL;
    struct store_lock lk;
    struct stat sb;
    long holder = 0;
    int existed = stat(r->db, &sb) == 0;
    enum ak_err rc = store_lock_exclusive(r->db, &lk, &holder);
    if (rc == AK_EEXIST) {
        fprintf(stderr, "akhbar restore: %s is open in process %ld (a running server?); "
                "stop it, then restore\n", r->db, holder);
        return CLI_EXIT_FAIL;
    }
    if (rc)
        return CLI_EXIT_FAIL;
    /* From here on no connection can open the database: copy beside it,
     * check, images, stale files, rename. */
    char staged_path[PATH_MAX];
    size_t images = 0;
    int failed = !file_path(staged_path, sizeof staged_path, dir, staged);
    if (!failed && file_copy(src, dir, staged) != 0) {
        fprintf(stderr, "akhbar restore: %s/%s: %s\n", dir, staged, strerror(errno));
        failed = 1;
    }
    if (!failed)
        failed = backup_check_copy("restore", staged_path, 1, 0, NULL, NULL, NULL, NULL);
    if (!failed && src_images[0])
        failed = restore_images(src_images, media, &images);
    static const char *const stale[] = { "-wal", "-shm", "-journal" };
    for (size_t i = 0; !failed && i < sizeof stale / sizeof stale[0]; i++) {
        snprintf(side, sizeof side, "%s%s", r->db, stale[i]);
        if (unlink(side) != 0 && errno != ENOENT) {
            fprintf(stderr, "akhbar restore: %s: %s\n", side, strerror(errno));
            failed = 1;
        }
    }
    if (!failed && rename(staged_path, r->db) != 0) {
        fprintf(stderr, "akhbar restore: %s: %s\n", r->db, strerror(errno));
        failed = 1;
    }
    if (failed) {
        unlink(staged_path);
        if (!existed)
            unlink(r->db);              /* the empty file the lock made */
        store_unlock(&lk);
        fprintf(stderr, "akhbar restore: %s was not changed\n", r->db);
        return CLI_EXIT_FAIL;
    }
    file_sync_dir(dir);
    store_unlock(&lk);
    printf("%s: restored from %s (checked); %zu image files restored into %s\n", r->db, src,
           images, media);
    return 0;
}
