/*
 * name.c: what the media folder's files are called and what they hold (see
 * image.h): the accepted types, the reasons for a refusal, the widths of the
 * variants, and the one place that spells a file's name
 * ("<hash>-orig.<ext>", "<hash>-<w>.webp|jpg", "<hash>-<w>x<h>.jpg") and
 * parses it back.
 */
#include <stdio.h>
#include <string.h>
#include "media/image.h"

const char *const media_type_mimes[MEDIA_TYPE__MAX] = { "image/jpeg", "image/png", "image/webp" };
const char *const media_type_exts[MEDIA_TYPE__MAX] = { "jpg", "png", "webp" };
const char *const media_refusal_names[MEDIA_REFUSAL__MAX] = {
    "none", "empty", "file too big", "not an image", "too many pixels", "corrupt",
};
static const char *const media_refusal_ar[MEDIA_REFUSAL__MAX] = {
    "تعذّر حفظ الصورة، حاول مرة أخرى",
    "الملف فارغ",
    "الصورة كبيرة جدًا: الحد الأقصى 20 ميغابايت",
    "الملف ليس صورة بصيغة JPEG أو PNG أو WebP",
    "أبعاد الصورة كبيرة جدًا",
    "الصورة تالفة أو غير مكتملة",
};

const char *media_refusal_message_ar(enum media_refusal r)
{
    return media_refusal_ar[(unsigned)r < MEDIA_REFUSAL__MAX ? r : MEDIA_REFUSAL_NONE];
}

size_t media_variant_widths(int width, int out[MEDIA_MAX_VARIANTS])
{
    static const int std[] = MEDIA_WIDTHS;
    size_t n = 0;
    if (width <= 0)
        return 0;
    for (size_t i = 0; i < sizeof std / sizeof std[0]; i++)
        if (std[i] <= width)
            out[n++] = std[i];
    int widest = std[sizeof std / sizeof std[0] - 1];
    if (width < widest && (n == 0 || out[n - 1] != width))
        out[n++] = width;
    return n;
}

int media_variant_height(int width, int height, int w)
{
    if (width <= 0 || height <= 0 || w <= 0)
        return 1;
    int64_t h = ((int64_t)height * w * 2 + width) / ((int64_t)width * 2);
    return h < 1 ? 1 : (int)h;
}

void media_crop_size(int width, int height, enum media_crop c, int *w, int *h)
{
    static const int crops[MEDIA_CROP__MAX][2] = MEDIA_CROPS;
    int widths[MEDIA_MAX_VARIANTS];
    size_t n = media_variant_widths(width, widths);
    *w = *h = 0;
    if (n == 0 || height <= 0 || (unsigned)c >= MEDIA_CROP__MAX)
        return;
    /* the widest variant's size: what the crops are cut from */
    int64_t bw = widths[n - 1], bh = media_variant_height(width, height, widths[n - 1]);
    int64_t cw = crops[c][0], ch = crops[c][1];
    /* scale by the smaller of bw/cw and bh/ch, when under 1: exact integer
     * comparisons, then rounding, then never past the variant */
    if (bw < cw || bh < ch) {
        if (bw * ch <= bh * cw) {               /* the width binds */
            ch = (ch * bw * 2 + cw) / (cw * 2);
            cw = bw;
        } else {                                /* the height binds */
            cw = (cw * bh * 2 + ch) / (ch * 2);
            ch = bh;
        }
    }
    *w = cw < 1 ? 1 : cw > bw ? (int)bw : (int)cw;
    *h = ch < 1 ? 1 : ch > bh ? (int)bh : (int)ch;
}

int media_hash_valid(const char *s)
{
    if (!s)
        return 0;
    size_t i = 0;
    for (; s[i]; i++)
        if (i >= MEDIA_HASH_HEX || !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return i == MEDIA_HASH_HEX;
}

const char *media_file_type(const char *name)
{
    char hash[MEDIA_HASH_HEX + 1];
    if (!name || strlen(name) <= MEDIA_HASH_HEX || name[MEDIA_HASH_HEX] != '-')
        return NULL;
    memcpy(hash, name, MEDIA_HASH_HEX);
    hash[MEDIA_HASH_HEX] = '\0';
    if (!media_hash_valid(hash))
        return NULL;
    const char *p = name + MEDIA_HASH_HEX + 1;
    if (strncmp(p, "orig.", 5) == 0) {
        for (int t = 0; t < MEDIA_TYPE__MAX; t++)
            if (strcmp(p + 5, media_type_exts[t]) == 0)
                return media_type_mimes[t];
        return NULL;
    }
    if (*p < '1' || *p > '9')
        return NULL;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p == 'x') {                            /* a crop: JPEG only */
        if (p[1] < '1' || p[1] > '9')
            return NULL;
        for (p++; *p >= '0' && *p <= '9'; p++)
            ;
        return strcmp(p, ".jpg") == 0 ? media_type_mimes[MEDIA_JPEG] : NULL;
    }
    if (strcmp(p, ".webp") == 0)
        return media_type_mimes[MEDIA_WEBP];
    if (strcmp(p, ".jpg") == 0)
        return media_type_mimes[MEDIA_JPEG];
    return NULL;
}

const char *media_file_name(char out[MEDIA_NAME_MAX], const char *hash, int w,
                            enum media_type t)
{
    if ((unsigned)t >= MEDIA_TYPE__MAX)
        t = MEDIA_JPEG;
    if (w > 0)
        snprintf(out, MEDIA_NAME_MAX, "%.*s-%d.%s", MEDIA_HASH_HEX, hash, w, media_type_exts[t]);
    else
        snprintf(out, MEDIA_NAME_MAX, "%.*s-orig.%s", MEDIA_HASH_HEX, hash, media_type_exts[t]);
    return out;
}

const char *media_crop_name(char out[MEDIA_NAME_MAX], const char *hash, int w, int h)
{
    snprintf(out, MEDIA_NAME_MAX, "%.*s-%dx%d.jpg", MEDIA_HASH_HEX, hash, w, h);
    return out;
}

const char *media_file_url(char out[MEDIA_URL_MAX], const char *hash, int w, enum media_type t)
{
    char name[MEDIA_NAME_MAX];
    snprintf(out, MEDIA_URL_MAX, MEDIA_URL_PREFIX "%s", media_file_name(name, hash, w, t));
    return out;
}

const char *media_crop_url(char out[MEDIA_URL_MAX], const char *hash, int w, int h)
{
    char name[MEDIA_NAME_MAX];
    snprintf(out, MEDIA_URL_MAX, MEDIA_URL_PREFIX "%s", media_crop_name(name, hash, w, h));
    return out;
}
