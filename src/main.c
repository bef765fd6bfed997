/*
 * main.c: the akhbar command line, one table of commands (as redis's command
 * table): serve, init, import, section, comment, user, search, reindex.
 *
 * Exit status: 0 success, 1 runtime error, 2 usage error. Errors go to
 * stderr and name the file and line, or the field, at fault.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/stat.h>
#include <jansson.h>
#include <sodium.h>
#include "base/log.h"
#include "http/router.h"
#include "http/server.h"
#include "ingest/ingest.h"
#include "media/image.h"
#include "newsroom/scheduler.h"
#include "render/date.h"
#include "render/markdown.h"
#include "site/site.h"
#include "store/audit.h"
#include "store/comment.h"
#include "store/related.h"
#include "store/search.h"
#include "store/section.h"
#include "store/store.h"
#include "store/user.h"
#include "text/utf8.h"

#define EXIT_USAGE 2

struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *usage;          /* the arguments, after the command name */
    const char *help;           /* one line */
};

static const struct command *cmd_current;

static int cmd_usage(FILE *out, int status)
{
    fprintf(out, "usage: akhbar %s %s\n", cmd_current->name, cmd_current->usage);
    if (out == stdout)
        fprintf(out, "%s\n", cmd_current->help);
    return status;
}

/* Common options: --db FILE, --json, --help. Returns -1 to go on, or an exit
 * status. */
struct cmd_opts {
    const char *db;
    int json;
};

static const char *cmd_db_default(void)
{
    const char *db = getenv("AKHBAR_DB");
    return db && *db ? db : "akhbar.db";
}

static int cmd_open(const char *db, int flags, struct store **st)
{
    if (store_open(db, flags, st) != AK_OK) {
        fprintf(stderr, "akhbar: %s: cannot open the database\n", db);
        return 1;
    }
    return 0;
}

/* Rebuild the search index: every article's body text from its Markdown. */
static int cmd_reindex_run(struct store *st, const char *db, size_t *n)
{
    enum ak_err rc = store_reindex(st, markdown_plaintext, n);
    if (rc != AK_OK) {
        fprintf(stderr, "akhbar: %s: cannot rebuild the search index: %s\n", db,
                ak_strerror(rc));
        return 1;
    }
    /* The index's vocabulary changed: so may what is related to what. */
    if ((rc = store_related_refresh(st, INGEST_RELATED_MAX)) != AK_OK) {
        fprintf(stderr, "akhbar: %s: cannot refresh related articles: %s\n", db,
                ak_strerror(rc));
        return 1;
    }
    return 0;
}

/* After a migration that left the search index without article bodies
 * (store_reindex_needed), rebuild it before going on. */
static int cmd_reindex_pending(struct store *st, const char *db)
{
    size_t n = 0;
    if (!store_reindex_needed(st))
        return 0;
    if (cmd_reindex_run(st, db, &n))
        return 1;
    fprintf(stderr, "akhbar: %s: search index rebuilt (%zu articles)\n", db, n);
    return 0;
}

/* ---- serve ---- */

/* Is s a numeric IPv4 or IPv6 address? */
static int cmd_numeric_address(const char *s)
{
    unsigned char bin[16];
    return inet_pton(AF_INET, s, bin) == 1 || inet_pton(AF_INET6, s, bin) == 1;
}

static int cmd_serve(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, 0, 'd' }, { "listen", required_argument, 0, 'l' },
        { "theme", required_argument, 0, 't' }, { "demo", no_argument, 0, 'D' },
        { "threads", required_argument, 0, 'T' }, { "access-log", required_argument, 0, 'a' },
        { "trusted-proxy", required_argument, 0, 'P' }, { "media", required_argument, 0, 'm' },
        { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 },
    };
    const char *proxies[SERVER_MAX_PROXIES];
    struct server_config cfg = {
        .listen = "127.0.0.1:8080", .db_path = cmd_db_default(), .timeout = 30,
        .max_connections = 1024, .max_per_client = 128, .conn_memory = 32 * 1024,
    };
    const char *theme = NULL, *access_log = "-", *media = NULL;
    int demo = 0, c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': cfg.db_path = optarg; break;
        case 'l': cfg.listen = optarg; break;
        case 't': theme = optarg; break;
        case 'D': demo = 1; break;
        case 'T': cfg.threads = (unsigned)atoi(optarg); break;
        case 'a': access_log = optarg; break;
        case 'm': media = optarg; break;
        case 'P':
            if (!cmd_numeric_address(optarg) || cfg.ntrusted_proxies == SERVER_MAX_PROXIES) {
                fprintf(stderr, "akhbar serve: --trusted-proxy: '%s' is not a numeric IPv4 or "
                        "IPv6 address (at most %d)\n", optarg, SERVER_MAX_PROXIES);
                return EXIT_USAGE;
            }
            proxies[cfg.ntrusted_proxies++] = optarg;
            cfg.trusted_proxies = proxies;
            break;
        case 'h': return cmd_usage(stdout, 0);
        default: return cmd_usage(stderr, EXIT_USAGE);
        }
    }
    if (optind != argc)
        return cmd_usage(stderr, EXIT_USAGE);
    struct store *st;
    if (cmd_open(cfg.db_path, STORE_CREATE, &st))
        return 1;
    if (demo) {
        enum ak_err rc = ingest_demo(st);
        if (rc != AK_OK && rc != AK_EEXIST) {
            fprintf(stderr, "akhbar: cannot load the demo content: %s\n", ak_strerror(rc));
            store_close(st);
            return 1;
        }
    }
    if (cmd_reindex_pending(st, cfg.db_path)) {
        store_close(st);
        return 1;
    }
    struct site site;
    enum ak_err rc = site_init(&site, st, theme);
    store_close(st);
    if (rc)
        return 1;
    cfg.secret = site.secret;           /* keys session ids, as it keys form tokens */
    media_set_key(site.secret);         /* and the names of uploaded images */
    char media_buf[4096], upload_buf[4200];
    if (!media) {                       /* next to the database: NAME.db -> NAME-media */
        size_t n = strlen(cfg.db_path);
        if (n > 3 && strcmp(cfg.db_path + n - 3, ".db") == 0)
            n -= 3;
        snprintf(media_buf, sizeof media_buf, "%.*s-media", (int)n, cfg.db_path);
        media = media_buf;
    }
    snprintf(upload_buf, sizeof upload_buf, "%s/tmp", media);
    if ((mkdir(media, 0755) != 0 && errno != EEXIST) ||
        (mkdir(upload_buf, 0700) != 0 && errno != EEXIST)) {
        fprintf(stderr, "akhbar: %s: cannot make the media folder: %s\n", upload_buf,
                strerror(errno));
        site_reset(&site);
        return 1;
    }
    site.media_dir = media;
    cfg.upload_dir = upload_buf;
    /* What a crash left: temporary files an hour old and more (a second
     * server on the same folders may be writing younger ones). */
    size_t swept = 0;
    if (media_sweep(media, upload_buf, 3600, &swept) == AK_OK && swept > 0)
        log_info("media: removed %zu temporary file%s left by an earlier run", swept,
                 swept == 1 ? "" : "s");
    if (strcmp(access_log, "-") == 0)
        cfg.access_log = stdout;
    else if (*access_log && strcmp(access_log, "off") != 0 &&
             !(cfg.access_log = fopen(access_log, "a"))) {
        fprintf(stderr, "akhbar: %s: cannot open the access log\n", access_log);
        site_reset(&site);
        return 1;
    }
    if (cfg.access_log)
        setvbuf(cfg.access_log, NULL, _IOLBF, 0);
    if (scheduler_start(cfg.db_path) != AK_OK) {
        fprintf(stderr, "akhbar: %s: cannot start the scheduler\n", cfg.db_path);
        site_reset(&site);
        return 1;
    }
    struct http_app app = { routes, site_error_page, &site };
    rc = server_run(&cfg, &app);
    scheduler_stop();
    if (cfg.access_log && cfg.access_log != stdout)
        fclose(cfg.access_log);
    site_reset(&site);
    return rc == AK_OK ? 0 : 1;
}

/* ---- init ---- */

static int cmd_parse_common(int argc, char **argv, struct cmd_opts *o)
{
    static const struct option opts[] = {
        { "db", required_argument, 0, 'd' }, { "json", no_argument, 0, 'j' },
        { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 },
    };
    o->db = cmd_db_default();
    o->json = 0;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': o->db = optarg; break;
        case 'j': o->json = 1; break;
        case 'h': return cmd_usage(stdout, 0);
        default: return cmd_usage(stderr, EXIT_USAGE);
        }
    }
    return -1;
}

static int cmd_init(int argc, char **argv)
{
    struct cmd_opts o;
    int rc = cmd_parse_common(argc, argv, &o);
    if (rc >= 0)
        return rc;
    if (optind != argc || o.json)
        return cmd_usage(stderr, EXIT_USAGE);
    struct store *st;
    if (cmd_open(o.db, STORE_CREATE, &st))
        return 1;
    int status = cmd_reindex_pending(st, o.db);
    store_close(st);
    if (status)
        return status;
    printf("%s: schema version %d\n", o.db, store_schema_version());
    return 0;
}

/* ---- import ---- */

static int cmd_import(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, 0, 'd' }, { "format", required_argument, 0, 'f' },
        { "section", required_argument, 0, 's' }, { "strict", no_argument, 0, 'S' },
        { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 },
    };
    const char *db = cmd_db_default(), *section = NULL;
    int fmt = -1, strict = 0, c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'f':
            for (int i = 0; i < INGEST_FORMAT__MAX; i++)
                if (strcmp(optarg, ingest_format_names[i]) == 0)
                    fmt = i;
            if (fmt < 0) {
                fprintf(stderr, "akhbar import: --format: unknown format '%s' (text, ndjson)\n",
                        optarg);
                return EXIT_USAGE;
            }
            break;
        case 's': section = optarg; break;
        case 'S': strict = 1; break;
        case 'h': return cmd_usage(stdout, 0);
        default: return cmd_usage(stderr, EXIT_USAGE);
        }
    }
    if (fmt < 0 || optind == argc)
        return cmd_usage(stderr, EXIT_USAGE);
    struct store *st;
    if (cmd_open(db, STORE_CREATE, &st))
        return 1;
    int status = 0;
    if (section) {
        struct arena a;
        arena_init(&a, 0);
        struct section sec;
        if (store_section_by_slug(st, &a, section, &sec) != AK_OK) {
            fprintf(stderr, "akhbar import: --section: unknown section '%s'\n", section);
            status = 1;
        }
        arena_reset(&a);
    }
    size_t imported = 0, failed = 0;
    for (int i = optind; i < argc && status == 0; i++) {
        struct ingest_report rep = { 0 };
        enum ak_err rc = ingest_import(st, argv[i], (enum ingest_format)fmt, section, strict,
                                       stderr, &rep);
        imported += rep.imported;
        failed += rep.failed;
        if (rc != AK_OK)
            status = 1;
    }
    store_close(st);
    fprintf(stderr, "akhbar import: %zu imported, %zu failed\n", imported, failed);
    return status ? status : failed ? 1 : 0;
}

/* ---- section ---- */

static int cmd_section(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0)
        return cmd_usage(argc < 2 ? stderr : stdout, argc < 2 ? EXIT_USAGE : 0);
    const char *sub = argv[1];
    struct cmd_opts o;
    int rc = cmd_parse_common(argc - 1, argv + 1, &o);
    if (rc >= 0)
        return rc;
    int nargs = argc - 1 - optind;
    char **args = argv + 1 + optind;
    struct store *st;
    if (strcmp(sub, "add") == 0) {
        if (nargs != 2 || o.json)
            return cmd_usage(stderr, EXIT_USAGE);
        const char *slug = args[0], *name = args[1];
        for (const char *p = slug; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-')) {
                fprintf(stderr, "akhbar section add: SLUG: use a-z, 0-9 and '-' only\n");
                return EXIT_USAGE;
            }
        if (!*slug || !*name || !utf8_valid(name, strlen(name))) {
            fprintf(stderr, "akhbar section add: NAME: empty or not valid UTF-8\n");
            return EXIT_USAGE;
        }
        if (cmd_open(o.db, STORE_CREATE, &st))
            return 1;
        int64_t id;
        enum ak_err e = store_section_add(st, slug, name, &id);
        store_close(st);
        if (e == AK_EEXIST) {
            fprintf(stderr, "akhbar section add: SLUG: section '%s' exists\n", slug);
            return 1;
        }
        if (e)
            return 1;
        printf("%" PRId64 "\n", id);
        return 0;
    }
    if (strcmp(sub, "list") == 0) {
        if (nargs != 0)
            return cmd_usage(stderr, EXIT_USAGE);
        if (cmd_open(o.db, 0, &st))
            return 1;
        struct arena a;
        arena_init(&a, 0);
        struct section *secs;
        size_t n;
        enum ak_err e = store_section_list(st, &a, &secs, &n);
        if (e == AK_OK && o.json) {
            json_t *arr = json_array();
            for (size_t i = 0; i < n; i++)
                json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:i}", "id",
                                                     (json_int_t)secs[i].id, "slug",
                                                     secs[i].slug, "name", secs[i].name,
                                                     "position", secs[i].position));
            json_dumpf(arr, stdout, JSON_COMPACT);
            putchar('\n');
            json_decref(arr);
        } else if (e == AK_OK) {
            for (size_t i = 0; i < n; i++)
                printf("%" PRId64 "\t%s\t%s\n", secs[i].id, secs[i].slug, secs[i].name);
        }
        arena_reset(&a);
        store_close(st);
        return e ? 1 : 0;
    }
    fprintf(stderr, "akhbar section: unknown subcommand '%s' (add, list)\n", sub);
    return EXIT_USAGE;
}

/* ---- comment ---- */

static int cmd_comment(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0)
        return cmd_usage(argc < 2 ? stderr : stdout, argc < 2 ? EXIT_USAGE : 0);
    const char *sub = argv[1];
    static const struct option opts[] = {
        { "db", required_argument, 0, 'd' }, { "json", no_argument, 0, 'j' },
        { "status", required_argument, 0, 's' }, { "help", no_argument, 0, 'h' },
        { 0, 0, 0, 0 },
    };
    const char *db = cmd_db_default();
    int json = 0, status = -1, c;
    while ((c = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'j': json = 1; break;
        case 's':
            for (int i = 0; i < COMMENT_STATUS__MAX; i++)
                if (strcmp(optarg, comment_status_names[i]) == 0)
                    status = i;
            if (status < 0) {
                fprintf(stderr, "akhbar comment: --status: unknown status '%s' "
                        "(pending, approved, spam)\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': return cmd_usage(stdout, 0);
        default: return cmd_usage(stderr, EXIT_USAGE);
        }
    }
    int nargs = argc - 1 - optind;
    char **args = argv + 1 + optind;
    struct store *st;
    if (strcmp(sub, "list") == 0) {
        if (nargs != 0)
            return cmd_usage(stderr, EXIT_USAGE);
        if (cmd_open(db, 0, &st))
            return 1;
        struct arena a;
        arena_init(&a, 0);
        struct comment *cs;
        size_t n;
        enum ak_err e = store_comment_list(st, &a, status, &cs, &n);
        if (e == AK_OK && json) {
            json_t *arr = json_array();
            for (size_t i = 0; i < n; i++) {
                char when[32];
                date_format(cs[i].created_at, DATE_ISO, when, sizeof when);
                json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "id",
                                      (json_int_t)cs[i].id, "article_id",
                                      (json_int_t)cs[i].article_id, "status",
                                      comment_status_names[cs[i].status], "author",
                                      cs[i].author, "body", cs[i].body, "created_at", when);
                json_object_set_new(o, "parent_id", cs[i].parent_id
                                        ? json_integer(cs[i].parent_id) : json_null());
                json_array_append_new(arr, o);
            }
            json_dumpf(arr, stdout, JSON_COMPACT);
            putchar('\n');
            json_decref(arr);
        } else if (e == AK_OK) {
            for (size_t i = 0; i < n; i++)
                printf("%" PRId64 "\t%" PRId64 "\t%s\t%s\t%.60s\n", cs[i].id, cs[i].article_id,
                       comment_status_names[cs[i].status], cs[i].author, cs[i].body);
        }
        arena_reset(&a);
        store_close(st);
        return e ? 1 : 0;
    }
    int action = strcmp(sub, "approve") == 0 ? COMMENT_APPROVED
               : strcmp(sub, "spam") == 0    ? COMMENT_SPAM
               : strcmp(sub, "delete") == 0  ? COMMENT_STATUS__MAX
                                             : -1;
    if (action < 0) {
        fprintf(stderr, "akhbar comment: unknown subcommand '%s' "
                "(list, approve, spam, delete)\n", sub);
        return EXIT_USAGE;
    }
    if (nargs != 1 || json || status >= 0)
        return cmd_usage(stderr, EXIT_USAGE);
    char *end;
    long long id = strtoll(args[0], &end, 10);
    if (*end || id <= 0) {
        fprintf(stderr, "akhbar comment %s: ID: not a comment id: '%s'\n", sub, args[0]);
        return EXIT_USAGE;
    }
    if (cmd_open(db, 0, &st))
        return 1;
    enum ak_err e = action == COMMENT_STATUS__MAX
                        ? store_comment_delete(st, id)
                        : store_comment_set_status(st, id, (enum comment_status)action);
    store_close(st);
    if (e == AK_ENOTFOUND)
        fprintf(stderr, "akhbar comment %s: ID: no comment %lld\n", sub, id);
    return e ? 1 : 0;
}

/* ---- search ---- */

#define SEARCH_LIMIT_MAX 1000

/* The snippet without its match markers, or the lede when there is none. */
static const char *cmd_search_snippet(struct arena *a, const struct search_hit *h)
{
    if (!h->snippet)
        return h->lede;
    size_t n = strlen(h->snippet), k = 0;
    char *t = arena_alloc(a, n + 1);
    if (!t)
        return h->lede;
    for (size_t i = 0; i < n; i++)
        if (h->snippet[i] != STORE_MARK_OPEN && h->snippet[i] != STORE_MARK_CLOSE)
            t[k++] = h->snippet[i];
    t[k] = '\0';
    return t;
}

static int cmd_search(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, 0, 'd' }, { "json", no_argument, 0, 'j' },
        { "limit", required_argument, 0, 'n' }, { "help", no_argument, 0, 'h' },
        { 0, 0, 0, 0 },
    };
    const char *db = cmd_db_default();
    int json = 0, c;
    long limit = 20;
    char *end;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'j': json = 1; break;
        case 'n':
            limit = strtol(optarg, &end, 10);
            if (*optarg < '0' || *optarg > '9' || *end || limit < 1 ||
                limit > SEARCH_LIMIT_MAX) {
                fprintf(stderr, "akhbar search: --limit: a number from 1 to %d, not '%s'\n",
                        SEARCH_LIMIT_MAX, optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': return cmd_usage(stdout, 0);
        default: return cmd_usage(stderr, EXIT_USAGE);
        }
    }
    if (optind == argc)
        return cmd_usage(stderr, EXIT_USAGE);
    struct buf q;
    buf_init(&q, 0);
    for (int i = optind; i < argc; i++) {
        if (i > optind)
            buf_putc(&q, ' ');
        buf_puts(&q, argv[i]);
    }
    if (q.err || !utf8_valid(q.p ? q.p : "", q.n)) {
        int status = q.err ? 1 : EXIT_USAGE;
        if (!q.err)
            fprintf(stderr, "akhbar search: QUERY: not valid UTF-8\n");
        buf_reset(&q);
        return status;
    }
    struct store *st;
    if (cmd_open(db, 0, &st)) {
        buf_reset(&q);
        return 1;
    }
    struct arena a;
    arena_init(&a, 0);
    struct search_hit *hits;
    size_t n, total;
    enum ak_err e = store_search(st, &a, q.p ? q.p : "", 0, (size_t)limit, &hits, &n, &total);
    if (e != AK_OK) {
        fprintf(stderr, "akhbar search: %s\n", ak_strerror(e));
    } else if (json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            const struct search_hit *s = &hits[i];
            struct html url;
            html_init(&url, 4096);
            html_printf(&url, "/article/%D/%U", s->id, s->slug);
            char when[32] = "";
            date_format(s->published_at, DATE_ISO, when, sizeof when);
            json_array_append_new(
                arr, json_pack("{s:I, s:s, s:f, s:s, s:s, s:s, s:s, s:s}", "id",
                               (json_int_t)s->id, "title", s->title, "score", hits[i].score,
                               "url", url.b.err ? "" : url.b.p, "published_at", when,
                               "section", s->section_slug, "section_name", s->section_name,
                               "snippet", cmd_search_snippet(&a, &hits[i])));
            html_reset(&url);
        }
        json_dumpf(arr, stdout, JSON_COMPACT);
        putchar('\n');
        json_decref(arr);
    } else {
        for (size_t i = 0; i < n; i++) {
            struct html url;
            html_init(&url, 4096);
            html_printf(&url, "/article/%D/%U", hits[i].id, hits[i].slug);
            printf("%" PRId64 "\t%s\t%s\n", hits[i].id, hits[i].title,
                   url.b.err ? "" : url.b.p);
            html_reset(&url);
        }
    }
    arena_reset(&a);
    store_close(st);
    buf_reset(&q);
    return e ? (e == AK_EINVAL ? EXIT_USAGE : 1) : 0;
}

/* ---- reindex ---- */

static int cmd_reindex(int argc, char **argv)
{
    struct cmd_opts o;
    int rc = cmd_parse_common(argc, argv, &o);
    if (rc >= 0)
        return rc;
    if (optind != argc || o.json)
        return cmd_usage(stderr, EXIT_USAGE);
    if (access(o.db, F_OK) != 0) {
        fprintf(stderr, "akhbar reindex: %s: no such database\n", o.db);
        return 1;
    }
    struct store *st;
    if (cmd_open(o.db, STORE_CREATE, &st))      /* migrates an older database */
        return 1;
    size_t n = 0;
    int status = cmd_reindex_run(st, o.db, &n);
    store_close(st);
    if (status == 0)
        printf("%zu articles indexed\n", n);
    return status;
}

/* ---- user ---- */

static struct termios cmd_tty_saved;
static volatile sig_atomic_t cmd_tty_echo_off;

/* Ctrl-C at the password prompt: give the terminal its echo back first. */
static void cmd_tty_interrupted(int sig)
{
    if (cmd_tty_echo_off)
        tcsetattr(STDIN_FILENO, TCSANOW, &cmd_tty_saved);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Read one line of at most cap - 2 bytes into buf without its line end;
 * *n gets its length. Returns 0 at end of input or when the line is too long
 * (the rest is not read). */
static int cmd_read_line(char *buf, size_t cap, size_t *n)
{
    if (!fgets(buf, (int)cap, stdin))
        return 0;
    *n = strlen(buf);
    if (*n && buf[*n - 1] == '\n')
        buf[--*n] = 0;
    else if (*n == cap - 1)
        return 0;                       /* no line end within cap: too long */
    if (*n && buf[*n - 1] == '\r')
        buf[--*n] = 0;
    return 1;
}

/* The new password for `akhbar user add|passwd`: typed twice at a prompt
 * without echo when standard input is a terminal, else the first line of
 * standard input (never argv: other users can read a process's arguments).
 * Returns 0 and the password in buf[0..*n), or an exit status after a
 * message. */
static int cmd_read_password(const char *cmd, char *buf, size_t cap, size_t *n)
{
    const char *problem;
    if (!isatty(STDIN_FILENO)) {
        if (!cmd_read_line(buf, cap, n)) {
            fprintf(stderr, "akhbar user %s: no password on standard input (or over %d bytes)\n",
                    cmd, USER_PASSWORD_MAX);
            return 1;
        }
    } else {
        char again[USER_PASSWORD_MAX + 2];
        size_t m = 0;
        int ok = tcgetattr(STDIN_FILENO, &cmd_tty_saved) == 0;
        struct termios quiet = cmd_tty_saved;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        quiet.c_lflag |= ECHONL;
        signal(SIGINT, cmd_tty_interrupted);
        signal(SIGTERM, cmd_tty_interrupted);
        cmd_tty_echo_off = ok && tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        fprintf(stderr, "Password (at least %d characters): ", USER_PASSWORD_MIN);
        ok = cmd_read_line(buf, cap, n);
        if (ok) {
            fprintf(stderr, "Again: ");
            ok = cmd_read_line(again, sizeof again, &m);
        }
        if (cmd_tty_echo_off)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &cmd_tty_saved);
        cmd_tty_echo_off = 0;
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        int same = ok && m == *n && sodium_memcmp(again, buf, m) == 0;
        sodium_memzero(again, sizeof again);
        if (!same) {
            fprintf(stderr, "akhbar user %s: %s\n", cmd,
                    ok ? "the passwords do not match" : "no password typed");
            return 1;
        }
    }
    if ((problem = store_user_password_problem(buf, *n))) {
        fprintf(stderr, "akhbar user %s: %s\n", cmd, problem);
        return 1;
    }
    return 0;
}

/* Record a change made from the command line in the audit log. */
static enum ak_err cmd_user_audit(struct store *st, const char *action, const char *login,
                                  const char *detail)
{
    const char *who = getenv("USER");
    struct audit_entry e = { .login = "", .action = action, .target = login,
                             .detail = detail, .client = "cli" };
    char d[256];
    if (who && *who) {
        snprintf(d, sizeof d, "%s%sby %s", detail, *detail ? ", " : "", who);
        e.detail = d;
    }
    return store_audit_add(st, &e);
}

/* user disable|enable|passwd LOGIN: the change and its audit entry in one
 * transaction. */
static int cmd_user_change(const char *db, const char *sub, const char *login)
{
    if (!store_user_login_valid(login)) {
        fprintf(stderr, "akhbar user %s: LOGIN: not a valid login: '%s'\n", sub, login);
        return EXIT_USAGE;
    }
    char pw[USER_PASSWORD_MAX + 2];
    size_t n = 0;
    int status = strcmp(sub, "passwd") == 0 ? cmd_read_password(sub, pw, sizeof pw, &n) : 0;
    struct store *st;
    if (status || (status = cmd_open(db, 0, &st))) {
        sodium_memzero(pw, sizeof pw);
        return status;
    }
    struct arena a;
    arena_init(&a, 0);
    struct user u;
    enum ak_err rc = store_user_by_login(st, &a, login, &u);
    if (rc == AK_OK && (rc = store_begin(st)) == AK_OK) {
        if (strcmp(sub, "passwd") == 0)
            rc = store_user_set_password(st, u.id, pw, n);
        else
            rc = store_user_set_disabled(st, u.id, strcmp(sub, "disable") == 0);
        const char *action = strcmp(sub, "passwd") == 0    ? "user.passwd"
                             : strcmp(sub, "disable") == 0 ? "user.disable"
                                                           : "user.enable";
        if (rc == AK_OK)
            rc = cmd_user_audit(st, action, login, "");
        if (rc == AK_OK)
            rc = store_commit(st);
        if (rc)
            store_rollback(st);
    }
    sodium_memzero(pw, sizeof pw);
    if (rc == AK_ENOTFOUND)
        fprintf(stderr, "akhbar user %s: LOGIN: no user '%s'\n", sub, login);
    else if (rc)
        fprintf(stderr, "akhbar user %s: %s\n", sub, ak_strerror(rc));
    else if (strcmp(sub, "passwd") == 0)
        printf("%s: password changed; sessions ended\n", login);
    else
        printf("%s: %s\n", login, strcmp(sub, "disable") == 0 ? "disabled; sessions ended"
                                                               : "enabled");
    arena_reset(&a);
    store_close(st);
    return rc ? 1 : 0;
}

static int cmd_user_list(const char *db, int json)
{
    struct store *st;
    if (cmd_open(db, 0, &st))
        return 1;
    struct arena a;
    arena_init(&a, 0);
    struct user *us;
    size_t n;
    enum ak_err rc = store_user_list(st, &a, &us, &n);
    if (rc == AK_OK && json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            char when[32];
            date_format(us[i].created_at, DATE_ISO, when, sizeof when);
            json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:b, s:s}", "id",
                                                 (json_int_t)us[i].id, "login", us[i].login,
                                                 "name", us[i].name, "role",
                                                 user_role_names[us[i].role], "disabled",
                                                 us[i].disabled, "created_at", when));
        }
        json_dumpf(arr, stdout, JSON_COMPACT);
        putchar('\n');
        json_decref(arr);
    } else if (rc == AK_OK) {
        for (size_t i = 0; i < n; i++)
            printf("%" PRId64 "\t%s\t%s\t%s\t%s\n", us[i].id, us[i].login,
                   user_role_names[us[i].role], us[i].disabled ? "disabled" : "active",
                   us[i].name);
    }
    arena_reset(&a);
    store_close(st);
    return rc ? 1 : 0;
}

static int cmd_user(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0)
        return cmd_usage(argc < 2 ? stderr : stdout, argc < 2 ? EXIT_USAGE : 0);
    const char *sub = argv[1];
    static const struct option opts[] = {
        { "db", required_argument, 0, 'd' }, { "json", no_argument, 0, 'j' },
        { "role", required_argument, 0, 'r' }, { "name", required_argument, 0, 'n' },
        { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 },
    };
    const char *db = cmd_db_default(), *name = NULL;
    int json = 0, role = -1, c;
    while ((c = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'j': json = 1; break;
        case 'r':
            if ((role = store_user_role_parse(optarg)) < 0) {
                fprintf(stderr, "akhbar user: --role: unknown role '%s' "
                        "(admin, editor, author, moderator)\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'n': name = optarg; break;
        case 'h': return cmd_usage(stdout, 0);
        default: return cmd_usage(stderr, EXIT_USAGE);
        }
    }
    int nargs = argc - 1 - optind;
    char **args = argv + 1 + optind;
    int is_add = strcmp(sub, "add") == 0;
    if (strcmp(sub, "list") == 0) {
        if (nargs != 0 || role >= 0 || name)
            return cmd_usage(stderr, EXIT_USAGE);
        return cmd_user_list(db, json);
    }
    if (!is_add && strcmp(sub, "disable") != 0 && strcmp(sub, "enable") != 0 &&
        strcmp(sub, "passwd") != 0) {
        fprintf(stderr, "akhbar user: unknown subcommand '%s' "
                "(add, list, disable, enable, passwd)\n", sub);
        return EXIT_USAGE;
    }
    if (nargs != 1 || json || (!is_add && (role >= 0 || name)) || (is_add && role < 0))
        return cmd_usage(stderr, EXIT_USAGE);
    if (!is_add)
        return cmd_user_change(db, sub, args[0]);

    const char *login = args[0];
    if (!store_user_login_valid(login)) {
        fprintf(stderr, "akhbar user add: LOGIN: use 1 to %d of a-z, 0-9, '.', '_' and '-', "
                "starting with a letter or digit\n", USER_LOGIN_MAX);
        return EXIT_USAGE;
    }
    if (name && !utf8_valid(name, strlen(name))) {
        fprintf(stderr, "akhbar user add: --name: not valid UTF-8\n");
        return EXIT_USAGE;
    }
    char pw[USER_PASSWORD_MAX + 2];
    size_t n = 0;
    struct store *st;
    int status = cmd_read_password(sub, pw, sizeof pw, &n);
    if (status || (status = cmd_open(db, STORE_CREATE, &st))) {
        sodium_memzero(pw, sizeof pw);
        return status;
    }
    int64_t id = 0;
    char detail[64];
    snprintf(detail, sizeof detail, "role %s", user_role_names[role]);
    enum ak_err rc = store_begin(st);
    if (rc == AK_OK &&
        (rc = store_user_add(st, login, name, (enum user_role)role, pw, n, &id)) == AK_OK &&
        (rc = cmd_user_audit(st, "user.add", login, detail)) == AK_OK)
        rc = store_commit(st);
    if (rc)
        store_rollback(st);
    sodium_memzero(pw, sizeof pw);
    store_close(st);
    if (rc == AK_EEXIST) {
        fprintf(stderr, "akhbar user add: LOGIN: user '%s' exists\n", login);
        return 1;
    }
    if (rc == AK_EINVAL) {
        fprintf(stderr, "akhbar user add: --name: over %d characters or with control "
                "characters\n", USER_NAME_MAX);
        return EXIT_USAGE;
    }
    if (rc) {
        fprintf(stderr, "akhbar user add: %s\n", ak_strerror(rc));
        return 1;
    }
    printf("%" PRId64 "\n", id);
    return 0;
}

static const struct command commands[] = {
    { "serve", cmd_serve,
      "[--db FILE] [--listen ADDR:PORT] [--theme DIR] [--media DIR] [--demo] [--threads N] "
      "[--access-log FILE|-|off] [--trusted-proxy ADDR]...",
      "Serve the site over HTTP. --demo loads the demo content into an empty database; "
      "--trusted-proxy names a front proxy whose X-Forwarded-For/-Proto count; --media is "
      "the folder of uploaded images (default: the database's name + -media)." },
    { "init", cmd_init, "[--db FILE]", "Create or migrate the database." },
    { "import", cmd_import,
      "[--db FILE] --format text|ndjson [--section SLUG] [--strict] FILE...",
      "Import articles; '-' reads standard input. --strict: all of a file or nothing." },
    { "section", cmd_section, "add [--db FILE] SLUG NAME | list [--db FILE] [--json]",
      "Add or list the site's sections." },
    { "comment", cmd_comment,
      "list [--db FILE] [--status pending|approved|spam] [--json] | "
      "approve|spam|delete [--db FILE] ID",
      "List and moderate readers' comments." },
    { "search", cmd_search, "[--db FILE] [--json] [--limit N] QUERY...",
      "Search published articles: words, \"phrases\", -exclusions; best first." },
    { "user", cmd_user,
      "add [--db FILE] --role admin|editor|author|moderator [--name NAME] LOGIN | "
      "list [--db FILE] [--json] | disable|enable|passwd [--db FILE] LOGIN",
      "Manage the newsroom's people. Passwords are read from standard input, or asked for "
      "without echo on a terminal; never from the command line." },
    { "reindex", cmd_reindex, "[--db FILE]",
      "Rebuild the search index from every article's Markdown." },
};

static int main_usage(FILE *out, int status)
{
    fprintf(out, "akhbar: an Arabic-first news publishing engine\n\nusage:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  akhbar %s %s\n      %s\n", commands[i].name, commands[i].usage,
                commands[i].help);
    fprintf(out, "\nThe database defaults to $AKHBAR_DB, else akhbar.db.\n");
    return status;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return main_usage(stderr, EXIT_USAGE);
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0)
        return main_usage(stdout, 0);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            cmd_current = &commands[i];
            return commands[i].fn(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "akhbar: unknown command '%s'\n", argv[1]);
    return main_usage(stderr, EXIT_USAGE);
}
