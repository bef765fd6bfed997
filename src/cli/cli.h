/*
 * cli.h: the akhbar command line's shared kit.
 *
 * src/cli/main.c holds the one table of commands (as redis's command table
 * and cgit's def_cmd): each row declares what its command needs, namely the
 * options it accepts and requires, how many arguments it takes, whether it
 * shows dates (then AKHBAR_TZ must name a real zone), and the database it
 * works on (none, read-only, read-write, created or migrated; --read-only,
 * where a command takes it, makes it read-only). main.c parses
 * argv once into a struct cli_run, checks it against the row, opens the
 * database, calls the command and closes the database afterwards.
 *
 * The command families live one file each: serve.c, import.c (init, import,
 * reindex), content.c (section, comment, search), user.c, config.c and
 * media.c, backup.c (backup, restore), feed.c (wire feeds).
 *
 * Exit status: 0 success, 1 runtime error, 2 usage error. Errors go to
 * stderr and name the file and line, or the option or argument, at fault.
 */
#ifndef AKHBAR_CLI_H
#define AKHBAR_CLI_H

#include <stdint.h>
#include <stdio.h>
#include <jansson.h>
#include "store/audit.h"
#include "store/store.h"
#include "store/user.h"

#define CLI_EXIT_FAIL 1
#define CLI_EXIT_USAGE 2
#define CLI_MANY_MAX 16             /* values of each repeatable option */
#define CLI_SEARCH_LIMIT_MAX 1000

/* Every option of every command; a command's row says which it takes. */
enum cli_opt {
    CLI_OPT_DB,
    CLI_OPT_JSON,
    CLI_OPT_FORMAT,
    CLI_OPT_SECTION,
    CLI_OPT_STRICT,
    CLI_OPT_STATUS,
    CLI_OPT_ROLE,
    CLI_OPT_NAME,
    CLI_OPT_LIMIT,
    CLI_OPT_LISTEN,
    CLI_OPT_THEME,
    CLI_OPT_MEDIA,
    CLI_OPT_DEMO,
    CLI_OPT_THREADS,
    CLI_OPT_ACCESS_LOG,
    CLI_OPT_TRUSTED_PROXY,
    CLI_OPT_READ_ONLY,
    CLI_OPT_METRICS_ALLOW,
    CLI_OPT_CACHE_MB,
    CLI_OPT_PURGE,
    CLI_OPT_ERROR_LOG,
    CLI_OPT_OUT,
    CLI_OPT_FROM,
    CLI_OPT_EVERY,
    CLI_OPT_UPLOADS,
    CLI_OPT__MAX
};
extern const char *const cli_opt_names[CLI_OPT__MAX];   /* "db", "json"... */

#define CLI_OPT(o) (1u << (o))

/* What a command works on. */
enum cli_db {
    CLI_DB_NONE,                /* no database */
    CLI_DB_READ,                /* an existing database, read-only */
    CLI_DB_WRITE,               /* an existing database, read-write */
    CLI_DB_CREATE,              /* created, or migrated, when needed */
    CLI_DB_MIGRATE,             /* an existing database, migrated when needed */
    CLI_DB__MAX
};

struct cli_run;

/* One row of the table: one command, or one subcommand ("section add"). */
struct cli_command {
    const char *name;           /* "section" */
    const char *sub;            /* "add", or NULL for a command without any */
    int (*run)(struct cli_run *r);      /* returns the exit status */
    int (*prepare)(struct cli_run *r);  /* or NULL: checks the arguments (and
                                         * reads what must be read) before the
                                         * database opens; returns -1 to go on,
                                         * else an exit status */
    unsigned opts;              /* CLI_OPT() bits of the options taken */
    unsigned required;          /* and of those that must be given */
    int min_args, max_args;     /* positional arguments; max -1: no limit */
    enum cli_db db;
    int dates;                  /* shows dates: AKHBAR_TZ must be a real zone */
};

/* One parsed command line. Strings point into argv or into this struct. */
struct cli_run {
    const struct cli_command *cmd;
    const char *db;             /* --db, else $AKHBAR_DB, else akhbar.db */
    const char *opt[CLI_OPT__MAX];  /* each option's value ("" for a flag), or
                                     * NULL when not given */
    long num[CLI_OPT__MAX];     /* an option's value as parsed by its check (an
                                 * index into its names, or a number); -1 when
                                 * not given or not a parsed option */
    const char *many[CLI_OPT__MAX][CLI_MANY_MAX];  /* every value of each repeatable
                                                     * option, by enum cli_opt */
    size_t nmany[CLI_OPT__MAX];
    char **args;                /* positional arguments */
    int nargs;
    struct store *st;           /* the database the row asked for, or NULL */
    int64_t id;                 /* an ID argument, as prepare parsed it */
    char *text;                 /* prepare's text (the search query), freed
                                 * by main.c */
    char secret[USER_PASSWORD_MAX + 2]; /* a password read by prepare, wiped
                                         * by main.c */
    size_t nsecret;
};

/* Print the usage of r's command to out ("usage: akhbar NAME USAGE", and its
 * one line of help on stdout); returns status. */
int cli_usage(const struct cli_run *r, FILE *out, int status);

/* Close r's database now (serve does, before it serves); main.c then has
 * nothing left to close. */
void cli_store_close(struct cli_run *r);

/* The media folder: --media, else next to the database (NAME.db ->
 * NAME-media) in buf (cap bytes); NULL when that does not fit. */
const char *cli_media_dir(const struct cli_run *r, char *buf, size_t cap);
/* Record a change made from the command line in the audit log (client
 * "cli"), naming who ran it ($USER) after the detail. */
enum ak_err cli_audit(struct store *st, enum audit_action action, const char *target,
                      const char *detail);

/* Print the JSON value v on one line of stdout and release it. */
void cli_json_print(json_t *v);

/* After a migration that left the search index without article bodies
 * (store_reindex_needed), rebuild it (with a line on stderr). Returns 0 or 1. */
int cli_reindex_pending(struct store *st, const char *db);

/* The commands (serve.c, import.c, content.c, user.c, config.c). */
int cli_serve_prepare(struct cli_run *r);
/* The commands (serve.c, import.c, content.c, user.c, config.c, backup.c). */
int cli_serve(struct cli_run *r);
/* Sends the logs where serve's options say, before the database opens:
 * standard error by default (for journald), a file, or nowhere for the
 * access log. */
int cli_serve_prepare(struct cli_run *r);
int cli_init(struct cli_run *r);
int cli_import(struct cli_run *r);
int cli_export(struct cli_run *r);
int cli_reindex(struct cli_run *r);
int cli_section_add_prepare(struct cli_run *r);
int cli_section_add(struct cli_run *r);
int cli_section_list(struct cli_run *r);
int cli_comment_list(struct cli_run *r);
int cli_comment_id_prepare(struct cli_run *r);
int cli_comment_set(struct cli_run *r);
int cli_search_prepare(struct cli_run *r);
int cli_search(struct cli_run *r);
int cli_user_add_prepare(struct cli_run *r);
int cli_user_add(struct cli_run *r);
int cli_user_list(struct cli_run *r);
int cli_user_login_prepare(struct cli_run *r);
int cli_user_change(struct cli_run *r);
int cli_config_key_prepare(struct cli_run *r);
int cli_config_get(struct cli_run *r);
int cli_config_set(struct cli_run *r);
int cli_config_list(struct cli_run *r);
int cli_media_rebuild(struct cli_run *r);
int cli_backup(struct cli_run *r);
int cli_restore(struct cli_run *r);
int cli_feed_add_prepare(struct cli_run *r);
int cli_feed_add(struct cli_run *r);
int cli_feed_list(struct cli_run *r);
int cli_feed_remove(struct cli_run *r);
int cli_feed_poll(struct cli_run *r);

#endif
