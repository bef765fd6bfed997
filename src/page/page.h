/*
 * page.h: the page kit that the public site (site/) and the newsroom
 * (admin/) share, as cgit's ui-shared.c is for its ui-*.c pages: the
 * application's state, the template root and its common fields, rendering
 * and sending, dates, pagination, article cards and URLs, the Arabic count
 * of results, and the error page.
 *
 * Calls go down only: render/ <- page/ <- site/ | admin/. Nothing here
 * includes site/ or admin/.
 *
 * A handler loads what it needs from the store, builds a template value
 * (render/tmpl.h) on top of page_new()'s or admin_page_new()'s fields, and
 * renders it with page_render(). Every byte of it is escaped by the
 * template; a handler never writes HTML.
 */
#ifndef AK_PAGE_H
#define AK_PAGE_H

#include "http/http.h"
#include "render/date.h"
#include "render/theme.h"
#include "render/tmpl.h"
#include "store/article.h"
#include "store/config.h"

/* The application's shared state, loaded once at start (site.c) and read by
 * every request as r->site. It lives here, below site/ and admin/, because
 * both read it: the theme to render with, the secret, the site's name. */
struct site {
    struct theme *theme;
    unsigned char secret[32];   /* keys comment tokens and client hashes */
    const char *name;           /* the site's name, "أخبار" */
    const char *media_dir;      /* uploaded images (media/image.h); NULL: none */
    const char *listen_url;     /* "http://127.0.0.1:8080": absolute URLs'
                                   base until the url setting is made */
};

/* Load the site's state: the secret from the store, the theme from dir (or
 * the default). Returns AK_OK or an error (logged). */
enum ak_err site_init(struct site *s, struct store *st, const char *theme_dir);
void site_reset(struct site *s);
/* Keyed hash (the site secret) of a client address, so that rate limits
 * need no stored addresses: comments and login throttling count by it. */
void site_client_hash(const struct site *s, const char *client, unsigned char out[16]);

/* The site's settings (store/config.h), loaded once a request into its
 * arena; NULL when they cannot be read (logged). */
const struct config *page_config(struct req *r);
/* The absolute base URL, without a final '/': the url setting, else the
 * listen address. Never from the request's Host header, which a client
 * chooses (a forged host must not land in a cached feed). */
const char *page_base_url(struct req *r);
/* base URL + path (which starts with '/', already percent-encoded): an arena
 * string, NULL when out of memory. */
const char *page_absolute(struct req *r, const char *path);

/* Metadata for machines, read by themes/default/head.html. page_new calls
 * page_meta (page.c): canonical (the absolute URL of the page's own path, its
 * query dropped but ?page=N for N > 1), og_title (title, else the site's
 * name) and description (the description setting). A handler may add
 * noindex (true) or, for an error, canonical false (no canonical, no Open
 * Graph). */
void page_meta(struct req *r, struct tv *v, const char *title);
/* The rest is meta.c's. The home page's JSON-LD: ld_home {url, search (the SearchAction's target),
 * language, org {name, url, logo.variants, same_as}}. */
void page_meta_home(struct req *r, struct tv *v);
/* An article's: canonical from url (its path, page_article_url), the lede as
 * description (when it has one), og_article {published_iso_local, modified_iso_local,
 * section, tags, image, images (JPEG variants, widest first), image_alt},
 * ld_article {headline, description, author, language, org, crumbs}. */
void page_meta_article(struct req *r, struct tv *v, const struct article *art,
                       const char *url);

/* A template root with site.name and title (when not NULL) only: for the
 * pages that have no navigation (login, an error without a database). NULL
 * when out of memory. */
struct tv *page_root(struct req *r, const char *title);
/* A public page's root: page_root()'s fields and nav, the sections, the one
 * named current_section marked current. NULL when out of memory. */
struct tv *page_new(struct req *r, const char *title, const char *current_section);
/* v.NAME {title, rss, atom}: the autodiscovery links (head.html) of the
 * feeds of the page at path ("" for the site, "/section/SLUG"...): its RSS
 * at path + "/feed", its Atom at path + "/feed/atom". Paths, not absolute
 * URLs: readers resolve them against the page, and a page stays the same
 * bytes (and ETag) whatever address the server listens on. page_new adds
 * the site's as site_feed. */
void page_feed_links(struct req *r, struct tv *v, const char *name, const char *title,
                     const char *path);
/* Render the theme's template tmpl with v and send it with status and cache.
 * AK_ENOMEM when v is NULL or the arena failed while v was built. */
enum ak_err page_render(struct req *r, int status, const char *tmpl, const struct tv *v,
                        enum http_cache cache);
/* The error page for status, in Arabic (a 403 for want of permission,
 * r->denied, says so), sent without caching. Works without a database. */
enum ak_err page_error(struct req *r, int status);

/* Add date fields for unix time t in the styles of the mask (PAGE_DATE(s) for
 * each enum date_style s): NAME_iso, NAME_ar, NAME_ar_time, NAME_hijri,
 * NAME_http, NAME_iso_local. Only what the template shows: each style costs an ICU call. */
#define PAGE_DATE(style) (1u << (style))
void page_dates(struct req *r, struct tv *v, const char *name, int64_t t, unsigned styles);

/* Add v.pagination {page, pages, prev, next} when there is more than one
 * page (prev and next only where they exist). */
void page_pagination(struct req *r, struct tv *v, size_t page, size_t pages);
/* The page number from ?page= (1 when absent); 0 when malformed. */
size_t page_number(struct req *r);

/* "/article/ID/SLUG" with the slug percent-encoded: an arena string, NULL
 * when out of memory. */
const char *page_article_url(struct req *r, int64_t id, const char *slug);
/* "/KIND/SLUG" ("/section/...", "/author/...") with both percent-encoded: an
 * arena string, NULL when out of memory. */
const char *page_path(struct req *r, const char *kind, const char *slug);
/* The number of section colours of the theme (.tone-0 ... .tone-5). */
#define PAGE_TONES 6
/* Fill card with an article summary: id, slug, title, lede, source, section,
 * tone (its section's colour, 0 to PAGE_TONES - 1), date, and its featured
 * image (tv_image's "image", with image_flags, e.g. RENDER_IMAGE_EAGER above
 * the fold), or image false when it has none. */
void page_card(struct req *r, struct tv *card, const struct article_summary *s,
               int image_flags);
/* v.article {id, slug, title, lede, author, author_slug, source, body,
 * image (eager), url, published_*, updated_* (when a minute later)},
 * v.sections and v.tags: what the article template shows of art, for its
 * public page and the newsroom's preview alike (article.c). Returns
 * v.article, for more fields (NULL when out of memory). */
struct tv *page_article(struct req *r, struct tv *v, const struct article *art);
/* A list named name in v with a card for each of s[0..n) (lazy images). */
void page_cards(struct req *r, struct tv *v, const char *name,
                const struct article_summary *s, size_t n);

/* side.c: around the news. */
/* "الآن", "منذ دقيقتين", "منذ 3 ساعات"...: how long before now (unix
 * seconds) t was, in Arabic, the noun agreeing with the number; NULL when t
 * is in the future or a day or more before now. Static or in arena a. */
const char *page_ago(struct arena *a, int64_t now, int64_t t);
/* page_dates' NAME_iso and NAME_ar, and NAME_when: page_ago's words for
 * today's news (also as NAME_ago), else NAME_ar (shown in <time
 * datetime="NAME_iso">). */
void page_when(struct req *r, struct tv *v, const char *name, int64_t t);
/* v.ticker: cards of the breaking articles of the last ticker_hours
 * (every public page, through page_new; the page shows the key "k"). */
void page_ticker(struct req *r, struct tv *v);
/* v.side (true) and v.side_latest, side_read_day (most read today, the
 * site's day), side_read (most read this week), side_commented (most
 * commented this week): the sidebar's lists of cards, each absent when
 * empty (the page shows the keys "l" and "r"). */
void page_sidebar(struct req *r, struct tv *v);
/* "4 دقائق للقراءة": the reading time of words words at
 * PAGE_WORDS_A_MINUTE, at least a minute. Static or in arena a. */
#define PAGE_WORDS_A_MINUTE 180
const char *page_reading_time(struct arena *a, size_t words);

/* The number of search results in Arabic, the noun agreeing with it: "لا
 * توجد نتائج", "نتيجة واحدة", "نتيجتان", "3 نتائج", "11 نتيجة", and above
 * STORE_SEARCH_MAX "أكثر من 500 نتيجة". Static or in arena a. */
const char *page_result_count(struct arena *a, size_t n);

#endif
