// Layotto's demo function 2 (id_2): the body is a book name; answers its stock from the state store
// `state_demo` (0 when the store has no such book).
import { ACTION_CONTINUE, BUF_CALL_DATA, BUF_HTTP_RESPONSE_BODY, STATUS_NOT_FOUND, STATUS_OK, getState, requestBody, setBuffer } from "./proxy";
export * from "./lifecycle";

export function proxy_get_id(): void {
  setBuffer(BUF_CALL_DATA, "id_2");
}

export function proxy_on_request_body(context: i32, size: i32, end: i32): i32 {
  const book = requestBody(size);
  const stock = book.length > 0 ? getState("state_demo", book) : null;
  if (stock === null || stock.status == STATUS_NOT_FOUND || (stock.status == STATUS_OK && stock.value.length == 0)) {
    setBuffer(BUF_HTTP_RESPONSE_BODY, "0");
  } else if (stock.status == STATUS_OK) {
    setBuffer(BUF_HTTP_RESPONSE_BODY, stock.value);
  } else {
    setBuffer(BUF_HTTP_RESPONSE_BODY, "get state failed: status " + stock.status.toString());
  }
  return ACTION_CONTINUE;
}
