/*
 * pg_col.c: reading the columns of the row a PostgreSQL statement stands on
 * (pg.h's pg_col_ calls, for db.h): results come as text, so numbers are
 * parsed here, booleans read as 1 and 0, and bytea decoded from its hex form
 * once a row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/pg.h"
#include "store/pg_int.h"

/* Column i of the current row, or NULL when there is none or it is NULL. */
static const char *pg_value(struct db_pgq *q, int i)
{
    if (!q->res || q->row >= q->nrows || i < 0 || i >= PQnfields(q->res) ||
        PQgetisnull(q->res, q->row, i))
        return NULL;
    return PQgetvalue(q->res, q->row, i);
}

int64_t pg_col_int64(struct db_pgq *q, int i)
{
    const char *v = pg_value(q, i);
    return v ? pg_text_int64(v) : 0;
}

double pg_col_double(struct db_pgq *q, int i)
{
    const char *v = pg_value(q, i);
    return v ? strtod(v, NULL) : 0;
}

/* Decode bytea column i (its text form, \x and hex) into q->blob. */
static int pg_col_decode(struct db_pgq *q, int i)
{
    if (q->blob_col == i)
        return 0;
    const char *v = pg_value(q, i);
    if (!v)
        return -1;
    free(q->blob);
    q->blob = NULL;
    q->blob_col = -1;
    size_t n = strlen(v);
    if (n < 2 || v[0] != '\\' || v[1] != 'x')
        return -1;
    n = (n - 2) / 2;
    if (!(q->blob = malloc(n + 1)))
        return -1;
    for (size_t k = 0; k < n; k++) {
        unsigned hi, lo;
        if (sscanf(v + 2 + 2 * k, "%1x%1x", &hi, &lo) != 2)
            break;
        q->blob[k] = (unsigned char)(hi << 4 | lo);
    }
    q->blob[n] = '\0';
    q->blob_n = n;
    q->blob_col = i;
    return 0;
}

static int pg_is_bytea(struct db_pgq *q, int i)
{
    return q->res && i >= 0 && i < PQnfields(q->res) && PQftype(q->res, i) == PG_OID_BYTEA;
}

const char *pg_col_str(struct db_pgq *q, int i)
{
    if (pg_is_bytea(q, i))
        return pg_col_decode(q, i) ? NULL : (const char *)q->blob;
    return pg_value(q, i);
}

const void *pg_col_blob(struct db_pgq *q, int i)
{
    return pg_col_str(q, i);
}

int pg_col_bytes(struct db_pgq *q, int i)
{
    if (pg_is_bytea(q, i))
        return pg_col_decode(q, i) ? 0 : (int)q->blob_n;
    return pg_value(q, i) ? PQgetlength(q->res, q->row, i) : 0;
}

int pg_col_null(struct db_pgq *q, int i)
{
    return pg_value(q, i) == NULL;
}
