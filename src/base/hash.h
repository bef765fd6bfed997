/*
 * hash.h: FNV-1a, 64 bits: a fast non-cryptographic hash for ETags and
 * cache keys. Never for anything an attacker must not forge (use libsodium).
 */
#ifndef AK_HASH_H
#define AK_HASH_H

#include <stddef.h>
#include <stdint.h>

static inline uint64_t hash_fnv1a(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211ull;
    return h;
}

#endif
