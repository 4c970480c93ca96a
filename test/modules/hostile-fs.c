// Attacks on the sandbox's files, one per argv[1]; prints what happened, for the tests to judge.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

static void report(const char *what, int ok) { printf("%s: %s\n", what, ok ? "ok" : strerror(errno)); }

static void print_file(int fd) {
  char buf[64] = {0};
  ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
  printf("read: %s\n", n >= 0 ? buf : strerror(errno));
}

// renumber A B: fd_renumber(fd, fd) must keep fd open on A, even after B is opened.
static int renumber(char **argv) {
  int a = open(argv[2], O_RDONLY);
  printf("renumber-self: %d\n", __wasi_fd_renumber(a, a));
  int b = open(argv[3], O_RDONLY);
  print_file(a);
  printf("renumber-to-closed: %d\n", __wasi_fd_renumber(a, 77));
  close(b);
  return 0;
}

// dirfd SUB: paths through a folder's fd stay beneath it.
static int confine(char **argv) {
  int d = open(argv[2], O_RDONLY | O_DIRECTORY);
  report("open-sub", d >= 0);
  report("dotdot", openat(d, "../secret.txt", O_RDONLY) >= 0);
  report("absolute", openat(d, "/etc/passwd", O_RDONLY) >= 0);
  report("dotdot-other-mount", openat(d, "../../other/file.txt", O_RDONLY) >= 0);
  report("inside", openat(d, "ok.txt", O_RDONLY) >= 0);
  return 0;
}

// busy EMPTY_MOUNT FROM TO: mount roots can be neither removed nor moved.
static int busy(char **argv) {
  report("rmdir", rmdir(argv[2]) == 0);
  report("rename", rename(argv[3], argv[4]) == 0);
  return 0;
}

// swap M: a link to /etc renamed over a folder that has an open fd; the fd still means the folder.
static int swap(char **argv) {
  char d[256], old[256], link[256], inner[256], through[256];
  snprintf(d, sizeof d, "%s/d", argv[2]);
  snprintf(old, sizeof old, "%s/d-old", argv[2]);
  snprintf(link, sizeof link, "%s/l", argv[2]);
  snprintf(inner, sizeof inner, "%s/d/inner.txt", argv[2]);
  snprintf(through, sizeof through, "%s/d/passwd", argv[2]);
  mkdir(d, 0755);
  FILE *f = fopen(inner, "w");
  fputs("inner", f);
  fclose(f);
  int fd = open(d, O_RDONLY | O_DIRECTORY);
  report("move-away", rename(d, old) == 0);
  report("link-in", rename(link, d) == 0);
  DIR *dir = fdopendir(fd);
  struct dirent *e;
  while (dir && (e = readdir(dir))) if (e->d_name[0] != '.') printf("entry: %s\n", e->d_name);
  struct stat held, moved;
  fstat(fd, &held);
  stat(old, &moved);
  printf("same-folder: %s\n", held.st_ino == moved.st_ino ? "yes" : "no");
  report("open-through-link", open(through, O_RDONLY) >= 0);
  return 0;
}

// nofile FILE: open FILE until the module's descriptor limit says no.
static int nofile(char **argv) {
  int count = 0;
  while (open(argv[2], O_RDONLY) >= 0) count++;
  printf("opened: %d (%s)\n", count, strerror(errno));
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 3) return 2;
  if (!strcmp(argv[1], "renumber")) return renumber(argv);
  if (!strcmp(argv[1], "dirfd")) return confine(argv);
  if (!strcmp(argv[1], "busy")) return busy(argv);
  if (!strcmp(argv[1], "swap")) return swap(argv);
  if (!strcmp(argv[1], "nofile")) return nofile(argv);
  return 2;
}
