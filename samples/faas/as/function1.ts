// Layotto's demo function 1 (id_1): reads `name` from the body (or query string), asks function 2
// for the stock through InvokeService, answers "There are N inventories for NAME.".
import { ACTION_CONTINUE, BUF_CALL_DATA, BUF_HTTP_RESPONSE_BODY, LOG_ERROR, STATUS_OK, invokeService, log, requestBody, setBuffer } from "./proxy";
export * from "./lifecycle";

export function proxy_get_id(): void {
  setBuffer(BUF_CALL_DATA, "id_1");
}

function queryParam(body: string, key: string): string | null {
  const pairs = body.split("&");
  for (let i = 0; i < pairs.length; i++) {
    const kv = pairs[i].split("=");
    if (kv.length == 2 && kv[0] == key) return kv[1];
  }
  return null;
}

export function proxy_on_request_body(context: i32, size: i32, end: i32): i32 {
  const name = queryParam(requestBody(size), "name");
  if (name === null) {
    log(LOG_ERROR, "param not found: name");
    setBuffer(BUF_HTTP_RESPONSE_BODY, "missing parameter: name");
    return ACTION_CONTINUE;
  }
  const stock = invokeService("id_2", "", name);
  if (stock.status != STATUS_OK) {
    setBuffer(BUF_HTTP_RESPONSE_BODY, "invoke service failed: status " + stock.status.toString());
    return ACTION_CONTINUE;
  }
  setBuffer(BUF_HTTP_RESPONSE_BODY, "There are " + stock.value + " inventories for " + name + ".");
  return ACTION_CONTINUE;
}
