// RE2 for the C consumers: the one piece of C++ (RE2 is a C++ library).
#include <re2/re2.h>
#include <string>
#include <cstdint>
#include <cstddef>

// WHATWG UTF-8 decoding with U+FFFD for each maximal bad subsequence, re-encoded: what
// preflight's model gives RE2 (TextDecoder, fatal: false).
static std::string sanitize_utf8(const unsigned char *s, size_t n) {
  std::string out;
  out.reserve(n);
  const char *fffd = "\xEF\xBF\xBD";
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) { out.push_back((char)c); i++; continue; }
    size_t need; unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) need = 1;
    else if (c >= 0xE0 && c <= 0xEF) { need = 2; if (c == 0xE0) lo = 0xA0; if (c == 0xED) hi = 0x9F; }
    else if (c >= 0xF0 && c <= 0xF4) { need = 3; if (c == 0xF0) lo = 0x90; if (c == 0xF4) hi = 0x8F; }
    else { out += fffd; i++; continue; }
    size_t j = 1;
    for (; j <= need; j++) {
      if (i + j >= n) break;
      unsigned b = s[i + j];
      if (b < lo || b > hi) break;
      lo = 0x80; hi = 0xBF;
    }
    if (j > need) { out.append((const char *)s + i, need + 1); i += need + 1; }
    else { out += fffd; i += j; }
  }
  return out;
}

extern "C" int re2_compiles(const char *pattern, size_t len, const char **why) {
  static std::string last_error;
  std::string text = sanitize_utf8((const unsigned char *)pattern, len);
  RE2::Options options;
  options.set_log_errors(false);
  RE2 re(text, options);
  if (re.ok()) return 1;
  last_error = re.error();
  if (why) *why = last_error.c_str();
  return 0;
}
