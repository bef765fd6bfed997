/*
 * text.c: articles from plain-text news pages (see ingest.h).
 *
 * Why this exists: much of the archive newsrooms bring to akhbar is not in any
 * CMS export but in article pages saved as text from a browser. Those pages
 * all have one shape: the site's navigation run together on the first line,
 * the headline (often twice: the page title, then the <h1> with a few more
 * words), the lede, paragraphs with short subheadings, and the site's chrome
 * at the end (related articles, the comment form, a back-to-top button). This
 * file recognises that shape with small heuristics and emits Markdown. It
 * does no I/O and knows nothing of the store beyond struct article_in.
 *
 * The heuristics, in the order they run (labels are compared after fold()):
 *  1. Lines split on \n (a \r before it is dropped), trimmed of Unicode
 *     spaces and invisible marks; blank lines only matter as gaps.
 *  2. Chrome: a line that is exactly a related-articles, comment-form or
 *     back-to-top label (text_cut_labels) ends the article: it and all after
 *     it are dropped. Share, social and print labels (text_drop_labels, or a
 *     line made only of text_social_words) are dropped wherever they are. A
 *     "read also" label is dropped with the short linked headline after it;
 *     "اقرأ أيضا: ..." on one line is dropped whole. A tags line
 *     ("الوسوم: أ، ب", or "Tags" alone followed by short lines) is dropped
 *     and its items become out->tags.
 *  3. Navigation: if a headline pair (step 4) starts at line 1..3 and the
 *     lines before it look like navigation (short, no sentence punctuation),
 *     they are navigation. Otherwise up to 4 leading short lines are
 *     navigation when each has a strong sign (only section names and
 *     navigation words, a breadcrumb separator, or words glued together, as
 *     in "عالميةأخر" where a word-final ة is followed by a letter), or when
 *     it names a section, has at most 4 words and is followed by a blank line
 *     and a headline-like line. A headline and a lede always remain, so a
 *     real headline is never taken for navigation when nothing follows it. The first section name
 *     found in the navigation lines (earliest in the line, longest on a tie,
 *     whole words for names under 4 letters) gives out->section.
 *  4. Headline: the next line. Following lines that repeat it (one is a
 *     prefix of the other, or contains it when it has 3 words or more, and
 *     the longer has no full stop and at most twice the words plus 4) are
 *     merged; the longest is the title.
 *  5. Up to 3 byline ("بقلم فلان", "كتب: فلان", "By X") or date lines
 *     right after the headline are skipped; a byline fills out->author.
 *  6. Lede: the next line, whatever its length.
 *  7. Body: every further line is a paragraph, blank lines or not. A line of
 *     at most 12 words not ending in sentence punctuation is a "## "
 *     subheading when the line before it is the lede or a long paragraph and
 *     the line after it is a long paragraph (so runs of short lines, and a
 *     short last line, stay paragraphs).
 *  8. Source: "وكالة أنباء X", or "وكالة X" for a known agency X, in the lede
 *     or the first three paragraphs fills out->source with X.
 * Text is Markdown-escaped minimally (text_md_escape) so that stray * _ ` < [
 * and line-initial # > - + = 1. do not become formatting; control characters
 * become spaces.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"
#include "ingest/ingest.h"
#include "ingest/text_int.h"
#include "store/article.h"
#include "store/section.h"
#include "text/chars.h"
#include "text/utf8.h"




/* A line that is exactly one of these ends the article (dropped with all after it). */
static const char *const text_cut_labels[] = {
    "مقالات ذات صلة", "مواضيع ذات صلة", "أخبار ذات صلة", "موضوعات ذات صلة", "ذات صلة",
    "مقالات مشابهة", "أخبار مشابهة", "مقالات مقترحة", "أخبار متعلقة", "مقالات متعلقة",
    "اترك رد", "اترك ردا", "اترك ردًا", "اترك رداً", "اترك تعليقا", "اترك تعليق",
    "اترك ردا إلغاء الرد", "أضف تعليق", "أضف تعليقا", "أضف تعليقك", "التعليقات", "تعليقات",
    "زر الذهاب إلى الأعلى", "الذهاب إلى الأعلى", "العودة إلى الأعلى", "العودة للأعلى",
    "إلى الأعلى", "للأعلى", "related articles", "related posts", "related news", "related",
    "you may also like", "leave a reply", "leave a reply cancel reply", "leave a comment",
    "comments", "back to top", "back to top button", "go to top", NULL
};

/* A line that is exactly one of these is dropped wherever it is. */
static const char *const text_drop_labels[] = {
    "شارك", "شارك هذا المقال", "شارك المقال", "شارك الخبر", "شارك الموضوع", "شارك عبر",
    "شارك على", "شارك القصة", "مشاركة", "مشاركة الخبر", "شارك مع أصدقائك", "share",
    "share this", "share this article", "share this post", "share on", "فيس بوك", "واتس اب",
    "لينكد إن", "نسخ الرابط", "copy link", NULL
};

/* A line made only of these words is a share bar, dropped wherever it is. */
static const char *const text_social_words[] = {
    "شارك", "مشاركة", "فيسبوك", "تويتر", "واتساب", "تيليجرام", "تليجرام", "تلغرام", "لينكدإن",
    "ماسنجر", "بنترست", "ريديت", "طباعة", "البريد", "إيميل", "share", "facebook", "twitter",
    "whatsapp", "telegram", "linkedin", "pinterest", "reddit", "tumblr", "messenger", "email",
    "print", NULL
};

/* "Read also" labels: a line that is one of these is dropped with the short
 * headline after it; one that starts with one and then : - | » is dropped. */
static const char *const text_also_labels[] = {
    "اقرأ أيضا", "إقرأ أيضا", "اقرأ ايضا", "اقرأ كذلك", "اقرأ المزيد", "اقرأ أيضا في",
    "طالع أيضا", "شاهد أيضا", "شاهد", "قد يعجبك أيضا", "قد يهمك أيضا", "قد يهمك",
    "قد يعجبك", "read also", "read more", "see also", "also read", NULL
};

/* A line that starts with one of these, then ends or goes on after a colon, is a tags line. */
static const char *const text_tag_labels[] = {
    "الوسوم", "وسوم", "الكلمات المفتاحية", "كلمات مفتاحية", "الكلمات الدلالية",
    "كلمات دلالية", "الكلمات الدالة", "هاشتاج", "tags", "tagged", NULL
};

/* Navigation words that are not section names. */
static const char *const text_nav_words[] = {
    "الرئيسية", "الصفحة الرئيسية", "آخر الأخبار", "أخبار", "الأخبار", "عاجل", "أخبار عاجلة",
    "الأكثر قراءة", "الأكثر مشاهدة", "المزيد", "الأقسام", "أقسام", "القائمة", "بحث",
    "اتصل بنا", "من نحن", "تسجيل الدخول", "فيديو", "صور", "home", "news", "latest news",
    "breaking news", "menu", "search", NULL
};

/* Words a date line is made of, besides numbers. */
static const char *const text_date_words[] = {
    "يناير", "فبراير", "مارس", "أبريل", "إبريل", "مايو", "يونيو", "يونيه", "يوليو", "يوليه",
    "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر", "كانون", "الثاني", "الأول", "شباط",
    "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين", "السبت", "الأحد",
    "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "ص", "م", "صباحا",
    "مساء", "منذ", "ساعة", "ساعات", "دقيقة", "دقائق", "يوم", "أيام", "نشر", "في", "تاريخ",
    "النشر", "آخر", "تحديث", "بتوقيت", "غرينتش", "am", "pm", "gmt", "utc", "updated",
    "published", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", NULL
};

/* Agencies recognised after "وكالة" alone. */
static const char *const text_agencies[] = {
    "رويترز", "الأناضول", "فرانس", "أسوشيتد", "سبوتنيك", "تاس", "انترفاكس", "إنترفاكس",
    "نوفوستي", "سانا", "وفا", "واس", "قنا", "بترا", "كونا", "وام", "بلومبرغ", "شينخوا",
    "إرنا", "ارنا", "معا", NULL
};

/* ---- diagnostics ---- */

static enum ak_err text_fail(struct ingest_diag *d, enum ak_err rc, size_t line,
                             const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Record why parsing failed in *d (line 0: unknown) and return rc. */
static enum ak_err text_fail(struct ingest_diag *d, enum ak_err rc, size_t line,
                             const char *fmt, ...)
{
    if (d) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(d->msg, sizeof d->msg, fmt, ap);
        va_end(ap);
        d->line = line;
    }
    return rc;
}

/* ---- the parser ---- */

/* Make the folded pattern tables in c. Returns AK_OK or AK_ENOMEM. */
static enum ak_err text_ctx_init(struct tctx *c, struct arena *a, const struct section *secs,
                                 size_t nsecs)
{
    memset(c, 0, sizeof *c);
    c->a = a;
    c->secs = secs;
    c->nsecs = nsecs;
    c->cut = ingest_text_fold_list(a, text_cut_labels, &c->ncut);
    c->drop = ingest_text_fold_list(a, text_drop_labels, &c->ndrop);
    c->social = ingest_text_fold_list(a, text_social_words, &c->nsocial);
    c->also = ingest_text_fold_list(a, text_also_labels, &c->nalso);
    c->tagl = ingest_text_fold_list(a, text_tag_labels, &c->ntagl);
    c->nav = ingest_text_fold_list(a, text_nav_words, &c->nnav);
    c->date = ingest_text_fold_list(a, text_date_words, &c->ndate);
    c->agency = ingest_text_fold_list(a, text_agencies, &c->nagency);
    c->sec = arena_alloc(a, (nsecs ? nsecs : 1) * sizeof *c->sec);
    if (!c->cut || !c->drop || !c->social || !c->also || !c->tagl || !c->nav || !c->date
        || !c->agency || !c->sec)
        return AK_ENOMEM;
    for (size_t i = 0; i < nsecs; i++) {
        const char *name = secs[i].name ? secs[i].name : "";
        size_t nn = strlen(name);
        if (!utf8_valid(name, nn) || !secs[i].slug)
            nn = 0;
        c->sec[i].f = ingest_text_fold(a, name, nn, &c->sec[i].fn);
        if (!c->sec[i].f)
            return AK_ENOMEM;
    }
    return AK_OK;
}

/* Split s[0..n) into its non-blank lines, trimmed and folded, in arena a; *out and
 * *nout get them. Returns AK_OK, AK_EINVAL for a line that is not valid UTF-8
 * or has a NUL (d gives the line), or AK_ENOMEM. */
static enum ak_err text_split(struct arena *a, const char *s, size_t n, struct tline **out,
                              size_t *nout, struct ingest_diag *d)
{
    size_t cap = 1;
    for (size_t i = 0; i < n; i++)
        cap += s[i] == '\n';
    if (cap > TEXT_MAX_LINES)
        return text_fail(d, AK_EINVAL, 0, "text: %zu lines, more than %d in one article page",
                         cap, TEXT_MAX_LINES);
    struct tline *v = arena_alloc(a, cap * sizeof *v);
    if (!v)
        return text_fail(d, AK_ENOMEM, 0, "out of memory");
    size_t nv = 0, pos = 0, no = 0;
    int gap = 0;
    for (;;) {
        const char *nl = memchr(s + pos, '\n', n - pos);
        size_t end = nl ? (size_t)(nl - s) : n;
        no++;
        if (!utf8_valid(s + pos, end - pos))
            return text_fail(d, AK_EINVAL, no, "text: invalid UTF-8 or NUL byte");
        size_t b = pos, e = end;
        while (b < e) {
            size_t len;
            uint32_t c = ingest_text_cp(s, e, b, &len);
            if (!text_char_is_space(c) && !text_char_is_invisible(c))
                break;
            b += len;
        }
        while (e > b) {
            size_t start;
            uint32_t c = ingest_text_cp_before(s, e, &start);
            if (!text_char_is_space(c) && !text_char_is_invisible(c))
                break;
            e = start;
        }
        if (e == b) {
            gap = 1;
        } else {
            struct tline *l = &v[nv++];
            l->p = s + b;
            l->n = e - b;
            l->no = no;
            l->gap = gap;
            gap = 0;
            l->f = ingest_text_fold(a, l->p, l->n, &l->fn);
            if (!l->f)
                return text_fail(d, AK_ENOMEM, 0, "out of memory");
            ingest_text_scan_line(l);
        }
        if (!nl)
            break;
        pos = end + 1;
    }
    *out = v;
    *nout = nv;
    return AK_OK;
}

/* Step 2 of the file comment: mark chrome lines dropped, collect tags. */
static enum ak_err text_mark_chrome(struct tctx *c, struct tline *v, size_t nv,
                                    struct article_in *out)
{
    size_t tagcap = 0;
    for (size_t i = 0; i < nv; i++) {
        struct tline *l = &v[i];
        if (l->drop)
            continue;
        if (i > 0 && ingest_text_is_label(l->f, l->fn, c->cut, c->ncut)) {
            for (size_t k = i; k < nv; k++)
                v[k].drop = 1;
            break;
        }
        if (ingest_text_is_label(l->f, l->fn, c->drop, c->ndrop)
            || ingest_text_all_words_in(l->f, l->fn, c->social, c->nsocial)) {
            l->drop = 1;
            continue;
        }
        if (i == 0)
            continue;
        if (ingest_text_is_label(l->f, l->fn, c->also, c->nalso)) {
            l->drop = 1;
            if (i + 1 < nv && ingest_text_is_short(&v[i + 1])
                && !ingest_text_is_label(v[i + 1].f, v[i + 1].fn, c->cut, c->ncut))
                v[i + 1].drop = 1;
            continue;
        }
        size_t al = ingest_text_starts_label(l->f, l->fn, c->also, c->nalso);
        if (al > 0 && al < l->fn) {
            size_t k = al, len;
            while (k < l->fn && l->f[k] == ' ')
                k++;
            uint32_t ch = k < l->fn ? ingest_text_cp(l->f, l->fn, k, &len) : 0;
            if (ch == ':' || ch == '-' || ch == '|' || ch == 0x00BB || ch == 0x2013) {
                l->drop = 1;
                continue;
            }
        }
        size_t tl = ingest_text_starts_label(l->f, l->fn, c->tagl, c->ntagl);
        if (tl == 0 || l->words > 40)
            continue;
        size_t k = tl;
        while (k < l->fn && l->f[k] == ' ')
            k++;
        const char *colon = k < l->fn && l->f[k] == ':' ? memchr(l->p, ':', l->n) : NULL;
        if (ingest_text_label_len(l->f, l->fn) == tl) {
            /* The label alone: the tags are the short lines after it. */
            l->drop = 1;
            for (k = i + 1; k < nv && ingest_text_is_short(&v[k]) && v[k].words <= 4; k++) {
                v[k].drop = 1;
                enum ak_err rc = ingest_text_add_tags(c, v[k].p, v[k].n, out, &tagcap);
                if (rc)
                    return rc;
            }
        } else if (colon) {
            l->drop = 1;
            size_t at = (size_t)(colon - l->p) + 1;
            enum ak_err rc = ingest_text_add_tags(c, l->p + at, l->n - at, out, &tagcap);
            if (rc)
                return rc;
        }
    }
    return AK_OK;
}

/* Step 3: how many leading lines of v[0..nv) are navigation (or -1 when out
 * of memory); *sec gets the section the first of them names, or -1. */
static long text_find_nav(const struct tctx *c, const struct tline *v, size_t nv, long *sec)
{
    size_t h = 0;
    *sec = -1;
    /* A repeated headline after a few navigation-like lines. */
    for (size_t p = 1; p <= 3 && p + 1 < nv; p++) {
        if (!ingest_text_repeats(&v[p], &v[p + 1]))
            continue;
        int nav = 1;
        for (size_t k = 0; k < p && nav; k++)
            nav = ingest_text_is_navlike(&v[k]) || ingest_text_is_date_line(c, &v[k]);
        if (nav)
            h = p;
        break;
    }
    if (h == 0 && !(nv >= 2 && ingest_text_repeats(&v[0], &v[1]))) {
        while (h < TEXT_MAX_NAV && nv - h >= 3 && ingest_text_is_navlike(&v[h])) {
            const struct tline *l = &v[h];
            int all = ingest_text_is_all_nav(c, l);
            if (all < 0)
                return -1;
            int strong = all || ingest_text_is_glued(l) || ingest_text_is_breadcrumb(l);
            int weak = !strong && l->words <= 4 && v[h + 1].gap
                && ingest_text_is_headlike(&v[h + 1]) && ingest_text_line_section(c, l) >= 0;
            if (!strong && !weak)
                break;
            h++;
        }
    }
    for (size_t k = 0; k < h && *sec < 0; k++)
        *sec = ingest_text_line_section(c, &v[k]);
    return (long)h;
}

/* ingest_text_parse() without the clean-up of *out on failure. */
static enum ak_err text_parse(const char *s, size_t n, const struct section *secs, size_t nsecs,
                              struct arena *a, struct article_in *out, struct ingest_diag *d)
{
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3;
        n -= 3;
    }
    struct tctx c;
    if (text_ctx_init(&c, a, secs, nsecs) != AK_OK)
        return text_fail(d, AK_ENOMEM, 0, "out of memory");
    struct tline *all = NULL;
    size_t nall = 0;
    enum ak_err rc = text_split(a, s, n, &all, &nall, d);
    if (rc)
        return rc;
    if (nall == 0)
        return text_fail(d, AK_EINVAL, 0, "title: no headline (the text is empty)");
    if ((rc = text_mark_chrome(&c, all, nall, out)) != AK_OK)
        return text_fail(d, rc, 0, "out of memory");

    /* Keep what is not chrome; a dropped line's gap passes to the next. */
    struct tline *v = arena_alloc(a, nall * sizeof *v);
    if (!v)
        return text_fail(d, AK_ENOMEM, 0, "out of memory");
    size_t nv = 0;
    int gap = 0;
    for (size_t i = 0; i < nall; i++) {
        if (all[i].drop) {
            gap = 1;
            continue;
        }
        v[nv] = all[i];
        v[nv].gap |= gap;
        gap = 0;
        nv++;
    }
    if (nv == 0)
        return text_fail(d, AK_EINVAL, all[0].no, "title: no headline (only site chrome)");

    long sec;
    long h = text_find_nav(&c, v, nv, &sec);
    if (h < 0)
        return text_fail(d, AK_ENOMEM, 0, "out of memory");
    if (sec >= 0)
        out->section = secs[sec].slug;

    /* Step 4: the headline, merged with its repetitions. */
    size_t i = (size_t)h, title = i;
    while (i + 1 < nv && ingest_text_repeats(&v[i], &v[i + 1])) {
        i++;
        if (v[i].fn > v[title].fn)
            title = i;
    }
    i++;
    if (v[title].n > TEXT_MAX_TITLE)
        return text_fail(d, AK_EINVAL, v[title].no,
                         "title: the headline is %zu bytes, more than %d", v[title].n,
                         TEXT_MAX_TITLE);
    if (!(out->title = ingest_text_dup_clean(a, v[title].p, v[title].n)))
        return text_fail(d, AK_ENOMEM, 0, "out of memory");

    /* Step 5: bylines and dates. */
    for (int k = 0; k < 3 && i + 1 < nv; k++) {
        size_t at = ingest_text_byline(&v[i]);
        if (at > 0 && !out->author && v[i].n - at <= TEXT_MAX_AUTHOR) {
            if (!(out->author = ingest_text_dup_clean(a, v[i].p + at, v[i].n - at)))
                return text_fail(d, AK_ENOMEM, 0, "out of memory");
        } else if (!ingest_text_is_date_line(&c, &v[i])) {
            break;
        }
        i++;
    }

    /* Step 6: the lede. */
    if (i >= nv)
        return text_fail(d, AK_EINVAL, v[title].no, "body: no text after the headline");
    size_t lede = i++;
    if (v[lede].n > TEXT_MAX_LEDE)
        return text_fail(d, AK_EINVAL, v[lede].no, "lede: %zu bytes, more than %d (the line "
                         "after the headline)", v[lede].n, TEXT_MAX_LEDE);
    if (!(out->lede = ingest_text_dup_clean(a, v[lede].p, v[lede].n)))
        return text_fail(d, AK_ENOMEM, 0, "out of memory");

    /* Step 7: the body. */
    struct buf b;
    buf_init(&b, TEXT_MAX_BODY);
    for (size_t k = i; k < nv; k++) {
        int heading = ingest_text_is_short(&v[k]) && k + 1 < nv && !ingest_text_is_short(&v[k + 1])
            && (k - 1 == lede || !ingest_text_is_short(&v[k - 1]));
        if (k > i)
            buf_puts(&b, "\n\n");
        if (heading)
            buf_puts(&b, "## ");
        ingest_text_md_escape(&b, v[k].p, v[k].n, heading);
    }
    buf_putc(&b, '\n');
    if (b.err) {
        rc = b.err;
        buf_reset(&b);
        if (rc == AK_ETOOBIG)
            return text_fail(d, AK_EINVAL, 0, "body: more than %d bytes", TEXT_MAX_BODY);
        return text_fail(d, AK_ENOMEM, 0, "out of memory");
    }
    out->body_md = arena_strndup(a, b.p, i < nv ? b.n : 0);
    buf_reset(&b);
    if (!out->body_md)
        return text_fail(d, AK_ENOMEM, 0, "out of memory");

    /* Step 8: the agency. */
    for (size_t k = lede; k < nv && k <= lede + 3 && !out->source; k++)
        out->source = ingest_text_find_source(&c, &v[k]);
    if (a->failed)
        return text_fail(d, AK_ENOMEM, 0, "out of memory");
    return AK_OK;
}

enum ak_err ingest_text_parse(const char *s, size_t n, const struct section *secs, size_t nsecs,
                              struct arena *a, struct article_in *out, struct ingest_diag *d)
{
    memset(out, 0, sizeof *out);
    out->status = ARTICLE_PUBLISHED;
    if (d) {
        d->line = 0;
        d->msg[0] = 0;
    }
    enum ak_err rc = text_parse(s, n, secs, nsecs, a, out, d);
    if (rc) {
        /* Leave no half-filled article behind. */
        memset(out, 0, sizeof *out);
        out->status = ARTICLE_PUBLISHED;
    }
    return rc;
}
