/*
 * section.h: sections and tags: the navigation, and how the newsroom renames,
 * orders, merges and deletes them (section.c). Strings in returned structs
 * live in the caller's arena; errors as store.h says.
 */
#ifndef AK_STORE_SECTION_H
#define AK_STORE_SECTION_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"

struct store;

struct section {
    int64_t id;
    const char *slug;
    const char *name;
    int position;               /* order in the navigation */
};

enum ak_err store_section_add(struct store *st, const char *slug, const char *name,
                              int64_t *id);
enum ak_err store_section_list(struct store *st, struct arena *a, struct section **out,
                               size_t *n);
enum ak_err store_section_by_slug(struct store *st, struct arena *a, const char *slug,
                                  struct section *out);

/* Tags: what articles are about, many to an article. */
struct tag {
    int64_t id;
    const char *slug;
    const char *name;
};
enum ak_err store_tag_by_slug(struct store *st, struct arena *a, const char *slug,
                              struct tag *out);

#define STORE_SECTIONS_MAX 200  /* sections store_section_move can order */
struct section_count {
    struct section section;
    int64_t articles;           /* articles in it, any state, primary or not */
};
struct tag_count {
    struct tag tag;
    int64_t articles;           /* articles with it, any state */
};
/* Every section in navigation order with its article count; strings in a. */
enum ak_err store_section_counts(struct store *st, struct arena *a, struct section_count **out,
                                 size_t *n);
/* Give section id the name (the slug, in URLs, stays). AK_ENOTFOUND when
 * there is no such section. */
enum ak_err store_section_rename(struct store *st, int64_t id, const char *name);
/* Swap section id with the one before it (up) or after it (!up) in the
 * navigation, renumbering positions 1..n, in a savepoint; the first moved
 * up or the last down stays. AK_ENOTFOUND, AK_ETOOBIG (more than
 * STORE_SECTIONS_MAX sections) or AK_EIO. */
enum ak_err store_section_move(struct store *st, int64_t id, int up);
/* Every tag by name with its article count; strings in a. */
enum ak_err store_tag_counts(struct store *st, struct arena *a, struct tag_count **out,
                             size_t *n);
enum ak_err store_tag_by_id(struct store *st, struct arena *a, int64_t id, struct tag *out);
/* Rename tag id (its slug stays); AK_EEXIST when another tag has the name. */
enum ak_err store_tag_rename(struct store *st, int64_t id, const char *name);
/* Move every article of tag from to tag into, then delete from, in a
 * savepoint. AK_EINVAL when from == into, AK_ENOTFOUND when either is
 * missing. */
enum ak_err store_tag_merge(struct store *st, int64_t from, int64_t into);
/* Delete tag id if no article has it: AK_EINVAL when one does,
 * AK_ENOTFOUND when there is no such tag. */
enum ak_err store_tag_delete_unused(struct store *st, int64_t id);

#endif
