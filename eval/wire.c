/*
 * eval/wire.c: how well the wire's near-duplicate test (ingest/wire.c's
 * wire_sketch and WIRE_DUP_THRESHOLD) tells the same story told by two
 * agencies from two stories on the same topic, on the judged set
 * eval/wire/stories.tsv (see eval/wire/README.md).
 *
 *   build/eval-wire eval/wire
 *
 * Each line holds a story A, the same story in another agency's words A',
 * and another story B on the same topic: (A, A') is a duplicate, (A, B) and
 * (A', B) are not. Prints the similarity of each pair's sketches, precision
 * and recall at each threshold, and checks the targets at the threshold the
 * code uses; ends with "N passed, N failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ingest/wire.h"
#include "text/analyzer.h"
#include "text/sketch.h"

#define TARGET_PRECISION 0.95
#define TARGET_RECALL 0.90

struct pair {
    int dup;
    double sim;
    int line;
    char what;                  /* 'd': A/A', 'a': A/B, 'b': A'/B */
};

static int passed, failed;

static void check(int ok, const char *what)
{
    if (ok)
        passed++;
    else {
        failed++;
        fprintf(stderr, "FAIL %s\n", what);
    }
}

int main(int argc, char **argv)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/stories.tsv", argc > 1 ? argv[1] : "eval/wire");
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        printf("0 passed, 1 failed\n");
        return 1;
    }
    struct text_analyzer *an = text_analyzer_new();
    struct pair *pairs = NULL;
    size_t np = 0, cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    int lineno = 0;
    while (getline(&line, &lcap, f) > 0) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        line[strcspn(line, "\r\n")] = 0;
        char *col[7];
        int nc = 0;
        for (char *p = line, *tab; nc < 7; p = tab + 1) {
            col[nc++] = p;
            if (!(tab = strchr(p, '\t')))
                break;
            *tab = 0;
        }
        if (nc != 7) {
            fprintf(stderr, "%s:%d: 7 columns expected\n", path, lineno);
            check(0, "a well-formed line");
            continue;
        }
        struct text_sketch a, a2, b;
        if (wire_sketch(an, col[1], "", col[2], &a) || wire_sketch(an, col[3], "", col[4], &a2) ||
            wire_sketch(an, col[5], "", col[6], &b)) {
            check(0, "a sketch of every text");
            continue;
        }
        if (np + 3 > cap) {
            cap = cap ? 2 * cap : 64;
            pairs = realloc(pairs, cap * sizeof *pairs);
        }
        pairs[np++] = (struct pair){ 1, text_sketch_similarity(&a, &a2), lineno, 'd' };
        pairs[np++] = (struct pair){ 0, text_sketch_similarity(&a, &b), lineno, 'a' };
        pairs[np++] = (struct pair){ 0, text_sketch_similarity(&a2, &b), lineno, 'b' };
    }
    free(line);
    fclose(f);
    text_analyzer_free(an);

    size_t ndup = 0;
    double dmin = 1, nmax = 0;
    for (size_t i = 0; i < np; i++) {
        ndup += pairs[i].dup;
        if (pairs[i].dup && pairs[i].sim < dmin)
            dmin = pairs[i].sim;
        if (!pairs[i].dup && pairs[i].sim > nmax)
            nmax = pairs[i].sim;
    }
    printf("%zu pairs: %zu duplicates, %zu other stories on the same topic\n", np, ndup,
           np - ndup);
    printf("lowest duplicate similarity %.3f, highest non-duplicate %.3f\n", dmin, nmax);
    printf("threshold  precision  recall  f1\n");
    double at_p = 0, at_r = 0;
    for (int k = 10; k <= 80; k += 5) {
        double t = k / 100.0;
        size_t tp = 0, fp = 0;
        for (size_t i = 0; i < np; i++)
            if (pairs[i].sim >= t - 1e-9) {
                tp += pairs[i].dup;
                fp += !pairs[i].dup;
            }
        double p = tp + fp ? (double)tp / (double)(tp + fp) : 1, r = ndup ? (double)tp / ndup : 1;
        int here = k == (int)(WIRE_DUP_THRESHOLD * 100 + 0.5);
        printf("%9.2f  %9.3f  %6.3f  %.3f%s\n", t, p, r, p + r > 0 ? 2 * p * r / (p + r) : 0,
               here ? "   <- WIRE_DUP_THRESHOLD" : "");
        if (here)
            at_p = p, at_r = r;
    }
    for (size_t i = 0; i < np; i++)
        if ((pairs[i].dup && pairs[i].sim < WIRE_DUP_THRESHOLD) ||
            (!pairs[i].dup && pairs[i].sim >= WIRE_DUP_THRESHOLD))
            printf("  missed: line %d pair %c similarity %.3f (%s)\n", pairs[i].line,
                   pairs[i].what, pairs[i].sim, pairs[i].dup ? "a duplicate" : "not one");
    printf("at %.2f: precision %.3f (target %.2f), recall %.3f (target %.2f)\n",
           WIRE_DUP_THRESHOLD, at_p, TARGET_PRECISION, at_r, TARGET_RECALL);
    check(np >= 80, "at least 80 judged pairs");
    check(at_p >= TARGET_PRECISION, "precision at WIRE_DUP_THRESHOLD");
    check(at_r >= TARGET_RECALL, "recall at WIRE_DUP_THRESHOLD");
    free(pairs);
    printf("eval/wire: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
