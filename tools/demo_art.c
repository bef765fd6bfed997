/*
 * demo_art.c: build tool that renders the demo's illustrations
 * (demo/art/NN.svg, drawn for the project) to WebP with libvips, so that the
 * demo content ships with pictures and the binary carries no SVG renderer
 * on its request path (the server blocks every loader but JPEG, PNG and
 * WebP; see src/media/image.c).
 *
 * Usage: demo_art IN.svg OUT.webp
 * Exit status 0, or 1 with libvips's message on standard error.
 */
#include <stdio.h>
#include <vips/vips.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: demo_art IN.svg OUT.webp\n");
        return 2;
    }
    if (VIPS_INIT(argv[0]))
        vips_error_exit(NULL);
    VipsImage *in = NULL, *flat = NULL;
    int bad = vips_svgload(argv[1], &in, "scale", 0.8, NULL) ||
              vips_flatten(in, &flat, NULL) ||
              vips_webpsave(flat, argv[2], "Q", 82, "strip", TRUE, NULL);
    if (bad)
        fprintf(stderr, "demo_art: %s: %s", argv[1], vips_error_buffer());
    if (flat)
        g_object_unref(flat);
    if (in)
        g_object_unref(in);
    vips_shutdown();
    return bad ? 1 : 0;
}
