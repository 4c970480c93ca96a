// cflags: -Wl,--export=malloc
// Calls Layotto's runtime host functions (and wasmctl's) as its arguments say, one per argument:
//   get:STORE:KEY  save:STORE:KEY:VALUE  del:STORE:KEY  pub:PUBSUB:TOPIC:DATA  next:STORE:KEY
//   lock:STORE:RESOURCE:OWNER:SECONDS  unlock:STORE:RESOURCE:OWNER  invoke:ID:METHOD:DATA
//   conf:STORE:APP:KEY  badptr
// and prints `OP STATUS [VALUE]` for each.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
typedef const char *str;
IMPORT(proxy_get_state) int32_t get_state(str, size_t, str, size_t, char **, size_t *);
IMPORT(proxy_save_state) int32_t save_state(str, size_t, str, size_t, str, size_t);
IMPORT(proxy_delete_state) int32_t delete_state(str, size_t, str, size_t);
IMPORT(proxy_publish_event) int32_t publish_event(str, size_t, str, size_t, str, size_t);
IMPORT(proxy_get_next_id) int32_t get_next_id(str, size_t, str, size_t, char **, size_t *);
IMPORT(proxy_try_lock) int32_t try_lock(str, size_t, str, size_t, str, size_t, int32_t);
IMPORT(proxy_unlock) int32_t unlock(str, size_t, str, size_t, str, size_t);
IMPORT(proxy_invoke_service) int32_t invoke_service(str, size_t, str, size_t, str, size_t, char **, size_t *);
IMPORT(proxy_get_configuration) int32_t get_configuration(str, size_t, str, size_t, str, size_t, char **, size_t *);

#define S(x) (x), strlen(x)

static void report(const char *op, int32_t status, char *value, size_t len) {
  if (status == 0 && value) printf("%s %d %.*s\n", op, (int)status, (int)len, value);
  else printf("%s %d\n", op, (int)status);
  free(value);
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    char *f[6] = {0};
    int n = 0;
    for (char *p = strtok(argv[i], ":"); p && n < 6; p = strtok(NULL, ":")) f[n++] = p;
    const char *op = f[0];
    for (int k = n; k < 6; k++) f[k] = "";
    char *out = NULL;
    size_t len = 0;
    if (!strcmp(op, "get")) report(op, get_state(S(f[1]), S(f[2]), &out, &len), out, len);
    else if (!strcmp(op, "save")) report(op, save_state(S(f[1]), S(f[2]), S(f[3])), NULL, 0);
    else if (!strcmp(op, "del")) report(op, delete_state(S(f[1]), S(f[2])), NULL, 0);
    else if (!strcmp(op, "pub")) report(op, publish_event(S(f[1]), S(f[2]), S(f[3])), NULL, 0);
    else if (!strcmp(op, "next")) report(op, get_next_id(S(f[1]), S(f[2]), &out, &len), out, len);
    else if (!strcmp(op, "lock")) report(op, try_lock(S(f[1]), S(f[2]), S(f[3]), atoi(f[4])), NULL, 0);
    else if (!strcmp(op, "unlock")) report(op, unlock(S(f[1]), S(f[2]), S(f[3])), NULL, 0);
    else if (!strcmp(op, "invoke")) report(op, invoke_service(S(f[1]), S(f[2]), S(f[3]), &out, &len), out, len);
    else if (!strcmp(op, "conf")) report(op, get_configuration(S(f[1]), S(f[2]), S(f[3]), &out, &len), out, len);
    else if (!strcmp(op, "badptr")) report(op, get_state((str)0x7ffffff0, 64, S("k"), &out, &len), NULL, 0);
    else { printf("unknown op %s\n", op); return 2; }
  }
  return 0;
}
