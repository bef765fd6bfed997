/*
 * config.c: `akhbar config get|set|list`: the site's settings
 * (store/config.h) from the command line. A refused value changes nothing
 * and the message names the key and the reason.
 */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "store/config.h"

/* The key named by the first argument, or a usage error. */
int cli_config_key_prepare(struct cli_run *r)
{
    enum config_key k = config_key_by_name(r->args[0]);
    if (k == CONFIG__MAX) {
        fprintf(stderr, "akhbar config: KEY: unknown key '%s'; the keys are:", r->args[0]);
        for (int i = 0; i < CONFIG__MAX; i++)
            fprintf(stderr, " %s", config_defs[i].name);
        fputc('\n', stderr);
        return CLI_EXIT_USAGE;
    }
    r->id = k;
    return -1;
}

int cli_config_get(struct cli_run *r)
{
    struct arena a;
    arena_init(&a, 0);
    struct config c;
    enum ak_err e = config_load(r->st, &a, &c);
    if (e == AK_OK)
        printf("%s\n", c.v[r->id]);
    arena_reset(&a);
    return e ? 1 : 0;
}

int cli_config_set(struct cli_run *r)
{
    enum config_problem why;
    enum ak_err e = config_set(r->st, (enum config_key)r->id, r->args[1], &why);
    if (e == AK_EINVAL) {
        fprintf(stderr, "akhbar config set: %s: '%s' %s\n", config_defs[r->id].name,
                r->args[1], config_problem_en[why]);
        return 1;
    }
    return e ? 1 : 0;
}

int cli_config_list(struct cli_run *r)
{
    struct arena a;
    arena_init(&a, 0);
    struct config c;
    enum ak_err e = config_load(r->st, &a, &c);
    if (e == AK_OK && r->opt[CLI_OPT_JSON]) {
        json_t *o = json_object();
        for (int k = 0; k < CONFIG__MAX; k++)
            json_object_set_new(o, config_defs[k].name, json_string(c.v[k]));
        cli_json_print(o);
    } else if (e == AK_OK) {
        for (int k = 0; k < CONFIG__MAX; k++)
            printf("%s\t%s%s\n", config_defs[k].name, c.v[k], c.set[k] ? "" : "\t(default)");
    }
    arena_reset(&a);
    return e ? 1 : 0;
}
