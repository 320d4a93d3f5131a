/* Edge coverage for preflight (docs/real-consumers.md, "Coverage from the binary"): clang's
 * SanitizerCoverage callbacks, writing a hit count per edge into a map that preflight shares.
 *
 * Link this file (compiled WITHOUT -fsanitize-coverage, or it would count itself) into a consumer
 * built with `-fsanitize-coverage=trace-pc-guard` or `-fsanitize-coverage=inline-8bit-counters`.
 * preflight names the map in the environment, PREFLIGHT_COV_SHM=/proc/PID/fd/N (or a path): a file
 * of PREFLIGHT_COV_HEADER + PREFLIGHT_COV_EDGES bytes that it zeroes before each input and reads
 * after the answer (or after the crash). Layout, little-endian:
 *
 *   u32 magic 'PFCV' (0x56434650)   written once the first module registered its edges
 *   u32 edges                        how many edges the binary has (map slots 1..edges are used)
 *   u32 mode                         1 trace-pc-guard, 2 inline-8bit-counters
 *   u32 reserved
 *   u8  count[PREFLIGHT_COV_EDGES]   hits per edge this input, saturating at 255 (slot 0 unused)
 *
 * Without the variable (or when the file cannot be mapped) the counts go to a private buffer:
 * the binary runs as usual. trace-pc-guard writes straight into the map, so a crash's edges are
 * there when the process dies. Inline 8-bit counters live in the binary's own memory: they are
 * copied into the map by preflight_cov_end(), which the harness calls before each answer (common.c
 * does), and by a sanitizer's death callback when the process dies. */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PREFLIGHT_COV_HEADER 16
#define PREFLIGHT_COV_EDGES 65536
#define MAGIC 0x56434650u

static uint8_t private_map[PREFLIGHT_COV_HEADER + PREFLIGHT_COV_EDGES];
static uint8_t *map = private_map; /* the header, then the counts */
static int counting = 1;            /* off between preflight_cov_end() and preflight_cov_begin() */
static int opened;
static uint32_t edges;

/* The 8-bit counter regions (one per instrumented module) and where each starts in the map. */
static struct { uint8_t *start, *stop; uint32_t first; } regions[16];
static int region_count;

static void set_u32(uint32_t at, uint32_t v) { memcpy(map + at, &v, 4); }

static void open_map(void) {
  if (opened) return;
  opened = 1;
  const char *path = getenv("PREFLIGHT_COV_SHM");
  if (!path || !*path) return;
  int fd = open(path, O_RDWR);
  if (fd < 0) return;
  void *m = mmap(NULL, sizeof private_map, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  close(fd);
  if (m != MAP_FAILED) map = m;
}

/* Slots 1..PREFLIGHT_COV_EDGES-1; a binary with more edges shares slots (as AFL's map does). */
static uint32_t next_slot(void) { return 1 + edges++ % (PREFLIGHT_COV_EDGES - 1); }

static void publish(uint32_t mode) {
  set_u32(4, edges);
  set_u32(8, mode);
  set_u32(0, MAGIC);
}

void __sanitizer_cov_trace_pc_guard_init(uint32_t *start, uint32_t *stop) {
  if (start == stop || *start) return; /* this module is registered already */
  open_map();
  for (uint32_t *g = start; g < stop; g++) *g = next_slot();
  publish(1);
}

void __sanitizer_cov_trace_pc_guard(uint32_t *guard) {
  if (!counting) return;
  uint8_t *c = map + PREFLIGHT_COV_HEADER + *guard;
  if (*c != 255) (*c)++;
}

void preflight_cov_flush(void);
void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

void __sanitizer_cov_8bit_counters_init(uint8_t *start, uint8_t *stop) {
  if (start == stop || region_count == (int)(sizeof regions / sizeof regions[0])) return;
  for (int i = 0; i < region_count; i++) if (regions[i].start == start) return;
  open_map();
  regions[region_count].start = start;
  regions[region_count].stop = stop;
  regions[region_count].first = edges;
  region_count++;
  edges += (uint32_t)(stop - start);
  publish(2);
  if (__sanitizer_set_death_callback) __sanitizer_set_death_callback(preflight_cov_flush);
}

/* clang asks for the PC table with the counters only under -fsanitize-coverage=pc-table; accept it. */
void __sanitizer_cov_pcs_init(const uintptr_t *start, const uintptr_t *stop) { (void)start; (void)stop; }

/* Adds the 8-bit counters of this input to the map and clears them (nothing to do for trace-pc-guard). */
void preflight_cov_flush(void) {
  uint8_t *counts = map + PREFLIGHT_COV_HEADER;
  for (int r = 0; r < region_count; r++) {
    uint32_t slot = regions[r].first;
    for (uint8_t *p = regions[r].start; p < regions[r].stop; p++, slot++) {
      if (!*p) continue;
      uint8_t *c = counts + 1 + slot % (PREFLIGHT_COV_EDGES - 1);
      unsigned sum = (unsigned)*c + *p;
      *c = sum > 255 ? 255 : (uint8_t)sum;
      *p = 0;
    }
  }
}

/* The harness brackets each input: preflight_cov_begin() once the input is read,
 * preflight_cov_end() before its answer (common.c does). Between an end and the next begin nothing
 * is counted (the harness loop, a fork server's own work, a new child's first steps), so the counts
 * preflight reads are the input's alone and do not depend on when it reads them. A harness that
 * never calls them has everything counted. */
void preflight_cov_begin(void) {
  for (int r = 0; r < region_count; r++) memset(regions[r].start, 0, (size_t)(regions[r].stop - regions[r].start));
  counting = 1;
}

void preflight_cov_end(void) {
  preflight_cov_flush();
  counting = 0;
}
