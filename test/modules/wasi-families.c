// One check per family of WASI preview 1 behaviour the conformance suite found broken; run with the
// folder to work in as argv[1] (writable). Prints `ok NAME` or `FAIL NAME: why` per check.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

static int failures = 0;
static void check(const char *name, int ok, const char *why) {
  if (ok) printf("ok %s\n", name);
  else {
    printf("FAIL %s: %s (%s)\n", name, why, strerror(errno));
    failures++;
  }
}

static char path_buf[512];
static const char *in(const char *dir, const char *name) {
  snprintf(path_buf, sizeof path_buf, "%s/%s", dir, name);
  return path_buf;
}

static void write_file(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, text, strlen(text));
  close(fd);
}

static void rights(const char *dir) {
  int fd = open(in(dir, "rights.txt"), O_RDWR | O_CREAT, 0644);
  __wasi_fdstat_t st;
  __wasi_fd_fdstat_get(fd, &st);
  __wasi_rights_t without_rw = st.fs_rights_base & ~(__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE);
  check("rights-drop", __wasi_fd_fdstat_set_rights(fd, without_rw, st.fs_rights_inheriting) == 0, "dropping rights");
  char c;
  check("rights-enforced", read(fd, &c, 1) < 0 && (errno == EBADF || errno == ENOTCAPABLE), "read after FD_READ was dropped");
  check("rights-no-regrant", __wasi_fd_fdstat_set_rights(fd, st.fs_rights_base, st.fs_rights_inheriting) == __WASI_ERRNO_NOTCAPABLE, "regranting");
  close(fd);
  int d = open(dir, O_RDONLY | O_DIRECTORY);
  __wasi_fd_fdstat_get(d, &st);
  check("rights-dir", (st.fs_rights_base & (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK)) == 0 &&
                          (st.fs_rights_base & __WASI_RIGHTS_PATH_OPEN), "a folder's base rights are path rights, not read/write/seek");
  close(d);
}

static void calls(const char *dir) {
  write_file(in(dir, "target.txt"), "target");
  check("symlink", symlink("target.txt", in(dir, "link")) == 0, "symlink");
  char buf[64] = {0};
  check("readlink", readlink(in(dir, "link"), buf, sizeof buf) == 10 && !strcmp(buf, "target.txt"), "readlink");
  check("symlink-absolute-refused", symlink("/etc", in(dir, "abs")) != 0, "an absolute link was created");
  int dfd = open(dir, O_RDONLY | O_DIRECTORY);
  check("link", __wasi_path_link(dfd, 0, "target.txt", dfd, "hard") == 0, "path_link");
  close(dfd);
  struct stat st;
  stat(in(dir, "target.txt"), &st);
  check("link-nlink", st.st_nlink == 2, "nlink after link");
  struct timespec times[2] = {{.tv_sec = 1000000000, .tv_nsec = 123456789}, {.tv_sec = 1100000000, .tv_nsec = 987654321}};
  check("utimensat", utimensat(AT_FDCWD, in(dir, "target.txt"), times, 0) == 0, "utimensat");
  stat(in(dir, "target.txt"), &st);
  check("times-exact", st.st_mtim.tv_sec == 1100000000 && st.st_mtim.tv_nsec == 987654321 && st.st_atim.tv_nsec == 123456789, "nanoseconds kept");
  int fd = open(in(dir, "alloc.bin"), O_RDWR | O_CREAT, 0644);
  check("fallocate", posix_fallocate(fd, 0, 4096) == 0, "posix_fallocate");
  fstat(fd, &st);
  check("fallocate-size", st.st_size == 4096, "size after posix_fallocate");
  check("shutdown-not-socket", shutdown(fd, SHUT_RD) != 0 && errno == ENOTSOCK, "shutdown on a file");
  close(fd);
  check("shutdown-bad-fd", shutdown(999, SHUT_RD) != 0 && errno == EBADF, "shutdown on no fd");
}

static void flags(const char *dir) {
  write_file(in(dir, "append.txt"), "0123456789");
  int fd = open(in(dir, "append.txt"), O_RDWR | O_APPEND);
  check("append-reported", (fcntl(fd, F_GETFL) & O_APPEND) != 0, "O_APPEND in F_GETFL");
  write(fd, "AB", 2);
  check("append-cleared", fcntl(fd, F_SETFL, 0) == 0 && (fcntl(fd, F_GETFL) & O_APPEND) == 0, "clearing O_APPEND");
  pwrite(fd, "xy", 2, 0);
  char buf[16] = {0};
  pread(fd, buf, sizeof buf - 1, 0);
  check("pwrite-offset", !strcmp(buf, "xy23456789AB"), buf);
  close(fd);
  fd = open(in(dir, "sync.txt"), O_WRONLY | O_CREAT | O_SYNC, 0644);
  check("sync-reported", (fcntl(fd, F_GETFL) & O_SYNC) == O_SYNC, "O_SYNC in F_GETFL");
  close(fd);
}

static void paths(const char *dir) {
  write_file(in(dir, "plain.txt"), "x");
  char slash[512];
  snprintf(slash, sizeof slash, "%s/plain.txt/", dir);
  check("unlink-trailing-slash", unlink(slash) != 0 && errno == ENOTDIR, "unlink(\"file/\")");
  check("open-trailing-slash", open(slash, O_RDONLY) < 0 && errno == ENOTDIR, "open(\"file/\")");
  mkdir(in(dir, "sub"), 0755);
  int d = open(in(dir, "sub"), O_RDONLY | O_DIRECTORY);
  check("dotdot-above-dirfd", openat(d, "../x", O_RDONLY) < 0 && errno == ENOTCAPABLE, "openat(dir, \"../x\")");
  close(d);
}

static void listing(const char *dir) {
  mkdir(in(dir, "list"), 0755);
  for (int i = 0; i < 40; i++) {
    char name[64];
    snprintf(name, sizeof name, "%s/list/entry-%02d", dir, i);
    write_file(name, "e");
  }
  DIR *d = opendir(in(dir, "list"));
  struct dirent *e;
  int matched = 0, seen = 0;
  long resume = 0;
  char resumed_name[256] = {0};
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    char name[512];
    snprintf(name, sizeof name, "%s/list/%s", dir, e->d_name);
    struct stat st;
    stat(name, &st);
    if (st.st_ino == e->d_ino) matched++;
    if (++seen == 20) resume = telldir(d);
    if (seen == 21) snprintf(resumed_name, sizeof resumed_name, "%s", e->d_name);
  }
  check("readdir-inodes", matched == 40, "d_ino equals stat's st_ino");
  seekdir(d, resume);
  e = readdir(d);
  check("readdir-cookie", e && !strcmp(e->d_name, resumed_name), "seekdir resumes at the same entry");
  closedir(d);
}

static void clocks(void) {
  __wasi_timestamp_t res;
  check("clock-res-monotonic", __wasi_clock_res_get(__WASI_CLOCKID_MONOTONIC, &res) == 0 && res == 1, "monotonic resolution");
  check("clock-invalid", __wasi_clock_res_get(99, &res) == __WASI_ERRNO_INVAL, "clock id 99");
  __wasi_subscription_t sub = {.userdata = 7, .u = {.tag = __WASI_EVENTTYPE_FD_READ, .u = {.fd_read = {.file_descriptor = 999}}}};
  __wasi_event_t ev;
  __wasi_size_t n = 0;
  check("poll-bad-fd", __wasi_poll_oneoff(&sub, &ev, 1, &n) == 0 && n == 1 && ev.userdata == 7 && ev.error == __WASI_ERRNO_BADF, "poll on no fd");
}

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  rights(argv[1]);
  calls(argv[1]);
  flags(argv[1]);
  paths(argv[1]);
  listing(argv[1]);
  clocks();
  return failures == 0 ? 0 : 1;
}
