/*
 * serve.c: `akhbar serve`, the site over HTTP. Loads the demo content when
 * asked, rebuilds a search index a migration left empty, makes the media
 * folders, sweeps what a crash left in them, opens the logs, starts the
 * scheduler and the feed poller (ingest/wire_poll.c) and runs the server
 * until a signal stops it. With --read-only it writes nothing: the database
 * is opened read-only (main.c), and there is no reindex, no media folder
 * made or swept, no scheduler, no poller.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "base/log.h"
#include "cli/cli.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "ingest/ingest.h"
#include "ingest/wire.h"
#include "media/image.h"
#include "newsroom/scheduler.h"
#include "site/site.h"
#include "store/search.h"

int cli_serve_prepare(struct cli_run *r)
{
    const char *const *o = r->opt;
    if (o[CLI_OPT_READ_ONLY] && o[CLI_OPT_DEMO]) {
        fprintf(stderr, "akhbar serve: --demo writes the database: not with --read-only\n");
        return CLI_EXIT_USAGE;
    }
    static const struct {
        int opt;
        const char *name;
    } opts[LOG_STREAM__MAX] = { [LOG_ERRORS] = { CLI_OPT_ERROR_LOG, "error-log" },
                                [LOG_ACCESS] = { CLI_OPT_ACCESS_LOG, "access-log" } };
    for (int s = LOG_STREAM__MAX - 1; s >= 0; s--) {   /* the errors' last: the access
                                                          log's failure is seen */
        const char *path = o[opts[s].opt] ? o[opts[s].opt] : "-";
        enum ak_err rc = log_open((enum log_stream)s, path);
        if (rc == AK_EINVAL) {
            fprintf(stderr, "akhbar serve: --%s: a file or '-', not '%s'\n", opts[s].name,
                    path);
            return CLI_EXIT_USAGE;
        }
        if (rc != AK_OK) {
            fprintf(stderr, "akhbar: %s: cannot open the log: %s\n", path, strerror(errno));
            return 1;
        }
    }
    return -1;
}

int cli_serve(struct cli_run *r)
{
    const char *const *o = r->opt;
    int read_only = o[CLI_OPT_READ_ONLY] != NULL;
    size_t nproxies = r->nmany[CLI_OPT_TRUSTED_PROXY];
    struct server_config cfg = {
        .listen = o[CLI_OPT_LISTEN] ? o[CLI_OPT_LISTEN] : "127.0.0.1:8080",
        .db_path = r->db, .timeout = 30, .conn_memory = 32 * 1024,
        .limits = { .max_connections = 1024, .max_per_client = 128, .max_per_proxy = 896,
                    .head_timeout = 10, .min_rate = 500, .head_max = 20 },
        .threads = r->num[CLI_OPT_THREADS] > 0 ? (unsigned)r->num[CLI_OPT_THREADS] : 0,
        .trusted_proxies = nproxies ? r->many[CLI_OPT_TRUSTED_PROXY] : NULL,
        .ntrusted_proxies = nproxies,
        .cache_bytes = (size_t)(r->num[CLI_OPT_CACHE_MB] >= 0 ? r->num[CLI_OPT_CACHE_MB] : 64)
                       << 20,
        .purge = r->many[CLI_OPT_PURGE], .npurge = r->nmany[CLI_OPT_PURGE],
    };
    if (metrics_allow(r->many[CLI_OPT_METRICS_ALLOW], r->nmany[CLI_OPT_METRICS_ALLOW]) != AK_OK)
        return 1;
    const char *media;
    if (read_only && store_reindex_needed(r->st))
        log_warn("%s: the search index is out of date; run akhbar reindex on a writable copy",
                 cfg.db_path);
    else if (!read_only && cli_reindex_pending(r->st, cfg.db_path))
        return 1;
    struct site site;
    enum ak_err rc = site_init(&site, r->st, o[CLI_OPT_THEME]);
    if (rc) {
        cli_store_close(r);
        return 1;
    }
    /* Absolute URLs (feeds, sitemaps, canonical links) use the url setting;
     * until it is made, the address served on. */
    char listen_url[300];
    snprintf(listen_url, sizeof listen_url, "http://%s%s",
             cfg.listen[0] == ':' ? "localhost" : "", cfg.listen);
    site.listen_url = listen_url;
    cfg.secret = site.secret;           /* keys session ids, as it keys form tokens */
    media_set_key(site.secret);         /* and the names of uploaded images */
    char media_buf[4096], upload_buf[4200];
    if (!(media = cli_media_dir(r, media_buf, sizeof media_buf))) {
        if (!store_is_pg(r->db))
            fprintf(stderr, "akhbar: %s: name too long for its media folder\n", r->db);
        site_reset(&site);
        return 1;
    }
    site.media_dir = media;
    snprintf(upload_buf, sizeof upload_buf, "%s/tmp", media);
    if (!read_only && ((mkdir(media, 0755) != 0 && errno != EEXIST) ||
                       (mkdir(upload_buf, 0700) != 0 && errno != EEXIST))) {
        fprintf(stderr, "akhbar: %s: cannot make the media folder: %s\n", upload_buf,
                strerror(errno));
        site_reset(&site);
        return 1;
    }
    cfg.upload_dir = read_only ? NULL : upload_buf;
    /* The demo's pictures go through the media pipeline: after the media
     * key and folder. */
    if (o[CLI_OPT_DEMO]) {
        rc = ingest_demo(r->st, read_only ? NULL : media);
        if (rc != AK_OK && rc != AK_EEXIST) {
            fprintf(stderr, "akhbar: cannot load the demo content: %s\n", ak_strerror(rc));
            cli_store_close(r);
            site_reset(&site);
            return 1;
        }
    }
    cli_store_close(r);
    /* What a crash left: temporary files an hour old and more (a second
     * server on the same folders may be writing younger ones). */
    size_t swept = 0;
    if (!read_only && media_sweep(media, upload_buf, 3600, &swept) == AK_OK && swept > 0)
        log_info("media: removed %zu temporary file%s left by an earlier run", swept,
                 swept == 1 ? "" : "s");
    if (!read_only && scheduler_start(cfg.db_path) != AK_OK) {
        fprintf(stderr, "akhbar: %s: cannot start the scheduler\n", cfg.db_path);
        site_reset(&site);
        return 1;
    }
    if (!read_only && wire_poller_start(cfg.db_path) != AK_OK) {
        fprintf(stderr, "akhbar: %s: cannot start the feed poller\n", cfg.db_path);
        scheduler_stop();
        site_reset(&site);
        return 1;
    }
    if (read_only)
        log_info("read-only: the newsroom and comments answer 503");
    struct http_app app = { routes, page_error, &site, read_only, site_legacy_redirect };
    rc = server_run(&cfg, &app);
    wire_poller_stop();
    scheduler_stop();
    log_close();
    site_reset(&site);
    return rc == AK_OK ? 0 : 1;
}
