/*
 * config.h: the site's identity and other settings an admin changes
 * (`akhbar config`, /admin/settings): the publication's name, its public
 * URL, tagline, description, time zone, logo, language and social profiles.
 *
 * One table (config_defs) names each key, its default, its limit and the
 * kind of value it takes; config_check() refuses a bad value with a reason
 * (enum config_problem, named in English for the command line and in
 * Arabic for the newsroom), and nothing is stored. Values live in the
 * setting table under "site.KEY".
 */
#ifndef AK_CONFIG_H
#define AK_CONFIG_H

#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"

struct store;

enum config_key {
    CONFIG_NAME,                /* the publication's name */
    CONFIG_URL,                 /* public base URL: http(s)://host[:port] */
    CONFIG_TAGLINE,
    CONFIG_DESCRIPTION,
    CONFIG_TIMEZONE,            /* IANA zone */
    CONFIG_LOGO,                /* an uploaded image's id; "" for none */
    CONFIG_LANGUAGE,            /* BCP 47 primary language: "ar" */
    CONFIG_SOCIAL_X,
    CONFIG_SOCIAL_FACEBOOK,
    CONFIG_SOCIAL_TELEGRAM,
    CONFIG_SOCIAL_YOUTUBE,
    CONFIG_SOCIAL_INSTAGRAM,
    CONFIG_TICKER_HOURS,        /* how long a breaking article stays in the ticker */
    CONFIG__MAX
};

enum config_kind {
    CONFIG_TEXT,                /* one line of text */
    CONFIG_ABSURL,              /* http(s)://host[:port], no path, query or fragment */
    CONFIG_PROFILE,             /* an https URL, or "" */
    CONFIG_ZONE,                /* an IANA time zone ICU knows */
    CONFIG_MEDIA,               /* an uploaded image's id, or "" */
    CONFIG_LANG,                /* two or three lower-case letters */
    CONFIG_HOURS,               /* a whole number of hours, 0 to 168 */
    CONFIG_KIND__MAX
};

struct config_def {
    const char *name;           /* "name", "url", "social_x"... */
    const char *label;          /* Arabic, for the newsroom's form */
    enum config_kind kind;
    const char *def;            /* default when unset */
    size_t max;                 /* bytes */
    int required;               /* may not be "" */
};
extern const struct config_def config_defs[CONFIG__MAX];

enum config_problem {
    CONFIG_OK,
    CONFIG_EMPTY,               /* required and empty */
    CONFIG_TOO_LONG,
    CONFIG_CONTROL,             /* not UTF-8, or control characters */
    CONFIG_BAD_URL,
    CONFIG_BAD_ZONE,
    CONFIG_BAD_MEDIA,
    CONFIG_BAD_LANG,
    CONFIG_BAD_HOURS,
    CONFIG_PROBLEM__MAX
};
extern const char *const config_problem_en[CONFIG_PROBLEM__MAX];
extern const char *const config_problem_ar[CONFIG_PROBLEM__MAX];

/* Every setting's value (the default where unset), in arena a. */
struct config {
    const char *v[CONFIG__MAX];
    int set[CONFIG__MAX];       /* non-zero where stored, not the default */
};

/* The key named name; CONFIG__MAX when there is none. */
enum config_key config_key_by_name(const char *name);
/* Whether value suits key k (a URL's trailing '/' is allowed; it is removed
 * when stored). st checks that a logo names an uploaded image (NULL: not
 * checked). */
enum config_problem config_check(struct store *st, enum config_key k, const char *value);
/* Check and store value for k; *why gets the problem (CONFIG_OK when
 * stored). Returns AK_OK, AK_EINVAL for a bad value, or the store's error. */
enum ak_err config_set(struct store *st, enum config_key k, const char *value,
                       enum config_problem *why);
enum ak_err config_load(struct store *st, struct arena *a, struct config *out);
/* The ticker's time in seconds (ticker_hours) from loaded settings c. */
int64_t config_ticker_seconds(const struct config *c);
/* The timezone setting when it was set, else NULL (date_set_zone's default). */
const char *config_zone(const struct config *c);

#endif
