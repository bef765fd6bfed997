/*
 * image.c: checks an uploaded image and stores it re-encoded, with its
 * variants (see image.h). The only file that includes libvips.
 *
 * Order of the checks, cheapest and safest first, so that nothing hostile
 * reaches a decoder that does not have to see it:
 *   1. size from fstat (empty, over MEDIA_MAX_BYTES), on a regular file;
 *   2. magic bytes (JPEG, PNG, WebP), read by us;
 *   3. libvips's own sniffing (vips_foreign_find_load) must name the loader
 *      of that same format; other loaders are blocked process-wide anyway;
 *   4. the header alone, through that format's loader: dimensions against
 *      MEDIA_MAX_SIDE and MEDIA_MAX_PIXELS, before any pixel is decoded;
 *   5. every pixel, decoded with fail_on=error (a truncated JPEG is an
 *      error, not a grey bottom half), while making the re-encoded original.
 * Encoders write to memory, so an encoder's failure is the upload's fault
 * and a write's failure is ours; files are written by media_file_write()
 * (files.c) under the names media_file_name() gives (name.c).
 *
 * The hash names the upload's bytes (BLAKE2b-128 of the file), not its
 * decoded pixels: it is computed while reading the file once, before any
 * decoding; it does not change when libjpeg or libvips is upgraded (decoded
 * pixels can differ by a unit between versions, which would break
 * re-upload detection); and it makes a repeated upload cheap, since finding
 * every file already in place skips decoding. Two encodings of the same
 * picture get two names, which only costs disk space.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include <vips/vips.h>
#include <webp/mux.h>
#include "base/file.h"
#include "base/log.h"
#include "media/files.h"
#include "media/image.h"

#define MEDIA_THREADS 2         /* libvips worker threads per pipeline, unless
                                   VIPS_CONCURRENCY says otherwise */
#define MEDIA_Q_ORIG 90         /* JPEG and WebP quality of the stored original */
#define MEDIA_Q_JPEG 82         /* JPEG variants */
#define MEDIA_Q_WEBP 80         /* WebP variants */
#define MEDIA_JOBS 2            /* images decoded at once in the process: one can take
                                   200 MB (50 megapixels turned by its EXIF orientation) */

/* The libvips loader that must read each type, as vips_foreign_find_load()
 * names it, and the class (with its subclasses) left unblocked. */
static const char *const media_loaders[MEDIA_TYPE__MAX] = {
    "VipsForeignLoadJpegFile", "VipsForeignLoadPngFile", "VipsForeignLoadWebpFile",
};
static const char *const media_loader_bases[MEDIA_TYPE__MAX] = {
    "VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadWebp",
};
/* ---- starting libvips ---- */

static pthread_once_t media_once = PTHREAD_ONCE_INIT;
static int media_state;         /* 0 not started, 1 running, -1 failed, 2 shut down */
static pthread_mutex_t media_jobs_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t media_jobs_free = PTHREAD_COND_INITIALIZER;
static int media_jobs;          /* decoding now, at most MEDIA_JOBS */

/* libvips's error buffer is one for the whole process: take what it holds
 * (perhaps another thread's words too) for a log line, and empty it. */
static void media_vips_error(char *out, size_t n)
{
    char *e = vips_error_buffer_copy();
    size_t k = e ? strlen(e) : 0;
    while (k && (e[k - 1] == '\n' || e[k - 1] == ' '))
        k--;
    snprintf(out, n, "%.*s", (int)k, e ? e : "");
    for (char *p = out; *p; p++)
        if (*p == '\n')
            *p = ' ';
    g_free(e);
}

/* libvips reports what it meets in hostile files ("not enough data",
 * "error in tile") through GLib warnings: into our log, as debug lines,
 * so that uploads cannot fill stderr. */
static void media_glib_log(const gchar *domain, GLogLevelFlags level, const gchar *msg,
                           gpointer data)
{
    (void)data;
    (void)level;
    log_msg(LOG_DEBUG, "media: %s: %s", domain ? domain : "glib", msg ? msg : "");
}

static void media_start(void)
{
    char detail[256];
    if (sodium_init() < 0) {
        log_error("media: cannot start libsodium");
        media_state = -1;
        return;
    }
    if (VIPS_INIT("akhbar")) {
        media_vips_error(detail, sizeof detail);
        log_error("media: cannot start libvips: %s", detail);
        media_state = -1;
        return;
    }
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO |
                      G_LOG_LEVEL_DEBUG, media_glib_log, NULL);
    /* A server decodes each upload once: the operation cache would only
     * keep decoded pixels of untrusted files in memory. */
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_cache_set_max_files(0);
    if (!getenv("VIPS_CONCURRENCY"))
        vips_concurrency_set(MEDIA_THREADS);
    /* Only three loaders may ever run: SVG (librsvg), PDF, ImageMagick,
     * TIFF, HEIF and the rest are large attack surfaces we do not need. */
    vips_block_untrusted_set(TRUE);
    vips_operation_block_set("VipsForeignLoad", TRUE);
    for (int t = 0; t < MEDIA_TYPE__MAX; t++)
        vips_operation_block_set(media_loader_bases[t], FALSE);
    media_state = 1;
}

static unsigned char media_key[32];
static int media_keyed;

void media_set_key(const unsigned char key[32])
{
    memcpy(media_key, key, sizeof media_key);
    media_keyed = 1;
}

enum ak_err media_init(void)
{
    pthread_once(&media_once, media_start);
    return media_state == 1 ? AK_OK : AK_EIO;
}

void media_shutdown(void)
{
    if (media_state == 1) {
        vips_shutdown();
        media_state = 2;
    }
}
/* The type whose magic bytes start p[0..n), or -1. */
static int media_sniff(const unsigned char *p, size_t n)
{
    if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
        return MEDIA_JPEG;
    if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
        return MEDIA_PNG;
    if (n >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
        return MEDIA_WEBP;
    return -1;
}

/* Everything one media_ingest needs to say why it failed. */
struct media_job {
    struct media_info *out;
    char *err;
    size_t errn;
    size_t wrote;               /* files written */
};

/* The names of every file of one image, and its crops' sizes. */
struct media_names {
    char orig[MEDIA_NAME_MAX];
    char variant[MEDIA_MAX_VARIANTS][2][MEDIA_NAME_MAX];    /* WebP, JPEG */
    char crop[MEDIA_CROP__MAX][MEDIA_NAME_MAX];
    int crop_w[MEDIA_CROP__MAX], crop_h[MEDIA_CROP__MAX];
};

/* Record a refusal or failure: the English message into job->err, the
 * reason into out->refusal; returns rc. */
static enum ak_err media_fail(struct media_job *job, enum ak_err rc, enum media_refusal why,
                              const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static enum ak_err media_fail(struct media_job *job, enum ak_err rc, enum media_refusal why,
                              const char *fmt, ...)
{
    job->out->refusal = why;
    if (job->errn) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(job->err, job->errn, fmt, ap);
        va_end(ap);
    }
    if (rc == AK_EIO || rc == AK_ENOMEM)
        log_error("media: %s", job->errn ? job->err : ak_strerror(rc));
    return rc;
}
/* Read the file once: its size, type and hash into job->out. */
static enum ak_err media_read(struct media_job *job, const char *src)
{
    struct media_info *out = job->out;
    /* O_NONBLOCK: a FIFO put in our way must not hang the open. */
    int fd = open(src, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return media_fail(job, AK_EIO, MEDIA_REFUSAL_NONE, "cannot open %s: %s", src,
                          strerror(errno));
    enum ak_err rc = AK_OK;
    struct stat sb;
    if (fstat(fd, &sb)) {
        rc = media_fail(job, AK_EIO, MEDIA_REFUSAL_NONE, "cannot stat %s: %s", src,
                        strerror(errno));
        goto done;
    }
    if (!S_ISREG(sb.st_mode)) {
        rc = media_fail(job, AK_EINVAL, MEDIA_REFUSAL_NOT_IMAGE, "not a regular file");
        goto done;
    }
    out->bytes = (int64_t)sb.st_size;
    testcase(sb.st_size == MEDIA_MAX_BYTES);
    if (sb.st_size == 0) {
        rc = media_fail(job, AK_EINVAL, MEDIA_REFUSAL_EMPTY, "the file is empty");
        goto done;
    }
    if (sb.st_size > MEDIA_MAX_BYTES) {
        rc = media_fail(job, AK_ETOOBIG, MEDIA_REFUSAL_FILE_TOO_BIG,
                        "the file has %lld bytes, more than the %d allowed",
                        (long long)sb.st_size, MEDIA_MAX_BYTES);
        goto done;
    }
    crypto_generichash_state h;
    crypto_generichash_init(&h, media_keyed ? media_key : NULL, media_keyed ? sizeof media_key : 0,
                            MEDIA_HASH_HEX / 2);
    unsigned char chunk[65536];
    int64_t total = 0;
    int type = -2;
    for (;;) {
        ssize_t k = read(fd, chunk, sizeof chunk);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            rc = media_fail(job, AK_EIO, MEDIA_REFUSAL_NONE, "cannot read %s: %s", src,
                            strerror(errno));
            goto done;
        }
        if (k == 0)
            break;
        if (type == -2) {
            /* The magic is in the first read: a regular file of at least
             * 12 bytes gives at least 12 here. */
            type = media_sniff(chunk, (size_t)k);
            if (type < 0) {
                rc = media_fail(job, AK_EINVAL, MEDIA_REFUSAL_NOT_IMAGE,
                                "the content is not JPEG, PNG or WebP");
                goto done;
            }
        }
        total += k;
        if (total > MEDIA_MAX_BYTES) {        /* it grew under us */
            rc = media_fail(job, AK_ETOOBIG, MEDIA_REFUSAL_FILE_TOO_BIG,
                            "the file has more than %d bytes", MEDIA_MAX_BYTES);
            goto done;
        }
        crypto_generichash_update(&h, chunk, (unsigned long long)k);
    }
    if (type < 0) {
        rc = media_fail(job, AK_EINVAL, MEDIA_REFUSAL_EMPTY, "the file is empty");
        goto done;
    }
    unsigned char digest[MEDIA_HASH_HEX / 2];
    crypto_generichash_final(&h, digest, sizeof digest);
    sodium_bin2hex(out->hash, sizeof out->hash, digest, sizeof digest);
    out->type = (enum media_type)type;
    out->mime = media_type_mimes[type];
    out->bytes = total;
done:
    close(fd);
    return rc;
}

/* Read the header only (no pixels) through the loader of out->type and
 * check the dimensions; set out->width and height, upright. */
static enum ak_err media_header(struct media_job *job, const char *src)
{
    struct media_info *out = job->out;
    char detail[256];
    const char *loader = vips_foreign_find_load(src);
    if (!loader || strcmp(loader, media_loaders[out->type]) != 0) {
        vips_error_clear();
        return media_fail(job, AK_EINVAL, MEDIA_REFUSAL_NOT_IMAGE,
                          "starts like %s but libvips reads it as %s", out->mime,
                          loader ? loader : "nothing");
    }
    VipsImage *im = NULL;
    int rc = -1;
    switch (out->type) {
    case MEDIA_JPEG:
        rc = vips_jpegload(src, &im, "access", VIPS_ACCESS_SEQUENTIAL,
                           "fail_on", VIPS_FAIL_ON_ERROR, NULL);
        break;
    case MEDIA_PNG:
        rc = vips_pngload(src, &im, "access", VIPS_ACCESS_SEQUENTIAL,
                          "fail_on", VIPS_FAIL_ON_ERROR, NULL);
        break;
    case MEDIA_WEBP:
        rc = vips_webpload(src, &im, "access", VIPS_ACCESS_SEQUENTIAL,
                           "fail_on", VIPS_FAIL_ON_ERROR, NULL);
        break;
    case MEDIA_TYPE__MAX:
        break;
    }
    if (rc || !im) {
        media_vips_error(detail, sizeof detail);
        return media_fail(job, AK_EINVAL, MEDIA_REFUSAL_CORRUPT, "unreadable %s header: %s",
                          out->mime, detail);
    }
    int w = vips_image_get_width(im), h = vips_image_get_height(im);
    int swap = vips_image_get_orientation_swap(im);
    g_object_unref(im);
    testcase(w == MEDIA_MAX_SIDE);
    testcase((int64_t)w * h == MEDIA_MAX_PIXELS);
    if (w <= 0 || h <= 0)
        return media_fail(job, AK_EINVAL, MEDIA_REFUSAL_CORRUPT, "the image is %dx%d", w, h);
    if (w > MEDIA_MAX_SIDE || h > MEDIA_MAX_SIDE)
        return media_fail(job, AK_ETOOBIG, MEDIA_REFUSAL_TOO_MANY_PIXELS,
                          "the image is %dx%d, a side over %d pixels", w, h, MEDIA_MAX_SIDE);
    if ((int64_t)w * h > MEDIA_MAX_PIXELS)
        return media_fail(job, AK_ETOOBIG, MEDIA_REFUSAL_TOO_MANY_PIXELS,
                          "the image is %dx%d, over %d pixels", w, h, MEDIA_MAX_PIXELS);
    out->width = swap ? h : w;
    out->height = swap ? w : h;
    return AK_OK;
}

/* ---- encoding ---- */

/* The file upright, at width w (no upscaling), in sRGB: the source of every
 * stored file. Decodes all of the file (fail_on=error). NULL on error. */
static VipsImage *media_decode(const char *src, int w)
{
    VipsImage *im = NULL;
    if (vips_thumbnail(src, &im, w, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
                       "export_profile", "srgb", "fail_on", VIPS_FAIL_ON_ERROR, NULL))
        return NULL;
    return im;
}

/* A copy of im's header without any metadata: every field that is not a
 * built-in (EXIF, XMP, IPTC, ICC, orientation, comments...) removed, so
 * that no saver can write it whatever its own "strip" does. NULL on error. */
static VipsImage *media_bare(VipsImage *im)
{
    VipsImage *c;
    if (vips_copy(im, &c, NULL))
        return NULL;
    gchar **names = vips_image_get_fields(c);
    for (int i = 0; names && names[i]; i++)
        vips_image_remove(c, names[i]);         /* built-ins are not removable */
    g_strfreev(names);
    return c;
}

/* Remove the ICC, EXIF and XMP chunks from the WebP *buf[0..*n) (a
 * g_malloc'd buffer, replaced). libvips 8.14's webpsave writes them even
 * with strip set, and writes an EXIF chunk even for an image without
 * metadata: the test caught GPS positions going out in WebP variants.
 * Returns 0 or -1. */
static int media_webp_strip(void **buf, size_t *n)
{
    static const char chunks[][5] = { "ICCP", "EXIF", "XMP " };
    WebPData in = { *buf, *n }, out = { NULL, 0 };
    WebPMux *mux = WebPMuxCreate(&in, 0);
    if (!mux)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        WebPMuxError e = WebPMuxDeleteChunk(mux, chunks[i]);
        if (e != WEBP_MUX_OK && e != WEBP_MUX_NOT_FOUND)
            rc = -1;
    }
    if (rc == 0 && WebPMuxAssemble(mux, &out) != WEBP_MUX_OK)
        rc = -1;
    WebPMuxDelete(mux);
    void *copy = rc == 0 ? g_try_malloc(out.size ? out.size : 1) : NULL;
    if (copy) {
        memcpy(copy, out.bytes, out.size);
        g_free(*buf);
        *buf = copy;
        *n = out.size;
    }
    WebPDataClear(&out);
    return copy ? 0 : -1;
}

/* Encode im as type into a g_malloc'd buffer, with no metadata. JPEG has
 * no alpha: transparent parts become white. small: im is at most a
 * variant's size, so a JPEG may be progressive with optimized Huffman
 * tables, which makes libjpeg hold every DCT coefficient of the image in
 * memory (300 MB for 50 megapixels); a large one is encoded baseline, in
 * one streaming pass. Returns 0 or -1. */
static int media_encode(VipsImage *im, enum media_type type, int q, int small, void **buf,
                        size_t *n)
{
    VipsImage *flat = NULL, *bare;
    *buf = NULL;
    if (type == MEDIA_JPEG && vips_image_hasalpha(im)) {
        VipsArrayDouble *white = vips_array_double_newv(1, 255.0);
        int rc = vips_flatten(im, &flat, "background", white, NULL);
        vips_area_unref(VIPS_AREA(white));
        if (rc)
            return -1;
    }
    bare = media_bare(flat ? flat : im);
    if (flat)
        g_object_unref(flat);
    if (!bare)
        return -1;
    int rc = -1;
    switch (type) {
    case MEDIA_JPEG:
        rc = vips_jpegsave_buffer(bare, buf, n, "Q", q, "strip", TRUE, "optimize_coding", small,
                                  "interlace", small, NULL);
        break;
    case MEDIA_PNG:
        rc = vips_pngsave_buffer(bare, buf, n, "strip", TRUE, "compression", 6, NULL);
        break;
    case MEDIA_WEBP:
        rc = vips_webpsave_buffer(bare, buf, n, "Q", q, "strip", TRUE, NULL);
        if (rc == 0 && media_webp_strip(buf, n)) {
            vips_error("media", "cannot strip WebP metadata");
            rc = -1;
        }
        break;
    case MEDIA_TYPE__MAX:
        break;
    }
    g_object_unref(bare);
    if (rc) {
        g_free(*buf);
        *buf = NULL;
    }
    return rc;
}

/* Encode im as type and store it as name, unless name exists already
 * (job->wrote counts the files written). orig: im is the original, still to
 * be decoded from the upload, so an encoding failure is the upload's
 * (corrupt), not ours; else it is a variant, in memory. */
static enum ak_err media_store(struct media_job *job, const char *dir, const char *name,
                               VipsImage *im, enum media_type type, int q, int orig)
{
    if (media_file_exists(dir, name))
        return AK_OK;
    void *buf;
    size_t n;
    if (media_encode(im, type, q, !orig, &buf, &n)) {
        char detail[256];
        media_vips_error(detail, sizeof detail);
        if (orig)
            return media_fail(job, AK_EINVAL, MEDIA_REFUSAL_CORRUPT, "cannot decode the %s: %s",
                              job->out->mime, detail);
        return media_fail(job, AK_EIO, MEDIA_REFUSAL_NONE, "cannot encode %s: %s", name,
                          detail);
    }
    int rc = media_file_write(dir, name, buf, n);
    int e = errno;
    g_free(buf);
    if (rc)
        return media_fail(job, AK_EIO, MEDIA_REFUSAL_NONE, "cannot write %s/%s: %s", dir, name,
                          strerror(e));
    job->wrote++;
    return AK_OK;
}
/* Cut crop c (names->crop_w[c] x crop_h[c]) from base and store it. */
static enum ak_err media_crop(struct media_job *job, const char *dir,
                              const struct media_names *names, int c, VipsImage *base)
{
    char detail[256];
    int w = names->crop_w[c], h = names->crop_h[c];
    if (media_file_exists(dir, names->crop[c]))
        return AK_OK;
    VipsImage *v;
    if (vips_thumbnail_image(base, &v, w, "height", h, "crop", VIPS_INTERESTING_ATTENTION,
                             "size", VIPS_SIZE_DOWN, "no_rotate", TRUE, NULL)) {
        media_vips_error(detail, sizeof detail);
        return media_fail(job, AK_ENOMEM, MEDIA_REFUSAL_NONE, "cannot crop to %dx%d: %s", w, h,
                          detail);
    }
    enum ak_err rc;
    if (vips_image_get_width(v) != w || vips_image_get_height(v) != h)
        rc = media_fail(job, AK_EIO, MEDIA_REFUSAL_NONE, "the %dx%d crop came out %dx%d", w, h,
                        vips_image_get_width(v), vips_image_get_height(v));
    else
        rc = media_store(job, dir, names->crop[c], v, MEDIA_JPEG, MEDIA_Q_JPEG, 0);
    g_object_unref(v);
    return rc;
}

/* Decode and store every missing file of job->out. */
static enum ak_err media_make(struct media_job *job, const char *src, const char *dir,
                              const struct media_names *names)
{
    struct media_info *out = job->out;
    char detail[256];
    enum ak_err rc = AK_OK;
    int q = out->type == MEDIA_PNG ? 0 : MEDIA_Q_ORIG;

    /* The original first: encoding it decodes every pixel of the file, so
     * a corrupt or truncated upload fails here, before the variants. */
    if (!media_file_exists(dir, names->orig)) {
        VipsImage *im = media_decode(src, out->width);
        if (!im) {
            media_vips_error(detail, sizeof detail);
            return media_fail(job, AK_EINVAL, MEDIA_REFUSAL_CORRUPT, "cannot decode the %s: %s",
                              out->mime, detail);
        }
        rc = media_store(job, dir, names->orig, im, out->type, q, 1);
        g_object_unref(im);
        if (rc)
            return rc;
    }

    /* The widest variant from the file (JPEG and WebP shrink while
     * decoding), kept in memory; the others and the crops from it. */
    int widest = out->widths[out->nwidths - 1];
    VipsImage *src_im = media_decode(src, widest), *base = NULL;
    if (!src_im || vips_image_get_width(src_im) != widest ||
        !(base = vips_image_copy_memory(src_im))) {
        if (src_im)
            g_object_unref(src_im);
        media_vips_error(detail, sizeof detail);
        return media_fail(job, AK_EINVAL, MEDIA_REFUSAL_CORRUPT, "cannot decode the %s: %s",
                          out->mime, detail);
    }
    g_object_unref(src_im);
    /* Its pixels are sRGB now: without the profile, resizing it does not
     * convert colours again. */
    vips_image_remove(base, VIPS_META_ICC_NAME);
    for (size_t i = out->nwidths; i-- > 0 && rc == AK_OK;) {
        int w = out->widths[i];
        VipsImage *v = base;
        if (w != widest) {
            if (vips_thumbnail_image(base, &v, w, "height", VIPS_MAX_COORD, "size",
                                     VIPS_SIZE_DOWN, "no_rotate", TRUE, NULL)) {
                media_vips_error(detail, sizeof detail);
                rc = media_fail(job, AK_ENOMEM, MEDIA_REFUSAL_NONE, "cannot resize to %d: %s", w,
                                detail);
                break;
            }
        }
        rc = media_store(job, dir, names->variant[i][0], v, MEDIA_WEBP, MEDIA_Q_WEBP, 0);
        if (rc == AK_OK)
            rc = media_store(job, dir, names->variant[i][1], v, MEDIA_JPEG, MEDIA_Q_JPEG, 0);
        if (v != base)
            g_object_unref(v);
    }
    for (int c = 0; c < MEDIA_CROP__MAX && rc == AK_OK; c++)
        rc = media_crop(job, dir, names, c, base);
    g_object_unref(base);
    return rc;
}

/* After the checks: name the files and make those missing (all of them,
 * or none when a previous upload of the same bytes made them), holding one
 * of the MEDIA_JOBS decoding slots. */
static enum ak_err media_decode_all(struct media_job *job, const char *src, const char *dir)
{
    struct media_info *out = job->out;
    out->nwidths = media_variant_widths(out->width, out->widths);
    if (mkdir(dir, 0755) && errno != EEXIST)
        return media_fail(job, AK_EIO, MEDIA_REFUSAL_NONE, "cannot make %s: %s", dir,
                          strerror(errno));
    struct media_names names;
    size_t nnames = 0, have = 0;
    media_file_name(names.orig, out->hash, 0, out->type);
    have += media_file_exists(dir, names.orig), nnames++;
    for (size_t i = 0; i < out->nwidths; i++)
        for (int j = 0; j < 2; j++) {
            media_file_name(names.variant[i][j], out->hash, out->widths[i],
                            j ? MEDIA_JPEG : MEDIA_WEBP);
            have += media_file_exists(dir, names.variant[i][j]), nnames++;
        }
    for (int c = 0; c < MEDIA_CROP__MAX; c++) {
        media_crop_size(out->width, out->height, (enum media_crop)c, &names.crop_w[c],
                        &names.crop_h[c]);
        media_crop_name(names.crop[c], out->hash, names.crop_w[c], names.crop_h[c]);
        have += media_file_exists(dir, names.crop[c]), nnames++;
    }
    if (have == nnames) {
        out->reused = 1;
        return AK_OK;
    }
    pthread_mutex_lock(&media_jobs_lock);
    while (media_jobs >= MEDIA_JOBS)
        pthread_cond_wait(&media_jobs_free, &media_jobs_lock);
    media_jobs++;
    pthread_mutex_unlock(&media_jobs_lock);
    enum ak_err rc = media_make(job, src, dir, &names);
    pthread_mutex_lock(&media_jobs_lock);
    media_jobs--;
    pthread_cond_signal(&media_jobs_free);
    pthread_mutex_unlock(&media_jobs_lock);
    if (job->wrote)
        file_sync_dir(dir);
    return rc;
}

enum ak_err media_ingest(const char *src_path, const char *media_dir, struct media_info *out,
                         char *err, size_t errn)
{
    memset(out, 0, sizeof *out);
    struct media_job job = { .out = out, .err = err, .errn = errn };
    if (errn)
        err[0] = '\0';
    if (media_init() != AK_OK)
        return media_fail(&job, AK_EIO, MEDIA_REFUSAL_NONE, "libvips could not start");
    enum ak_err rc;
    if ((rc = media_read(&job, src_path)) == AK_OK && (rc = media_header(&job, src_path)) == AK_OK)
        rc = media_decode_all(&job, src_path, media_dir);
    /* Free this thread's libvips buffers: the caller may be a server
     * thread that libvips does not know, which would keep them forever. */
    if (media_state == 1)
        vips_thread_shutdown();
    return rc;
}

enum ak_err media_derive(const char *media_dir, const char *hash, enum media_type t, int width,
                         int height, size_t *made, char *err, size_t errn)
{
    struct media_info info = { .type = t, .width = width, .height = height };
    struct media_job job = { .out = &info, .err = err, .errn = errn };
    if (made)
        *made = 0;
    if (errn)
        err[0] = '\0';
    if (!media_hash_valid(hash) || (unsigned)t >= MEDIA_TYPE__MAX || width <= 0 || height <= 0)
        return media_fail(&job, AK_EINVAL, MEDIA_REFUSAL_NONE, "not a stored image");
    memcpy(info.hash, hash, MEDIA_HASH_HEX + 1);
    info.mime = media_type_mimes[t];
    char name[MEDIA_NAME_MAX], src[PATH_MAX];
    snprintf(src, sizeof src, "%s/%s", media_dir, media_file_name(name, hash, 0, t));
    if (!media_file_exists(media_dir, name))
        return media_fail(&job, AK_ENOTFOUND, MEDIA_REFUSAL_NONE, "%s is missing", src);
    if (media_init() != AK_OK)
        return media_fail(&job, AK_EIO, MEDIA_REFUSAL_NONE, "libvips could not start");
    /* the original is ours, re-encoded at upload: no checks but decoding */
    enum ak_err rc = media_decode_all(&job, src, media_dir);
    rc = rc == AK_EINVAL ? AK_EIO : rc;     /* our own file does not decode */
    if (made)
        *made = job.wrote;
    if (media_state == 1)
        vips_thread_shutdown();
    return rc;
}
