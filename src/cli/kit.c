/*
 * kit.c: what the commands share (cli.h): closing the database early,
 * printing JSON, the media folder's path. Apart from main.c, which runs the commands, so that no
 * command file and main.c use each other.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "store/audit.h"
#include "store/store.h"

void cli_store_close(struct cli_run *r)
{
    if (r->st)
        store_close(r->st);
    r->st = NULL;
}

void cli_json_print(json_t *v)
{
    json_dumpf(v, stdout, JSON_COMPACT);
    putchar('\n');
    json_decref(v);
}


const char *cli_media_dir(const struct cli_run *r, char *buf, size_t cap)
{
    if (r->opt[CLI_OPT_MEDIA])
        return r->opt[CLI_OPT_MEDIA];
    if (store_is_pg(r->db)) {
        /* Several nodes share the database: the pictures go to a folder
         * they all see, which only the operator can name. */
        fprintf(stderr, "akhbar %s: a PostgreSQL database needs --media DIR, a folder "
                "every node shares\n", r->cmd->name);
        return NULL;
    }
    size_t n = strlen(r->db);
    if (n > 3 && strcmp(r->db + n - 3, ".db") == 0)
        n -= 3;
    int k = snprintf(buf, cap, "%.*s-media", (int)n, r->db);
    return k > 0 && (size_t)k < cap ? buf : NULL;
}

enum ak_err cli_audit(struct store *st, enum audit_action action, const char *target,
                      const char *detail)
{
    const char *who = getenv("USER");
    struct audit_entry e = { .login = "", .action = action, .target = target,
                             .detail = detail, .client = "cli" };
    char d[256];
    if (who && *who) {
        snprintf(d, sizeof d, "%s%sby %s", detail, *detail ? ", " : "", who);
        e.detail = d;
    }
    return store_audit_add(st, &e);
}
