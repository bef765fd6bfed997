/*
 * hash.h: fast non-cryptographic hashes for ETags and cache keys. Never for
 * anything an attacker must not forge (use libsodium for that).
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

/* A hash of n bytes, 8 at a time: for ETags of whole pages, where FNV-1a's
 * byte-at-a-time loop costs more than the rest of sending the page. Each
 * word is mixed with a multiply and a rotate; the tail and the length go in
 * last. Stable across runs and builds (little-endian loads by memcpy). */
static inline uint64_t hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 0x243F6A8885A308D3ull ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        __builtin_memcpy(&w, s + i, 8);
        h = (h ^ (w * 0x9E3779B97F4A7C15ull)) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 29;
    }
    uint64_t tail = hash_fnv1a(s + i, n - i);
    h = (h ^ tail) * 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 32);
}

#endif
