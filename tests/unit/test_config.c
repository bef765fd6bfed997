/*
 * test_config.c: the site's settings: defaults, every kind of value checked
 * (a bad one refused with its reason, nothing stored), stored values read
 * back, a base URL's trailing slash removed.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "store/config.h"
#include "store/store.h"
#include "t.h"

static void test_check(void)
{
    CHECK(config_key_by_name("name") == CONFIG_NAME);
    CHECK(config_key_by_name("social_x") == CONFIG_SOCIAL_X);
    CHECK(config_key_by_name("nope") == CONFIG__MAX);
    CHECK(config_key_by_name(NULL) == CONFIG__MAX);

    CHECK(config_check(NULL, CONFIG_NAME, "الجريدة") == CONFIG_OK);
    CHECK(config_check(NULL, CONFIG_NAME, "") == CONFIG_EMPTY);
    CHECK(config_check(NULL, CONFIG_NAME, "سطر\nآخر") == CONFIG_CONTROL);
    CHECK(config_check(NULL, CONFIG_NAME, "\xff\xfe") == CONFIG_CONTROL);
    char big[400];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = 0;
    CHECK(config_check(NULL, CONFIG_TAGLINE, big) == CONFIG_TOO_LONG);
    CHECK(config_check(NULL, CONFIG_TAGLINE, "") == CONFIG_OK);

    static const char *good_urls[] = {
        "https://example.com", "http://example.com/", "https://news.example.co.uk:8443",
        "http://127.0.0.1:8080", "https://[::1]:8443", "https://xn--mgbh0fb.example",
    };
    for (size_t i = 0; i < sizeof good_urls / sizeof *good_urls; i++)
        CHECK(config_check(NULL, CONFIG_URL, good_urls[i]) == CONFIG_OK);
    static const char *bad_urls[] = {
        "example.com", "ftp://example.com", "https://", "https://example.com/news",
        "https://example.com/?a=1", "https://example.com#top", "https://user@example.com",
        "https://exa mple.com", "https://example.com:0", "https://example.com:99999",
        "https://example.com:", "javascript:alert(1)", "https://-bad.example",
        "https://example.com:80x",
    };
    for (size_t i = 0; i < sizeof bad_urls / sizeof *bad_urls; i++) {
        int ok = config_check(NULL, CONFIG_URL, bad_urls[i]) == CONFIG_BAD_URL;
        CHECK(ok);
        if (!ok)
            fprintf(stderr, "  accepted: %s\n", bad_urls[i]);
    }
    CHECK(config_check(NULL, CONFIG_URL, "") == CONFIG_OK);     /* unset: listen address */

    CHECK(config_check(NULL, CONFIG_SOCIAL_X, "https://x.com/akhbar") == CONFIG_OK);
    CHECK(config_check(NULL, CONFIG_SOCIAL_X, "http://x.com/akhbar") == CONFIG_BAD_URL);
    CHECK(config_check(NULL, CONFIG_SOCIAL_TELEGRAM, "https://t.me/akhbar?x=\"") ==
          CONFIG_BAD_URL);

    CHECK(config_check(NULL, CONFIG_TIMEZONE, "Asia/Riyadh") == CONFIG_OK);
    CHECK(config_check(NULL, CONFIG_TIMEZONE, "Africa/Cairo") == CONFIG_OK);
    CHECK(config_check(NULL, CONFIG_TIMEZONE, "Asia/Riyad") == CONFIG_BAD_ZONE);
    CHECK(config_check(NULL, CONFIG_TIMEZONE, "Mars/Olympus") == CONFIG_BAD_ZONE);
    CHECK(config_check(NULL, CONFIG_TIMEZONE, "") == CONFIG_EMPTY);

    CHECK(config_check(NULL, CONFIG_LANGUAGE, "ar") == CONFIG_OK);
    CHECK(config_check(NULL, CONFIG_LANGUAGE, "AR") == CONFIG_BAD_LANG);
    CHECK(config_check(NULL, CONFIG_LANGUAGE, "arab") == CONFIG_TOO_LONG);
    CHECK(config_check(NULL, CONFIG_LOGO, "12") == CONFIG_OK);
    CHECK(config_check(NULL, CONFIG_LOGO, "12a") == CONFIG_BAD_MEDIA);
    for (int p = 0; p < CONFIG_PROBLEM__MAX; p++)
        CHECK(config_problem_en[p] && config_problem_ar[p]);
}

static void test_store(void)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/akhbar-test-config-%d.db", (int)getpid());
    unlink(path);
    struct store *st;
    CHECK(store_open(path, STORE_CREATE, &st) == AK_OK);
    struct arena a;
    arena_init(&a, 1 << 20);
    struct config c;
    CHECK(config_load(st, &a, &c) == AK_OK);
    CHECK_STR(c.v[CONFIG_NAME], "أخبار");
    CHECK_STR(c.v[CONFIG_TIMEZONE], "Asia/Riyadh");
    CHECK_STR(c.v[CONFIG_URL], "");
    CHECK(!c.set[CONFIG_NAME]);

    enum config_problem why;
    CHECK(config_set(st, CONFIG_NAME, "صحيفة الغد", &why) == AK_OK && why == CONFIG_OK);
    CHECK(config_set(st, CONFIG_URL, "https://alghad.example/", &why) == AK_OK);
    CHECK(config_set(st, CONFIG_TIMEZONE, "Asia/Riyad", &why) == AK_EINVAL &&
          why == CONFIG_BAD_ZONE);
    CHECK(config_set(st, CONFIG_NAME, "", &why) == AK_EINVAL && why == CONFIG_EMPTY);
    CHECK(config_set(st, CONFIG_LOGO, "999", &why) == AK_EINVAL && why == CONFIG_BAD_MEDIA);
    CHECK(config_load(st, &a, &c) == AK_OK);
    CHECK_STR(c.v[CONFIG_NAME], "صحيفة الغد");            /* the refused "" changed nothing */
    CHECK_STR(c.v[CONFIG_URL], "https://alghad.example");   /* stored without its '/' */
    CHECK_STR(c.v[CONFIG_TIMEZONE], "Asia/Riyadh");         /* the refused zone neither */
    CHECK(c.set[CONFIG_NAME] && c.set[CONFIG_URL] && !c.set[CONFIG_TIMEZONE]);
    CHECK(config_set(st, CONFIG_TAGLINE, "", &why) == AK_OK);
    CHECK(config_load(st, &a, &c) == AK_OK);
    CHECK_STR(c.v[CONFIG_TAGLINE], "");                     /* emptied, not the default */
    arena_reset(&a);
    store_close(st);
    unlink(path);
}

int main(void)
{
    test_check();
    test_store();
    T_DONE();
}
