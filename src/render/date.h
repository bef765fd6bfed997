/*
 * date.h: dates as Arabic readers expect them, with ICU: the Gregorian date
 * in Arabic ("الأحد 29 نوفمبر 2026"), the Hijri date by the Umm al-Qura calendar
 * ("8 جمادى الآخرة 1448 هـ"), with Western digits like the page's other numbers, and ISO 8601 for machines.
 *
 * The site's time zone is AKHBAR_TZ from the environment, default
 * Asia/Riyadh. Formatters are per thread (ICU's are not thread-safe).
 */
#ifndef AK_DATE_H
#define AK_DATE_H

#include <stddef.h>
#include <stdint.h>

enum date_style {
    DATE_GREGORIAN,             /* "الأحد 29 نوفمبر 2026" */
    DATE_GREGORIAN_TIME,        /* "29 نوفمبر 2026، 10:15 ص" */
    DATE_HIJRI,                 /* "8 جمادى الآخرة 1448 هـ" */
    DATE_ISO,                   /* "2026-11-29T07:15:00Z" */
    DATE_RFC1123,               /* "Sun, 29 Nov 2026 07:15:00 GMT" (HTTP, RSS) */
    DATE_ISO_LOCAL,             /* "2026-11-29T10:15:00+03:00": the site's zone, with its
                                   offset (JSON-LD, Open Graph) */
    DATE_STYLE__MAX
};

/* Format unix time t into out (cap bytes, NUL-terminated). Returns the length,
 * or 0 when formatting failed (out is then ""). */
size_t date_format(int64_t t, enum date_style style, char *out, size_t cap);

/* The site's time zone: the one date_set_zone gave (the timezone setting),
 * else AKHBAR_TZ, else "Asia/Riyadh". */
const char *date_zone(void);
/* Use zone (an IANA name, checked by the caller) from now on, in every
 * thread; NULL or "" goes back to AKHBAR_TZ. Cheap when nothing changes. */
void date_set_zone(const char *zone);
/* Whether ICU knows zone: an IANA name ("Asia/Riyadh"), or when iana_only is
 * 0 also a custom one ("GMT+03:00"). ICU takes a mistyped name for
 * "Etc/Unknown", that is UTC, so a name must be checked before it is used. */
int date_zone_valid(const char *zone, int iana_only);
/* The wall-clock time of t in the site's zone as a datetime-local field shows
 * it, "YYYY-MM-DDTHH:MM", into out; the length, 0 on failure (out ""). */
size_t date_local_format(int64_t t, char *out, size_t cap);
/* Read a datetime-local value, "YYYY-MM-DDTHH:MM[:SS]", as a wall-clock time
 * in the site's zone, into *t; 0 when it is not one (31 February, a time a
 * daylight-saving change skips). */
int date_local_parse(const char *s, int64_t *t);
/* The number of the day t falls on in the site's zone: days from 1970-01-01
 * to its local date ("today" for the most read is the readers' day, not
 * UTC's). A UTC day when the zone cannot be read. */
int64_t date_local_day(int64_t t);
/* The site's zone named in Arabic ("التوقيت العربي الرسمي"); the length, 0 on
 * failure (out ""). */
size_t date_zone_name(char *out, size_t cap);

#endif
