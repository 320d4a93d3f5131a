/* The sigpack v1 scanner of docs/sigpack.md section 2, in C, as the document describes it: the
 * refusal checks, then it trusts body_size, every record's tag and the sizes inside each body,
 * and every condition's field index and kind. Built with AddressSanitizer and UBSan:
 *
 *   READ_PAST_END         a read past the pack buffer (exactly the file's length, then a guard): SEGV
 *   SIG_NO_HANDLER        a call through an empty slot of the handler table: SEGV at pc 0
 *   SIG_PATTERN_OVERFLOW  a copy past the pattern buffer (pattern_buffer + 1 bytes): heap-buffer-overflow WRITE
 *   REGEX_INVALID         RE2 refuses the pattern and nobody handles the error: abort()
 *   OOB_INPUT_READ        fields[i] of an array of exactly the supplied fields: heap-buffer-overflow READ of size 8
 *   TYPE_CONFUSION        a field of the other kind: the value accessor's tag check aborts
 *
 * Usage: sigpack-consumer PROFILE.yaml [FILE... | - | --persistent | --fork-server] */
#include "common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { KIND_NUM = 1, KIND_TEXT = 2 };
static const char *const TAG_NAMES[] = { "", "NAME", "THRESHOLD", "SHA256", "PATTERN", "MATCH", "EXCLUDE" };

struct source_fields { uint16_t source; uint8_t count; uint8_t kinds[255]; };
struct profile {
  struct source_fields sources[64];   /* in the profile's order */
  int source_count;
  int handlers[7];                    /* the record tags it has a handler for */
  uint64_t max_records, max_pack_size, pattern_buffer;
};

static void on_entry(void *ctx, const char *path, const char *value) {
  struct profile *p = ctx;
  unsigned key;
  char rest[64];
  if (sscanf(path, "sources.%u.%63s", &key, rest) == 2 && strcmp(rest, "fields") == 0) {
    struct source_fields *s = NULL;
    for (int i = 0; i < p->source_count; i++) if (p->sources[i].source == key) s = &p->sources[i];
    if (!s && p->source_count < 64) { s = &p->sources[p->source_count++]; s->source = (uint16_t)key; s->count = 0; }
    if (s && s->count < 255) s->kinds[s->count++] = strcmp(value, "NUM") == 0 ? KIND_NUM : KIND_TEXT;
  } else if (strcmp(path, "handlers") == 0) {
    for (int t = 1; t <= 6; t++) if (strcmp(value, TAG_NAMES[t]) == 0) p->handlers[t] = 1;
  } else if (strcmp(path, "limits.max_records") == 0) p->max_records = strtoull(value, NULL, 10);
  else if (strcmp(path, "limits.max_pack_size") == 0) p->max_pack_size = strtoull(value, NULL, 10);
  else if (strcmp(path, "limits.pattern_buffer") == 0) p->pattern_buffer = strtoull(value, NULL, 10);
}

struct load {
  char *pattern;                      /* the fixed pattern buffer: pattern_buffer + 1 bytes */
  const uint8_t **matches;            /* the MATCH records, for evaluation */
  size_t match_count, match_cap;
};

/* Each handler reads its record's body and returns where the next record starts: the body's own
 * sizes decide, never the record's length (which only NAME, PATTERN and EXCLUDE use as a size). */
typedef const uint8_t *(*record_handler)(struct load *, const uint8_t *body, uint16_t length);

static const uint8_t *rec_text(struct load *l, const uint8_t *b, uint16_t length) { (void)l; use_bytes(b, length); return b + length; }
static const uint8_t *rec_threshold(struct load *l, const uint8_t *b, uint16_t length) { (void)l; (void)length; consumer_sink ^= (uint8_t)be32(b); return b + 4; }
static const uint8_t *rec_sha256(struct load *l, const uint8_t *b, uint16_t length) { (void)l; (void)length; use_bytes(b, 32); return b + 32; }

static const uint8_t *rec_pattern(struct load *l, const uint8_t *b, uint16_t length) {
  use_bytes(b, length);
  memcpy(l->pattern, b, length);      /* no length check: SIG_PATTERN_OVERFLOW */
  l->pattern[length] = 0;
  const char *why = "";
  if (!re2_compiles(l->pattern, length, &why)) {
    fprintf(stderr, "sigpack-consumer: unhandled regex error: %s\n", why);
    abort();                          /* REGEX_INVALID */
  }
  return b + length;
}

static const uint8_t *rec_match(struct load *l, const uint8_t *b, uint16_t length) {
  (void)length;
  if (l->match_count == l->match_cap) {
    l->match_cap = l->match_cap ? 2 * l->match_cap : 16;
    l->matches = realloc(l->matches, l->match_cap * sizeof *l->matches);
  }
  l->matches[l->match_count++] = b;
  consumer_sink ^= (uint8_t)be16(b);  /* source */
  uint8_t cond_count = b[2];
  const uint8_t *c = b + 3;
  for (unsigned i = 0; i < cond_count; i++) {
    consumer_sink ^= c[0] ^ c[1];     /* field, kind */
    uint8_t size = c[2];
    use_bytes(c + 3, size);           /* value */
    c += 3 + size;
  }
  return c;
}

static const record_handler ALL_HANDLERS[7] = { 0, rec_text, rec_threshold, rec_sha256, rec_pattern, rec_match, rec_text };

struct value { uint8_t kind; uint32_t number; const char *text; };

/* Evaluate one MATCH record: each enabled condition reads fields[field]. */
__attribute__((noinline)) static void evaluate_match(const struct value **fields, const uint8_t *b) {
  const uint8_t *c = b + 3;
  for (unsigned i = 0; i < b[2]; i++) {
    uint8_t field = c[0], kind = c[1];
    if (kind != 0) {
      const struct value *v = fields[field];      /* no bounds check: OOB_INPUT_READ */
      if (v->kind != kind) {
        fprintf(stderr, "sigpack-consumer: type confusion: field %u compared as kind %u\n", field, kind);
        abort();                                  /* TYPE_CONFUSION */
      }
      consumer_sink ^= kind == KIND_NUM ? (uint8_t)v->number : (uint8_t)v->text[0];
    }
    c += 3 + c[2];
  }
}

/* Load: records for as long as body_size says, each through the handler of its tag. */
__attribute__((noinline)) static void load_records(struct load *l, record_handler *handlers, const uint8_t *cur, const uint8_t *end) {
  while (cur < end) {
    uint8_t tag = cur[0];
    uint16_t length = be16(cur + 1);
    cur = handlers[tag](l, cur + 3, length);    /* a tag without a handler: a jump to 0 */
  }
}

static enum outcome consume(const void *profile_arg, const uint8_t *f, size_t len) {
  const struct profile *prof = profile_arg;
  /* Refuse: the only checks. */
  if (len < 14) return OUT_REJECT;
  if (be32(f) != 0x53504B31u) return OUT_REJECT;
  if (be16(f + 4) != 2) return OUT_REJECT;
  if (len > prof->max_pack_size) return OUT_REJECT;
  uint16_t record_count = be16(f + 8);
  if (record_count > prof->max_records) return OUT_REJECT;
  uint32_t body_size = be32(f + 10);

  record_handler handlers[256] = { 0 };
  for (int t = 1; t <= 6; t++) if (prof->handlers[t]) handlers[t] = ALL_HANDLERS[t];
  size_t pattern_size = prof->pattern_buffer < 65536 ? prof->pattern_buffer : 65536;
  struct load l = { malloc(pattern_size + 1), NULL, 0, 0 };

  load_records(&l, handlers, f + 14, f + 14 + (size_t)body_size);

  /* Evaluate: each enabled condition of a MATCH record on a source it supplies. */
  for (int k = 0; k < prof->source_count; k++) {
    const struct source_fields *sf = &prof->sources[k];
    struct value *values = calloc(sf->count, sizeof *values);
    const struct value **fields = sf->count ? malloc(sf->count * sizeof *fields) : NULL;  /* none supplied: no array */
    for (unsigned n = 0; n < sf->count; n++) { values[n].kind = sf->kinds[n]; values[n].text = ""; fields[n] = &values[n]; }
    for (size_t m = 0; m < l.match_count; m++) if (be16(l.matches[m]) == sf->source) evaluate_match(fields, l.matches[m]);
    free(fields);
    free(values);
  }
  free(l.matches);
  free(l.pattern);
  return OUT_LOAD;
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: sigpack-consumer PROFILE.yaml [FILE... | - | --persistent | --fork-server]\n"); return 2; }
  static struct profile profile;
  if (read_profile(argv[1], on_entry, &profile) != 0) return 2;
  return consumer_main(argc, argv, &profile, consume);
}
