// bench/wasi-io.ts's module: the I/O shapes of real programs, one mode per run. Raw write/read
// (not stdio) so that each call is exactly one fd_write/fd_read of the stated size.
//   stdout BYTES             BYTES to stdout in 4 KiB writes
//   copy SRC DST             SRC to DST in 64 KiB reads and writes
//   tree ROOT DIRS FILES     stat then open+close ROOT/dNNN/fNNN for every folder and file
//   list DIR                 readdir DIR to its end
// Each prints one summary line on stderr, which the bench checks.
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(const char *what) {
  perror(what);
  return 1;
}

static int to_stdout(long long bytes) {
  static char buf[4096];
  memset(buf, 'x', sizeof buf);
  for (long long done = 0; done < bytes; done += sizeof buf) {
    if (write(1, buf, sizeof buf) != (ssize_t)sizeof buf) return fail("write");
  }
  fprintf(stderr, "stdout %lld\n", bytes);
  return 0;
}

static int copy(const char *src, const char *dst) {
  static char buf[65536];
  int in = open(src, O_RDONLY);
  if (in < 0) return fail(src);
  int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out < 0) return fail(dst);
  long long total = 0;
  for (;;) {
    ssize_t n = read(in, buf, sizeof buf);
    if (n < 0) return fail("read");
    if (n == 0) break;
    if (write(out, buf, n) != n) return fail("write");
    total += n;
  }
  close(in);
  close(out);
  fprintf(stderr, "copy %lld\n", total);
  return 0;
}

static int tree(const char *root, int dirs, int files) {
  char path[512];
  struct stat st;
  long long bytes = 0;
  for (int d = 0; d < dirs; d++) {
    for (int f = 0; f < files; f++) {
      snprintf(path, sizeof path, "%s/d%03d/f%03d", root, d, f);
      if (stat(path, &st) != 0) return fail(path);
      int fd = open(path, O_RDONLY);
      if (fd < 0) return fail(path);
      close(fd);
      bytes += st.st_size;
    }
  }
  fprintf(stderr, "tree %d %lld\n", dirs * files, bytes);
  return 0;
}

static int list(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return fail(dir);
  int n = 0;
  while (readdir(d)) n++;
  closedir(d);
  fprintf(stderr, "list %d\n", n);
  return 0;
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  if (!strcmp(mode, "stdout") && argc == 3) return to_stdout(atoll(argv[2]));
  if (!strcmp(mode, "copy") && argc == 4) return copy(argv[2], argv[3]);
  if (!strcmp(mode, "tree") && argc == 5) return tree(argv[2], atoi(argv[3]), atoi(argv[4]));
  if (!strcmp(mode, "list") && argc == 3) return list(argv[2]);
  fprintf(stderr, "usage: wasi-io stdout BYTES | copy SRC DST | tree ROOT DIRS FILES | list DIR\n");
  return 2;
}
