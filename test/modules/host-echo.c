// Calls the host through the generic bytes channel: env.host_echo(ptr, len, &out, &out_len).
// argv[1] = the payload; argv[2] = how many calls to make (for the round-trip rate).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((import_module("env"), import_name("host_echo")))
int32_t host_echo(const char *ptr, uint32_t len, char **out, uint32_t *out_len);

__attribute__((export_name("malloc"))) void *export_malloc(size_t n) { return malloc(n); }

int main(int argc, char **argv) {
  const char *payload = argc > 1 ? argv[1] : "ping";
  long calls = argc > 2 ? atol(argv[2]) : 1;
  char *out = NULL;
  uint32_t out_len = 0;
  int32_t status = 0;
  for (long i = 0; i < calls; i++) {
    free(out);
    out = NULL;
    status = host_echo(payload, (uint32_t)strlen(payload), &out, &out_len);
    if (status != 0) break;
  }
  printf("status %d reply %.*s\n", status, (int)out_len, out ? out : "");
  return status == 0 ? 0 : 1;
}
