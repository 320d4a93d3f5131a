/* Shared by the two example consumers: reading a file into a guarded buffer of exactly its length
 * (guarded_alloc below), the tiny profile reader, RE2, and the main loop (one file per argument,
 * stdin, or the persistent protocol of docs/real-consumers.md, optionally behind a fork server). */
#ifndef CONSUMER_COMMON_H
#define CONSUMER_COMMON_H
#include <stddef.h>
#include <stdint.h>

enum outcome { OUT_LOAD, OUT_REJECT };

/* One scalar of the profile, with its path: "templates.1.inputs" = "STR", repeated per item. */
typedef void (*profile_entry_fn)(void *ctx, const char *path, const char *value);
/* Reads the YAML subset the bundled profiles use (block mappings, flow sequences and flow
 * mappings, comments, plain scalars). Returns 0, or -1 with a message on stderr. */
int read_profile(const char *file, profile_entry_fn fn, void *ctx);

/* RE2's verdict on a pattern (bytes decoded as UTF-8 with U+FFFD for bad sequences, as
 * preflight's model decodes them): 1 compiles, 0 does not; *why gets RE2's error text. */
int re2_compiles(const char *pattern, size_t len, const char **why);

/* A buffer of exactly `len` bytes that ends where an inaccessible guard begins, 4 GiB + 1 MiB
 * long: every read past it faults, however far a trusted 32-bit offset sends it. Returns NULL
 * when the address space cannot be had. guarded_free takes the same `len`. */
uint8_t *guarded_alloc(size_t len);
void guarded_free(uint8_t *buf, size_t len);

/* The consumer proper: `file` is a guarded buffer (guarded_alloc) of exactly `len` bytes. */
typedef enum outcome (*consume_fn)(const void *profile, const uint8_t *file, size_t len);
int consumer_main(int argc, char **argv, const void *profile, consume_fn consume);

/* Reads that trust the file: no bounds check, as the documented consumer does. */
static inline uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static inline uint32_t le32(const uint8_t *p) { uint32_t v; __builtin_memcpy(&v, p, 4); return v; }
static inline uint64_t le64(const uint8_t *p) { uint64_t v; __builtin_memcpy(&v, p, 8); return v; }
static inline uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static inline uint32_t be32(const uint8_t *p) { uint32_t v; __builtin_memcpy(&v, p, 4); return __builtin_bswap32(v); }

/* Marks bytes as used so the compiler keeps the read (a real consumer would hash or compare them). */
extern volatile uint8_t consumer_sink;
static inline void use_bytes(const uint8_t *p, size_t n) { uint8_t x = 0; for (size_t i = 0; i < n; i++) x ^= p[i]; consumer_sink ^= x; }
#endif
