/*
 * side.c: the page kit's article cards and dates (page.c's pages use them),
 * and what public pages show around the news: the sidebar (latest, most
 * read, most commented), reading times and relative times ("منذ ساعتين")
 * for today's news. See page.h.
 */
#include "base/clock.h"
#include "page/page.h"
#include "render/image.h"

void page_dates(struct req *r, struct tv *v, const char *name, int64_t t, unsigned styles)
{
    static const char *const suffix[DATE_STYLE__MAX] = {
        [DATE_ISO] = "_iso", [DATE_GREGORIAN] = "_ar", [DATE_HIJRI] = "_hijri",
        [DATE_GREGORIAN_TIME] = "_ar_time", [DATE_RFC1123] = "_http",
        [DATE_ISO_LOCAL] = "_iso_local",
    };
    for (int style = 0; style < DATE_STYLE__MAX; style++) {
        char out[128];
        if ((styles & PAGE_DATE(style)) && date_format(t, style, out, sizeof out))
            tv_str(&r->arena, v, arena_printf(&r->arena, "%s%s", name, suffix[style]),
                   arena_strdup(&r->arena, out));
    }
}

void page_card(struct req *r, struct tv *card, const struct article_summary *s,
               int image_flags)
{
    struct arena *a = &r->arena;
    http_shows(r, 'a', s->id);
    tv_int(a, card, "id", s->id);
    tv_str(a, card, "slug", s->slug);
    tv_str(a, card, "title", s->title);
    tv_str(a, card, "lede", s->lede);
    tv_str(a, card, "source", s->source);
    tv_str(a, card, "section_slug", s->section_slug);
    tv_str(a, card, "section_name", s->section_name);
    /* the colour of the placeholder of a card without a picture: one of
     * PAGE_TONES, by section (themes/default/style.css's .tone-N) */
    tv_int(a, card, "tone", s->section_id > 0 ? (s->section_id - 1) % PAGE_TONES : 0);
    page_when(r, card, "published", s->published_at);
    /* false when absent, so that {{#image}} never finds an outer context's */
    if (!s->image_hash || !*s->image_hash ||
        !tv_image(a, card, "image", s->image_hash, s->image_width, s->image_height,
                  s->image_alt, image_flags))
        tv_bool(a, card, "image", 0);
}

void page_cards(struct req *r, struct tv *v, const char *name,
                const struct article_summary *s, size_t n)
{
    struct tv *list = tv_list(&r->arena, v, name, n);
    for (size_t i = 0; list && i < n; i++)
        page_card(r, tv_item(list, i), &s[i], 0);
}


#define SIDE_MAX 5              /* articles in each sidebar list */

/* count Arabic nouns: one, two, 3-10 (plural), 11+ (singular accusative) */
static const char *side_count(struct arena *a, int64_t n, const char *one, const char *two,
                              const char *few, const char *many)
{
    if (n == 1)
        return one;
    if (n == 2)
        return two;
    int64_t last = n % 100;
    return arena_printf(a, "%lld %s", (long long)n, last >= 3 && last <= 10 ? few : many);
}

const char *page_ago(struct arena *a, int64_t now, int64_t t)
{
    int64_t d = now - t;
    if (d < 0 || d >= 86400)
        return NULL;
    if (d < 60)
        return "الآن";
    if (d < 3600)
        return arena_printf(a, "منذ %s",
                            side_count(a, d / 60, "دقيقة", "دقيقتين", "دقائق", "دقيقة"));
    return arena_printf(a, "منذ %s", side_count(a, d / 3600, "ساعة", "ساعتين", "ساعات", "ساعة"));
}

void page_when(struct req *r, struct tv *v, const char *name, int64_t t)
{
    struct arena *a = &r->arena;
    page_dates(r, v, name, t, PAGE_DATE(DATE_ISO) | PAGE_DATE(DATE_GREGORIAN));
    const char *when = page_ago(a, clock_now_ms() / 1000, t);
    if (when)
        tv_str(a, v, arena_printf(a, "%s_ago", name), when);
    char out[128];
    if (!when && date_format(t, DATE_GREGORIAN, out, sizeof out))
        when = arena_strdup(a, out);
    tv_str(a, v, arena_printf(a, "%s_when", name), when);
}

/* One sidebar list, name in v, unless empty; returns its length. */
static size_t page_side_list(struct req *r, struct tv *v, const char *name,
                             const struct article_summary *s, size_t n)
{
    if (n)
        page_cards(r, v, name, s, n);
    return n;
}

const char *page_reading_time(struct arena *a, size_t words)
{
    size_t min = (words + PAGE_WORDS_A_MINUTE - 1) / PAGE_WORDS_A_MINUTE;
    if (min <= 1)
        return "دقيقة واحدة للقراءة";
    if (min == 2)
        return "دقيقتان للقراءة";
    return arena_printf(a, "%s للقراءة", side_count(a, (int64_t)min, "", "", "دقائق", "دقيقة"));
}

void page_sidebar(struct req *r, struct tv *v)
{
    struct arena *a = &r->arena;
    http_shows_key(r, "l");             /* the latest */
    http_shows_key(r, "r");             /* the rankings */
    struct article_summary *s;
    size_t n, any = 0;
    struct article_query q = { .limit = SIDE_MAX };
    if (store_article_list(r->store, a, &q, &s, &n, NULL) == AK_OK)
        any += page_side_list(r, v, "side_latest", s, n);
    if (store_article_ranked(r->store, a, RANKING_READ_DAY, SIDE_MAX, &s, &n) == AK_OK)
        any += page_side_list(r, v, "side_read_day", s, n);
    if (store_article_ranked(r->store, a, RANKING_READ_WEEK, SIDE_MAX, &s, &n) == AK_OK)
        any += page_side_list(r, v, "side_read", s, n);
    if (store_article_ranked(r->store, a, RANKING_COMMENTED_WEEK, SIDE_MAX, &s, &n) == AK_OK)
        any += page_side_list(r, v, "side_commented", s, n);
    tv_bool(a, v, "side", any > 0);
}
