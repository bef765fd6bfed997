/*
 * kit.c: what the commands share (cli.h): closing the database early,
 * printing JSON. Apart from main.c, which runs the commands, so that no
 * command file and main.c use each other.
 */
#include <stdio.h>
#include "cli/cli.h"
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

