/*
 * audit.h: the audit log: every newsroom action (audit.c).
 */
#ifndef AK_STORE_AUDIT_H
#define AK_STORE_AUDIT_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"

struct store;

struct audit_entry {
    int64_t id;
    int64_t at;                 /* unix seconds; 0 on input means now */
    int64_t user_id;            /* who, when a newsroom user (else 0) */
    const char *login;          /* who: their login (or the login tried) */
    const char *action;         /* "login", "login.fail", "user.add", ... */
    const char *target;         /* what it was done to (a login, an id) */
    const char *detail;         /* more, for people reading the log */
    const char *client;         /* from where: an address, or "cli" */
};
/* Append an entry (id and, when 0, at are set here; NULL strings are ''). */
enum ak_err store_audit_add(struct store *st, const struct audit_entry *e);
/* Entries newest first, skipping offset; *total (may be NULL) the count. */
enum ak_err store_audit_list(struct store *st, struct arena *a, size_t offset, size_t limit,
                             struct audit_entry **out, size_t *n, size_t *total);

#endif
