/*
 * main.c: the akhbar command line. One table of commands (see cli.h) and one
 * option parser: each row says what its command needs, and this file parses
 * argv against it, checks the time zone for commands that show dates, opens
 * the database the row asks for, runs the command and closes the database.
 */
#include <arpa/inet.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>
#include "cli/cli.h"
#include "http/fresh.h"
#include "http/metrics.h"
#include "http/server.h"
#include "ingest/ingest.h"
#include "render/date.h"
#include "store/comment.h"
#include "store/user.h"

_Static_assert(CLI_MANY_MAX >= SERVER_MAX_PROXIES, "room for every --trusted-proxy");
_Static_assert(CLI_MANY_MAX >= METRICS_MAX_ALLOW, "room for every --metrics-allow");

/* ---- options ---- */

struct cli_option {
    int has_arg;                /* getopt's no_argument or required_argument */
    int (*check)(const struct cli_option *o, struct cli_run *r, const char *v, long *num,
                 char *msg, size_t cap);    /* or NULL: any value. Parses v into *num,
                                             * or writes why not into msg and returns
                                             * nonzero */
    const char *noun;           /* with names: "unknown NOUN 'V' (names)" */
    const char *const *names;   /* the values allowed, when a list */
    int nnames;
};

const char *const cli_opt_names[CLI_OPT__MAX] = {
    "db", "json", "format", "section", "strict", "status", "role", "name", "limit", "listen",
    "theme", "media", "demo", "threads", "access-log", "trusted-proxy", "read-only",
    "metrics-allow", "cache-mb", "purge", "error-log", "out", "from", "every", "uploads",
};

/* V is one of o->names: *num is its index. */
static int cli_check_name(const struct cli_option *o, struct cli_run *r, const char *v,
                          long *num, char *msg, size_t cap)
{
    (void)r;
    for (int i = 0; i < o->nnames; i++)
        if (strcmp(v, o->names[i]) == 0) {
            *num = i;
            return 0;
        }
    int k = snprintf(msg, cap, "unknown %s '%s' (", o->noun, v);
    for (int i = 0; i < o->nnames && k > 0 && (size_t)k < cap; i++)
        k += snprintf(msg + k, cap - (size_t)k, "%s%s", i ? ", " : "", o->names[i]);
    if (k > 0 && (size_t)k < cap)
        snprintf(msg + k, cap - (size_t)k, ")");
    return 1;
}

static int cli_check_limit(const struct cli_option *o, struct cli_run *r, const char *v,
                           long *num, char *msg, size_t cap)
{
    (void)o, (void)r;
    char *end;
    *num = strtol(v, &end, 10);
    if (*v >= '0' && *v <= '9' && !*end && *num >= 1 && *num <= CLI_SEARCH_LIMIT_MAX)
        return 0;
    snprintf(msg, cap, "a number from 1 to %d, not '%s'", CLI_SEARCH_LIMIT_MAX, v);
    return 1;
}

/* --status names a comment's status, or for `feed` what its items become. */
static const char *const cli_feed_status_names[] = { "review", "published" };
static int cli_check_status(const struct cli_option *o, struct cli_run *r, const char *v,
                            long *num, char *msg, size_t cap)
{
    if (strcmp(r->cmd->name, "feed") != 0)
        return cli_check_name(o, r, v, num, msg, cap);
    const struct cli_option feed = { required_argument, NULL, "status", cli_feed_status_names,
                                     2 };
    return cli_check_name(&feed, r, v, num, msg, cap);
}

/* Seconds between a feed's polls: 60 to a week. */
static int cli_check_every(const struct cli_option *o, struct cli_run *r, const char *v,
                           long *num, char *msg, size_t cap)
{
    (void)o, (void)r;
    char *end;
    *num = strtol(v, &end, 10);
    if (*v >= '0' && *v <= '9' && !*end && *num >= 60 && *num <= 7 * 86400)
        return 0;
    snprintf(msg, cap, "a number of seconds from 60 to 604800, not '%s'", v);
    return 1;
}

static int cli_check_threads(const struct cli_option *o, struct cli_run *r, const char *v,
                             long *num, char *msg, size_t cap)
{
    (void)o, (void)r, (void)msg, (void)cap;
    *num = atoi(v);
    return 0;
}

static const struct cli_option cli_options[CLI_OPT__MAX];

/* Keep v among the values of o, a repeatable option (at most max): 0, or 1
 * when there are too many. */
static int cli_keep(const struct cli_option *o, struct cli_run *r, const char *v, size_t max)
{
    size_t i = (size_t)(o - cli_options);
    if (r->nmany[i] >= max)
        return 1;
    r->many[i][r->nmany[i]++] = v;
    return 0;
}

/* The page cache's megabytes: 0 (none) to 65536. */
static int cli_check_cache_mb(const struct cli_option *o, struct cli_run *r, const char *v,
                              long *num, char *msg, size_t cap)
{
    (void)o, (void)r;
    char *end;
    *num = strtol(v, &end, 10);
    if (*v >= '0' && *v <= '9' && !*end && *num >= 0 && *num <= 65536)
        return 0;
    snprintf(msg, cap, "a number of megabytes from 0 to 65536, not '%s'", v);
    return 1;
}

/* An http:// or https:// URL told of every change (at most FRESH_PURGE_MAX). */
static int cli_check_purge(const struct cli_option *o, struct cli_run *r, const char *v,
                           long *num, char *msg, size_t cap)
{
    (void)num;
    if ((strncmp(v, "http://", 7) == 0 || strncmp(v, "https://", 8) == 0) &&
        !strpbrk(v, " \t\r\n") && cli_keep(o, r, v, FRESH_PURGE_MAX) == 0)
        return 0;
    snprintf(msg, cap, "an http:// or https:// URL (at most %d), not '%s'", FRESH_PURGE_MAX, v);
    return 1;
}

/* A numeric IPv4 or IPv6 address, kept in r->many (at most SERVER_MAX_PROXIES). */
static int cli_check_proxy(const struct cli_option *o, struct cli_run *r, const char *v,
                           long *num, char *msg, size_t cap)
{
    (void)num;
    unsigned char bin[16];
    if ((inet_pton(AF_INET, v, bin) == 1 || inet_pton(AF_INET6, v, bin) == 1) &&
        !cli_keep(o, r, v, SERVER_MAX_PROXIES))
        return 0;
    snprintf(msg, cap, "'%s' is not a numeric IPv4 or IPv6 address (at most %d)", v,
             SERVER_MAX_PROXIES);
    return 1;
}

/* A numeric address or network (ADDR/BITS), kept in r->many (at most
 * METRICS_MAX_ALLOW). */
static int cli_check_network(const struct cli_option *o, struct cli_run *r, const char *v,
                             long *num, char *msg, size_t cap)
{
    (void)num;
    struct metrics_net net;
    if (metrics_net_parse(v, &net) && !cli_keep(o, r, v, METRICS_MAX_ALLOW))
        return 0;
    snprintf(msg, cap, "'%s' is not a numeric address or network such as 10.0.0.0/8 "
             "(at most %d)", v, METRICS_MAX_ALLOW);
    return 1;
}

static const struct cli_option cli_options[CLI_OPT__MAX] = {
    [CLI_OPT_DB] = { required_argument },
    [CLI_OPT_JSON] = { no_argument },
    [CLI_OPT_FORMAT] = { required_argument, cli_check_name, "format", ingest_format_names,
                         INGEST_FORMAT__MAX },
    [CLI_OPT_SECTION] = { required_argument },
    [CLI_OPT_STRICT] = { no_argument },
    [CLI_OPT_STATUS] = { required_argument, cli_check_status, "status", comment_status_names,
                         COMMENT_STATUS__MAX },
    [CLI_OPT_ROLE] = { required_argument, cli_check_name, "role", user_role_names,
                       USER_ROLE__MAX },
    [CLI_OPT_NAME] = { required_argument },
    [CLI_OPT_LIMIT] = { required_argument, cli_check_limit },
    [CLI_OPT_LISTEN] = { required_argument },
    [CLI_OPT_THEME] = { required_argument },
    [CLI_OPT_MEDIA] = { required_argument },
    [CLI_OPT_DEMO] = { no_argument },
    [CLI_OPT_THREADS] = { required_argument, cli_check_threads },
    [CLI_OPT_ACCESS_LOG] = { required_argument },
    [CLI_OPT_TRUSTED_PROXY] = { required_argument, cli_check_proxy },
    [CLI_OPT_READ_ONLY] = { no_argument },
    [CLI_OPT_METRICS_ALLOW] = { required_argument, cli_check_network },
    [CLI_OPT_CACHE_MB] = { required_argument, cli_check_cache_mb },
    [CLI_OPT_PURGE] = { required_argument, cli_check_purge },
    [CLI_OPT_ERROR_LOG] = { required_argument },
    [CLI_OPT_OUT] = { required_argument },
    [CLI_OPT_FROM] = { required_argument },
    [CLI_OPT_EVERY] = { required_argument, cli_check_every },
    [CLI_OPT_UPLOADS] = { required_argument },
};

/* ---- the commands ---- */

#define O(x) CLI_OPT(CLI_OPT_##x)

/* Each command's usage and help, in the order `akhbar --help` lists them. */
static const struct {
    const char *name;
    const char *usage;          /* the arguments, after the command name */
    const char *help;           /* one line */
} cli_helps[] = {
    { "serve",
      "[--db FILE] [--listen ADDR:PORT] [--theme DIR] [--media DIR] [--demo] [--threads N] "
      "[--access-log FILE|-|off] [--error-log FILE|-] [--trusted-proxy ADDR]... "
      "[--metrics-allow ADDR[/BITS]]... [--read-only] [--cache-mb N] [--purge URL]...",
      "Serve the site over HTTP. --demo loads the demo content into an empty database; "
      "--trusted-proxy names a front proxy whose X-Forwarded-For/-Proto count; --media is "
      "the folder of uploaded images (default: the database's name + -media); "
      "--metrics-allow lets those clients read /metrics; --read-only serves the public site "
      "from a database that is not written (the newsroom and comments answer 503); "
      "--cache-mb is the page cache's size (default 64, 0: none); --purge names a Varnish or "
      "CDN told of every change (PURGE with xkey-purge). Both logs go to standard error "
      "('-') unless given a file, which SIGHUP opens again." },
    { "init", "[--db FILE]", "Create or migrate the database." },
    { "import", "[--db FILE] --format text|ndjson|feed|wxr [--section SLUG] [--uploads DIR] "
      "[--media DIR] [--strict] FILE...",
      "Import articles, or a site written by export; '-' reads standard input. --strict: "
      "all of a file or nothing. Run again, it stores nothing twice (guids, or the very "
      "same record); it prints imported, updated, unchanged and failed counts. feed: an "
      "RSS 2.0, RSS 1.0 or Atom file, its items as articles in review. wxr: a WordPress "
      "export; --uploads names its wp-content/uploads folder (attachments become media in "
      "--media, default: the database's name + -media)." },
    { "export", "[--db FILE] --format ndjson [--out FILE]",
      "Write the whole site as NDJSON (standard output, or FILE written whole): sections, "
      "tags, images, authors (no passwords), pages, and articles in every state with their "
      "comments, guids and old URLs. import --format ndjson reads it back." },
    { "section", "add [--db FILE] SLUG NAME | list [--db FILE] [--json]",
      "Add or list the site's sections." },
    { "comment",
      "list [--db FILE] [--status pending|approved|spam] [--json] | "
      "approve|spam|delete [--db FILE] ID",
      "List and moderate readers' comments." },
    { "search", "[--db FILE] [--json] [--limit N] QUERY...",
      "Search published articles: words, \"phrases\", -exclusions; best first." },
    { "user",
      "add [--db FILE] --role admin|editor|author|moderator [--name NAME] LOGIN | "
      "list [--db FILE] [--json] | disable|enable|passwd [--db FILE] LOGIN",
      "Manage the newsroom's people. Passwords are read from standard input, or asked for "
      "without echo on a terminal; never from the command line." },
    { "reindex", "[--db FILE]", "Rebuild the search index from every article's Markdown." },
    { "config", "get [--db FILE] KEY | set [--db FILE] KEY VALUE | list [--db FILE] [--json]",
      "Read or change the site's settings: name, url, tagline, description, timezone, logo, "
      "language, social_x, social_facebook, social_telegram, social_youtube, "
      "social_instagram." },
    { "media", "rebuild [--db FILE] [--media DIR]",
      "Make any missing size or crop of every stored image from its stored original "
      "(after an upgrade that adds sizes, or lost files)." },
    { "backup", "[--db FILE] [--media DIR] --out PATH",
      "Copy the database (while it is served) and the images it uses into the new folder "
      "PATH: PATH/akhbar.db, checked, and PATH/media/." },
    { "feed",
      "add [--db FILE] --section SLUG [--status review|published] [--every SECONDS] URL | "
      "list [--db FILE] [--json] | remove [--db FILE] URL|ID | poll [--db FILE]",
      "Wire feeds (RSS, Atom): their items become articles in review (or published) in the "
      "section; `serve` polls them in the background, `feed poll` polls every due feed "
      "once. --every: seconds between polls (default 900)." },
    { "restore", "[--db FILE] [--media DIR] --from BACKUP",
      "Put a backup (a folder made by backup, or a database file) in place of the database, "
      "checked first; refused while any process has the database open." },
};

static const struct cli_command cli_commands[] = {
    { "serve", NULL, cli_serve, cli_serve_prepare,
      O(DB) | O(LISTEN) | O(THEME) | O(MEDIA) | O(DEMO) | O(THREADS) | O(ACCESS_LOG) |
          O(ERROR_LOG) | O(TRUSTED_PROXY) | O(READ_ONLY) | O(METRICS_ALLOW) | O(CACHE_MB) |
          O(PURGE),
      0, 0, 0, CLI_DB_CREATE, 1 },
    { "init", NULL, cli_init, NULL, O(DB), 0, 0, 0, CLI_DB_CREATE, 0 },
    { "import", NULL, cli_import, NULL,
      O(DB) | O(FORMAT) | O(SECTION) | O(STRICT) | O(UPLOADS) | O(MEDIA), O(FORMAT),
      1, -1, CLI_DB_CREATE, 0 },
    { "export", NULL, cli_export, NULL, O(DB) | O(FORMAT) | O(OUT), O(FORMAT), 0, 0,
      CLI_DB_READ, 0 },
    { "section", "add", cli_section_add, cli_section_add_prepare, O(DB), 0, 2, 2,
      CLI_DB_CREATE, 0 },
    { "section", "list", cli_section_list, NULL, O(DB) | O(JSON), 0, 0, 0, CLI_DB_READ, 0 },
    { "comment", "list", cli_comment_list, NULL, O(DB) | O(JSON) | O(STATUS), 0, 0, 0,
      CLI_DB_READ, 1 },
    { "comment", "approve", cli_comment_set, cli_comment_id_prepare, O(DB), 0, 1, 1,
      CLI_DB_WRITE, 0 },
    { "comment", "spam", cli_comment_set, cli_comment_id_prepare, O(DB), 0, 1, 1,
      CLI_DB_WRITE, 0 },
    { "comment", "delete", cli_comment_set, cli_comment_id_prepare, O(DB), 0, 1, 1,
      CLI_DB_WRITE, 0 },
    { "search", NULL, cli_search, cli_search_prepare, O(DB) | O(JSON) | O(LIMIT), 0, 1, -1,
      CLI_DB_READ, 1 },
    { "user", "add", cli_user_add, cli_user_add_prepare, O(DB) | O(ROLE) | O(NAME), O(ROLE),
      1, 1, CLI_DB_CREATE, 0 },
    { "user", "list", cli_user_list, NULL, O(DB) | O(JSON), 0, 0, 0, CLI_DB_READ, 1 },
    { "user", "disable", cli_user_change, cli_user_login_prepare, O(DB), 0, 1, 1,
      CLI_DB_WRITE, 0 },
    { "user", "enable", cli_user_change, cli_user_login_prepare, O(DB), 0, 1, 1,
      CLI_DB_WRITE, 0 },
    { "user", "passwd", cli_user_change, cli_user_login_prepare, O(DB), 0, 1, 1,
      CLI_DB_WRITE, 0 },
    { "reindex", NULL, cli_reindex, NULL, O(DB), 0, 0, 0, CLI_DB_MIGRATE, 0 },
    { "config", "get", cli_config_get, cli_config_key_prepare, O(DB), 0, 1, 1, CLI_DB_READ, 0 },
    { "config", "set", cli_config_set, cli_config_key_prepare, O(DB), 0, 2, 2, CLI_DB_CREATE,
      0 },
    { "config", "list", cli_config_list, NULL, O(DB) | O(JSON), 0, 0, 0, CLI_DB_READ, 0 },
    { "media", "rebuild", cli_media_rebuild, NULL, O(DB) | O(MEDIA), 0, 0, 0, CLI_DB_READ, 0 },
    { "backup", NULL, cli_backup, NULL, O(DB) | O(MEDIA) | O(OUT), O(OUT), 0, 0, CLI_DB_READ,
      0 },
    { "feed", "add", cli_feed_add, cli_feed_add_prepare,
      O(DB) | O(SECTION) | O(STATUS) | O(EVERY), O(SECTION), 1, 1, CLI_DB_CREATE, 0 },
    { "feed", "list", cli_feed_list, NULL, O(DB) | O(JSON), 0, 0, 0, CLI_DB_READ, 0 },
    { "feed", "remove", cli_feed_remove, NULL, O(DB), 0, 1, 1, CLI_DB_WRITE, 0 },
    { "feed", "poll", cli_feed_poll, NULL, O(DB), 0, 0, 0, CLI_DB_MIGRATE, 0 },
    { "restore", NULL, cli_restore, NULL, O(DB) | O(MEDIA) | O(FROM), O(FROM), 0, 0,
      CLI_DB_NONE, 0 },
};

#define CLI_NCOMMANDS (sizeof cli_commands / sizeof cli_commands[0])
#define CLI_NHELPS (sizeof cli_helps / sizeof cli_helps[0])

int cli_usage(const struct cli_run *r, FILE *out, int status)
{
    for (size_t i = 0; i < CLI_NHELPS; i++) {
        if (strcmp(cli_helps[i].name, r->cmd->name) != 0)
            continue;
        fprintf(out, "usage: akhbar %s %s\n", cli_helps[i].name, cli_helps[i].usage);
        if (out == stdout)
            fprintf(out, "%s\n", cli_helps[i].help);
    }
    return status;
}

static int cli_main_usage(FILE *out, int status)
{
    fprintf(out, "akhbar: an Arabic-first news publishing engine\n\nusage:\n");
    for (size_t i = 0; i < CLI_NHELPS; i++)
        fprintf(out, "  akhbar %s %s\n      %s\n", cli_helps[i].name, cli_helps[i].usage,
                cli_helps[i].help);
    fprintf(out, "\nThe database defaults to $AKHBAR_DB, else akhbar.db.\n");
    return status;
}

/* Is the site's time zone (date_zone: AKHBAR_TZ, else the default) one ICU
 * knows? ICU would take a mistyped name for "Etc/Unknown", that is UTC, and
 * every date shown would be off by the zone's offset without a word. Custom
 * zones such as "GMT+03:00" are accepted. Returns 0, or 1 after a message. */
static int cli_zone_check(void)
{
    const char *zone = date_zone();
    if (date_zone_valid(zone, 0))
        return 0;
    fprintf(stderr, "akhbar: AKHBAR_TZ: unknown time zone '%s' (an IANA name such as "
            "Asia/Riyadh)\n", zone);
    return 1;
}

/* Open the database r->cmd asks for into r->st (read-only with
 * --read-only). Returns 0 or 1 (with a message). */
static int cli_store_open(struct cli_run *r)
{
    static const int flags[CLI_DB__MAX] = {
        [CLI_DB_READ] = STORE_READONLY,
        [CLI_DB_CREATE] = STORE_CREATE,
        [CLI_DB_MIGRATE] = STORE_CREATE,
    };
    enum cli_db db = r->opt[CLI_OPT_READ_ONLY] ? CLI_DB_READ : r->cmd->db;
    if (r->cmd->db == CLI_DB_NONE)
        return 0;
    if (r->cmd->db == CLI_DB_MIGRATE && !store_is_pg(r->db) && access(r->db, F_OK) != 0) {
        fprintf(stderr, "akhbar %s: %s: no such database\n", r->cmd->name, r->db);
        return 1;
    }
    if (store_open(r->db, flags[db], &r->st) != AK_OK) {
        r->st = NULL;
        fprintf(stderr, "akhbar: %s: cannot open the database\n",
                store_is_pg(r->db) ? "PostgreSQL" : r->db);
        return 1;
    }
    return 0;
}

/* Parse argv (the words after the command, or after its subcommand) against
 * r->cmd's options. Returns -1 to go on, or an exit status. */
static int cli_parse(struct cli_run *r, int argc, char **argv)
{
    struct option longopts[CLI_OPT__MAX + 2];
    int n = 0;
    for (int i = 0; i < CLI_OPT__MAX; i++) {
        r->num[i] = -1;
        if (r->cmd->opts & CLI_OPT(i))
            longopts[n++] = (struct option){ cli_opt_names[i], cli_options[i].has_arg, 0, i };
    }
    longopts[n++] = (struct option){ "help", no_argument, 0, CLI_OPT__MAX };
    longopts[n] = (struct option){ 0, 0, 0, 0 };
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == CLI_OPT__MAX)
            return cli_usage(r, stdout, 0);
        if (c < 0 || c > CLI_OPT__MAX)
            return cli_usage(r, stderr, CLI_EXIT_USAGE);
        const struct cli_option *o = &cli_options[c];
        r->opt[c] = o->has_arg == no_argument ? "" : optarg;
        char msg[256];
        if (o->check && o->check(o, r, r->opt[c], &r->num[c], msg, sizeof msg)) {
            fprintf(stderr, "akhbar %s: --%s: %s\n", r->cmd->name, cli_opt_names[c], msg);
            return CLI_EXIT_USAGE;
        }
    }
    r->args = argv + optind;
    r->nargs = argc - optind;
    if (r->nargs < r->cmd->min_args || (r->cmd->max_args >= 0 && r->nargs > r->cmd->max_args))
        return cli_usage(r, stderr, CLI_EXIT_USAGE);
    for (int i = 0; i < CLI_OPT__MAX; i++)
        if ((r->cmd->required & CLI_OPT(i)) && !r->opt[i])
            return cli_usage(r, stderr, CLI_EXIT_USAGE);
    const char *env = getenv("AKHBAR_DB");
    r->db = r->opt[CLI_OPT_DB] ? r->opt[CLI_OPT_DB] : env && *env ? env : "akhbar.db";
    return -1;
}

/* The row for NAME [SUB] in argv[0..argc), or NULL after a message (with
 * *status set). *sub is 1 when the row is a subcommand's. */
static const struct cli_command *cli_find(int argc, char **argv, int *sub, int *status)
{
    const struct cli_command *first = NULL;
    for (size_t i = 0; i < CLI_NCOMMANDS; i++) {
        const struct cli_command *c = &cli_commands[i];
        if (strcmp(c->name, argv[0]) != 0)
            continue;
        if (!c->sub || (argc > 1 && strcmp(c->sub, argv[1]) == 0)) {
            *sub = c->sub != NULL;
            return c;
        }
        first = first ? first : c;
    }
    if (!first) {
        fprintf(stderr, "akhbar: unknown command '%s'\n", argv[0]);
        *status = cli_main_usage(stderr, CLI_EXIT_USAGE);
        return NULL;
    }
    struct cli_run r = { .cmd = first };
    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        *status = cli_usage(&r, argc < 2 ? stderr : stdout, argc < 2 ? CLI_EXIT_USAGE : 0);
        return NULL;
    }
    fprintf(stderr, "akhbar %s: unknown subcommand '%s' (", first->name, argv[1]);
    for (const struct cli_command *c = first; c < cli_commands + CLI_NCOMMANDS; c++)
        if (strcmp(c->name, first->name) == 0)
            fprintf(stderr, "%s%s", c == first ? "" : ", ", c->sub);
    fprintf(stderr, ")\n");
    *status = CLI_EXIT_USAGE;
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return cli_main_usage(stderr, CLI_EXIT_USAGE);
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0)
        return cli_main_usage(stdout, 0);
    int sub = 0, status = 0;
    static struct cli_run r;
    if (!(r.cmd = cli_find(argc - 1, argv + 1, &sub, &status)))
        return status;
    if ((status = cli_parse(&r, argc - 1 - sub, argv + 1 + sub)) < 0 &&
        (!r.cmd->prepare || (status = r.cmd->prepare(&r)) < 0)) {
        if ((r.cmd->dates && cli_zone_check()) || cli_store_open(&r))
            status = CLI_EXIT_FAIL;
        else
            status = r.cmd->run(&r);
    }
    cli_store_close(&r);
    sodium_memzero(r.secret, sizeof r.secret);
    free(r.text);
    return status;
}
