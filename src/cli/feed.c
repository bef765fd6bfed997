/*
 * feed.c: `akhbar feed add|list|remove|poll`: the wire feeds a site takes in
 * (see ingest/wire.h). Adding and removing are in the audit log (client
 * "cli"), as the newsroom's /admin/feeds records them.
 */
#include <curl/curl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli/cli.h"
#include "ingest/wire.h"
#include "store/audit.h"
#include "store/wire.h"

/* A feed's URL: http:// or https://, no white space or controls. */
static int cli_feed_url_ok(const char *u)
{
    if (strncmp(u, "http://", 7) != 0 && strncmp(u, "https://", 8) != 0)
        return 0;
    if (strlen(u) > WIRE_MAX_URL)
        return 0;
    for (const unsigned char *p = (const unsigned char *)u; *p; p++)
        if (*p <= ' ' || *p == 0x7F)
            return 0;
    return 1;
}

int cli_feed_add_prepare(struct cli_run *r)
{
    if (!cli_feed_url_ok(r->args[0])) {
        fprintf(stderr, "akhbar feed add: URL: an http:// or https:// URL without spaces, "
                "not '%s'\n", r->args[0]);
        return CLI_EXIT_USAGE;
    }
    return -1;
}

int cli_feed_add(struct cli_run *r)
{
    const char *url = r->args[0], *section = r->opt[CLI_OPT_SECTION];
    enum article_status status = r->num[CLI_OPT_STATUS] == 1 ? ARTICLE_PUBLISHED
                                                             : ARTICLE_REVIEW;
    int64_t every = r->num[CLI_OPT_EVERY] > 0 ? r->num[CLI_OPT_EVERY] : 900, id = 0;
    char detail[200];
    snprintf(detail, sizeof detail, "section %s, %s, every %" PRId64 " s", section,
             article_status_names[status], every);
    enum ak_err rc = store_begin(r->st);
    if (rc == AK_OK) {
        rc = store_feed_add(r->st, url, section, status, every, &id);
        if (rc == AK_OK)
            rc = cli_audit(r->st, AUDIT_FEED_ADD, url, detail);
        if (rc == AK_OK)
            rc = store_commit(r->st);
        if (rc)
            store_rollback(r->st);
    }
    if (rc == AK_ENOTFOUND)
        fprintf(stderr, "akhbar feed add: --section: unknown section '%s'\n", section);
    else if (rc == AK_EEXIST)
        fprintf(stderr, "akhbar feed add: URL: '%s' is already a feed\n", url);
    else if (rc)
        fprintf(stderr, "akhbar feed add: %s\n", ak_strerror(rc));
    else
        printf("%" PRId64 "\n", id);
    return rc ? 1 : 0;
}

/* unix seconds as "2026-12-06T17:57:38Z", or "-" for 0. */
static const char *cli_feed_time(int64_t t, char *buf, size_t cap)
{
    if (t <= 0)
        return "-";
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

int cli_feed_list(struct cli_run *r)
{
    struct arena a;
    arena_init(&a, 0);
    struct feed *fs;
    size_t n;
    enum ak_err rc = store_feed_list(r->st, &a, &fs, &n);
    char t1[32], t2[32], t3[32];
    if (rc == AK_OK && r->opt[CLI_OPT_JSON]) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            const struct feed *f = &fs[i];
            json_array_append_new(arr, json_pack(
                "{s:I, s:s, s:s, s:s, s:I, s:s, s:I, s:I, s:I, s:i, s:s, s:I, s:I, s:I}",
                "id", (json_int_t)f->id, "url", f->url, "section", f->section, "status",
                article_status_names[f->status], "every", (json_int_t)f->interval, "title",
                f->title, "polled_at", (json_int_t)f->polled_at, "ok_at", (json_int_t)f->ok_at,
                "next_at", (json_int_t)f->next_at, "http_status", f->http_status, "error",
                f->error, "failures", (json_int_t)f->failures, "items", (json_int_t)f->items,
                "duplicates", (json_int_t)f->duplicates));
        }
        cli_json_print(arr);
    } else if (rc == AK_OK) {
        for (size_t i = 0; i < n; i++) {
            const struct feed *f = &fs[i];
            printf("%" PRId64 "\t%s\t%s\t%s\tevery %" PRId64 "s\tpolled %s\tok %s\tnext %s\t"
                   "%" PRId64 " items, %" PRId64 " duplicates\t%s\n", f->id, f->url, f->section,
                   article_status_names[f->status], f->interval,
                   cli_feed_time(f->polled_at, t1, sizeof t1),
                   cli_feed_time(f->ok_at, t2, sizeof t2),
                   cli_feed_time(f->next_at, t3, sizeof t3), f->items, f->duplicates,
                   *f->error ? f->error : "ok");
        }
    }
    arena_reset(&a);
    return rc ? 1 : 0;
}

/* feed remove URL|ID */
int cli_feed_remove(struct cli_run *r)
{
    struct arena a;
    arena_init(&a, 0);
    const char *arg = r->args[0];
    struct feed f = { 0 };
    enum ak_err rc;
    char *end;
    long long id = strtoll(arg, &end, 10);
    if (*arg >= '0' && *arg <= '9' && !*end) {
        struct feed *fs;
        size_t n;
        rc = store_feed_list(r->st, &a, &fs, &n);
        for (size_t i = 0; rc == AK_OK && i < n && !f.id; i++)
            if (fs[i].id == id)
                f = fs[i];
        if (rc == AK_OK && !f.id)
            rc = AK_ENOTFOUND;
    } else {
        rc = store_feed_by_url(r->st, &a, arg, &f);
    }
    if (rc == AK_OK && (rc = store_begin(r->st)) == AK_OK) {
        rc = store_feed_remove(r->st, f.id);
        if (rc == AK_OK)
            rc = cli_audit(r->st, AUDIT_FEED_REMOVE, f.url, "");
        if (rc == AK_OK)
            rc = store_commit(r->st);
        if (rc)
            store_rollback(r->st);
    }
    if (rc == AK_ENOTFOUND)
        fprintf(stderr, "akhbar feed remove: no feed '%s'\n", arg);
    else if (rc)
        fprintf(stderr, "akhbar feed remove: %s\n", ak_strerror(rc));
    else
        printf("%s: removed (its articles stay)\n", f.url);
    arena_reset(&a);
    return rc ? 1 : 0;
}

int cli_feed_poll(struct cli_run *r)
{
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        fprintf(stderr, "akhbar feed poll: cannot start libcurl\n");
        return 1;
    }
    struct wire_poll_report rep = { 0 };
    enum ak_err rc = wire_poll_due(r->st, store_now(), NULL, stderr, &rep);
    curl_global_cleanup();
    fprintf(stderr, "akhbar feed poll: %zu feeds polled (%zu fetched, %zu not modified, "
            "%zu failed): %zu new, %zu updated, %zu unchanged, %zu duplicates, "
            "%zu changed but kept\n", rep.feeds, rep.fetched, rep.not_modified, rep.errors,
            rep.items.added, rep.items.updated, rep.items.unchanged, rep.items.duplicates,
            rep.items.kept);
    if (rc)
        fprintf(stderr, "akhbar feed poll: %s\n", ak_strerror(rc));
    return rc || rep.errors ? 1 : 0;
}
