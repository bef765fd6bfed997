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
#include "store/article.h"
#include "store/section.h"
#include "text/utf8.h"

enum {
    TEXT_MAX_TITLE = 500,       /* bytes in a headline */
    TEXT_MAX_BODY = 2 << 20,    /* bytes of Markdown body */
    TEXT_MAX_AUTHOR = 200,      /* bytes in a byline */
    TEXT_MAX_TAGS = 20,
    TEXT_MAX_TAG = 100,         /* bytes in a tag */
    TEXT_HEAD_WORDS = 12,       /* a subheading has at most this many words */
    TEXT_NAV_WORDS = 8,         /* a navigation line has at most this many */
    TEXT_MAX_NAV = 4,           /* navigation lines before the headline */
};

/* One non-blank input line. */
struct tline {
    const char *p;              /* trimmed text, pointing into the input */
    size_t n;
    size_t no;                  /* 1-based line number in the input */
    int gap;                    /* a blank line comes before it */
    char *f;                    /* fold()ed text, NUL-terminated, in the arena */
    size_t fn;
    size_t words;               /* whitespace-separated words */
    int end_punct;              /* ends in sentence punctuation */
    int has_punct;              /* has sentence punctuation anywhere */
    int drop;                   /* chrome: leave it out */
};

/* Folded labels and names, made once per parse. */
struct tpat {
    const char *f;
    size_t fn;
};

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

/* ---- characters ---- */

/* Horizontal and vertical space, including no-break and typographic spaces. */
static int text_is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == 0xA0
        || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029
        || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Invisible format characters: zero-width and direction marks, the byte
 * order mark. Lines are trimmed of them. */
static int text_is_invisible(uint32_t c)
{
    return (c >= 0x200C && c <= 0x200F) || c == 0x061C || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

/* What fold() deletes: tatweel, harakat, Quranic marks and invisible characters. */
static int text_is_ignorable(uint32_t c)
{
    return c == 0x0640 || (c >= 0x064B && c <= 0x065F) || c == 0x0670
        || (c >= 0x06D6 && c <= 0x06ED) || text_is_invisible(c);
}

/* Arabic letters (hamza to yeh, plus the extended letters). */
static int text_is_arabic_letter(uint32_t c)
{
    return (c >= 0x0621 && c <= 0x064A && c != 0x0640) || (c >= 0x0671 && c <= 0x06D3);
}

/* Letters and digits of any script, as opposed to spaces and punctuation. */
static int text_is_wordchar(uint32_t c)
{
    if (c < 0x80)
        return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    if (c == 0x060C || c == 0x061B || c == 0x061F || (c >= 0x066A && c <= 0x066D)
        || c == 0x06D4 || c == 0x0640)
        return 0;
    if (c >= 0x0600 && c <= 0x06FF)
        return 1;
    return c >= 0xC0 && !(c >= 0x2000 && c <= 0x2BFF) && !(c >= 0x3000 && c <= 0x303F)
        && !(c >= 0xFE10 && c <= 0xFE6F) && !(c >= 0xFF00 && c <= 0xFF0F);
}

/* Punctuation that ends a sentence (or a quoted sentence), so the line is not a subheading. */
static int text_is_end_punct(uint32_t c)
{
    switch (c) {
    case '.': case '!': case '?': case ':': case ';': case ',': case ')': case ']':
    case '"': case '\'': case 0x061F: case 0x060C: case 0x061B: case 0x06D4: case 0x2026:
    case 0x00BB: case 0x00AB: case 0x201D: case 0x201C: case 0x2019: case 0x203A:
        return 1;
    }
    return 0;
}

/* Punctuation that a navigation line never has (breadcrumb separators are allowed). */
static int text_is_sentence_punct(uint32_t c)
{
    switch (c) {
    case '.': case '!': case '?': case ':': case ';': case ',': case '(': case ')':
    case '"': case 0x061F: case 0x060C: case 0x061B: case 0x06D4: case 0x2026: case 0x00AB:
    case 0x201C: case 0x201D:
        return 1;
    }
    return 0;
}

/* Decode the code point at s[i..n), which must be valid UTF-8 (the input, the
 * folded copies and the labels all are); *len gets its length. */
static uint32_t text_cp(const char *s, size_t n, size_t i, size_t *len)
{
    uint32_t c = 0;
    size_t k = utf8_decode((const unsigned char *)s + i, n - i, &c);
    if (NEVER(k == 0)) {        /* every string here was validated */
        *len = 1;
        return 0xFFFD;
    }
    *len = k;
    return c;
}

/* The code point ending at s[end) (end > 0), and in *start where it begins. */
static uint32_t text_cp_before(const char *s, size_t end, size_t *start)
{
    size_t i = end - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    size_t len;
    *start = i;
    return text_cp(s, end, i, &len);
}

/* The first code point at or after s[i) that fold() keeps, or 0 at the end. */
static uint32_t text_peek_kept(const char *s, size_t n, size_t i)
{
    while (i < n) {
        size_t len;
        uint32_t c = text_cp(s, n, i, &len);
        if (!text_is_ignorable(c))
            return c;
        i += len;
    }
    return 0;
}

/* A light normalization for comparing labels and names, into arena a:
 * deletes tatweel, harakat and invisible marks; folds أ إ آ ٱ to ا, a
 * word-final ي to ى and a word-final ه to ة; lowercases ASCII; turns runs of
 * spaces into one and trims. The result is never longer than s[0..n).
 * Returns NULL when out of memory. */
static char *text_fold(struct arena *a, const char *s, size_t n, size_t *outn)
{
    char *o = arena_alloc(a, n + 1);
    if (!o)
        return NULL;
    size_t k = 0, i = 0;
    int space = 0;
    while (i < n) {
        size_t len;
        uint32_t c = text_cp(s, n, i, &len);
        i += len;
        if (text_is_space(c)) {
            space = 1;
            continue;
        }
        if (text_is_ignorable(c))
            continue;
        if (c == 0x0623 || c == 0x0625 || c == 0x0622 || c == 0x0671) {
            c = 0x0627;
        } else if (c == 0x064A || c == 0x0647) {
            uint32_t next = text_peek_kept(s, n, i);
            if (!text_is_wordchar(next))
                c = c == 0x064A ? 0x0649 : 0x0629;
        } else if (c >= 'A' && c <= 'Z') {
            c += 'a' - 'A';
        }
        if (space && k > 0)
            o[k++] = ' ';
        space = 0;
        k += utf8_encode(c, (unsigned char *)o + k);
    }
    o[k] = 0;
    *outn = k;
    return o;
}

/* Fold the NULL-terminated list src into a new array of patterns; *np gets its length. */
static struct tpat *text_fold_list(struct arena *a, const char *const *src, size_t *np)
{
    size_t n = 0;
    while (src[n])
        n++;
    struct tpat *p = arena_alloc(a, (n ? n : 1) * sizeof *p);
    if (!p)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        p[i].f = text_fold(a, src[i], strlen(src[i]), &p[i].fn);
        if (!p[i].f)
            return NULL;
    }
    *np = n;
    return p;
}

/* ---- matching ---- */

/* Folded patterns for one parse. */
struct tctx {
    struct arena *a;
    struct tpat *cut, *drop, *social, *also, *tagl, *nav, *date, *agency, *sec;
    size_t ncut, ndrop, nsocial, nalso, ntagl, nnav, ndate, nagency;
    const struct section *secs;
    size_t nsecs;               /* sec[i] is secs[i].name folded; fn 0 if unnamed */
};

/* The folded text f[0..n) without trailing punctuation, digits and spaces
 * (so "اقرأ أيضا:" and "التعليقات (3)" compare as their labels). */
static size_t text_label_len(const char *f, size_t n)
{
    while (n > 0) {
        size_t start;
        uint32_t c = text_cp_before(f, n, &start);
        if (text_is_space(c) || (c >= '0' && c <= '9') || (c >= 0x0660 && c <= 0x0669)
            || c == '(' || c == ')' || c == '-' || c == 0x2013 || c == 0x2014
            || (text_is_end_punct(c) && c != '"'))
            n = start;
        else
            break;
    }
    return n;
}

/* Non-zero when the folded line f[0..n) is exactly one of the patterns. */
static int text_is_label(const char *f, size_t n, const struct tpat *p, size_t np)
{
    n = text_label_len(f, n);
    for (size_t i = 0; i < np; i++)
        if (p[i].fn == n && n > 0 && memcmp(p[i].f, f, n) == 0)
            return 1;
    return 0;
}

/* If folded f[0..n) starts with one of the patterns followed by the end of
 * the line or a space or punctuation, return the pattern's length; else 0. */
static size_t text_starts_label(const char *f, size_t n, const struct tpat *p, size_t np)
{
    size_t best = 0;
    for (size_t i = 0; i < np; i++) {
        if (p[i].fn == 0 || p[i].fn > n || memcmp(p[i].f, f, p[i].fn) != 0)
            continue;
        if (p[i].fn < n) {
            size_t len;
            uint32_t c = text_cp(f, n, p[i].fn, &len);
            if (text_is_wordchar(c))
                continue;
        }
        if (p[i].fn > best)
            best = p[i].fn;
    }
    return best;
}

/* Non-zero when every word of the folded line is one of the patterns. */
static int text_all_words_in(const char *f, size_t n, const struct tpat *p, size_t np)
{
    size_t i = 0;
    int any = 0;
    while (i < n) {
        while (i < n && f[i] == ' ')
            i++;
        size_t j = i;
        while (j < n && f[j] != ' ')
            j++;
        if (j > i) {
            size_t wl = text_label_len(f + i, j - i);
            int found = wl == 0;        /* a lone punctuation mark is fine */
            for (size_t k = 0; k < np && !found; k++)
                found = p[k].fn == wl && memcmp(p[k].f, f + i, wl) == 0;
            if (!found)
                return 0;
            any |= wl > 0;
        }
        i = j;
    }
    return any;
}

/* Non-zero when position i of folded f is the start of a word: the start, or
 * after a non-word character, or after a word-final letter (ة ى), which in a
 * line of navigation means the words were run together. */
static int text_word_start(const char *f, size_t i)
{
    if (i == 0)
        return 1;
    size_t start;
    uint32_t c = text_cp_before(f, i, &start);
    return !text_is_wordchar(c) || c == 0x0629 || c == 0x0649;
}

/* Find section name pattern sec in folded line f[0..n) as described in the
 * file comment (a leading "ال" on the line's word is allowed). Returns the
 * byte offset of the first acceptable occurrence, or (size_t)-1. */
static size_t text_find_name(const char *f, size_t n, const struct tpat *sec)
{
    if (sec->fn == 0)
        return (size_t)-1;
    size_t letters = 0;
    for (size_t i = 0; i < sec->fn; i++)
        letters += ((unsigned char)sec->f[i] & 0xC0) != 0x80;
    const char *al = "\xd8\xa7\xd9\x84";        /* ال */
    size_t from = 0;
    while (from + sec->fn <= n) {
        const char *hit = memmem(f + from, n - from, sec->f, sec->fn);
        if (!hit)
            break;
        size_t at = (size_t)(hit - f);
        int start = text_word_start(f, at)
            || (at >= 4 && memcmp(f + at - 4, al, 4) == 0 && text_word_start(f, at - 4));
        int end = 1;
        if (letters < 4 && at + sec->fn < n) {
            size_t len;
            uint32_t c = text_cp(f, n, at + sec->fn, &len);
            end = !text_is_wordchar(c);
        }
        if (start && end)
            return at;
        from = at + 1;
    }
    return (size_t)-1;
}

/* The section named in folded line l: earliest in the line, longest on a tie.
 * Returns its index in c->secs or -1. */
static long text_line_section(const struct tctx *c, const struct tline *l)
{
    long best = -1;
    size_t best_at = 0;
    for (size_t i = 0; i < c->nsecs; i++) {
        size_t at = text_find_name(l->f, l->fn, &c->sec[i]);
        if (at == (size_t)-1)
            continue;
        if (best < 0 || at < best_at || (at == best_at && c->sec[i].fn > c->sec[best].fn)) {
            best = (long)i;
            best_at = at;
        }
    }
    return best;
}

/* ---- line classes ---- */

/* Fill l's word count and punctuation flags from its raw text. */
static void text_scan_line(struct tline *l)
{
    size_t i = 0;
    int inword = 0;
    uint32_t last = 0;
    l->words = 0;
    l->has_punct = 0;
    while (i < l->n) {
        size_t len;
        uint32_t c = text_cp(l->p, l->n, i, &len);
        i += len;
        if (text_is_space(c)) {
            inword = 0;
            continue;
        }
        if (text_is_ignorable(c))
            continue;
        if (!inword)
            l->words++;
        inword = 1;
        if (text_is_sentence_punct(c))
            l->has_punct = 1;
        last = c;
    }
    l->end_punct = text_is_end_punct(last);
}

/* Short and without final punctuation: a subheading, if it stands between paragraphs. */
static int text_is_short(const struct tline *l)
{
    return l->words > 0 && l->words <= TEXT_HEAD_WORDS && !l->end_punct;
}

/* Could be navigation: few words and no sentence punctuation. */
static int text_is_navlike(const struct tline *l)
{
    return l->words <= TEXT_NAV_WORDS && !l->has_punct;
}

/* Could be a headline: not too long and not ending with a full stop. */
static int text_is_headlike(const struct tline *l)
{
    if (l->words == 0 || l->words > 30 || l->n == 0)
        return 0;
    size_t start;
    uint32_t c = text_cp_before(l->p, l->n, &start);
    return c != '.' && c != 0x06D4;
}

/* Words run together: a word-final ة or ى directly followed by a letter. */
static int text_is_glued(const struct tline *l)
{
    size_t i = 0;
    uint32_t prev = 0;
    while (i < l->fn) {
        size_t len;
        uint32_t c = text_cp(l->f, l->fn, i, &len);
        if ((prev == 0x0629 || prev == 0x0649) && text_is_arabic_letter(c))
            return 1;
        prev = c;
        i += len;
    }
    return 0;
}

/* A breadcrumb trail: two or more short parts separated by » › > | / ←, and no «. */
static int text_is_breadcrumb(const struct tline *l)
{
    size_t i = 0, parts = 0, words = 0;
    int inword = 0, seps = 0;
    while (i <= l->n) {
        size_t len = 1;
        uint32_t c = i < l->n ? text_cp(l->p, l->n, i, &len) : '|';
        i += len;
        if (c == 0x00AB)
            return 0;
        if (c == 0x00BB || c == 0x203A || c == '>' || c == '|' || c == '/' || c == 0x2190) {
            if (words > 4)
                return 0;
            parts += words > 0;
            seps += i <= l->n;
            words = 0;
            inword = 0;
        } else if (text_is_space(c)) {
            inword = 0;
        } else if (!inword) {
            inword = 1;
            words++;
        }
    }
    return seps > 0 && parts >= 2;
}

/* qsort comparison: longer patterns first. */
static int text_cmp_pat_len(const void *x, const void *y)
{
    const struct tpat *a = x, *b = y;
    return a->fn < b->fn ? 1 : a->fn > b->fn ? -1 : 0;
}

/* Non-zero when the line is made only of section names and navigation words
 * (and separators). Returns -1 when out of memory. */
static int text_is_all_nav(const struct tctx *c, const struct tline *l)
{
    size_t np = c->nnav + c->nsecs;
    struct tpat *p = arena_alloc(c->a, np * sizeof *p);
    char *s = arena_strndup(c->a, l->f, l->fn);
    if (!p || !s)
        return -1;
    memcpy(p, c->nav, c->nnav * sizeof *p);
    if (c->nsecs)
        memcpy(p + c->nnav, c->sec, c->nsecs * sizeof *p);
    qsort(p, np, sizeof *p, text_cmp_pat_len);
    for (size_t i = 0; i < np; i++) {
        if (p[i].fn == 0)
            continue;
        char *hit = s;
        while ((hit = memmem(hit, l->fn - (size_t)(hit - s), p[i].f, p[i].fn)) != NULL)
            memset(hit, ' ', p[i].fn);
    }
    size_t i = 0;
    while (i < l->fn) {
        size_t len;
        uint32_t ch = text_cp(s, l->fn, i, &len);
        if (text_is_wordchar(ch))
            return 0;
        i += len;
    }
    return 1;
}

/* Non-zero when b repeats headline a: one folded form is a prefix of the
 * other ending at a word boundary, or contains the other (of 3+ words), and
 * the longer still looks like a headline (no full stop, at most twice the
 * words plus 4), so that a lede that opens with the headline stays a lede. */
static int text_repeats(const struct tline *a, const struct tline *b)
{
    const struct tline *s = a->fn <= b->fn ? a : b, *l = a->fn <= b->fn ? b : a;
    if (s->fn == 0 || !text_is_headlike(l) || l->words > 2 * s->words + 4)
        return 0;
    if (memcmp(l->f, s->f, s->fn) == 0 && (l->fn == s->fn || l->f[s->fn] == ' '))
        return 1;
    return s->words >= 3 && memmem(l->f, l->fn, s->f, s->fn) != NULL;
}

/* Non-zero when every word of the line is a number or a date word. */
static int text_is_date_line(const struct tctx *c, const struct tline *l)
{
    if (l->words == 0 || l->words > 12)
        return 0;
    size_t i = 0;
    int digits = 0;
    while (i < l->fn) {
        while (i < l->fn && l->f[i] == ' ')
            i++;
        size_t j = i;
        while (j < l->fn && l->f[j] != ' ')
            j++;
        /* A word is a date word, or only digits and separators. */
        size_t wl = text_label_len(l->f + i, j - i);
        int ok = 0;
        for (size_t k = 0; k < c->ndate && !ok; k++)
            ok = c->date[k].fn == wl && memcmp(c->date[k].f, l->f + i, wl) == 0;
        if (!ok) {
            ok = 1;
            size_t k = i;
            while (k < j && ok) {
                size_t len;
                uint32_t ch = text_cp(l->f, j, k, &len);
                if ((ch >= '0' && ch <= '9') || (ch >= 0x0660 && ch <= 0x0669))
                    digits = 1;
                else if (text_is_wordchar(ch))
                    ok = 0;
                k += len;
            }
        }
        if (!ok)
            return 0;
        i = j;
    }
    return digits;
}

/* If l is a byline, return the name's offset in l->p (after the keyword and
 * any : or -), else 0. */
static size_t text_byline(const struct tline *l)
{
    static const char *const keys[] = { "بقلم", "كتب", "كتبت", "by", NULL };
    if (l->words < 2 || l->words > 6 || l->end_punct)
        return 0;
    for (size_t k = 0; keys[k]; k++) {
        size_t kl = strlen(keys[k]);
        if (l->n <= kl || strncasecmp(l->p, keys[k], kl) != 0)
            continue;
        size_t i = kl;
        int colon = 0;
        while (i < l->n && (l->p[i] == ' ' || l->p[i] == ':' || l->p[i] == '-')) {
            colon |= l->p[i] == ':' || l->p[i] == '-';
            i++;
        }
        if (i == kl || i >= l->n)
            continue;       /* the keyword must be a whole word with a name after */
        if (k == 1 || k == 2) {
            if (!colon)
                continue;   /* "كتب" starts many ledes; want "كتب: فلان" */
        }
        return i;
    }
    return 0;
}

/* ---- output ---- */

/* Copy s[0..n) into the arena with control characters turned into spaces. */
static char *text_dup_clean(struct arena *a, const char *s, size_t n)
{
    char *o = arena_strndup(a, s, n);
    if (!o)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)o[i] < 0x20 || o[i] == 0x7F)
            o[i] = ' ';
    return o;
}

/* Append s[0..n) to b so that cmark shows it as plain text: backslash before
 * \ ` * _ < [ ] & everywhere, before # anywhere in a heading, and before a
 * line-initial # > - + = | ~ or the . ) of a leading number. Control
 * characters become spaces. */
static void text_md_escape(struct buf *b, const char *s, size_t n, int heading)
{
    size_t digits = 0;
    while (digits < n && s[digits] >= '0' && s[digits] <= '9')
        digits++;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if ((unsigned char)ch < 0x20 || ch == 0x7F) {
            buf_putc(b, ' ');
            continue;
        }
        int esc = strchr("\\`*_<[]&", ch) != NULL || (heading && ch == '#');
        if (i == 0 && strchr("#>-+=|~", ch))
            esc = 1;
        if (digits > 0 && i == digits && (ch == '.' || ch == ')'))
            esc = 1;
        if (esc)
            buf_putc(b, '\\');
        buf_putc(b, ch);
    }
}

/* Split the raw text after a tags label into out->tags (up to TEXT_MAX_TAGS,
 * folded duplicates dropped): on ، , ؛ ; | when there are any, else on spaces. */
static enum ak_err text_add_tags(struct tctx *c, const char *s, size_t n, struct article_in *out,
                                 size_t *cap)
{
    int commas = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == ',' || s[i] == ';' || s[i] == '|' || (i + 1 < n && (unsigned char)s[i] == 0xD8
            && ((unsigned char)s[i + 1] == 0x8C || (unsigned char)s[i + 1] == 0x9B)))
            commas = 1;
    size_t i = 0;
    while (i < n && out->ntags < TEXT_MAX_TAGS) {
        size_t j = i, len = 1;
        while (j < n) {
            uint32_t ch = text_cp(s, n, j, &len);
            int sep = ch == ',' || ch == ';' || ch == '|' || ch == 0x060C || ch == 0x061B
                || (!commas && text_is_space(ch));
            if (sep)
                break;
            j += len;
        }
        size_t a = i, z = j;
        while (a < z && (s[a] == ' ' || s[a] == '#' || s[a] == '\t'))
            a++;
        while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\t' || s[z - 1] == '.'))
            z--;
        if (z > a && z - a <= TEXT_MAX_TAG) {
            size_t fn;
            char *f = text_fold(c->a, s + a, z - a, &fn);
            if (!f)
                return AK_ENOMEM;
            int dup = 0;
            for (size_t k = 0; k < out->ntags && !dup; k++) {
                size_t gn;
                char *g = text_fold(c->a, out->tags[k], strlen(out->tags[k]), &gn);
                if (!g)
                    return AK_ENOMEM;
                dup = gn == fn && memcmp(f, g, fn) == 0;
            }
            if (!dup && fn > 0) {
                if (out->ntags == *cap) {
                    size_t ncap = *cap ? *cap * 2 : 8;
                    const char **t = arena_alloc(c->a, ncap * sizeof *t);
                    if (!t)
                        return AK_ENOMEM;
                    if (out->ntags)
                        memcpy(t, out->tags, out->ntags * sizeof *t);
                    out->tags = t;
                    *cap = ncap;
                }
                const char *t = text_dup_clean(c->a, s + a, z - a);
                if (!t)
                    return AK_ENOMEM;
                out->tags[out->ntags++] = t;
            }
        }
        i = j < n ? j + len : n;
    }
    return AK_OK;
}

/* The word of raw s[0..n) starting at i, without surrounding punctuation and
 * quotes, with a following "برس" (as in "فرانس برس") kept; NULL if none. */
static const char *text_agency_word(struct arena *a, const char *s, size_t n, size_t i)
{
    while (i < n && s[i] == ' ')
        i++;
    size_t j = i;
    while (j < n && s[j] != ' ')
        j++;
    static const char press[] = " برس";
    if (j + sizeof press - 1 <= n && memcmp(s + j, press, sizeof press - 1) == 0
        && (j + sizeof press - 1 == n || s[j + sizeof press - 1] == ' '))
        j += sizeof press - 1;
    /* Trim punctuation and quotes on both ends. */
    while (i < j) {
        size_t len;
        uint32_t c = text_cp(s, j, i, &len);
        if (text_is_wordchar(c))
            break;
        i += len;
    }
    while (j > i) {
        size_t start;
        uint32_t c = text_cp_before(s, j, &start);
        if (text_is_wordchar(c))
            break;
        j = start;
    }
    return j > i ? text_dup_clean(a, s + i, j - i) : NULL;
}

/* Look for a news agency in line l (see the file comment); NULL if none. */
static const char *text_find_source(const struct tctx *c, const struct tline *l)
{
    static const char *const lead[] = { "وكالة أنباء ", "وكالة انباء ", NULL };
    for (size_t k = 0; lead[k]; k++) {
        const char *hit = memmem(l->p, l->n, lead[k], strlen(lead[k]));
        if (hit)
            return text_agency_word(c->a, l->p, l->n, (size_t)(hit - l->p) + strlen(lead[k]));
    }
    static const char agency[] = "وكالة ";
    size_t from = 0;
    const char *hit;
    while ((hit = memmem(l->p + from, l->n - from, agency, sizeof agency - 1)) != NULL) {
        size_t i = (size_t)(hit - l->p) + sizeof agency - 1, j = i;
        while (j < l->n && l->p[j] != ' ')
            j++;
        size_t fn;
        char *f = text_fold(c->a, l->p + i, j - i, &fn);
        if (!f)
            return NULL;
        fn = text_label_len(f, fn);
        for (size_t k = 0; k < c->nagency; k++)
            if (c->agency[k].fn == fn && memcmp(c->agency[k].f, f, fn) == 0)
                return text_agency_word(c->a, l->p, l->n, i);
        from = i;
    }
    return NULL;
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
    c->cut = text_fold_list(a, text_cut_labels, &c->ncut);
    c->drop = text_fold_list(a, text_drop_labels, &c->ndrop);
    c->social = text_fold_list(a, text_social_words, &c->nsocial);
    c->also = text_fold_list(a, text_also_labels, &c->nalso);
    c->tagl = text_fold_list(a, text_tag_labels, &c->ntagl);
    c->nav = text_fold_list(a, text_nav_words, &c->nnav);
    c->date = text_fold_list(a, text_date_words, &c->ndate);
    c->agency = text_fold_list(a, text_agencies, &c->nagency);
    c->sec = arena_alloc(a, (nsecs ? nsecs : 1) * sizeof *c->sec);
    if (!c->cut || !c->drop || !c->social || !c->also || !c->tagl || !c->nav || !c->date
        || !c->agency || !c->sec)
        return AK_ENOMEM;
    for (size_t i = 0; i < nsecs; i++) {
        const char *name = secs[i].name ? secs[i].name : "";
        size_t nn = strlen(name);
        if (!utf8_valid(name, nn) || !secs[i].slug)
            nn = 0;
        c->sec[i].f = text_fold(a, name, nn, &c->sec[i].fn);
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
            uint32_t c = text_cp(s, e, b, &len);
            if (!text_is_space(c) && !text_is_invisible(c))
                break;
            b += len;
        }
        while (e > b) {
            size_t start;
            uint32_t c = text_cp_before(s, e, &start);
            if (!text_is_space(c) && !text_is_invisible(c))
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
            l->f = text_fold(a, l->p, l->n, &l->fn);
            if (!l->f)
                return text_fail(d, AK_ENOMEM, 0, "out of memory");
            text_scan_line(l);
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
        if (i > 0 && text_is_label(l->f, l->fn, c->cut, c->ncut)) {
            for (size_t k = i; k < nv; k++)
                v[k].drop = 1;
            break;
        }
        if (text_is_label(l->f, l->fn, c->drop, c->ndrop)
            || text_all_words_in(l->f, l->fn, c->social, c->nsocial)) {
            l->drop = 1;
            continue;
        }
        if (i == 0)
            continue;
        if (text_is_label(l->f, l->fn, c->also, c->nalso)) {
            l->drop = 1;
            if (i + 1 < nv && text_is_short(&v[i + 1])
                && !text_is_label(v[i + 1].f, v[i + 1].fn, c->cut, c->ncut))
                v[i + 1].drop = 1;
            continue;
        }
        size_t al = text_starts_label(l->f, l->fn, c->also, c->nalso);
        if (al > 0 && al < l->fn) {
            size_t k = al, len;
            while (k < l->fn && l->f[k] == ' ')
                k++;
            uint32_t ch = k < l->fn ? text_cp(l->f, l->fn, k, &len) : 0;
            if (ch == ':' || ch == '-' || ch == '|' || ch == 0x00BB || ch == 0x2013) {
                l->drop = 1;
                continue;
            }
        }
        size_t tl = text_starts_label(l->f, l->fn, c->tagl, c->ntagl);
        if (tl == 0 || l->words > 40)
            continue;
        size_t k = tl;
        while (k < l->fn && l->f[k] == ' ')
            k++;
        const char *colon = k < l->fn && l->f[k] == ':' ? memchr(l->p, ':', l->n) : NULL;
        if (text_label_len(l->f, l->fn) == tl) {
            /* The label alone: the tags are the short lines after it. */
            l->drop = 1;
            for (k = i + 1; k < nv && text_is_short(&v[k]) && v[k].words <= 4; k++) {
                v[k].drop = 1;
                enum ak_err rc = text_add_tags(c, v[k].p, v[k].n, out, &tagcap);
                if (rc)
                    return rc;
            }
        } else if (colon) {
            l->drop = 1;
            size_t at = (size_t)(colon - l->p) + 1;
            enum ak_err rc = text_add_tags(c, l->p + at, l->n - at, out, &tagcap);
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
        if (!text_repeats(&v[p], &v[p + 1]))
            continue;
        int nav = 1;
        for (size_t k = 0; k < p && nav; k++)
            nav = text_is_navlike(&v[k]) || text_is_date_line(c, &v[k]);
        if (nav)
            h = p;
        break;
    }
    if (h == 0 && !(nv >= 2 && text_repeats(&v[0], &v[1]))) {
        while (h < TEXT_MAX_NAV && nv - h >= 3 && text_is_navlike(&v[h])) {
            const struct tline *l = &v[h];
            int all = text_is_all_nav(c, l);
            if (all < 0)
                return -1;
            int strong = all || text_is_glued(l) || text_is_breadcrumb(l);
            int weak = !strong && l->words <= 4 && v[h + 1].gap
                && text_is_headlike(&v[h + 1]) && text_line_section(c, l) >= 0;
            if (!strong && !weak)
                break;
            h++;
        }
    }
    for (size_t k = 0; k < h && *sec < 0; k++)
        *sec = text_line_section(c, &v[k]);
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
    while (i + 1 < nv && text_repeats(&v[i], &v[i + 1])) {
        i++;
        if (v[i].fn > v[title].fn)
            title = i;
    }
    i++;
    if (v[title].n > TEXT_MAX_TITLE)
        return text_fail(d, AK_EINVAL, v[title].no,
                         "title: the headline is %zu bytes, more than %d", v[title].n,
                         TEXT_MAX_TITLE);
    if (!(out->title = text_dup_clean(a, v[title].p, v[title].n)))
        return text_fail(d, AK_ENOMEM, 0, "out of memory");

    /* Step 5: bylines and dates. */
    for (int k = 0; k < 3 && i + 1 < nv; k++) {
        size_t at = text_byline(&v[i]);
        if (at > 0 && !out->author && v[i].n - at <= TEXT_MAX_AUTHOR) {
            if (!(out->author = text_dup_clean(a, v[i].p + at, v[i].n - at)))
                return text_fail(d, AK_ENOMEM, 0, "out of memory");
        } else if (!text_is_date_line(&c, &v[i])) {
            break;
        }
        i++;
    }

    /* Step 6: the lede. */
    if (i >= nv)
        return text_fail(d, AK_EINVAL, v[title].no, "body: no text after the headline");
    size_t lede = i++;
    if (!(out->lede = text_dup_clean(a, v[lede].p, v[lede].n)))
        return text_fail(d, AK_ENOMEM, 0, "out of memory");

    /* Step 7: the body. */
    struct buf b;
    buf_init(&b, TEXT_MAX_BODY);
    for (size_t k = i; k < nv; k++) {
        int heading = text_is_short(&v[k]) && k + 1 < nv && !text_is_short(&v[k + 1])
            && (k - 1 == lede || !text_is_short(&v[k - 1]));
        if (k > i)
            buf_puts(&b, "\n\n");
        if (heading)
            buf_puts(&b, "## ");
        text_md_escape(&b, v[k].p, v[k].n, heading);
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
        out->source = text_find_source(&c, &v[k]);
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
