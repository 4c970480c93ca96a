// The WASI engine's host calls that Node lacks: openat2(2) with RESOLVE_BENEATH, the *at family on
// a held directory fd, and readv/writev straight from the module's memory (host-fs.cts, native.cts).
// No npm package offers openat/openat2/fstatat to Node (Node's own fs has none: nodejs/node#31110),
// so this is the smallest addon that does: each function is one system call, returns -errno on
// failure, and never throws, so that a call costs one N-API crossing and no exception.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <node_api.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define MAX_ARGS 6
#define MAX_IOVS 1024

typedef struct {
  napi_env env;
  napi_value argv[MAX_ARGS];
  size_t argc;
} Call;

// Per environment (each Worker loads its own): the bound stat array, and the fds this addon opened
// and not yet closed. Node closes a Worker's fs.openSync fds when it exits; these it does not know,
// so the environment's teardown closes them here (a Worker terminated mid-run leaks none).
typedef struct {
  int64_t *out;
  napi_ref ref;
  uint64_t *open;
  size_t words;
} EnvData;

static void free_env(napi_env env, void *data, void *hint) {
  (void)hint;
  EnvData *d = data;
  for (size_t w = 0; w < d->words; w++)
    for (int b = 0; b < 64; b++)
      if (d->open[w] >> b & 1) close((int)(w * 64 + b));
  if (d->ref) napi_delete_reference(env, d->ref);
  free(d->open);
  free(d);
}

static EnvData *env_data(napi_env env) {
  EnvData *d = NULL;
  napi_get_instance_data(env, (void **)&d);
  return d;
}

static int64_t *stat_out(napi_env env) {
  EnvData *d = env_data(env);
  return d ? d->out : NULL;
}

// Records an fd this addon opened (r >= 0) and passes r on.
static long track(napi_env env, long r) {
  EnvData *d = env_data(env);
  if (r < 0 || !d) return r;
  size_t w = (size_t)r / 64;
  if (w >= d->words) {
    size_t words = w + 16;
    uint64_t *grown = realloc(d->open, words * sizeof *grown);
    if (!grown) return r;
    memset(grown + d->words, 0, (words - d->words) * sizeof *grown);
    d->open = grown;
    d->words = words;
  }
  d->open[w] |= 1ull << (r % 64);
  return r;
}

static void untrack(napi_env env, int fd) {
  EnvData *d = env_data(env);
  if (d && fd >= 0 && (size_t)fd / 64 < d->words) d->open[fd / 64] &= ~(1ull << (fd % 64));
}

static int args(napi_env env, napi_callback_info info, Call *c) {
  c->env = env;
  c->argc = MAX_ARGS;
  return napi_get_cb_info(env, info, &c->argc, c->argv, NULL, NULL) == napi_ok;
}

static int32_t i32(Call *c, size_t i) {
  int32_t v = 0;
  if (i < c->argc) napi_get_value_int32(c->env, c->argv[i], &v);
  return v;
}

static double f64(Call *c, size_t i) {
  double v = 0;
  if (i < c->argc) napi_get_value_double(c->env, c->argv[i], &v);
  return v;
}

// A path argument into buf (PATH_MAX bytes with its NUL); 0, or -ENAMETOOLONG when it does not fit.
static int str(Call *c, size_t i, char *buf) {
  size_t len = 0;
  if (i >= c->argc || napi_get_value_string_utf8(c->env, c->argv[i], buf, PATH_MAX, &len) != napi_ok) return -EINVAL;
  if (len == PATH_MAX - 1) {
    size_t full = 0;
    napi_get_value_string_utf8(c->env, c->argv[i], NULL, 0, &full);
    if (full >= PATH_MAX - 1) return -ENAMETOOLONG;
  }
  return 0;
}

static napi_value num(napi_env env, double v) {
  napi_value out;
  napi_create_double(env, v, &out);
  return out;
}

static napi_value result(napi_env env, long r) { return num(env, r < 0 ? -errno : (double)r); }

#define PATH_ARG(call, i, buf)       \
  char buf[PATH_MAX];                \
  do {                               \
    int e = str(call, i, buf);       \
    if (e) return num(call->env, e); \
  } while (0)

// bindStat(BigInt64Array(8)): where every stat call leaves dev, ino, mode, nlink, size, atim, mtim, ctim.
static napi_value bind_stat(napi_env env, napi_callback_info info) {
  Call c;
  napi_typedarray_type type;
  size_t length;
  void *data;
  if (!args(env, info, &c) || c.argc < 1 ||
      napi_get_typedarray_info(env, c.argv[0], &type, &length, &data, NULL, NULL) != napi_ok || type != napi_bigint64_array ||
      length < 8)
    return num(env, -EINVAL);
  EnvData *d = env_data(env);
  if (!d) return num(env, -ENOMEM);
  if (d->ref) napi_delete_reference(env, d->ref);
  napi_create_reference(env, c.argv[0], 1, &d->ref);
  d->out = data;
  return num(env, 0);
}

// Whether this kernel has openat2 (5.6+): the caller keeps its JavaScript walk when it has not.
static napi_value probe(napi_env env, napi_callback_info info) {
  (void)info;
  struct open_how how = {.flags = O_PATH | O_DIRECTORY | O_CLOEXEC, .resolve = RESOLVE_NO_MAGICLINKS};
  long fd = syscall(SYS_openat2, AT_FDCWD, "/", &how, sizeof how);
  if (fd >= 0) close((int)fd);
  return num(env, fd >= 0 ? 1 : -errno);
}

// openat(dirfd, name, flags, mode)
static napi_value js_openat(napi_env env, napi_callback_info info) {
  Call c;
  if (!args(env, info, &c)) return num(env, -EINVAL);
  PATH_ARG((&c), 1, name);
  long fd = openat(i32(&c, 0), name, i32(&c, 2) | O_CLOEXEC, (mode_t)i32(&c, 3));
  return result(env, track(env, fd));
}

// close(fd)
static napi_value js_close(napi_env env, napi_callback_info info) {
  Call c;
  if (!args(env, info, &c)) return num(env, -EINVAL);
  int fd = i32(&c, 0);
  untrack(env, fd);
  return result(env, close(fd));
}

static int64_t ns(struct timespec t) { return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec; }

static void put_stat(int64_t *out, const struct stat *st) {
  int64_t fields[8] = {(int64_t)st->st_dev, (int64_t)st->st_ino, st->st_mode, (int64_t)st->st_nlink, st->st_size,
                       ns(st->st_atim), ns(st->st_mtim), ns(st->st_ctim)};
  memcpy(out, fields, sizeof fields);
}

// Always beneath dirfd and never through /proc's magic links, whatever the caller adds.
static long openat2_(int dirfd, const char *path, int flags, int mode, int resolve) {
  struct open_how how = {.flags = (uint64_t)(uint32_t)flags | O_CLOEXEC,
                         .resolve = (uint64_t)resolve | RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS};
  if (flags & (O_CREAT | O_TMPFILE)) how.mode = (uint64_t)mode;
  return syscall(SYS_openat2, dirfd, path, &how, sizeof how);
}

// openat2(dirfd, path, flags, mode, resolve, stat): the fd; with `stat` its fstat in the bound array.
static napi_value js_openat2(napi_env env, napi_callback_info info) {
  Call c;
  if (!args(env, info, &c)) return num(env, -EINVAL);
  PATH_ARG((&c), 1, path);
  long fd = openat2_(i32(&c, 0), path, i32(&c, 2), i32(&c, 3), i32(&c, 4));
  if (fd < 0) return num(env, -errno);
  track(env, fd);
  int64_t *out = stat_out(env);
  struct stat st;
  if (i32(&c, 5) && out) {
    if (fstat((int)fd, &st) < 0) {
      int e = errno;
      untrack(env, (int)fd);
      close((int)fd);
      return num(env, -e);
    }
    put_stat(out, &st);
  }
  return num(env, (double)fd);
}

// statBeneath(dirfd, dirPath, name, resolve): lstat of `name` in the folder openat2 finds at dirPath
// (dirfd itself for ''), that folder closed again. 0, -errno from the lstat, or -(1000 + errno)
// when openat2 refused the folder (the caller judges whether the component walk must answer).
static napi_value js_stat_beneath(napi_env env, napi_callback_info info) {
  Call c;
  int64_t *out = stat_out(env);
  if (!args(env, info, &c) || !out) return num(env, -EINVAL);
  PATH_ARG((&c), 1, dir);
  PATH_ARG((&c), 2, name);
  int dirfd = i32(&c, 0);
  long parent = dir[0] ? openat2_(dirfd, dir, O_PATH | O_DIRECTORY, 0, i32(&c, 3)) : dirfd;
  if (parent < 0) return num(env, -1000 - errno);
  struct stat st;
  int r = fstatat((int)parent, name, &st, AT_SYMLINK_NOFOLLOW), e = errno;
  if (parent != dirfd) close((int)parent);
  if (r < 0) return num(env, -e);
  put_stat(out, &st);
  return num(env, 0);
}

// fstatat(dirfd, name, flags): 0 with the fields in the bound array; name '' with AT_EMPTY_PATH is fstat.
static napi_value js_fstatat(napi_env env, napi_callback_info info) {
  Call c;
  int64_t *out = stat_out(env);
  if (!args(env, info, &c) || !out) return num(env, -EINVAL);
  PATH_ARG((&c), 1, name);
  struct stat st;
  if (fstatat(i32(&c, 0), name, &st, i32(&c, 2)) < 0) return num(env, -errno);
  put_stat(out, &st);
  return num(env, 0);
}

// mkdirat(dirfd, name, mode)
static napi_value js_mkdirat(napi_env env, napi_callback_info info) {
  Call c;
  if (!args(env, info, &c)) return num(env, -EINVAL);
  PATH_ARG((&c), 1, name);
  return result(env, mkdirat(i32(&c, 0), name, (mode_t)i32(&c, 2)));
}

// unlinkat(dirfd, name, flags): AT_REMOVEDIR for rmdir
static napi_value js_unlinkat(napi_env env, napi_callback_info info) {
  Call c;
  if (!args(env, info, &c)) return num(env, -EINVAL);
  PATH_ARG((&c), 1, name);
  return result(env, unlinkat(i32(&c, 0), name, i32(&c, 2)));
}

// renameat(olddirfd, oldname, newdirfd, newname)
static napi_value js_renameat(napi_env env, napi_callback_info info) {
  Call c;
  if (!args(env, info, &c)) return num(env, -EINVAL);
  PATH_ARG((&c), 1, from);
  PATH_ARG((&c), 3, to);
  return result(env, renameat(i32(&c, 0), from, i32(&c, 2), to));
}

// linkat(olddirfd, oldname, newdirfd, newname): never follows (AT_SYMLINK_FOLLOW is not given)
static napi_value js_linkat(napi_env env, napi_callback_info info) {
  Call c;
  if (!args(env, info, &c)) return num(env, -EINVAL);
  PATH_ARG((&c), 1, from);
  PATH_ARG((&c), 3, to);
  return result(env, linkat(i32(&c, 0), from, i32(&c, 2), to, 0));
}

// symlinkat(text, dirfd, name)
static napi_value js_symlinkat(napi_env env, napi_callback_info info) {
  Call c;
  if (!args(env, info, &c)) return num(env, -EINVAL);
  PATH_ARG((&c), 0, text);
  PATH_ARG((&c), 2, name);
  return result(env, symlinkat(text, i32(&c, 1), name));
}

// readlinkat(dirfd, name): the link's bytes as a Buffer, or -errno
static napi_value js_readlinkat(napi_env env, napi_callback_info info) {
  Call c;
  if (!args(env, info, &c)) return num(env, -EINVAL);
  PATH_ARG((&c), 1, name);
  char text[PATH_MAX];
  ssize_t n = readlinkat(i32(&c, 0), name, text, sizeof text);
  if (n < 0) return num(env, -errno);
  napi_value out;
  void *data;
  napi_create_buffer_copy(env, (size_t)n, text, &data, &out);
  return out;
}

// The module's iovec array at iovs (count entries of {u32 buf, u32 len}) as host iovecs into its
// memory; -EFAULT when any of it lies outside that memory.
static int iovecs(Call *c, struct iovec *out, int *count) {
  void *base;
  size_t size;
  if (napi_get_arraybuffer_info(c->env, c->argv[1], &base, &size) != napi_ok) return -ENOTSUP;
  double at = f64(c, 2), n = f64(c, 3);
  if (at < 0 || n < 0 || at + n * 8 > (double)size) return -EFAULT;
  if (n > MAX_IOVS) n = MAX_IOVS;
  const uint8_t *p = (const uint8_t *)base + (size_t)at;
  for (int i = 0; i < (int)n; i++) {
    uint32_t buf, len;
    memcpy(&buf, p + i * 8, 4);
    memcpy(&len, p + i * 8 + 4, 4);
    if ((uint64_t)buf + len > size) return -EFAULT;
    out[i].iov_base = (uint8_t *)base + buf;
    out[i].iov_len = len;
  }
  *count = (int)n;
  return 0;
}

// readv/writev(fd, memory's ArrayBuffer, iovs, count, position): position < 0 is the fd's own.
static napi_value io(napi_env env, napi_callback_info info, int write) {
  Call c;
  struct iovec iov[MAX_IOVS];
  int count = 0;
  if (!args(env, info, &c) || c.argc < 5) return num(env, -EINVAL);
  int e = iovecs(&c, iov, &count);
  if (e) return num(env, e);
  int fd = i32(&c, 0);
  double pos = f64(&c, 4);
  ssize_t n = pos < 0 ? (write ? writev(fd, iov, count) : readv(fd, iov, count))
                      : (write ? pwritev(fd, iov, count, (off_t)pos) : preadv(fd, iov, count, (off_t)pos));
  return result(env, n);
}

static napi_value js_readv(napi_env env, napi_callback_info info) { return io(env, info, 0); }
static napi_value js_writev(napi_env env, napi_callback_info info) { return io(env, info, 1); }

NAPI_MODULE_INIT() {
  EnvData *d = calloc(1, sizeof *d);
  if (!d || napi_set_instance_data(env, d, free_env, NULL) != napi_ok) return NULL;
  napi_property_descriptor fns[] = {
      {"bindStat", 0, bind_stat, 0, 0, 0, napi_default, 0},   {"probe", 0, probe, 0, 0, 0, napi_default, 0},
      {"openat2", 0, js_openat2, 0, 0, 0, napi_default, 0},   {"openat", 0, js_openat, 0, 0, 0, napi_default, 0},
      {"fstatat", 0, js_fstatat, 0, 0, 0, napi_default, 0},   {"mkdirat", 0, js_mkdirat, 0, 0, 0, napi_default, 0},
      {"unlinkat", 0, js_unlinkat, 0, 0, 0, napi_default, 0}, {"renameat", 0, js_renameat, 0, 0, 0, napi_default, 0},
      {"linkat", 0, js_linkat, 0, 0, 0, napi_default, 0},     {"symlinkat", 0, js_symlinkat, 0, 0, 0, napi_default, 0},
      {"readlinkat", 0, js_readlinkat, 0, 0, 0, napi_default, 0}, {"readv", 0, js_readv, 0, 0, 0, napi_default, 0},
      {"writev", 0, js_writev, 0, 0, 0, napi_default, 0},     {"close", 0, js_close, 0, 0, 0, napi_default, 0},
      {"statBeneath", 0, js_stat_beneath, 0, 0, 0, napi_default, 0},
  };
  napi_define_properties(env, exports, sizeof fns / sizeof fns[0], fns);
  return exports;
}
