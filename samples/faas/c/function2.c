// Layotto's demo function 2 (id_2): the request body is a book name; answers its stock from the
// state store `state_demo` (0 when the store has no such book).
#include "proxy_wasm.h"

PROXY_FUNCTION_ID("id_2")

EXPORT(proxy_on_request_body) int32_t proxy_on_request_body(int32_t ctx, int32_t size, int32_t end) {
  (void)ctx; (void)end;
  char *book = NULL;
  long len = read_request_body(size, &book);
  if (len <= 0) {
    set_response_body("0", 1);
    return ACTION_CONTINUE;
  }
  char *stock = NULL;
  size_t stock_len = 0;
  int32_t status = proxy_get_state("state_demo", 10, book, (size_t)len, &stock, &stock_len);
  free(book);
  if (status == STATUS_OK && stock_len > 0) set_response_body(stock, stock_len);
  else if (status == STATUS_OK || status == STATUS_NOT_FOUND) set_response_body("0", 1);
  else {
    log_msg(LOG_ERROR, "get state failed");
    return ACTION_PAUSE;
  }
  free(stock);
  return ACTION_CONTINUE;
}
