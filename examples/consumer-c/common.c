/* The parts both example consumers share: see common.h. */
#include "common.h"
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

volatile uint8_t consumer_sink;

/* AddressSanitizer's defaults for these programs: the largest redzone (2048 bytes), so that a
 * read up to 255 pointers past an input array (a heap array; the buffers read on trust are guarded,
 * below) lands in poisoned memory and is always reported; a report with a stack for abort() too (the unhandled regex
 * error, the type confusion); no leak report (the process exits right after a file). UBSan
 * prints a stack with its report. The environment (ASAN_OPTIONS, UBSAN_OPTIONS) still wins. */
const char *__asan_default_options(void) { return "redzone=2048:max_redzone=2048:detect_leaks=0:handle_abort=1"; }
const char *__ubsan_default_options(void) { return "print_stacktrace=1"; }

/* ---- the profile: a YAML subset ------------------------------------------------------- */

struct yaml { profile_entry_fn fn; void *ctx; };

static const char *skip_ws(const char *s) { while (*s == ' ' || *s == '\t') s++; return s; }

/* A flow value at *s (scalar, [a, b], {k: v}); emits its scalars under `path`. */
static const char *flow_value(struct yaml *y, const char *s, const char *path) {
  s = skip_ws(s);
  if (*s == '[' || *s == '{') {
    char close = *s == '[' ? ']' : '}';
    int map = *s == '{';
    s++;
    for (;;) {
      s = skip_ws(s);
      if (*s == close) return s + 1;
      if (!*s) return s;
      if (map) {
        const char *k = s;
        while (*s && *s != ':' && *s != close) s++;
        const char *ke = s;
        while (ke > k && isspace((unsigned char)ke[-1])) ke--;
        char sub[512];
        snprintf(sub, sizeof sub, "%s.%.*s", path, (int)(ke - k), k);
        if (*s == ':') s = flow_value(y, s + 1, sub);
      } else {
        s = flow_value(y, s, path);
      }
      s = skip_ws(s);
      if (*s == ',') s++;
    }
  }
  const char *b = s;
  while (*s && *s != ',' && *s != ']' && *s != '}') s++;
  const char *e = s;
  while (e > b && isspace((unsigned char)e[-1])) e--;
  if (e - b >= 2 && (*b == '"' || *b == '\'') && e[-1] == *b) { b++; e--; }
  char value[256];
  snprintf(value, sizeof value, "%.*s", (int)(e - b), b);
  y->fn(y->ctx, path, value);
  return s;
}

int read_profile(const char *file, profile_entry_fn fn, void *ctx) {
  FILE *f = fopen(file, "rb");
  if (!f) { fprintf(stderr, "profile %s: %s\n", file, strerror(errno)); return -1; }
  static char text[1 << 20];
  size_t n = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  text[n] = 0;
  struct yaml y = { fn, ctx };
  struct { int indent; char path[256]; } stack[16];
  int depth = 0;
  char logical[8192];
  char *line = text;
  while (line && *line) {
    char *next = strchr(line, '\n');
    if (next) *next++ = 0;
    /* one logical line: a flow collection may run over several lines */
    size_t len = 0;
    int brackets = 0;
    int indent = (int)(skip_ws(line) - line);
    for (char *part = line;;) {
      for (char *c = part; *c; c++) {
        if (*c == '#' && (c == part || isspace((unsigned char)c[-1]))) break;
        if (*c == '[' || *c == '{') brackets++;
        if (*c == ']' || *c == '}') brackets--;
        if (len < sizeof logical - 2) logical[len++] = *c;
      }
      if (brackets <= 0 || !next) break;
      logical[len++] = ' ';
      part = next;
      next = strchr(part, '\n');
      if (next) *next++ = 0;
    }
    logical[len] = 0;
    line = next;
    const char *s = skip_ws(logical);
    if (!*s) continue;
    const char *colon = strchr(s, ':');
    if (!colon) { fprintf(stderr, "profile %s: cannot read \"%s\"\n", file, s); return -1; }
    while (depth > 0 && stack[depth - 1].indent >= indent) depth--;
    char path[256];
    if (depth > 0) snprintf(path, sizeof path, "%s.%.*s", stack[depth - 1].path, (int)(colon - s), s);
    else snprintf(path, sizeof path, "%.*s", (int)(colon - s), s);
    const char *rest = skip_ws(colon + 1);
    if (*rest) flow_value(&y, rest, path);
    else if (depth < 16) { stack[depth].indent = indent; snprintf(stack[depth].path, sizeof stack[depth].path, "%s", path); depth++; }
  }
  return 0;
}

/* ---- buffers a consumer reads on trust ------------------------------------------------ */

/* Why not malloc: ASan sees a read only where its shadow says poisoned (a 2048-byte redzone, a
 * freed chunk). A trusted offset can jump past the redzone into a live neighbour (the pattern
 * buffer beside the pool copy, say) and read it silently: the example then loads a file that
 * the documented consumer crashes on. Past a guarded buffer there is nothing to read: a near or
 * far read past its end is a SEGV (ASan reports it with the faulting frame). */
#define GUARD_BYTES (((size_t)1 << 32) + ((size_t)1 << 20)) /* a u32 offset, a u16 length, a record's bytes */

static size_t data_pages(size_t len) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  return (len + page - 1) / page * page;
}

uint8_t *guarded_alloc(size_t len) {
  size_t data = data_pages(len);
  uint8_t *map = mmap(NULL, data + GUARD_BYTES, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (map == MAP_FAILED) return NULL;
  if (data > 0 && mprotect(map, data, PROT_READ | PROT_WRITE) != 0) { munmap(map, data + GUARD_BYTES); return NULL; }
  return map + data - len;  /* the last byte of the buffer is the last byte before the guard */
}

void guarded_free(uint8_t *buf, size_t len) {
  if (!buf) return;
  size_t data = data_pages(len);
  munmap(buf + len - data, data + GUARD_BYTES);
}

/* ---- files in, one word out ----------------------------------------------------------- */

static uint8_t *read_all(FILE *f, size_t *len) {
  size_t cap = 1 << 16, n = 0;
  uint8_t *tmp = malloc(cap);
  size_t got;
  while (tmp && (got = fread(tmp + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) tmp = realloc(tmp, cap *= 2);
  }
  if (!tmp) return NULL;
  /* the consumer's buffer: exactly the file's length, so a read past the end faults */
  uint8_t *buf = guarded_alloc(n);
  if (buf && n) memcpy(buf, tmp, n);
  free(tmp);
  *len = n;
  return buf;
}

/* cov_shm.c, when linked in (make cov, cov8): each input's edges are counted from when it is read
 * to its answer, and (8-bit counters) copied to preflight's map before the answer. */
void preflight_cov_begin(void) __attribute__((weak));
void preflight_cov_end(void) __attribute__((weak));
static void cov_begin(void) { if (preflight_cov_begin) preflight_cov_begin(); }

static void answer(enum outcome o) {
  if (preflight_cov_end) preflight_cov_end();
  fputs(o == OUT_LOAD ? "load\n" : "reject\n", stdout);
  fflush(stdout);
}

/* The persistent protocol (docs/real-consumers.md): a u32 little-endian length, then that many
 * bytes; one line per file on stdout; end of input ends the loop. */
static int persistent(const void *profile, consume_fn consume) {
  for (;;) {
    uint8_t head[4];
    size_t got = fread(head, 1, 4, stdin);
    if (got == 0) return 0;
    if (got != 4) { fprintf(stderr, "persistent: a length cut short\n"); return 2; }
    size_t len = (size_t)head[0] | (size_t)head[1] << 8 | (size_t)head[2] << 16 | (size_t)head[3] << 24;
    uint8_t *buf = guarded_alloc(len);
    if (!buf) { fprintf(stderr, "persistent: %zu bytes: out of memory\n", len); return 2; }
    if (fread(buf, 1, len, stdin) != len) { fprintf(stderr, "persistent: a file cut short\n"); guarded_free(buf, len); return 2; }
    cov_begin();
    answer(consume(profile, buf, len));
    guarded_free(buf, len);
  }
}

/* --fork-server: the persistent protocol, served by a child forked from this process once the
 * profile is read. When the child dies on an input, this process says so on stdout, `died signal
 * N` or `died exit N` (preflight takes it as that input's crash, with the report the child left on
 * stderr), and forks a new child for the next input: a crash costs a fork, not a new process with
 * the sanitizer's start-up. A child dies with this process (PR_SET_PDEATHSIG: a hang is killed
 * by killing the server). */
static int fork_server(const void *profile, consume_fn consume) {
  for (;;) {
    if (preflight_cov_end) preflight_cov_end(); /* nothing of ours is counted, nor the child's first steps */
    fflush(stdout);
    fflush(stderr);
    pid_t server = getpid();
    pid_t pid = fork();
    if (pid < 0) { perror("fork-server: fork"); return 2; }
    if (pid == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (getppid() != server) _exit(2); /* the server died before the line above */
      exit(persistent(profile, consume));
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) if (errno != EINTR) { perror("fork-server: waitpid"); return 2; }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return 0; /* end of input */
    if (WIFSIGNALED(status)) printf("died signal %d\n", WTERMSIG(status));
    else printf("died exit %d\n", WEXITSTATUS(status));
    fflush(stdout);
  }
}

int consumer_main(int argc, char **argv, const void *profile, consume_fn consume) {
  int i = 2; /* argv[1] is the profile */
  if (i < argc && strcmp(argv[i], "--persistent") == 0) return persistent(profile, consume);
  if (i < argc && strcmp(argv[i], "--fork-server") == 0) return fork_server(profile, consume);
  if (i >= argc) {
    size_t len;
    uint8_t *buf = read_all(stdin, &len);
    if (!buf) return 2;
    cov_begin();
    answer(consume(profile, buf, len));
    guarded_free(buf, len);
    return 0;
  }
  for (; i < argc; i++) {
    FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "rb");
    if (!f) { fprintf(stderr, "%s: %s\n", argv[i], strerror(errno)); return 2; }
    size_t len;
    uint8_t *buf = read_all(f, &len);
    if (f != stdin) fclose(f);
    if (!buf) { fprintf(stderr, "%s: out of memory\n", argv[i]); return 2; }
    cov_begin();
    answer(consume(profile, buf, len));
    guarded_free(buf, len);
  }
  return 0;
}
