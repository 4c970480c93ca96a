// cflags: -I../../samples/faas/c -Wl,--export=malloc -Wl,--export=free
// A function for `wasmctl serve` (id serve_trap): body `crash` traps, body `spin` never returns
// (the per-request timeout), body `grow` grows its memory forever (V8 then holds back the
// Worker's termination), anything else answers `alive` — the instance must be replaced after
// the first three and the next request served.
#include "proxy_wasm.h"

PROXY_FUNCTION_ID("serve_trap")

static int is(const char *body, long len, const char *word) {
  return len == (long)strlen(word) && memcmp(body, word, (size_t)len) == 0;
}

EXPORT(proxy_on_request_body) int32_t proxy_on_request_body(int32_t ctx, int32_t size, int32_t end) {
  (void)ctx; (void)end;
  char *body = NULL;
  long len = read_request_body(size, &body);
  if (is(body, len, "crash")) __builtin_trap();
  if (is(body, len, "spin")) for (volatile int i = 0;; i++) {}
  if (is(body, len, "grow")) for (;;) __builtin_wasm_memory_grow(0, 1);
  free(body);
  set_response_body("alive", 5);
  return ACTION_CONTINUE;
}
