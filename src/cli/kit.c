/*
 * kit.c: what the commands share (cli.h): closing the database early,
 * printing JSON, the media folder. Apart from main.c, which runs the commands, so that no
 * command file and main.c use each other.
 */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "store/store.h"

const char *cli_media_dir(const struct cli_run *r, char *buf, size_t n)
{
    if (r->opt[CLI_OPT_MEDIA])
        return r->opt[CLI_OPT_MEDIA];
    size_t k = strlen(r->db);           /* NAME.db -> NAME-media */
    if (k > 3 && strcmp(r->db + k - 3, ".db") == 0)
        k -= 3;
    snprintf(buf, n, "%.*s-media", (int)k, r->db);
    return buf;
}

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

