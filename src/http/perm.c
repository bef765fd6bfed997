/*
 * perm.c: the one table of who may do what (see perm.h).
 *
 *   permission      admin  editor  author  moderator
 *   NEWSROOM          x      x       x        x
 *   ARTICLES_OWN      x      x       x
 *   ARTICLES_ALL      x      x
 *   PUBLISH           x      x
 *   COMMENTS          x      x                x
 *   SECTIONS          x
 *   PEOPLE            x
 *   SETTINGS          x
 *   AUDIT             x
 *
 * The admin holds every permission: people, sections and settings are
 * theirs alone, and a small newsroom should not need a second account to
 * fix a typo. Editors moderate comments too, as in most newsrooms (and in
 * WordPress); moderators do nothing else.
 */
#include "http/perm.h"
#include "store/user.h"

const char *const perm_names[PERM__MAX] = {
    "unset", "public", "newsroom", "articles_own", "articles_all", "publish", "comments",
    "sections", "people", "settings", "audit",
};

#define P(x) (1u << (x))
static const unsigned perm_table[USER_ROLE__MAX] = {
    [USER_ADMIN] = ~0u & ~P(PERM__UNSET),
    [USER_EDITOR] = P(PERM_NEWSROOM) | P(PERM_ARTICLES_OWN) | P(PERM_ARTICLES_ALL) |
                    P(PERM_PUBLISH) | P(PERM_COMMENTS),
    [USER_AUTHOR] = P(PERM_NEWSROOM) | P(PERM_ARTICLES_OWN),
    [USER_MODERATOR] = P(PERM_NEWSROOM) | P(PERM_COMMENTS),
};
_Static_assert(PERM__MAX <= 32, "permissions fit in the table's bits");

int perm_allows(enum user_role role, enum perm p)
{
    if (p == PERM_PUBLIC)
        return 1;
    if ((unsigned)role >= USER_ROLE__MAX || (unsigned)p >= PERM__MAX)
        return 0;
    return (perm_table[role] & P(p)) != 0;
}

int perm_may_edit(const struct user *u, int64_t author_id)
{
    if (perm_allows(u->role, PERM_ARTICLES_ALL))
        return 1;
    return perm_allows(u->role, PERM_ARTICLES_OWN) && author_id != 0 && author_id == u->id;
}
