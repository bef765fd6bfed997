/*
 * image.h: uploaded images, from an untrusted file to the files pages serve.
 *
 * An upload is accepted only when its content (never its name or declared
 * type) is JPEG, PNG or WebP, it is at most MEDIA_MAX_BYTES long, its header
 * announces at most MEDIA_MAX_PIXELS pixels and no side over MEDIA_MAX_SIDE,
 * and every pixel decodes without error. What is stored is re-encoded by
 * libvips with all metadata stripped (EXIF with its GPS position, XMP, IPTC,
 * ICC: colours are converted to sRGB first, the orientation is applied to
 * the pixels), never the uploaded bytes:
 *
 *   <media_dir>/<hash>-orig.<ext>       the whole image, in its own format
 *   <media_dir>/<hash>-<w>.webp|.jpg    for each w of media_variant_widths()
 *   <media_dir>/<hash>-<w>x<h>.jpg      for each crop of media_crop_size()
 *
 * hash is MEDIA_HASH_HEX lowercase hex digits: BLAKE2b-128 of the uploaded
 * file's bytes. Each file is written under a temporary name (".tmp-*") in
 * media_dir and renamed into place, so a name that exists is complete; a
 * second upload of the same bytes finds its files and writes nothing.
 *
 * libvips is started on first use, once per process, with its operation
 * cache off and every loader but JPEG, PNG and WebP blocked for the whole
 * process. media_ingest may run in several threads at once.
 */
#ifndef AK_MEDIA_IMAGE_H
#define AK_MEDIA_IMAGE_H

#include <stddef.h>
#include <stdint.h>
#include "base/err.h"

#define MEDIA_MAX_BYTES (20 * 1024 * 1024)  /* bytes of an upload */
#define MEDIA_MAX_PIXELS 50000000           /* width x height of an upload */
#define MEDIA_MAX_SIDE 16383                /* pixels; WebP cannot be larger */
#define MEDIA_HASH_HEX 32                   /* hex digits of a media hash */
#define MEDIA_MAX_VARIANTS 4                /* entries of media_variant_widths() */
/* The standard variant widths, ascending; see media_variant_widths(). */
#define MEDIA_WIDTHS { 480, 960, 1600 }

/* The crops search engines and link previews ask for: Google's 16:9, 4:3
 * and 1:1 for an article's structured data, and the 1200x630 (1.91:1) card
 * of Open Graph. Each is cut from the widest variant around the part of the
 * picture that draws the eye (libvips's "attention" strategy: skin tones,
 * saturated colour, edges), never upscaled, and stored as JPEG, the one
 * format every crawler reads. */
enum media_crop { MEDIA_CROP_16_9, MEDIA_CROP_4_3, MEDIA_CROP_1_1, MEDIA_CROP_CARD,
                  MEDIA_CROP__MAX };
/* Each crop's size for an image large enough, in crop order. */
#define MEDIA_CROPS { { 1200, 675 }, { 1200, 900 }, { 1200, 1200 }, { 1200, 630 } }

/* The formats accepted, by content. */
enum media_type { MEDIA_JPEG, MEDIA_PNG, MEDIA_WEBP, MEDIA_TYPE__MAX };
extern const char *const media_type_mimes[MEDIA_TYPE__MAX];  /* "image/jpeg", ... */
extern const char *const media_type_exts[MEDIA_TYPE__MAX];   /* "jpg", "png", "webp" */

/* Why an upload was refused. */
enum media_refusal {
    MEDIA_REFUSAL_NONE,         /* accepted, or failed on our side (AK_EIO, AK_ENOMEM) */
    MEDIA_REFUSAL_EMPTY,        /* zero bytes */
    MEDIA_REFUSAL_FILE_TOO_BIG, /* over MEDIA_MAX_BYTES */
    MEDIA_REFUSAL_NOT_IMAGE,    /* not JPEG, PNG or WebP by content */
    MEDIA_REFUSAL_TOO_MANY_PIXELS,  /* the header announces too large an image */
    MEDIA_REFUSAL_CORRUPT,      /* the header or the pixels do not decode */
    MEDIA_REFUSAL__MAX
};
extern const char *const media_refusal_names[MEDIA_REFUSAL__MAX];   /* "none", "empty", ... */

/* A short Arabic sentence for the person who uploaded, for refusal r (for
 * MEDIA_REFUSAL_NONE: that the image could not be saved). Static storage. */
const char *media_refusal_message_ar(enum media_refusal r);

struct media_info {
    char hash[MEDIA_HASH_HEX + 1];      /* NUL-terminated */
    enum media_type type;               /* of the upload, and of <hash>-orig */
    const char *mime;                   /* media_type_mimes[type] */
    int width, height;                  /* of the original, upright */
    int64_t bytes;                      /* size of the uploaded file */
    int widths[MEDIA_MAX_VARIANTS];     /* the variants' widths, ascending */
    size_t nwidths;
    int reused;                         /* every file existed: nothing was written */
    enum media_refusal refusal;         /* after a failure: why */
};

/* Start libvips (once per process; thread-safe). Called by media_ingest;
 * call it yourself before other libvips use (tests making fixtures).
 * Returns AK_OK or AK_EIO (logged). */
enum ak_err media_init(void);
/* Key the content hash that names the files (BLAKE2b) with key[0..32), the
 * site's secret: without it anyone holding a source's original file could
 * hash it and prove that it is the one published. Call once, before any
 * ingest; without a key the hash is unkeyed (tests). */
void media_set_key(const unsigned char key[32]);
/* Stop libvips if it was started (drops its caches and threads). For the
 * end of a process only: no media function may run during or after it. */
void media_shutdown(void);

/* Check the image at src_path (which the caller owns and does not change
 * meanwhile), then store it and its variants under media_dir (created, mode
 * 0755, if missing; one level) as described above; fill *out. On failure
 * nothing is left in media_dir but complete files, err gets an English
 * sentence (errn bytes) for logs and tests, and out->refusal says why for
 * the uploader (media_refusal_message_ar). Returns AK_OK; AK_EINVAL (empty,
 * not an accepted image, corrupt or truncated) or AK_ETOOBIG (too many bytes
 * or pixels), neither logged: the caller reports them; AK_ENOMEM; AK_EIO
 * (src_path unreadable, media_dir unwritable; logged). */
enum ak_err media_ingest(const char *src_path, const char *media_dir, struct media_info *out,
                         char *err, size_t errn);

/* The variant widths of an upright image width pixels wide, ascending, into
 * out; returns their number (1 to MEDIA_MAX_VARIANTS when width > 0). They
 * are the MEDIA_WIDTHS not wider than the image, plus the image's own width
 * when it is narrower than the widest of them and not one of them: so the
 * image's full detail up to that width is always available, and a small
 * image has one variant of its own size. Never an upscale. */
size_t media_variant_widths(int width, int out[MEDIA_MAX_VARIANTS]);
/* The height of the variant w pixels wide of a width x height image: the
 * same aspect ratio, rounded, at least 1. */
int media_variant_height(int width, int height, int w);
/* The size of crop c of a width x height image into *w and *h: the crop's
 * size in MEDIA_CROPS, scaled down (same ratio, rounded, at least 1x1) to
 * fit the image's widest variant when that is smaller. Both 0 when width
 * or height is not positive. */
void media_crop_size(int width, int height, enum media_crop c, int *w, int *h);
/* Make whatever is missing of hash's variants and crops from its stored
 * original "<hash>-orig.<ext>" in media_dir (t is the original's type,
 * width x height its size, as media_ingest reported them): for images
 * stored before a size was added. *made (may be NULL) gets how many files
 * were written. Returns AK_OK, AK_ENOTFOUND when the original is missing,
 * AK_EIO (logged) or AK_ENOMEM; err gets an English sentence. */
enum ak_err media_derive(const char *media_dir, const char *hash, enum media_type t, int width,
                         int height, size_t *made, char *err, size_t errn);
/* Remove what a crash can leave behind: media_ingest's temporary files
 * (".tmp-*") in media_dir and the server's upload files ("upload-*") in
 * upload_dir (either may be NULL), when last modified more than max_age
 * seconds ago (a second server sharing the folders may be writing younger
 * ones). *removed (may be NULL) gets how many. Returns AK_OK, or AK_EIO when a
 * folder cannot be read (logged; a missing one is not an error). */
enum ak_err media_sweep(const char *media_dir, const char *upload_dir, int64_t max_age,
                        size_t *removed);
/* The name of one of hash's files in the media folder, into out (hash is
 * MEDIA_HASH_HEX digits): the original "<hash>-orig.<ext>" when w is 0, else
 * the variant w pixels wide "<hash>-<w>.<ext>" (t is MEDIA_WEBP or
 * MEDIA_JPEG), ext being media_type_exts[t]. The one spelling of these names;
 * media_file_type parses them back. Returns out. */
#define MEDIA_NAME_MAX 64
const char *media_file_name(char out[MEDIA_NAME_MAX], const char *hash, int w,
                            enum media_type t);
/* The name of hash's crop w x h pixels, "<hash>-<w>x<h>.jpg", into out. */
const char *media_crop_name(char out[MEDIA_NAME_MAX], const char *hash, int w, int h);
/* The same files' URL paths, MEDIA_URL_PREFIX + their names, into out. */
#define MEDIA_URL_PREFIX "/media/"
#define MEDIA_URL_MAX (sizeof MEDIA_URL_PREFIX + MEDIA_NAME_MAX)
const char *media_file_url(char out[MEDIA_URL_MAX], const char *hash, int w, enum media_type t);
const char *media_crop_url(char out[MEDIA_URL_MAX], const char *hash, int w, int h);
/* Non-zero when s is a media hash: MEDIA_HASH_HEX lowercase hex digits. */
int media_hash_valid(const char *s);
/* The Content-Type of a file media_ingest names (name without folder):
 * "<hash>-orig.jpg|png|webp", "<hash>-<w>.webp|jpg" or "<hash>-<w>x<h>.jpg"
 * with w and h positive decimals without leading zeros; NULL for any other
 * name. For the
 * server of /media/NAME, which must serve nothing else from the folder (not
 * the ".tmp-*" files a write in progress leaves). */
const char *media_file_type(const char *name);

#endif
