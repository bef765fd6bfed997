/*
 * test_media.c: uploaded images from file to page: media_ingest on images
 * made here with libvips (JPEG with EXIF GPS and an orientation, PNG with
 * alpha, WebP, a Display P3 JPEG) and on hostile files (a text file named
 * .jpg, a truncated JPEG and PNG, decompression bombs written by hand, SVG,
 * GIF, empty, over the size limit); the media table and migration 5; the
 * <picture> markup.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <sodium.h>
#include <vips/vips.h>
#include "media/image.h"
#include "render/image.h"
#include "render/tmpl.h"
#include "store/article.h"
#include "store/media.h"
#include "store/section.h"
#include "store/db.h"
#include "t.h"

static char dir[64];            /* the fixtures */
static char media[96];          /* where media_ingest writes */

static const char *fx(const char *name)
{
    static char paths[8][160];
    static int k;
    char *p = paths[k++ % 8];
    snprintf(p, 160, "%s/%s", dir, name);
    return p;
}

static const char *md(const char *name)
{
    static char paths[8][200];
    static int k;
    char *p = paths[k++ % 8];
    snprintf(p, 200, "%s/%s", media, name);
    return p;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long maxrss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void write_bytes(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(p, 1, n, f);
        fclose(f);
    }
}

/* The whole file at path into a malloc'd buffer; *n its length. */
static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *p = malloc(len > 0 ? (size_t)len : 1);
    *n = p ? fread(p, 1, (size_t)len, f) : 0;
    fclose(f);
    return p;
}

/* ---- fixtures made with libvips ---- */

/* A w x h sRGB gradient, 8 bits, 3 bands (4 with a half-transparent left
 * half when alpha). The caller unrefs it. */
static VipsImage *gradient(int w, int h, int alpha)
{
    VipsImage *xy, *x, *y, *r, *g, *b, *bands[4], *joined, *out = NULL;
    if (vips_xyz(&xy, w, h, NULL))
        return NULL;
    vips_extract_band(xy, &x, 0, NULL);
    vips_extract_band(xy, &y, 1, NULL);
    vips_linear1(x, &r, 255.0 / w, 0, NULL);
    vips_linear1(y, &g, 255.0 / h, 0, NULL);
    vips_linear1(x, &b, 0, 128, NULL);
    bands[0] = r;
    bands[1] = g;
    bands[2] = b;
    int n = 3;
    VipsImage *a = NULL;
    if (alpha) {
        VipsImage *t;
        vips_more_const1(x, &t, w / 2.0, NULL);     /* 255 on the right half, 0 left */
        a = t;
        bands[n++] = a;
    }
    vips_bandjoin(bands, &joined, n, NULL);
    vips_cast(joined, &out, VIPS_FORMAT_UCHAR, NULL);
    out->Type = VIPS_INTERPRETATION_sRGB;
    g_object_unref(joined);
    if (a)
        g_object_unref(a);
    g_object_unref(b);
    g_object_unref(g);
    g_object_unref(r);
    g_object_unref(y);
    g_object_unref(x);
    g_object_unref(xy);
    return out;
}

/* gps.jpg: 1200x800 with EXIF (camera make, GPS position), XMP (GPS
 * again) and orientation 6 (the camera was turned: upright it is
 * 800x1200). */
static int make_gps_jpeg(const char *path)
{
    VipsImage *im = gradient(1200, 800, 0), *c;
    if (!im || vips_copy(im, &c, NULL))
        return -1;
    vips_image_set_string(c, "exif-ifd0-Make", "SourceCam");
    vips_image_set_string(c, "exif-ifd3-GPSLatitudeRef", "N");
    vips_image_set_string(c, "exif-ifd3-GPSLatitude", "33/1 53/1 2964/100");
    vips_image_set_string(c, "exif-ifd3-GPSLongitudeRef", "E");
    vips_image_set_string(c, "exif-ifd3-GPSLongitude", "35/1 30/1 1/1");
    vips_image_set_int(c, "orientation", 6);
    static const char xmp[] =
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/"
        "02/22-rdf-syntax-ns#\"><rdf:Description xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" "
        "exif:GPSLatitude=\"33,53.494N\"/></rdf:RDF></x:xmpmeta>";
    vips_image_set_blob_copy(c, VIPS_META_XMP_NAME, xmp, sizeof xmp - 1);
    int rc = vips_jpegsave(c, path, "Q", 90, NULL);
    g_object_unref(c);
    g_object_unref(im);
    return rc;
}

static int make_png(const char *path, int w, int h, int alpha)
{
    VipsImage *im = gradient(w, h, alpha);
    int rc = im ? vips_pngsave(im, path, NULL) : -1;
    if (im)
        g_object_unref(im);
    return rc;
}

static int make_webp(const char *path, int w, int h)
{
    VipsImage *im = gradient(w, h, 0);
    int rc = im ? vips_webpsave(im, path, "Q", 80, NULL) : -1;
    if (im)
        g_object_unref(im);
    return rc;
}

/* p3.jpg: pure sRGB red, converted to Display P3 with the profile embedded
 * (as phones make them): its numbers are not (255, 0, 0). */
static int make_p3_jpeg(const char *path)
{
    VipsImage *black, *red, *red8, *p3, *p38;
    double ones[3] = { 1, 1, 1 }, rgb[3] = { 255, 0, 0 };
    if (vips_black(&black, 64, 48, "bands", 3, NULL))
        return -1;
    vips_linear(black, &red, ones, rgb, 3, NULL);
    vips_cast(red, &red8, VIPS_FORMAT_UCHAR, NULL);
    red8->Type = VIPS_INTERPRETATION_sRGB;
    int rc = vips_icc_transform(red8, &p3, "p3", "input_profile", "srgb", NULL);
    if (rc == 0) {
        vips_cast(p3, &p38, VIPS_FORMAT_UCHAR, NULL);
        rc = vips_jpegsave(p38, path, "Q", 95, NULL);
        g_object_unref(p38);
        g_object_unref(p3);
    }
    g_object_unref(red8);
    g_object_unref(red);
    g_object_unref(black);
    return rc;
}

/* ---- hand-written hostile files ---- */

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
    }
    return c ^ 0xFFFFFFFFu;
}

static size_t png_chunk(unsigned char *out, const char *type, const unsigned char *data,
                        uint32_t n)
{
    unsigned char *p = out;
    *p++ = (unsigned char)(n >> 24);
    *p++ = (unsigned char)(n >> 16);
    *p++ = (unsigned char)(n >> 8);
    *p++ = (unsigned char)n;
    memcpy(p, type, 4);
    if (n)
        memcpy(p + 4, data, n);
    uint32_t c = crc32_of(p, 4 + n);
    p += 4 + n;
    *p++ = (unsigned char)(c >> 24);
    *p++ = (unsigned char)(c >> 16);
    *p++ = (unsigned char)(c >> 8);
    *p++ = (unsigned char)c;
    return (size_t)(p - out);
}

/* A PNG whose header says w x h, 8-bit grey, followed by a valid zlib
 * stream of a few rows: decoding it would need w*h bytes (900 MB for
 * 30000x30000), the file has a hundred. */
static void make_png_bomb(const char *path, uint32_t w, uint32_t h)
{
    unsigned char buf[512], *p = buf;
    memcpy(p, "\x89PNG\r\n\x1a\n", 8);
    p += 8;
    unsigned char ihdr[13] = {
        (unsigned char)(w >> 24), (unsigned char)(w >> 16), (unsigned char)(w >> 8),
        (unsigned char)w, (unsigned char)(h >> 24), (unsigned char)(h >> 16),
        (unsigned char)(h >> 8), (unsigned char)h, 8, 0, 0, 0, 0,
    };
    p += png_chunk(p, "IHDR", ihdr, sizeof ihdr);
    /* zlib: a stored block of 16 zero bytes (its adler32 is 0x00100001). */
    unsigned char idat[] = { 0x78, 0x01, 0x01, 0x10, 0x00, 0xEF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0,
                             0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x10, 0x00, 0x01 };
    p += png_chunk(p, "IDAT", idat, sizeof idat);
    p += png_chunk(p, "IEND", NULL, 0);
    write_bytes(path, buf, (size_t)(p - buf));
}

/* A copy of the JPEG at src whose frame header (SOF) says w x h. */
static int make_jpeg_bomb(const char *src, const char *path, int w, int h)
{
    size_t n;
    unsigned char *p = slurp(src, &n);
    if (!p)
        return -1;
    int done = -1;
    for (size_t i = 2; i + 9 < n; i++) {
        if (p[i] == 0xFF && (p[i + 1] == 0xC0 || p[i + 1] == 0xC1 || p[i + 1] == 0xC2)) {
            p[i + 5] = (unsigned char)(h >> 8);
            p[i + 6] = (unsigned char)h;
            p[i + 7] = (unsigned char)(w >> 8);
            p[i + 8] = (unsigned char)w;
            done = 0;
            break;
        }
    }
    write_bytes(path, p, n);
    free(p);
    return done;
}

/* ---- checks on stored files ---- */

/* The header of a stored file: 0 when it loads, with its size and whether
 * it carries any metadata (EXIF, XMP, IPTC, ICC or an orientation). */
static int stored(const char *path, int *w, int *h, int *meta)
{
    VipsImage *im = vips_image_new_from_file(path, NULL);
    if (!im) {
        vips_error_clear();
        return -1;
    }
    *w = vips_image_get_width(im);
    *h = vips_image_get_height(im);
    *meta = 0;
    gchar **f = vips_image_get_fields(im);
    for (int i = 0; f[i]; i++)
        if (strncmp(f[i], "exif-", 5) == 0 || strcmp(f[i], VIPS_META_XMP_NAME) == 0 ||
            strcmp(f[i], VIPS_META_IPTC_NAME) == 0 || strcmp(f[i], VIPS_META_ICC_NAME) == 0 ||
            strcmp(f[i], VIPS_META_ORIENTATION) == 0)
            *meta = 1;
    g_strfreev(f);
    g_object_unref(im);
    return 0;
}

/* The pixel at (x, y) of a stored file, up to 4 bands into v. */
static int pixel(const char *path, int x, int y, double v[4])
{
    VipsImage *im = vips_image_new_from_file(path, NULL);
    double *p;
    int n;
    if (!im || vips_getpoint(im, &p, &n, x, y, NULL)) {
        if (im)
            g_object_unref(im);
        vips_error_clear();
        return -1;
    }
    for (int i = 0; i < 4; i++)
        v[i] = i < n ? p[i] : -1;
    g_free(p);
    g_object_unref(im);
    return 0;
}

static int starts_with(const char *path, const void *magic, size_t n)
{
    unsigned char b[16] = { 0 };
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t k = fread(b, 1, sizeof b, f);
    fclose(f);
    return k >= n && memcmp(b, magic, n) == 0;
}

/* Files in the media folder, and whether any is a leftover temporary. */
static int count_files(int *tmp)
{
    DIR *d = opendir(media);
    int n = 0;
    *tmp = 0;
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.' || strncmp(e->d_name, ".tmp", 4) == 0) {
            n++;
            *tmp += strncmp(e->d_name, ".tmp", 4) == 0;
        }
    closedir(d);
    return n;
}

static void hex_hash_of(const char *path, char hex[MEDIA_HASH_HEX + 1])
{
    size_t n;
    unsigned char *p = slurp(path, &n), d[MEDIA_HASH_HEX / 2];
    crypto_generichash(d, sizeof d, p, n, NULL, 0);
    sodium_bin2hex(hex, MEDIA_HASH_HEX + 1, d, sizeof d);
    free(p);
}

/* Check every file of info: the original (type, upright size, no
 * metadata) and each variant's WebP and JPEG (its width, the original's
 * aspect ratio, no metadata). */
static void check_files(const struct media_info *info)
{
    char name[96];
    int w, h, meta;
    snprintf(name, sizeof name, "%s-orig.%s", info->hash, media_type_exts[info->type]);
    CHECK_STR(media_file_type(name), info->mime);
    CHECK(stored(md(name), &w, &h, &meta) == 0);
    CHECK(w == info->width && h == info->height && !meta);
    static const unsigned char jpeg[] = { 0xFF, 0xD8, 0xFF }, png[] = { 0x89, 'P', 'N', 'G' };
    if (info->type == MEDIA_JPEG)
        CHECK(starts_with(md(name), jpeg, 3));
    else if (info->type == MEDIA_PNG)
        CHECK(starts_with(md(name), png, 4));
    else
        CHECK(starts_with(md(name), "RIFF", 4));
    for (size_t i = 0; i < info->nwidths; i++) {
        int vw = info->widths[i];
        CHECK(vw <= info->width);                   /* never an upscale */
        snprintf(name, sizeof name, "%s-%d.webp", info->hash, vw);
        CHECK_STR(media_file_type(name), "image/webp");
        CHECK(stored(md(name), &w, &h, &meta) == 0);
        CHECK(w == vw && !meta);
        CHECK(abs(h - media_variant_height(info->width, info->height, vw)) <= 1);
        CHECK(starts_with(md(name), "RIFF", 4));
        snprintf(name, sizeof name, "%s-%d.jpg", info->hash, vw);
        CHECK(stored(md(name), &w, &h, &meta) == 0);
        CHECK(w == vw && !meta);
        CHECK(abs(h - media_variant_height(info->width, info->height, vw)) <= 1);
        CHECK(starts_with(md(name), jpeg, 3));
    }
    /* the crops: JPEG, their exact size, within the widest variant */
    int bw = info->widths[info->nwidths - 1];
    int bh = media_variant_height(info->width, info->height, bw);
    for (int c = 0; c < MEDIA_CROP__MAX; c++) {
        int cw, ch;
        media_crop_size(info->width, info->height, (enum media_crop)c, &cw, &ch);
        CHECK(cw >= 1 && ch >= 1 && cw <= bw && ch <= bh);
        media_crop_name(name, info->hash, cw, ch);
        CHECK_STR(media_file_type(name), "image/jpeg");
        CHECK(stored(md(name), &w, &h, &meta) == 0);
        CHECK(w == cw && h == ch && !meta);
        CHECK(starts_with(md(name), jpeg, 3));
    }
}

/* ---- tests ---- */

static void test_widths(void)
{
    int ws[MEDIA_MAX_VARIANTS];
    size_t n = media_variant_widths(4000, ws);
    CHECK(n == 3 && ws[0] == 480 && ws[1] == 960 && ws[2] == 1600);
    n = media_variant_widths(1600, ws);
    CHECK(n == 3 && ws[2] == 1600);
    n = media_variant_widths(1599, ws);
    CHECK(n == 3 && ws[0] == 480 && ws[1] == 960 && ws[2] == 1599);
    n = media_variant_widths(960, ws);
    CHECK(n == 2 && ws[1] == 960);
    n = media_variant_widths(300, ws);
    CHECK(n == 1 && ws[0] == 300);
    CHECK(media_variant_widths(0, ws) == 0);
    CHECK(media_variant_height(1600, 900, 480) == 270);
    CHECK(media_variant_height(3, 2, 1) == 1);          /* 0.67 rounds to 1 */
    CHECK(media_variant_height(10000, 1, 480) == 1);    /* never 0 */
    int cw, ch;
    char name[MEDIA_NAME_MAX];
    media_crop_size(4000, 3000, MEDIA_CROP_16_9, &cw, &ch);    /* large: the sizes asked */
    CHECK(cw == 1200 && ch == 675);
    media_crop_size(4000, 3000, MEDIA_CROP_4_3, &cw, &ch);
    CHECK(cw == 1200 && ch == 900);
    media_crop_size(4000, 3000, MEDIA_CROP_1_1, &cw, &ch);
    CHECK(cw == 1200 && ch == 1200);
    media_crop_size(4000, 3000, MEDIA_CROP_CARD, &cw, &ch);
    CHECK(cw == 1200 && ch == 630);
    media_crop_size(1400, 800, MEDIA_CROP_4_3, &cw, &ch);     /* the height binds */
    CHECK(cw == 1067 && ch == 800);
    media_crop_size(1400, 800, MEDIA_CROP_1_1, &cw, &ch);
    CHECK(cw == 800 && ch == 800);
    media_crop_size(800, 1200, MEDIA_CROP_16_9, &cw, &ch);    /* the width binds */
    CHECK(cw == 800 && ch == 450);
    media_crop_size(4000, 1000, MEDIA_CROP_1_1, &cw, &ch);    /* from the 1600x400 variant */
    CHECK(cw == 400 && ch == 400);
    media_crop_size(3, 1, MEDIA_CROP_1_1, &cw, &ch);          /* never 0, never past it */
    CHECK(cw == 1 && ch == 1);
    media_crop_size(1, 5000, MEDIA_CROP_CARD, &cw, &ch);
    CHECK(cw == 1 && ch == 1);
    media_crop_size(0, 10, MEDIA_CROP_1_1, &cw, &ch);
    CHECK(cw == 0 && ch == 0);
    CHECK_STR(media_crop_name(name, "0123456789abcdef0123456789abcdef", 1200, 630),
              "0123456789abcdef0123456789abcdef-1200x630.jpg");
    CHECK_STR(media_file_type("0123456789abcdef0123456789abcdef-1200x630.jpg"), "image/jpeg");
    CHECK(!media_file_type("0123456789abcdef0123456789abcdef-1200x630.webp"));
    CHECK(!media_file_type("0123456789abcdef0123456789abcdef-1200x.jpg"));
    CHECK(!media_file_type("0123456789abcdef0123456789abcdef-1200x0630.jpg"));
    CHECK(!media_file_type("0123456789abcdef0123456789abcdef-1200x630x2.jpg"));
    CHECK(media_hash_valid("0123456789abcdef0123456789abcdef"));
    CHECK(!media_hash_valid("0123456789ABCDEF0123456789abcdef"));
    CHECK(!media_hash_valid("0123456789abcdef0123456789abcde"));
    CHECK(!media_hash_valid("0123456789abcdef0123456789abcdef0"));
    CHECK(!media_hash_valid("../../etc/passwd"));
    CHECK(!media_hash_valid(NULL));
    CHECK_STR(media_file_type("0123456789abcdef0123456789abcdef-orig.png"), "image/png");
    CHECK_STR(media_file_type("0123456789abcdef0123456789abcdef-orig.webp"), "image/webp");
    CHECK_STR(media_file_type("0123456789abcdef0123456789abcdef-960.webp"), "image/webp");
    CHECK_STR(media_file_type("0123456789abcdef0123456789abcdef-1600.jpg"), "image/jpeg");
    CHECK(!media_file_type("0123456789abcdef0123456789abcdef-0960.jpg"));
    CHECK(!media_file_type("0123456789abcdef0123456789abcdef-960.png"));
    CHECK(!media_file_type("0123456789abcdef0123456789abcdef-orig.svg"));
    CHECK(!media_file_type("0123456789abcdef0123456789abcdef-.jpg"));
    CHECK(!media_file_type("0123456789abcdef0123456789abcdef-960.jpg/x"));
    CHECK(!media_file_type("0123456789ABCDEF0123456789abcdef-960.jpg"));
    CHECK(!media_file_type(".tmp-AbC123"));
    CHECK(!media_file_type("../0123456789abcdef0123456789abcdef-960.jpg"));
    CHECK(!media_file_type(""));
    CHECK(strcmp(media_refusal_message_ar(MEDIA_REFUSAL_NOT_IMAGE),
                 "الملف ليس صورة بصيغة JPEG أو PNG أو WebP") == 0);
    CHECK(strcmp(media_refusal_message_ar(MEDIA_REFUSAL_CORRUPT),
                 "الصورة تالفة أو غير مكتملة") == 0);
    CHECK(media_refusal_message_ar((enum media_refusal)99) != NULL);
}

/* Refused before any pixel is decoded: fast, and without the gigabyte the
 * pixels would take. Run first, while the process is small. */
static void test_bombs(void)
{
    struct media_info info;
    char err[256];
    make_png_bomb(fx("bomb.png"), 30000, 30000);
    long rss = maxrss_kb();
    double t = now_s();
    CHECK(media_ingest(fx("bomb.png"), media, &info, err, sizeof err) == AK_ETOOBIG);
    CHECK(info.refusal == MEDIA_REFUSAL_TOO_MANY_PIXELS);
    CHECK_CONTAINS(err, "30000x30000");
    /* 7100 x 7100 is under the side limit and over the pixel limit. */
    make_png_bomb(fx("bomb2.png"), 7100, 7100);
    CHECK(media_ingest(fx("bomb2.png"), media, &info, err, sizeof err) == AK_ETOOBIG);
    CHECK(info.refusal == MEDIA_REFUSAL_TOO_MANY_PIXELS);
    /* A side over the limit, few pixels. */
    make_png_bomb(fx("wide.png"), MEDIA_MAX_SIDE + 1, 1);
    CHECK(media_ingest(fx("wide.png"), media, &info, err, sizeof err) == AK_ETOOBIG);
    CHECK_CONTAINS(err, "a side over");
    /* At the limits exactly: not refused for their size (but their pixel
     * data is a few rows of zeros: corrupt). */
    make_png_bomb(fx("limit.png"), 10000, MEDIA_MAX_PIXELS / 10000);
    CHECK(media_ingest(fx("limit.png"), media, &info, err, sizeof err) == AK_EINVAL);
    CHECK(info.refusal == MEDIA_REFUSAL_CORRUPT);
    make_png_bomb(fx("side.png"), MEDIA_MAX_SIDE, 2);
    CHECK(media_ingest(fx("side.png"), media, &info, err, sizeof err) == AK_EINVAL);
    CHECK(info.refusal == MEDIA_REFUSAL_CORRUPT);
    double took = now_s() - t;
    long grew = maxrss_kb() - rss;
    CHECK(took < 1.0);
    CHECK(grew < 64 * 1024);            /* KB: decoding would take 900 MB */
    if (took >= 1.0 || grew >= 64 * 1024)
        fprintf(stderr, "bombs took %.2f s, grew %ld KB\n", took, grew);
    int tmp;
    CHECK(count_files(&tmp) == 0 && tmp == 0);
}

static void test_valid(void)
{
    struct media_info info, again;
    char err[256];
    int tmp;

    /* A JPEG from a turned camera, with GPS in its EXIF. */
    CHECK(make_gps_jpeg(fx("gps.jpg")) == 0);
    const char *gps;
    VipsImage *im = vips_image_new_from_file(fx("gps.jpg"), NULL);
    CHECK(im && vips_image_get_string(im, "exif-ifd3-GPSLatitude", &gps) == 0);  /* it has it */
    CHECK(im && vips_image_get_typeof(im, VIPS_META_XMP_NAME) != 0);
    if (im)
        g_object_unref(im);
    CHECK(media_ingest(fx("gps.jpg"), media, &info, err, sizeof err) == AK_OK);
    if (*err)
        fprintf(stderr, "gps.jpg: %s\n", err);
    char hex[MEDIA_HASH_HEX + 1];
    hex_hash_of(fx("gps.jpg"), hex);
    CHECK_STR(info.hash, hex);                   /* BLAKE2b-128 of the upload's bytes */
    CHECK(info.type == MEDIA_JPEG && strcmp(info.mime, "image/jpeg") == 0);
    CHECK(info.width == 800 && info.height == 1200);    /* upright */
    CHECK(info.nwidths == 2 && info.widths[0] == 480 && info.widths[1] == 800);
    CHECK(!info.reused && info.refusal == MEDIA_REFUSAL_NONE);
    struct stat sb;
    CHECK(stat(fx("gps.jpg"), &sb) == 0 && info.bytes == sb.st_size);
    check_files(&info);
    CHECK(count_files(&tmp) == 9 && tmp == 0);         /* + 4 crops */
    /* The pixels were turned, not just the numbers: the gradient's red
     * channel runs along the original's x, which is now y. */
    char name[96];
    double top[4], bottom[4];
    snprintf(name, sizeof name, "%s-480.jpg", info.hash);
    CHECK(pixel(md(name), 240, 5, top) == 0 && pixel(md(name), 240, 714, bottom) == 0);
    CHECK(top[0] < 40 && bottom[0] > 215);

    /* Again: same name, nothing written (the files keep their inode). */
    snprintf(name, sizeof name, "%s-800.webp", info.hash);
    struct stat before, after;
    CHECK(stat(md(name), &before) == 0);
    CHECK(media_ingest(fx("gps.jpg"), media, &again, err, sizeof err) == AK_OK);
    CHECK_STR(again.hash, info.hash);
    CHECK(again.reused && again.width == 800 && again.height == 1200 && again.nwidths == 2);
    CHECK(stat(md(name), &after) == 0 && after.st_ino == before.st_ino &&
          after.st_mtime == before.st_mtime);
    CHECK(count_files(&tmp) == 9);
    /* A lost variant is made again; the rest stay. */
    CHECK(unlink(md(name)) == 0);
    CHECK(media_ingest(fx("gps.jpg"), media, &again, err, sizeof err) == AK_OK);
    CHECK(!again.reused && stat(md(name), &after) == 0);
    CHECK(count_files(&tmp) == 9 && tmp == 0);

    /* A PNG with transparency; its name says .jpg, its content wins. */
    CHECK(make_png(fx("alpha.jpg"), 800, 600, 1) == 0);
    CHECK(media_ingest(fx("alpha.jpg"), media, &info, err, sizeof err) == AK_OK);
    CHECK(info.type == MEDIA_PNG && strcmp(info.mime, "image/png") == 0);
    CHECK(info.width == 800 && info.height == 600);
    CHECK(info.nwidths == 2 && info.widths[0] == 480 && info.widths[1] == 800);
    check_files(&info);
    double px[4];
    snprintf(name, sizeof name, "%s-480.jpg", info.hash);      /* transparent: white */
    CHECK(pixel(md(name), 10, 300, px) == 0 && px[0] > 250 && px[1] > 250 && px[2] > 250);
    snprintf(name, sizeof name, "%s-480.webp", info.hash);     /* alpha kept */
    CHECK(pixel(md(name), 10, 300, px) == 0 && px[3] < 5);
    snprintf(name, sizeof name, "%s-orig.png", info.hash);
    CHECK(pixel(md(name), 700, 300, px) == 0 && px[3] > 250);

    /* A large WebP: the three standard widths. */
    CHECK(make_webp(fx("big.webp"), 1700, 1000) == 0);
    CHECK(media_ingest(fx("big.webp"), media, &info, err, sizeof err) == AK_OK);
    CHECK(info.type == MEDIA_WEBP && info.width == 1700 && info.height == 1000);
    CHECK(info.nwidths == 3 && info.widths[2] == 1600);
    check_files(&info);

    /* A small PNG: one variant, its own size. */
    CHECK(make_png(fx("small.png"), 300, 200, 0) == 0);
    CHECK(media_ingest(fx("small.png"), media, &info, err, sizeof err) == AK_OK);
    CHECK(info.nwidths == 1 && info.widths[0] == 300);
    check_files(&info);

    /* Display P3: converted to sRGB before the profile goes. */
    CHECK(make_p3_jpeg(fx("p3.jpg")) == 0);
    CHECK(pixel(fx("p3.jpg"), 5, 5, px) == 0 && px[0] < 245);  /* P3 numbers */
    CHECK(media_ingest(fx("p3.jpg"), media, &info, err, sizeof err) == AK_OK);
    check_files(&info);
    snprintf(name, sizeof name, "%s-64.jpg", info.hash);
    CHECK(pixel(md(name), 5, 5, px) == 0 && px[0] > 245 && px[1] < 15 && px[2] < 15);
    snprintf(name, sizeof name, "%s-orig.jpg", info.hash);
    CHECK(pixel(md(name), 5, 5, px) == 0 && px[0] > 245 && px[1] < 15 && px[2] < 15);

    /* Exactly MEDIA_MAX_BYTES (a PNG with zeros after its end) is allowed. */
    size_t n;
    unsigned char *p = slurp(fx("small.png"), &n);
    FILE *f = fopen(fx("max.png"), "wb");
    CHECK(p && f && fwrite(p, 1, n, f) == n);
    if (f) {
        CHECK(ftruncate(fileno(f), MEDIA_MAX_BYTES) == 0);
        fclose(f);
    }
    free(p);
    CHECK(media_ingest(fx("max.png"), media, &info, err, sizeof err) == AK_OK);
    CHECK(info.bytes == MEDIA_MAX_BYTES && info.width == 300);
    CHECK(count_files(&tmp) > 0 && tmp == 0);
}

/* A 1600x900 grey picture with one red square near its left edge, as PNG. */
static int make_red_square(const char *path)
{
    VipsImage *black, *grey, *im;
    if (vips_black(&black, 1600, 900, "bands", 3, NULL))
        return -1;
    vips_linear1(black, &grey, 1, 128, NULL);
    vips_cast(grey, &im, VIPS_FORMAT_UCHAR, NULL);
    im->Type = VIPS_INTERPRETATION_sRGB;
    g_object_unref(black);
    g_object_unref(grey);
    VipsImage *mem = vips_image_copy_memory(im);
    g_object_unref(im);
    double red[3] = { 230, 20, 20 };
    int rc = !mem || vips_draw_rect(mem, red, 3, 40, 380, 120, 120, "fill", TRUE, NULL) ||
             vips_pngsave(mem, path, NULL);
    if (mem)
        g_object_unref(mem);
    return rc ? -1 : 0;
}

/* Whether the stored image at path has a red pixel (sampled every 8). */
static int has_red(const char *path)
{
    VipsImage *im = vips_image_new_from_file(path, NULL);
    int found = 0;
    for (int y = 0; im && !found && y < vips_image_get_height(im); y += 8)
        for (int x = 0; !found && x < vips_image_get_width(im); x += 8) {
            double *p;
            int n;
            if (vips_getpoint(im, &p, &n, x, y, NULL) == 0) {
                found = n >= 3 && p[0] > 180 && p[1] < 80 && p[2] < 80;
                g_free(p);
            }
        }
    if (im)
        g_object_unref(im);
    vips_error_clear();
    return found;
}

/* The crops: cut around what draws the eye, and made again from the
 * stored original by media_derive when missing. */
static void test_crops(void)
{
    struct media_info info;
    char err[256], name[96];
    size_t made;
    int tmp, cw, ch;

    CHECK(make_red_square(fx("red.png")) == 0);
    CHECK(media_ingest(fx("red.png"), media, &info, err, sizeof err) == AK_OK);
    check_files(&info);
    /* the square is at the left edge: a centred 1:1 or 4:3 cut would lose it */
    for (int c = 0; c < MEDIA_CROP__MAX; c++) {
        media_crop_size(info.width, info.height, (enum media_crop)c, &cw, &ch);
        CHECK(has_red(md(media_crop_name(name, info.hash, cw, ch))));
    }
    int before = count_files(&tmp);
    /* crops lost (or never made: stored before crops existed) */
    for (int c = 0; c < MEDIA_CROP__MAX; c++) {
        media_crop_size(info.width, info.height, (enum media_crop)c, &cw, &ch);
        CHECK(unlink(md(media_crop_name(name, info.hash, cw, ch))) == 0);
    }
    snprintf(name, sizeof name, "%s-480.webp", info.hash);
    CHECK(unlink(md(name)) == 0);
    CHECK(media_derive(media, info.hash, info.type, info.width, info.height, &made, err,
                       sizeof err) == AK_OK);
    CHECK(made == MEDIA_CROP__MAX + 1);
    CHECK(count_files(&tmp) == before && tmp == 0);
    check_files(&info);
    CHECK(media_derive(media, info.hash, info.type, info.width, info.height, &made, err,
                       sizeof err) == AK_OK);
    CHECK(made == 0);                           /* nothing missing: nothing written */
    /* no original: nothing to make them from */
    CHECK(media_derive(media, "0123456789abcdef0123456789abcdef", MEDIA_PNG, 100, 100, &made,
                       err, sizeof err) == AK_ENOTFOUND);
    CHECK(strstr(err, "missing") != NULL);
    CHECK(media_derive(media, "../../etc/passwd", MEDIA_PNG, 100, 100, &made, err,
                       sizeof err) == AK_EINVAL);
}

static void test_refused(void)
{
    struct media_info info;
    char err[256];
    int tmp, files = count_files(&tmp);

    /* A text file named .jpg. */
    const char *text = "هذا ليس صورة\n";
    write_bytes(fx("text.jpg"), text, strlen(text));
    CHECK(media_ingest(fx("text.jpg"), media, &info, err, sizeof err) == AK_EINVAL);
    CHECK(info.refusal == MEDIA_REFUSAL_NOT_IMAGE);
    CHECK_CONTAINS(err, "not JPEG, PNG or WebP");
    /* SVG, whatever it is called. */
    const char *svg = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" "
                      "width=\"10\" height=\"10\"><script>alert(1)</script></svg>";
    write_bytes(fx("image.svg"), svg, strlen(svg));
    CHECK(media_ingest(fx("image.svg"), media, &info, err, sizeof err) == AK_EINVAL);
    CHECK(info.refusal == MEDIA_REFUSAL_NOT_IMAGE);
    write_bytes(fx("svg.png"), svg, strlen(svg));
    CHECK(media_ingest(fx("svg.png"), media, &info, err, sizeof err) == AK_EINVAL);
    /* GIF. */
    static const unsigned char gif[] = {      /* one white pixel */
        'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff,
        ',', 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 'D', 1, 0, ';',
    };
    write_bytes(fx("anim.gif"), gif, sizeof gif);
    CHECK(media_ingest(fx("anim.gif"), media, &info, err, sizeof err) == AK_EINVAL);
    CHECK(info.refusal == MEDIA_REFUSAL_NOT_IMAGE);
    /* Empty. */
    write_bytes(fx("empty.jpg"), "", 0);
    CHECK(media_ingest(fx("empty.jpg"), media, &info, err, sizeof err) == AK_EINVAL);
    CHECK(info.refusal == MEDIA_REFUSAL_EMPTY);
    /* Not there; a directory. */
    CHECK(media_ingest(fx("none.jpg"), media, &info, err, sizeof err) == AK_EIO);
    CHECK(info.refusal == MEDIA_REFUSAL_NONE);
    CHECK(media_ingest(dir, media, &info, err, sizeof err) == AK_EINVAL);
    /* One byte over the limit (a valid image with zeros after it). */
    size_t n;
    unsigned char *p = slurp(fx("small.png"), &n);
    FILE *f = fopen(fx("over.png"), "wb");
    CHECK(p && f && fwrite(p, 1, n, f) == n);
    if (f) {
        CHECK(ftruncate(fileno(f), MEDIA_MAX_BYTES + 1) == 0);
        fclose(f);
    }
    CHECK(media_ingest(fx("over.png"), media, &info, err, sizeof err) == AK_ETOOBIG);
    CHECK(info.refusal == MEDIA_REFUSAL_FILE_TOO_BIG);
    CHECK_CONTAINS(err, "20971521 bytes");
    /* A truncated PNG: its first half. */
    write_bytes(fx("half.png"), p, n / 2);
    free(p);
    CHECK(media_ingest(fx("half.png"), media, &info, err, sizeof err) == AK_EINVAL);
    CHECK(info.refusal == MEDIA_REFUSAL_CORRUPT);
    /* A truncated JPEG: libjpeg would paint the rest grey; we refuse. */
    p = slurp(fx("gps.jpg"), &n);
    write_bytes(fx("half.jpg"), p, n / 2);
    CHECK(media_ingest(fx("half.jpg"), media, &info, err, sizeof err) == AK_EINVAL);
    CHECK(info.refusal == MEDIA_REFUSAL_CORRUPT);
    CHECK_CONTAINS(err, "cannot decode");
    /* JPEG magic, then garbage. */
    memset(p + 4, 0x5A, n - 4);
    write_bytes(fx("junk.jpg"), p, n);
    CHECK(media_ingest(fx("junk.jpg"), media, &info, err, sizeof err) == AK_EINVAL);
    CHECK(info.refusal == MEDIA_REFUSAL_CORRUPT);
    free(p);
    /* A JPEG whose header claims 20000 x 20000. */
    CHECK(make_jpeg_bomb(fx("gps.jpg"), fx("bomb.jpg"), 20000, 20000) == 0);
    double t = now_s();
    CHECK(media_ingest(fx("bomb.jpg"), media, &info, err, sizeof err) == AK_ETOOBIG);
    CHECK(info.refusal == MEDIA_REFUSAL_TOO_MANY_PIXELS);
    CHECK(now_s() - t < 1.0);
    /* Nothing was added by any of them, and no temporary is left. */
    CHECK(count_files(&tmp) == files && tmp == 0);
    /* A folder that cannot be made. */
    CHECK(media_ingest(fx("small.png"), "/proc/akhbar-media", &info, err, sizeof err) == AK_EIO);
}

/* Several uploads at once, two of them the same bytes, from threads
 * libvips did not make (as the server's are). */
struct job {
    const char *path;
    enum ak_err rc;
    struct media_info info;
};

static void *ingest_thread(void *arg)
{
    struct job *j = arg;
    char err[256];
    j->rc = media_ingest(j->path, media, &j->info, err, sizeof err);
    return NULL;
}

static void test_threads(void)
{
    CHECK(make_png(fx("t1.png"), 1000, 500, 0) == 0);
    CHECK(make_webp(fx("t2.webp"), 1650, 700) == 0);
    struct job jobs[5] = {
        { .path = fx("t1.png") }, { .path = fx("t2.webp") }, { .path = fx("t1.png") },
        { .path = fx("half.jpg") }, { .path = fx("bomb.png") },
    };
    pthread_t th[5];
    for (int i = 0; i < 5; i++)
        CHECK(pthread_create(&th[i], NULL, ingest_thread, &jobs[i]) == 0);
    for (int i = 0; i < 5; i++)
        pthread_join(th[i], NULL);
    CHECK(jobs[0].rc == AK_OK && jobs[1].rc == AK_OK && jobs[2].rc == AK_OK);
    CHECK(strcmp(jobs[0].info.hash, jobs[2].info.hash) == 0);
    CHECK(jobs[0].info.nwidths == 3 && jobs[0].info.widths[2] == 1000);
    CHECK(jobs[3].rc == AK_EINVAL && jobs[3].info.refusal == MEDIA_REFUSAL_CORRUPT);
    CHECK(jobs[4].rc == AK_ETOOBIG);
    check_files(&jobs[0].info);
    check_files(&jobs[1].info);
    int tmp;
    count_files(&tmp);
    CHECK(tmp == 0);
}

/* The media table, and migration 5 matching schema.sql. */
static void test_store(void)
{
    char path[96];
    snprintf(path, sizeof path, "%s/store.db", dir);
    struct store *st;
    CHECK(store_open(path, STORE_CREATE, &st) == AK_OK);
    if (!st)
        return;
    struct arena a;
    arena_init(&a, 0);
    struct media m = {
        .hash = "0123456789abcdef0123456789abcdef", .width = 1600, .height = 900,
        .mime = "image/jpeg", .alt = "وزراء الخارجية في مسقط", .bytes = 12345,
    };
    int64_t id1 = 0, id2 = 0, id3 = 0;
    int existed = -1;
    setenv("AKHBAR_NOW", "1000", 1);
    CHECK(store_media_add(st, &m, &id1, &existed) == AK_OK && id1 > 0 && existed == 0);
    /* The same bytes again: the same row, its alt unchanged. */
    struct media again = m;
    again.alt = "نص آخر";
    CHECK(store_media_add(st, &again, &id2, &existed) == AK_OK && id2 == id1 && existed == 1);
    struct media got;
    CHECK(store_media_get(st, &a, id1, &got) == AK_OK);
    CHECK_STR(got.hash, m.hash);
    CHECK_STR(got.alt, "وزراء الخارجية في مسقط");
    CHECK_STR(got.mime, "image/jpeg");
    CHECK(got.width == 1600 && got.height == 900 && got.bytes == 12345 &&
          got.created_at == 1000 && got.user_id == 0);
    CHECK(store_media_get(st, &a, 999, &got) == AK_ENOTFOUND);
    /* Required alt text; a real hash; an accepted type; a known user. */
    struct media bad = m;
    bad.hash = "fedcba9876543210fedcba9876543210";
    bad.alt = "";
    CHECK(store_media_add(st, &bad, &id3, NULL) == AK_EINVAL);
    bad.alt = "   ";
    CHECK(store_media_add(st, &bad, &id3, NULL) == AK_EINVAL);
    bad.alt = NULL;
    CHECK(store_media_add(st, &bad, &id3, NULL) == AK_EINVAL);
    bad.alt = "بديل";
    bad.mime = "image/svg+xml";
    CHECK(store_media_add(st, &bad, &id3, NULL) == AK_EINVAL);
    bad.mime = "image/png";
    bad.hash = "short";
    CHECK(store_media_add(st, &bad, &id3, NULL) == AK_EINVAL);
    bad.hash = "fedcba9876543210fedcba9876543210";
    bad.width = 0;
    CHECK(store_media_add(st, &bad, &id3, NULL) == AK_EINVAL);
    bad.width = 10;
    bad.user_id = 77;
    CHECK(store_media_add(st, &bad, &id3, NULL) == AK_EINVAL);
    bad.user_id = 0;
    setenv("AKHBAR_NOW", "2000", 1);
    CHECK(store_media_add(st, &bad, &id3, &existed) == AK_OK && id3 > id1 && existed == 0);
    unsetenv("AKHBAR_NOW");
    struct media *list;
    size_t n, total;
    CHECK(store_media_list(st, &a, 0, 10, &list, &n, &total) == AK_OK);
    CHECK(n == 2 && total == 2 && list[0].id == id3 && list[1].id == id1);   /* newest first */
    CHECK(store_media_list(st, &a, 1, 10, &list, &n, NULL) == AK_OK && n == 1 &&
          list[0].id == id1);
    CHECK(store_media_set_alt(st, id1, "صورة جديدة") == AK_OK);
    CHECK(store_media_get(st, &a, id1, &got) == AK_OK);
    CHECK_STR(got.alt, "صورة جديدة");
    CHECK(store_media_set_alt(st, id1, "") == AK_EINVAL);
    CHECK(store_media_set_alt(st, 999, "نص") == AK_ENOTFOUND);

    /* An article's image: deleting the image leaves the article without. */
    int64_t sec, art;
    CHECK(store_section_add(st, "world", "أخبار عالمية", &sec) == AK_OK);
    struct article_in in = { .title = "خبر", .section = "world",
                             .status = ARTICLE_PUBLISHED, .published_at = 1 };
    CHECK(store_article_insert(st, &in, &art) == AK_OK);
    sqlite3_stmt *s;
    char sql[160];
    snprintf(sql, sizeof sql, "UPDATE article SET image_id=%lld WHERE id=%lld", (long long)id1,
             (long long)art);
    CHECK(sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK);
    snprintf(sql, sizeof sql, "DELETE FROM media WHERE id=%lld", (long long)id1);
    CHECK(sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK);
    CHECK(sqlite3_prepare_v2(st->db, "SELECT image_id IS NULL FROM article", -1, &s, NULL) == 0);
    CHECK(sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == 1);
    sqlite3_finalize(s);
    store_close(st);

    /* A version-4 database (made by the migrations from version 1, as the
     * search test does) reaches the same tables and columns as a new one. */
    char old[96];
    snprintf(old, sizeof old, "%s/v1.db", dir);
    size_t len;
    char *schema = (char *)slurp("tests/fixtures/schema-v1.sql", &len);
    CHECK(schema != NULL);
    if (!schema) {
        arena_reset(&a);
        return;
    }
    schema = realloc(schema, len + 1);
    schema[len] = '\0';
    sqlite3 *db;
    CHECK(sqlite3_open(old, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, schema, NULL, NULL, NULL) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "PRAGMA user_version=1; INSERT INTO setting VALUES('secret', "
                       "zeroblob(32));", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    free(schema);
    struct store *mig;
    CHECK(store_open(old, STORE_CREATE, &mig) == AK_OK);
    CHECK(store_open(path, 0, &st) == AK_OK);
    if (mig && st) {
        /* Every column of every table and every index, as text. */
        static const char q[] =
            "SELECT group_concat(x, ';') FROM (SELECT m.name || '.' || p.name || ' ' || "
            "p.type || ' ' || p.\"notnull\" || ' ' || coalesce(p.dflt_value, '') || ' ' || "
            "p.pk AS x FROM sqlite_schema m, pragma_table_info(m.name) p WHERE m.type='table' "
            "UNION ALL SELECT 'index ' || name || ' ' || tbl_name FROM sqlite_schema "
            "WHERE type='index' UNION ALL SELECT 'fk ' || m.name || '.' || f.\"from\" || ' ' || "
            "f.\"table\" || ' ' || f.on_delete FROM sqlite_schema m, "
            "pragma_foreign_key_list(m.name) f WHERE m.type='table' ORDER BY 1)";
        char *shape[2] = { NULL, NULL };
        struct store *both[2] = { mig, st };
        for (int i = 0; i < 2; i++) {
            CHECK(sqlite3_prepare_v2(both[i]->db, q, -1, &s, NULL) == SQLITE_OK);
            if (sqlite3_step(s) == SQLITE_ROW)
                shape[i] = strdup((const char *)sqlite3_column_text(s, 0));
            sqlite3_finalize(s);
        }
        CHECK(shape[0] && shape[1] && strcmp(shape[0], shape[1]) == 0);
        CHECK_CONTAINS(shape[0], "media.alt TEXT 1");
        CHECK_CONTAINS(shape[0], "fk article.image_id media SET NULL");
        CHECK_CONTAINS(shape[0], "fk media.user_id user SET NULL");
        free(shape[0]);
        free(shape[1]);
        CHECK(store_media_add(mig, &m, &id1, &existed) == AK_OK && existed == 0);
    }
    store_close(mig);
    store_close(st);
    arena_reset(&a);
}

static void test_render(void)
{
    static const char hash[] = "0123456789abcdef0123456789abcdef";
    struct html h;
    html_init(&h, 0);
    html_image(&h, hash, 3000, 2000, "وزير \"الخارجية\" <يصافح> نظيره & 'الوفد'", 0);
    CHECK(h.b.err == AK_OK);
    CHECK_STR(h.b.p,
        "<picture><source type=\"image/webp\" srcset=\""
        "/media/0123456789abcdef0123456789abcdef-480.webp 480w, "
        "/media/0123456789abcdef0123456789abcdef-960.webp 960w, "
        "/media/0123456789abcdef0123456789abcdef-1600.webp 1600w\" "
        "sizes=\"(min-width: 46rem) 46rem, 100vw\">"
        "<img src=\"/media/0123456789abcdef0123456789abcdef-960.jpg\" srcset=\""
        "/media/0123456789abcdef0123456789abcdef-480.jpg 480w, "
        "/media/0123456789abcdef0123456789abcdef-960.jpg 960w, "
        "/media/0123456789abcdef0123456789abcdef-1600.jpg 1600w\" "
        "sizes=\"(min-width: 46rem) 46rem, 100vw\" width=\"960\" height=\"640\" "
        "alt=\"وزير &quot;الخارجية&quot; &lt;يصافح&gt; نظيره &amp; &#39;الوفد&#39;\" "
        "loading=\"lazy\"></picture>");
    char *direct = strdup(h.b.p);
    html_reset(&h);

    /* A small image: one variant, its own size; eager. */
    html_init(&h, 0);
    html_image(&h, hash, 300, 200, "صورة", RENDER_IMAGE_EAGER);
    CHECK_CONTAINS(h.b.p, "src=\"/media/0123456789abcdef0123456789abcdef-300.jpg\"");
    CHECK_CONTAINS(h.b.p, "srcset=\"/media/0123456789abcdef0123456789abcdef-300.webp 300w\"");
    CHECK_CONTAINS(h.b.p, "width=\"300\" height=\"200\"");
    CHECK(strstr(h.b.p, "loading") == NULL);
    html_reset(&h);
    /* 1200 wide: 480, 960 and 1200; shown by default at 960. */
    CHECK(render_image_default_width(1200) == 960);
    CHECK(render_image_default_width(800) == 800);
    CHECK(render_image_default_width(300) == 300);
    /* A bad hash writes nothing and poisons the page. */
    html_init(&h, 0);
    html_image(&h, "\"><script>alert(1)</script>", 3000, 2000, "x", 0);
    CHECK(h.b.err == AK_EINVAL && (h.b.p == NULL || strstr(h.b.p, "script") == NULL));
    html_reset(&h);
    html_init(&h, 0);
    html_image(&h, hash, 0, 2000, "x", 0);
    CHECK(h.b.err == AK_EINVAL);
    html_reset(&h);

    /* The theme's partial with tv_image's values gives the same bytes. */
    struct arena a;
    arena_init(&a, 0);
    struct tv *root = tv_obj(&a);
    const struct tv *img = tv_image(&a, root, "image", hash, 3000, 2000,
                                    "وزير \"الخارجية\" <يصافح> نظيره & 'الوفد'", 0);
    CHECK(img != NULL);
    CHECK(tv_image(&a, root, "bad", "nothex", 3000, 2000, "x", 0) == NULL);
    size_t n;
    char *src = (char *)slurp("themes/default/picture.html", &n);
    CHECK(src != NULL);
    if (src) {
        char err[200];
        struct tmpl *pic = tmpl_parse("picture", src, n, err, sizeof err);
        CHECK(pic != NULL);
        if (pic && img) {
            html_init(&h, 0);
            tmpl_render(pic, img, NULL, NULL, &h);
            CHECK(h.b.err == AK_OK);
            CHECK_STR(h.b.p, direct);
            html_reset(&h);
        }
        tmpl_free(pic);
        free(src);
    }
    free(direct);
    arena_reset(&a);
}

/* Remove the fixtures and media folders. */
static void cleanup(void)
{
    const char *dirs[2] = { media, dir };
    for (int k = 0; k < 2; k++) {
        DIR *d = opendir(dirs[k]);
        if (!d)
            continue;
        struct dirent *e;
        char path[400];
        while ((e = readdir(d))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", dirs[k], e->d_name);
            unlink(path);
        }
        closedir(d);
        rmdir(dirs[k]);
    }
}

/* With the site's key, the same file gets another name, the same for the
 * same key: a source's original cannot be matched to what was published. */
static void test_keyed(void)
{
    struct media_info plain, keyed, again;
    char err[256];
    CHECK(media_ingest(fx("small.png"), media, &plain, err, sizeof err) == AK_OK);
    unsigned char key[32] = { 7, 1, 4, 8 };
    media_set_key(key);
    CHECK(media_ingest(fx("small.png"), media, &keyed, err, sizeof err) == AK_OK);
    CHECK(media_ingest(fx("small.png"), media, &again, err, sizeof err) == AK_OK);
    CHECK(strcmp(plain.hash, keyed.hash) != 0);
    CHECK(strcmp(keyed.hash, again.hash) == 0 && again.reused);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/akhbar-test-media-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(media, sizeof media, "%s/media", dir);
    CHECK(media_init() == AK_OK);
    double t = now_s();
    test_widths();
    test_bombs();
    test_valid();
    test_crops();
    test_refused();
    test_threads();
    test_store();
    test_render();
    test_keyed();                       /* last: the key stays set */
    cleanup();
    media_shutdown();
    fprintf(stderr, "test_media: %.2f s\n", now_s() - t);
    T_DONE();
}
