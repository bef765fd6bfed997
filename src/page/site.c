/*
 * site.c: the application's shared state (struct site in page/page.h):
 * loaded once at start, then read by every request of every thread.
 */
#include <string.h>
#include <sodium.h>
#include "base/log.h"
#include "page/page.h"
#include "store/store.h"

enum ak_err site_init(struct site *s, struct store *st, const char *theme_dir)
{
    memset(s, 0, sizeof *s);
    s->name = "أخبار";
    size_t n = 0;
    enum ak_err rc = store_setting_get(st, "secret", s->secret, sizeof s->secret, &n);
    if (rc || n != sizeof s->secret) {
        log_error("site: the database has no secret (%s)", ak_strerror(rc));
        return rc ? rc : AK_EINVAL;
    }
    char err[256];
    if (!(s->theme = theme_load(theme_dir, err, sizeof err))) {
        log_error("theme: %s", err);
        return AK_EINVAL;
    }
    return AK_OK;
}

void site_reset(struct site *s)
{
    theme_free(s->theme);
    s->theme = NULL;
}

void site_client_hash(const struct site *s, const char *client, unsigned char out[16])
{
    crypto_generichash(out, 16, (const unsigned char *)client, strlen(client), s->secret,
                       sizeof s->secret);
}
