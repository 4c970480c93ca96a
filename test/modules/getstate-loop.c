// cflags: -Wl,--export=malloc
// Benchmark module: saves "100" under KEY, then calls proxy_get_state(STORE, KEY) N times and
// prints the calls per second it measured itself (WASI clock), so the rate excludes start-up.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

__attribute__((import_module("env"), import_name("proxy_get_state")))
int32_t get_state(const char *, size_t, const char *, size_t, char **, size_t *);
__attribute__((import_module("env"), import_name("proxy_save_state")))
int32_t save_state(const char *, size_t, const char *, size_t, const char *, size_t);

int main(int argc, char **argv) {
  if (argc < 4) return 2;
  const char *store = argv[1], *key = argv[2];
  long n = atol(argv[3]);
  if (save_state(store, strlen(store), key, strlen(key), "100", 3) != 0) {
    printf("save failed\n");
    return 1;
  }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (long i = 0; i < n; i++) {
    char *out = NULL;
    size_t len = 0;
    if (get_state(store, strlen(store), key, strlen(key), &out, &len) != 0) {
      printf("call %ld failed\n", i);
      return 1;
    }
    free(out);
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
  printf("%.0f\n", n / secs);
  return 0;
}
