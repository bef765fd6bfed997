/*
 * date.c: Arabic Gregorian and Hijri dates through ICU (see date.h).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>
#include "render/date.h"

/* Each thread keeps its own ICU formatters, made on first use. Every one
 * made is also listed here, to be closed at exit (after the server's threads
 * have been joined). */
static _Thread_local UDateFormat *date_fmt[DATE_STYLE__MAX];
static pthread_mutex_t date_lock = PTHREAD_MUTEX_INITIALIZER;
static UDateFormat **date_all;
static size_t date_nall, date_capall;

static void date_close_all(void)
{
    for (size_t i = 0; i < date_nall; i++)
        udat_close(date_all[i]);
    free(date_all);
    date_all = NULL;
    date_nall = date_capall = 0;
}

/* Remember f for date_close_all(); returns 0 when out of memory. */
static int date_register(UDateFormat *f)
{
    pthread_mutex_lock(&date_lock);
    int ok = 1;
    if (date_nall == date_capall) {
        size_t cap = date_capall ? 2 * date_capall : 16;
        UDateFormat **all = realloc(date_all, cap * sizeof *all);
        if (all) {
            if (!date_all)
                atexit(date_close_all);
            date_all = all;
            date_capall = cap;
        } else {
            ok = 0;
        }
    }
    if (ok)
        date_all[date_nall++] = f;
    pthread_mutex_unlock(&date_lock);
    return ok;
}

static const struct {
    const char *locale;
    const char *pattern;
} date_icu[DATE_STYLE__MAX] = {
    [DATE_GREGORIAN] = { "ar@numbers=latn", "EEEE d MMMM y" },
    [DATE_GREGORIAN_TIME] = { "ar@numbers=latn", "d MMMM y، h:mm a" },
    [DATE_HIJRI] = { "ar@calendar=islamic-umalqura;numbers=latn", "d MMMM y G" },
    [DATE_ISO_LOCAL] = { "en_US_POSIX", "yyyy-MM-dd'T'HH:mm:ssxxx" },
};

/* The zone the site's settings name (date_set_zone), NULL for AKHBAR_TZ;
 * each change bumps the generation, and a thread whose formatters and cache
 * were made under another generation drops them (date_slot). A zone string
 * is never freed: a thread may still be reading the one it replaced, and
 * changes are a handful in a site's life. */
static _Atomic(const char *) date_zone_cur;
static _Atomic unsigned date_zone_gen;
static _Thread_local unsigned date_thread_gen;

const char *date_zone(void)
{
    const char *z = atomic_load(&date_zone_cur);
    if (z)
        return z;
    const char *tz = getenv("AKHBAR_TZ");
    return tz && *tz ? tz : "Asia/Riyadh";
}

void date_set_zone(const char *zone)
{
    if (zone && !*zone)
        zone = NULL;
    const char *cur = atomic_load(&date_zone_cur);
    if (zone ? cur && strcmp(cur, zone) == 0 : cur == NULL)
        return;                         /* the common case: no change */
    char *copy = zone ? strdup(zone) : NULL;
    if (zone && !copy)
        return;
    pthread_mutex_lock(&date_lock);
    atomic_store(&date_zone_cur, copy);
    atomic_fetch_add(&date_zone_gen, 1);
    pthread_mutex_unlock(&date_lock);
}

int date_zone_valid(const char *zone, int iana_only)
{
    UChar uzone[128], canon[128];
    UErrorCode e = U_ZERO_ERROR;
    UBool system = 0;
    if (!zone || strlen(zone) >= 128)
        return 0;
    u_strFromUTF8(uzone, 128, NULL, zone, -1, &e);
    if (U_SUCCESS(e))
        ucal_getCanonicalTimeZoneID(uzone, -1, canon, 128, &system, &e);
    return U_SUCCESS(e) && (system || !iana_only);
}

static UDateFormat *date_formatter(enum date_style style)
{
    if (date_fmt[style])
        return date_fmt[style];
    UChar utz[64], upat[64];
    UErrorCode e = U_ZERO_ERROR;
    u_strFromUTF8(utz, 64, NULL, date_zone(), -1, &e);
    u_strFromUTF8(upat, 64, NULL, date_icu[style].pattern, -1, &e);
    if (U_FAILURE(e))
        return NULL;
    UDateFormat *f = udat_open(UDAT_PATTERN, UDAT_PATTERN, date_icu[style].locale, utz, -1,
                               upat, -1, &e);
    if (U_FAILURE(e))
        return NULL;
    if (!date_register(f)) {
        udat_close(f);
        return NULL;
    }
    return date_fmt[style] = f;
}

/* A small per-thread cache of formatted dates: pages show the same dates
 * again and again, and ICU's calendars (the Hijri one above all) cost
 * microseconds a call. Direct-mapped on (style, t). */
#define DATE_CACHE 256
struct date_cached {
    int64_t t;
    int style;                  /* -1: empty */
    unsigned char n;
    char s[103];
};
static _Thread_local struct date_cached *date_cache;

static void date_cache_free(void *p)
{
    free(p);
}

static pthread_key_t date_cache_key;
static pthread_once_t date_cache_once = PTHREAD_ONCE_INIT;

static void date_cache_init(void)
{
    pthread_key_create(&date_cache_key, date_cache_free);
}

/* This thread's cache slot for (t, style), or NULL without a cache. */
static struct date_cached *date_slot(int64_t t, enum date_style style)
{
    unsigned gen = atomic_load(&date_zone_gen);
    if (gen != date_thread_gen) {       /* the zone changed: start afresh */
        for (int i = 0; i < DATE_STYLE__MAX; i++)
            date_fmt[i] = NULL;         /* still listed, closed at exit */
        for (size_t i = 0; date_cache && i < DATE_CACHE; i++)
            date_cache[i].style = -1;
        date_thread_gen = gen;
    }
    if (!date_cache) {
        pthread_once(&date_cache_once, date_cache_init);
        if (!(date_cache = malloc(DATE_CACHE * sizeof *date_cache)))
            return NULL;
        for (size_t i = 0; i < DATE_CACHE; i++)
            date_cache[i].style = -1;
        pthread_setspecific(date_cache_key, date_cache);
    }
    uint64_t h = ((uint64_t)t * DATE_STYLE__MAX + (uint64_t)style) * 0x9E3779B97F4A7C15ull;
    return &date_cache[(h >> 40) % DATE_CACHE];
}

static size_t date_format_icu(int64_t t, enum date_style style, char *out, size_t cap);

size_t date_format(int64_t t, enum date_style style, char *out, size_t cap)
{
    if (cap == 0)
        return 0;
    out[0] = 0;
    struct date_cached *c = date_slot(t, style);
    if (c && c->style == (int)style && c->t == t) {
        if ((size_t)c->n >= cap)
            return 0;
        memcpy(out, c->s, (size_t)c->n + 1);
        return c->n;
    }
    size_t n = date_format_icu(t, style, out, cap);
    if (c && n > 0 && n < sizeof c->s) {
        c->t = t;
        c->style = (int)style;
        c->n = (unsigned char)n;
        memcpy(c->s, out, n + 1);
    }
    return n;
}

static size_t date_format_icu(int64_t t, enum date_style style, char *out, size_t cap)
{
    if (cap == 0)
        return 0;
    out[0] = 0;
    if (style == DATE_ISO || style == DATE_RFC1123) {
        time_t tt = (time_t)t;
        struct tm tm;
        if (!gmtime_r(&tt, &tm))
            return 0;
        return strftime(out, cap, style == DATE_ISO ? "%Y-%m-%dT%H:%M:%SZ"
                                                    : "%a, %d %b %Y %H:%M:%S GMT", &tm);
    }
    if ((unsigned)style >= DATE_STYLE__MAX || !date_icu[style].pattern)
        return 0;
    UDateFormat *f = date_formatter(style);
    if (!f)
        return 0;
    UChar buf[128];
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = udat_format(f, (UDate)t * 1000.0, buf, 128, NULL, &e);
    if (U_FAILURE(e))
        return 0;
    int32_t len = 0;
    u_strToUTF8(out, (int32_t)cap, &len, buf, n, &e);
    if (U_FAILURE(e) || (size_t)len >= cap) {
        out[0] = 0;
        return 0;
    }
    return (size_t)len;
}

/* ---- wall-clock time in the site's zone (datetime-local fields) ---- */

/* A Gregorian calendar in the site's zone, strict; NULL on failure. */
static UCalendar *date_calendar(void)
{
    UChar utz[64];
    UErrorCode e = U_ZERO_ERROR;
    u_strFromUTF8(utz, 64, NULL, date_zone(), -1, &e);
    UCalendar *c = U_SUCCESS(e) ? ucal_open(utz, -1, "en@calendar=gregorian", UCAL_GREGORIAN,
                                           &e) : NULL;
    if (U_FAILURE(e)) {
        if (c)
            ucal_close(c);
        return NULL;
    }
    ucal_setAttribute(c, UCAL_LENIENT, 0);
    return c;
}

size_t date_local_format(int64_t t, char *out, size_t cap)
{
    UCalendar *c = date_calendar();
    UErrorCode e = U_ZERO_ERROR;
    int n = -1;
    if (cap)
        out[0] = '\0';
    if (!c)
        return 0;
    ucal_setMillis(c, (UDate)t * 1000.0, &e);
    int y = ucal_get(c, UCAL_YEAR, &e), mo = ucal_get(c, UCAL_MONTH, &e) + 1,
        d = ucal_get(c, UCAL_DATE, &e), h = ucal_get(c, UCAL_HOUR_OF_DAY, &e),
        mi = ucal_get(c, UCAL_MINUTE, &e);
    ucal_close(c);
    if (U_SUCCESS(e))
        n = snprintf(out, cap, "%04d-%02d-%02dT%02d:%02d", y, mo, d, h, mi);
    if (n < 0 || (size_t)n >= cap) {
        if (cap)
            out[0] = '\0';
        return 0;
    }
    return (size_t)n;
}

int64_t date_local_day(int64_t t)
{
    UCalendar *c = date_calendar();
    UErrorCode e = U_ZERO_ERROR;
    int64_t off = 0;
    if (c) {
        ucal_setMillis(c, (UDate)t * 1000.0, &e);
        int zone = ucal_get(c, UCAL_ZONE_OFFSET, &e), dst = ucal_get(c, UCAL_DST_OFFSET, &e);
        ucal_close(c);
        if (U_SUCCESS(e))
            off = ((int64_t)zone + dst) / 1000;
    }
    int64_t local = t + off;
    return local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
}

int date_local_parse(const char *s, int64_t *t)
{
    int y, mo, d, h, mi, sec = 0, used = 0;
    if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &used) != 5)
        return 0;
    if (s[used] == ':') {
        int more = 0;
        if (sscanf(s + used, ":%2d%n", &sec, &more) != 1)
            return 0;
        used += more;
    }
    if (s[used] || y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 ||
        h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59)
        return 0;
    UCalendar *c = date_calendar();
    if (!c)
        return 0;
    UErrorCode e = U_ZERO_ERROR;
    ucal_clear(c);
    ucal_setDateTime(c, y, mo - 1, d, h, mi, sec, &e);
    UDate ms = ucal_getMillis(c, &e);   /* strict: 31 February is an error */
    ucal_close(c);
    if (U_FAILURE(e))
        return 0;
    *t = (int64_t)(ms / 1000.0);
    return 1;
}

size_t date_zone_name(char *out, size_t cap)
{
    UCalendar *c = date_calendar();
    UChar name[128];
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = c ? ucal_getTimeZoneDisplayName(c, UCAL_STANDARD, "ar", name, 128, &e) : 0;
    if (c)
        ucal_close(c);
    int32_t len = 0;
    if (cap)
        out[0] = '\0';
    if (!c || U_FAILURE(e) || n <= 0 || n >= 128)
        return 0;
    u_strToUTF8(out, (int32_t)cap, &len, name, n, &e);
    if (U_FAILURE(e) || len <= 0 || (size_t)len >= cap) {
        if (cap)
            out[0] = '\0';
        return 0;
    }
    return (size_t)len;
}
