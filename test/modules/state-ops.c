// cflags: -Wl,--export=malloc
// Layotto's state host functions only (get and save, which the embedded in-memory store answers at
// once, so `wasmctl run` runs this module on its main thread), one operation per argument:
//   save:STORE:KEY:VALUE  get:STORE:KEY  loop:STORE:KEY (gets forever)  trap  exit:CODE
// printing `OP STATUS [VALUE]` for each, each line out before the next operation.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
typedef const char *str;
IMPORT(proxy_get_state) int32_t get_state(str, size_t, str, size_t, char **, size_t *);
IMPORT(proxy_save_state) int32_t save_state(str, size_t, str, size_t, str, size_t);

#define S(x) (x), strlen(x)

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  for (int i = 1; i < argc; i++) {
    char *f[4] = {"", "", "", ""};
    int n = 0;
    for (char *p = strtok(argv[i], ":"); p && n < 4; p = strtok(NULL, ":")) f[n++] = p;
    char *out = NULL;
    size_t len = 0;
    if (!strcmp(f[0], "save")) {
      printf("save %d\n", (int)save_state(S(f[1]), S(f[2]), S(f[3])));
    } else if (!strcmp(f[0], "get")) {
      int32_t status = get_state(S(f[1]), S(f[2]), &out, &len);
      if (status == 0) printf("get %d %.*s\n", (int)status, (int)len, out);
      else printf("get %d\n", (int)status);
      free(out);
    } else if (!strcmp(f[0], "loop")) {
      printf("looping\n");
      for (;;) {
        get_state(S(f[1]), S(f[2]), &out, &len);
        free(out);
        out = NULL;
      }
    } else if (!strcmp(f[0], "trap")) {
      __builtin_trap();
    } else if (!strcmp(f[0], "exit")) {
      return atoi(f[1]);
    }
  }
  return 0;
}
