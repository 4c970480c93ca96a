// Layotto's demo function 1 (id_1): reads `name` from the request body (or query string), asks
// function 2 for the stock through InvokeService, answers "There are N inventories for NAME.".
#include <stdio.h>
#include "proxy_wasm.h"

PROXY_FUNCTION_ID("id_1")

// Finds `key=value` in an `a=b&c=d` body; copies the value into out.
static int query_param(const char *body, size_t len, const char *key, char *out, size_t out_size) {
  size_t key_len = strlen(key);
  for (size_t i = 0; i < len;) {
    size_t end = i;
    while (end < len && body[end] != '&') end++;
    if (end - i > key_len && body[i + key_len] == '=' && memcmp(body + i, key, key_len) == 0) {
      size_t n = end - i - key_len - 1;
      if (n >= out_size) n = out_size - 1;
      memcpy(out, body + i + key_len + 1, n);
      out[n] = 0;
      return 1;
    }
    i = end + 1;
  }
  return 0;
}

EXPORT(proxy_on_request_body) int32_t proxy_on_request_body(int32_t ctx, int32_t size, int32_t end) {
  (void)ctx; (void)end;
  char *body = NULL;
  long len = read_request_body(size, &body);
  char name[128];
  if (len < 0 || !query_param(body, (size_t)len, "name", name, sizeof name)) {
    log_msg(LOG_ERROR, "param not found: name");
    const char *msg = "missing parameter: name";
    set_response_body(msg, strlen(msg));
    free(body);
    return ACTION_CONTINUE;
  }
  free(body);
  char *stock = NULL;
  size_t stock_len = 0;
  int32_t status = proxy_invoke_service("id_2", 4, "", 0, name, strlen(name), &stock, &stock_len);
  if (status != STATUS_OK) {
    char msg[96];
    int n = snprintf(msg, sizeof msg, "invoke service failed: status %d", (int)status);
    log_msg(LOG_ERROR, msg);
    set_response_body(msg, (size_t)n);
    return ACTION_CONTINUE;
  }
  char answer[256];
  int n = snprintf(answer, sizeof answer, "There are %.*s inventories for %s.", (int)stock_len, stock, name);
  free(stock);
  set_response_body(answer, (size_t)n);
  return ACTION_CONTINUE;
}
