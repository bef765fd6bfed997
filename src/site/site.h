/*
 * site.h: the public site's shared state and the helpers every page uses.
 *
 * A page handler loads what it needs from the store, builds a template value
 * (render/tmpl.h) on top of site_page_new()'s common fields (site name,
 * navigation, search box), and renders it with site_render().
 */
#ifndef AK_SITE_H
#define AK_SITE_H

#include "http/http.h"
#include "render/date.h"
#include "render/theme.h"
#include "render/tmpl.h"
#include "store/article.h"

struct site {
    struct theme *theme;
    unsigned char secret[32];   /* keys comment tokens and client hashes */
    const char *name;           /* the site's name, "أخبار" */
    const char *media_dir;      /* uploaded images (media/image.h); NULL: none */
};

#define SITE_PAGE_SIZE 20       /* articles per list page */

/* Load the site's state: the secret from the store, the theme from dir (or
 * the default). Returns AK_OK or an error (logged). */
enum ak_err site_init(struct site *s, struct store *st, const char *theme_dir);
void site_reset(struct site *s);

/* A template root with the fields every page has: site.name, nav (sections,
 * the one named current_section marked), title. NULL when out of memory. */
struct tv *site_page_new(struct req *r, const char *title, const char *current_section);
/* A card for an article summary: id, slug, title, lede, section, date, and
 * its featured image (tv_image's "image", lazy) when it has one. */
void site_card(struct req *r, struct tv *card, const struct article_summary *s);
/* The same with tv_image's flags for the image (RENDER_IMAGE_EAGER above
 * the fold). */
void site_card_image(struct req *r, struct tv *card, const struct article_summary *s,
                     int image_flags);
/* Fill a list named name in v with cards for s[0..n). */
void site_cards(struct req *r, struct tv *v, const char *name,
                const struct article_summary *s, size_t n);
/* Add date fields for unix time t in the styles of the mask (SITE_DATE(s) for
 * each enum date_style s): NAME_iso, NAME_ar, NAME_ar_time, NAME_hijri,
 * NAME_http. Only what the template shows: each style costs an ICU call. */
#define SITE_DATE(style) (1u << (style))
void site_dates(struct req *r, struct tv *v, const char *name, int64_t t, unsigned styles);
/* "/article/ID/SLUG" with the slug percent-encoded, then suffix (a literal
 * such as "#comments", or ""); an arena string, NULL when out of memory. */
const char *site_article_url(struct req *r, int64_t id, const char *slug, const char *suffix);
/* Render template with v and send it. */
enum ak_err site_render(struct req *r, int status, const char *tmpl, const struct tv *v,
                        enum http_cache cache);
/* Keyed hash (the site secret) of a client address, so that rate limits
 * need no stored addresses: comments and login throttling count by it. */
void site_client_hash(const struct site *s, const char *client, unsigned char out[16]);
/* Add v.pagination {page, pages, prev, next} when there is more than one
 * page (prev and next only where they exist). */
void site_pagination(struct req *r, struct tv *v, size_t page, size_t pages);
/* The page number from ?page= (1 when absent); 0 when malformed. */
size_t site_page_number(struct req *r);

/* The number of search results in Arabic, the noun agreeing with it: "لا
 * توجد نتائج", "نتيجة واحدة", "نتيجتان", "3 نتائج", "11 نتيجة", and above
 * STORE_SEARCH_MAX "أكثر من 500 نتيجة". Static or in arena a. */
const char *site_search_count(struct arena *a, size_t n);

/* Handlers (the route table is in src/routes.c). */
enum ak_err site_page_home(struct req *r);
enum ak_err site_page_latest(struct req *r);
enum ak_err site_page_section(struct req *r);
enum ak_err site_page_tag(struct req *r);
enum ak_err site_page_article(struct req *r);
enum ak_err site_page_search(struct req *r);
enum ak_err site_article_redirect(struct req *r);
enum ak_err site_comment_post(struct req *r);
enum ak_err site_static(struct req *r);
enum ak_err site_media(struct req *r);
enum ak_err site_error_page(struct req *r, int status);

#endif
