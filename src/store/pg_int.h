/*
 * pg_int.h: what pg.c and pg_col.c share of a PostgreSQL statement: its
 * text, parameters and result. For those two files only (libpq's types).
 */
#ifndef AK_STORE_PG_INT_H
#define AK_STORE_PG_INT_H

#include <libpq-fe.h>
#include <stdint.h>
#include <stdlib.h>
#include "store/stmt.h"

#define PG_PARAMS 24            /* parameters a statement may take */
#define PG_OID_BYTEA 17         /* pg_type.h */

struct db_pgq {
    struct store *st;
    enum db_stmt_id id;
    const char *sql;
    int nparams;
    uint32_t used;              /* the parameters the text names (bit i-1 for $i) */
    int returning_id;           /* an INSERT given RETURNING id: its row is not the caller's */
    int write;                  /* an INSERT, UPDATE or DELETE */
    unsigned prepared_gen;      /* the connection it was prepared on, 0 for none */
    const char *vals[PG_PARAMS];
    int lens[PG_PARAMS], fmts[PG_PARAMS];
    unsigned types[PG_PARAMS];
    char *own[PG_PARAMS];       /* copies of texts and numbers, freed at reset */
    PGresult *res;
    int row, nrows;
    int blob_col;               /* the column decoded into blob, or -1 */
    unsigned char *blob;
    size_t blob_n;
};

/* A value of a text result as an integer: a boolean's t and f as 1 and 0. */
static inline int64_t pg_text_int64(const char *t)
{
    return t[0] == 't' ? 1 : t[0] == 'f' ? 0 : strtoll(t, NULL, 10);
}

#endif
