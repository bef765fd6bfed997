/*
 * user.h: newsroom users: roles, passwords, logins (user.c). Strings in
 * returned structs live in the caller's arena.
 */
#ifndef AK_STORE_USER_H
#define AK_STORE_USER_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"

struct store;

/* Passwords are stored as libsodium's crypto_pwhash_str (argon2id,
 * interactive limits), checked with crypto_pwhash_str_verify; the password
 * itself is never stored or logged. */
enum user_role { USER_ADMIN, USER_EDITOR, USER_AUTHOR, USER_MODERATOR, USER_ROLE__MAX };
extern const char *const user_role_names[USER_ROLE__MAX];  /* "admin", "editor", ... */

#define USER_LOGIN_MAX 64       /* bytes of a login */
#define USER_NAME_MAX 100       /* characters of a display name */
#define USER_PASSWORD_MIN 10    /* characters */
#define USER_PASSWORD_MAX 1024  /* bytes */

struct user {
    int64_t id;
    const char *login;          /* a-z 0-9 . _ -, at most USER_LOGIN_MAX bytes */
    const char *name;           /* display name; may be empty */
    enum user_role role;
    int disabled;
    int64_t created_at, updated_at;
};

/* The role named s ("admin", ...), or -1. */
int store_user_role_parse(const char *s);
/* Non-zero when login is a valid login: 1 to USER_LOGIN_MAX bytes of a-z,
 * 0-9, '.', '_' and '-', starting with a letter or digit. */
int store_user_login_valid(const char *login);
/* Why the password pw[0..n) is not acceptable (an English message for the
 * CLI), or NULL when it is: empty, not valid UTF-8 (or with control
 * characters), shorter than USER_PASSWORD_MIN characters or longer than
 * USER_PASSWORD_MAX bytes. */
const char *store_user_password_problem(const char *pw, size_t n);
/* Add a user with password pw[0..n) (hashed here); *id (may be NULL) gets
 * the id. Returns AK_OK, AK_EINVAL (bad login, name or password), AK_EEXIST
 * (login taken), AK_ENOMEM (hashing failed) or AK_EIO. */
enum ak_err store_user_add(struct store *st, const char *login, const char *name,
                           enum user_role role, const char *pw, size_t n, int64_t *id);
/* Load a user by login or id (strings in a). AK_ENOTFOUND when none. */
enum ak_err store_user_by_login(struct store *st, struct arena *a, const char *login,
                                struct user *out);
enum ak_err store_user_by_id(struct store *st, struct arena *a, int64_t id, struct user *out);
/* Every user, by login. */
enum ak_err store_user_list(struct store *st, struct arena *a, struct user **out, size_t *n);
/* Disable (or enable) a user; disabling also ends all of the user's
 * sessions, in one transaction. AK_ENOTFOUND when no such user. */
enum ak_err store_user_set_disabled(struct store *st, int64_t id, int disabled);
/* Give user id the role (their sessions go on, with the new role's
 * permissions from the next request). AK_EINVAL, AK_ENOTFOUND or AK_EIO. */
enum ak_err store_user_set_role(struct store *st, int64_t id, enum user_role role);
/* How many admins are not disabled (the last one must stay). */
enum ak_err store_user_count_admins(struct store *st, int64_t *n);
/* Replace a user's password with pw[0..n) (hashed here) and end all of the
 * user's sessions, in one transaction. AK_EINVAL for an unacceptable
 * password, AK_ENOTFOUND when no such user. */
enum ak_err store_user_set_password(struct store *st, int64_t id, const char *pw, size_t n);

/* The outcome of a password check. */
enum user_auth { USER_AUTH_OK, USER_AUTH_UNKNOWN, USER_AUTH_PASSWORD, USER_AUTH_DISABLED,
                 USER_AUTH__MAX };
extern const char *const user_auth_names[USER_AUTH__MAX];  /* "ok", "unknown", ... */
/* Check login's password pw[0..n). *result: USER_AUTH_OK (the password
 * matches an enabled user: *out filled), USER_AUTH_UNKNOWN (no such login;
 * a dummy hash is verified all the same, so that the time taken does not say
 * which logins exist), USER_AUTH_PASSWORD (wrong password), or
 * USER_AUTH_DISABLED (right password, disabled user; *out filled). A hash
 * made with other limits than the current ones is replaced on success.
 * Returns AK_OK when the check ran, else AK_ENOMEM or AK_EIO. */
enum ak_err store_user_authenticate(struct store *st, struct arena *a, const char *login,
                                    const char *pw, size_t n, struct user *out,
                                    enum user_auth *result);

#endif
