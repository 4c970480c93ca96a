// A minimal guest side of the proxy-wasm 0.2.x ABI plus Layotto's runtime host functions, enough
// for Layotto's demo functions. Results come back through the guest's exported malloc.
#pragma once
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
#define EXPORT(name) __attribute__((export_name(#name)))

enum { BUF_HTTP_REQUEST_BODY = 0, BUF_HTTP_RESPONSE_BODY = 1, BUF_CALL_DATA = 8 };
enum { STATUS_OK = 0, STATUS_NOT_FOUND = 1, STATUS_EMPTY = 7 };
enum { ACTION_CONTINUE = 0, ACTION_PAUSE = 1 };
enum { LOG_INFO = 2, LOG_ERROR = 4 };

IMPORT(proxy_log) int32_t proxy_log(int32_t level, const char *msg, size_t len);
IMPORT(proxy_get_buffer_bytes)
int32_t proxy_get_buffer_bytes(int32_t type, int32_t start, int32_t max, char **ret, size_t *ret_len);
IMPORT(proxy_set_buffer_bytes)
int32_t proxy_set_buffer_bytes(int32_t type, int32_t start, int32_t size, const char *data, size_t len);
IMPORT(proxy_invoke_service)
int32_t proxy_invoke_service(const char *id, size_t id_len, const char *method, size_t method_len,
                             const char *param, size_t param_len, char **ret, size_t *ret_len);
IMPORT(proxy_get_state)
int32_t proxy_get_state(const char *store, size_t store_len, const char *key, size_t key_len,
                        char **ret, size_t *ret_len);

static inline void log_msg(int32_t level, const char *msg) { proxy_log(level, msg, strlen(msg)); }

static inline int32_t set_response_body(const char *data, size_t len) {
  return proxy_set_buffer_bytes(BUF_HTTP_RESPONSE_BODY, 0, 0x7fffffff, data, len);
}

// Layotto routes by the id a module writes into the call-data buffer from proxy_get_id.
#define PROXY_FUNCTION_ID(id)                                                              \
  EXPORT(proxy_get_id) void proxy_get_id(void) {                                           \
    proxy_set_buffer_bytes(BUF_CALL_DATA, 0, 0x7fffffff, id, sizeof(id) - 1);              \
  }                                                                                        \
  EXPORT(proxy_abi_version_0_2_0) void proxy_abi_version_0_2_0(void) {}                    \
  EXPORT(proxy_on_memory_allocate) void *proxy_on_memory_allocate(size_t n) { return malloc(n); } \
  EXPORT(proxy_on_context_create) void proxy_on_context_create(int32_t c, int32_t p) { (void)c; (void)p; } \
  EXPORT(proxy_on_vm_start) int32_t proxy_on_vm_start(int32_t c, int32_t n) { (void)c; (void)n; return 1; } \
  EXPORT(proxy_on_configure) int32_t proxy_on_configure(int32_t c, int32_t n) { (void)c; (void)n; return 1; } \
  EXPORT(proxy_on_request_headers) int32_t proxy_on_request_headers(int32_t c, int32_t n, int32_t e) { (void)c; (void)n; (void)e; return ACTION_CONTINUE; } \
  EXPORT(proxy_on_done) int32_t proxy_on_done(int32_t c) { (void)c; return 1; }         \
  EXPORT(proxy_on_delete) void proxy_on_delete(int32_t c) { (void)c; }                    \
  int main(void) { return 0; }

// Reads the whole request body; the caller frees *out. Returns its length, -1 when there is none.
static inline long read_request_body(int32_t size, char **out) {
  size_t len = 0;
  if (size <= 0 || proxy_get_buffer_bytes(BUF_HTTP_REQUEST_BODY, 0, size, out, &len) != STATUS_OK) return -1;
  return (long)len;
}
