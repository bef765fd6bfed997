/*
 * name.c: what the media folder's files are called and what they hold (see
 * image.h): the accepted types, the reasons for a refusal, the widths of the
 * variants, and the one place that spells a file's name
 * ("<hash>-orig.<ext>", "<hash>-<w>.webp|jpg") and parses it back.
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

const char *media_file_url(char out[MEDIA_URL_MAX], const char *hash, int w, enum media_type t)
{
    char name[MEDIA_NAME_MAX];
    snprintf(out, MEDIA_URL_MAX, MEDIA_URL_PREFIX "%s", media_file_name(name, hash, w, t));
    return out;
}
