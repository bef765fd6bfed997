/*
 * embedded.h: files compiled into the binary by tools/embed.c (the default
 * theme, the schema, the demo content), looked up by their source path.
 */
#ifndef AK_EMBEDDED_H
#define AK_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
    const char *name;           /* path in the source tree, e.g. "themes/default/base.html" */
    const char *data;           /* bytes, followed by a NUL not counted in size */
    size_t size;
};

extern const struct embedded_file embedded_files[];

/* The embedded file with this exact name, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
