/* The CCF v1 consumer of docs/ccf-v1.md section 3, in C, as the document describes it: it makes
 * the four refusal checks and then trusts every count, size, offset and opcode in the file.
 * Built with AddressSanitizer and UBSan (Makefile), each fault of section 3 is a real fault:
 *
 *   READ_PAST_END     a read past the file buffer (exactly the file's length, then a guard): SEGV
 *   UNKNOWN_TEMPLATE  a null template, dereferenced: SEGV (UBSan: member access within null pointer)
 *   UNKNOWN_OP        a call through an empty slot of the opcode table: SEGV at pc 0
 *   POOL_OOB          a read past the pool copy (exactly pool_size bytes, then a guard): SEGV
 *   REGEX_TOO_LONG    a copy past the pattern buffer (regex_max_length + 1 bytes): heap-buffer-overflow WRITE
 *   REGEX_INVALID     RE2 refuses the pattern and nobody handles the error: abort()
 *   OOB_INPUT_READ    inputs[i] of an array of exactly the supplied inputs: heap-buffer-overflow READ of size 8
 *   TYPE_CONFUSION    a value of the other kind: the value accessor's tag check aborts
 *
 * Usage: ccf-consumer PROFILE.yaml [FILE... | - | --persistent | --fork-server]
 * prints `reject` or `load` for each file, or dies on the first fault. */
#include "common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { KIND_INT = 1, KIND_STR = 2 };
static const char *const OP_NAMES[] = { "ANY", "EQ_INT", "RANGE_INT", "EQ_STR", "PREFIX_STR", "REGEX" };

struct template_inputs { uint16_t type_id; uint8_t count; uint8_t kinds[255]; };
struct profile {
  struct template_inputs templates[64];  /* in the profile's order: events are evaluated type by type */
  int template_count;
  int ops[6];                            /* the opcodes this version implements */
  uint64_t max_instances, max_file_size, regex_max_length;
};

static void on_entry(void *ctx, const char *path, const char *value) {
  struct profile *p = ctx;
  unsigned key;
  char rest[64];
  if (sscanf(path, "templates.%u.%63s", &key, rest) == 2 && strcmp(rest, "inputs") == 0) {
    struct template_inputs *t = NULL;
    for (int i = 0; i < p->template_count; i++) if (p->templates[i].type_id == key) t = &p->templates[i];
    if (!t && p->template_count < 64) { t = &p->templates[p->template_count++]; t->type_id = (uint16_t)key; t->count = 0; }
    if (t && t->count < 255) t->kinds[t->count++] = strcmp(value, "INT") == 0 ? KIND_INT : KIND_STR;
  } else if (strcmp(path, "ops") == 0) {
    for (int op = 0; op < 6; op++) if (strcmp(value, OP_NAMES[op]) == 0) p->ops[op] = 1;
  } else if (strcmp(path, "limits.max_instances") == 0) p->max_instances = strtoull(value, NULL, 10);
  else if (strcmp(path, "limits.max_file_size") == 0) p->max_file_size = strtoull(value, NULL, 10);
  else if (strcmp(path, "limits.regex_max_length") == 0) p->regex_max_length = strtoull(value, NULL, 10);
}

/* ---- load ---------------------------------------------------------------------------- */

struct template { uint16_t type_id; uint8_t field_count; const uint8_t *field_kinds; };

struct load {
  const struct profile *profile;
  const uint8_t *file;
  const struct template *types;
  uint16_t type_count;
  uint8_t *pool;          /* the copy: exactly pool_size bytes */
  char *pattern;          /* the fixed pattern buffer: regex_max_length + 1 bytes */
};

typedef const uint8_t *(*op_handler)(struct load *, const uint8_t *payload);

static const uint8_t *op_any(struct load *l, const uint8_t *p) { (void)l; return p; }
static const uint8_t *op_eq_int(struct load *l, const uint8_t *p) { (void)l; consumer_sink ^= (uint8_t)le64(p); return p + 8; }
static const uint8_t *op_range_int(struct load *l, const uint8_t *p) { (void)l; consumer_sink ^= (uint8_t)(le64(p) ^ le64(p + 8)); return p + 16; }

/* A string of the pool: the consumer keeps its end pointer and looks at its last byte (a
 * trailing '*' marks a prefix); `str_off + str_len` past the copy reads past it: POOL_OOB. */
static const uint8_t *pool_string(struct load *l, const uint8_t *p, const uint8_t **text, uint16_t *len) {
  uint32_t str_off = le32(p);
  *len = le16(p + 4);
  *text = l->pool + str_off;
  const uint8_t *end = *text + *len;
  if (end > l->pool) consumer_sink ^= end[-1];
  return p + 6;
}

static const uint8_t *op_str(struct load *l, const uint8_t *p) {
  const uint8_t *text;
  uint16_t len;
  p = pool_string(l, p, &text, &len);
  use_bytes(text, len);
  return p;
}

static const uint8_t *op_regex(struct load *l, const uint8_t *p) {
  const uint8_t *text;
  uint16_t len;
  p = pool_string(l, p, &text, &len);
  memcpy(l->pattern, text, len);   /* no length check: REGEX_TOO_LONG overflows the buffer */
  l->pattern[len] = 0;
  const char *why = "";
  if (!re2_compiles(l->pattern, len, &why)) {
    fprintf(stderr, "ccf-consumer: unhandled regex error: %s\n", why);
    abort();                       /* REGEX_INVALID */
  }
  return p;
}

static const op_handler ALL_OPS[6] = { op_any, op_eq_int, op_range_int, op_str, op_str, op_regex };

#define STEP __attribute__((noinline)) static

/* 1. the template-type table: type_count entries from offset 40; returns where it ends */
STEP const uint8_t *load_types(struct template *types, uint16_t type_count, const uint8_t *cur) {
  for (unsigned t = 0; t < type_count; t++) {
    types[t].type_id = le16(cur);
    types[t].field_count = cur[2];
    consumer_sink ^= cur[3];
    types[t].field_kinds = cur + 4;
    use_bytes(cur + 4, types[t].field_count);
    cur += 4 + types[t].field_count;
  }
  return cur;
}

/* 2. the instance index, right after the table */
STEP void load_index(const uint8_t *index, uint32_t instance_count) {
  for (uint32_t i = 0; i < instance_count; i++) consumer_sink ^= (uint8_t)le32(index + 4 * (size_t)i);
}

/* 3. the pool, copied into a buffer of exactly pool_size bytes (guarded: a string's offset can
 * send a read far past it, where a heap buffer could have a live neighbour). A pool of 0 bytes
 * is a buffer of 0 bytes: the guard starts where it starts, so an empty string at offset 0 is
 * still an empty string (not memcpy from NULL) and any other reads a fault. */
STEP uint8_t *copy_pool(const uint8_t *f, uint32_t pool_offset, uint32_t pool_size) {
  uint8_t *pool = guarded_alloc(pool_size);
  if (!pool) { fprintf(stderr, "ccf-consumer: no memory for a pool of %u bytes\n", pool_size); abort(); }
  memcpy(pool, f + pool_offset, pool_size);
  return pool;
}

/* 4. one instance: its 8-byte head, its template, then its criteria through the opcode table */
STEP void load_instance(struct load *l, op_handler *ops, const uint8_t *rec) {
  consumer_sink ^= (uint8_t)le32(rec);             /* instance_id */
  uint16_t type_id = le16(rec + 4);
  uint8_t criteria_count = rec[6];
  consumer_sink ^= rec[7];                          /* action */
  const struct template *tmpl = NULL;
  for (unsigned t = 0; t < l->type_count && !tmpl; t++) if (l->types[t].type_id == type_id) tmpl = &l->types[t];
  consumer_sink ^= tmpl->field_count;               /* a type not in the table: a null template */
  const uint8_t *c = rec + 8;
  for (unsigned j = 0; j < criteria_count; j++) {
    uint8_t op = c[0];
    c = ops[op](l, c + 1);                          /* an opcode without a handler: a jump to 0 */
  }
}

struct value { uint8_t kind; uint64_t number; const char *text; };

/* Evaluate one instance against the event's inputs: criterion j reads inputs[j]. */
STEP void evaluate_instance(const struct value **inputs, const uint8_t *rec) {
  static const uint8_t PAYLOAD[6] = { 0, 8, 16, 6, 6, 6 };
  const uint8_t *c = rec + 8;
  for (unsigned j = 0; j < rec[6]; j++) {
    uint8_t op = c[0];
    if (op != 0) {
      const struct value *v = inputs[j];            /* no bounds check: OOB_INPUT_READ */
      uint8_t needs = op <= 2 ? KIND_INT : KIND_STR;
      if (v->kind != needs) {
        fprintf(stderr, "ccf-consumer: type confusion: %s on a %s input\n", OP_NAMES[op], v->kind == KIND_INT ? "INT" : "STR");
        abort();                                    /* TYPE_CONFUSION */
      }
      if (needs == KIND_INT) consumer_sink ^= (uint8_t)(v->number == le64(c + 1));
      else consumer_sink ^= (uint8_t)v->text[0];
    }
    c += 1 + PAYLOAD[op];
  }
}

static enum outcome consume(const void *profile_arg, const uint8_t *f, size_t len) {
  const struct profile *prof = profile_arg;
  /* Refuse: the only checks. */
  if (len < 40) return OUT_REJECT;
  if (le32(f) != 0xAAAAAAAAu) return OUT_REJECT;
  if (le16(f + 4) != 1) return OUT_REJECT;
  if (len > prof->max_file_size) return OUT_REJECT;
  uint32_t instance_count = le32(f + 24);
  if (instance_count > prof->max_instances) return OUT_REJECT;
  uint16_t type_count = le16(f + 20);
  uint32_t pool_offset = le32(f + 28), pool_size = le32(f + 32);

  /* The opcode table of this version: an opcode it does not implement has no handler. */
  op_handler ops[256] = { 0 };
  for (int op = 0; op < 6; op++) if (prof->ops[op]) ops[op] = ALL_OPS[op];

  /* Load, in the order of section 3. */
  struct template *types = malloc((type_count ? type_count : 1) * sizeof *types);
  const uint8_t *index = load_types(types, type_count, f + 40);
  load_index(index, instance_count);
  uint8_t *pool = copy_pool(f, pool_offset, pool_size);
  size_t pattern_size = prof->regex_max_length < 65536 ? prof->regex_max_length : 65536;
  struct load l = { prof, f, types, type_count, pool, malloc(pattern_size + 1) };
  for (uint32_t i = 0; i < instance_count; i++) load_instance(&l, ops, f + le32(index + 4 * (size_t)i));

  /* Evaluate: the inputs this version supplies for each template type it lists, in its order. */
  for (int k = 0; k < prof->template_count; k++) {
    const struct template_inputs *ti = &prof->templates[k];
    /* the event's values, and inputs: a heap array of exactly the supplied inputs */
    struct value *values = calloc(ti->count, sizeof *values);
    const struct value **inputs = ti->count ? malloc(ti->count * sizeof *inputs) : NULL;  /* none supplied: no array */
    for (unsigned n = 0; n < ti->count; n++) { values[n].kind = ti->kinds[n]; values[n].text = ""; inputs[n] = &values[n]; }
    for (uint32_t i = 0; i < instance_count; i++) {
      const uint8_t *rec = f + le32(index + 4 * (size_t)i);
      if (le16(rec + 4) == ti->type_id) evaluate_instance(inputs, rec);
    }
    free(inputs);
    free(values);
  }
  free(l.pattern);
  guarded_free(pool, pool_size);
  free(types);
  return OUT_LOAD;
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: ccf-consumer PROFILE.yaml [FILE... | - | --persistent | --fork-server]\n"); return 2; }
  static struct profile profile;
  if (read_profile(argv[1], on_entry, &profile) != 0) return 2;
  return consumer_main(argc, argv, &profile, consume);
}
