/*
 * serve.c: `akhbar serve`, the site over HTTP. Loads the demo content when
 * asked, rebuilds a search index a migration left empty, makes the media
 * folders, sweeps what a crash left in them, opens the access log, starts the
 * scheduler and runs the server until a signal stops it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "base/log.h"
#include "cli/cli.h"
#include "http/router.h"
#include "http/server.h"
#include "ingest/ingest.h"
#include "media/image.h"
#include "newsroom/scheduler.h"
#include "site/site.h"

int cli_serve(struct cli_run *r)
{
    const char *const *o = r->opt;
    struct server_config cfg = {
        .listen = o[CLI_OPT_LISTEN] ? o[CLI_OPT_LISTEN] : "127.0.0.1:8080",
        .db_path = r->db, .timeout = 30, .max_connections = 1024, .max_per_client = 128,
        .conn_memory = 32 * 1024,
        .threads = r->num[CLI_OPT_THREADS] > 0 ? (unsigned)r->num[CLI_OPT_THREADS] : 0,
        .trusted_proxies = r->nmany ? r->many : NULL, .ntrusted_proxies = r->nmany,
    };
    const char *access_log = o[CLI_OPT_ACCESS_LOG] ? o[CLI_OPT_ACCESS_LOG] : "-";
    const char *media;
    if (o[CLI_OPT_DEMO]) {
        enum ak_err rc = ingest_demo(r->st);
        if (rc != AK_OK && rc != AK_EEXIST) {
            fprintf(stderr, "akhbar: cannot load the demo content: %s\n", ak_strerror(rc));
            return 1;
        }
    }
    if (cli_reindex_pending(r->st, cfg.db_path))
        return 1;
    struct site site;
    enum ak_err rc = site_init(&site, r->st, o[CLI_OPT_THEME]);
    cli_store_close(r);
    if (rc)
        return 1;
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
        fprintf(stderr, "akhbar: %s: name too long for its media folder\n", r->db);
        site_reset(&site);
        return 1;
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
    struct http_app app = { routes, page_error, &site };
    rc = server_run(&cfg, &app);
    scheduler_stop();
    if (cfg.access_log && cfg.access_log != stdout)
        fclose(cfg.access_log);
    site_reset(&site);
    return rc == AK_OK ? 0 : 1;
}
