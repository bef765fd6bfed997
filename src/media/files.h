/*
 * files.h: the media folder's file handling, for image.c (files.c). A name
 * in the folder shows a complete file or nothing: files are written under a
 * temporary name (FILE_TMP_PREFIX, ".tmp-*") in the same folder and renamed
 * into place (base/file.h).
 * media_sweep (image.h) removes the temporary files a crash leaves.
 */
#ifndef AK_MEDIA_FILES_H
#define AK_MEDIA_FILES_H

#include <stddef.h>

/* Non-zero when dir/name is a regular file. */
int media_file_exists(const char *dir, const char *name);
/* Write p[0..n) to dir/name so that the name never shows a partial file: a
 * temporary file in dir, written, flushed to disk, made world-readable,
 * then renamed over name. Returns 0, or -1 with errno set. */
int media_file_write(const char *dir, const char *name, const void *p, size_t n);

#endif
