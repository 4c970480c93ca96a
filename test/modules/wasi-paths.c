// Path resolution as the module sees it, one probe per argument (`stat:PATH`, `lstat:PATH`,
// `open:PATH`, `opendir:PATH`, `creat:PATH`): prints `PROBE: ok` (with what an open file starts with)
// or the errno's text, so that the native walk and the JavaScript one can be compared line by line.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void probe(const char *arg) {
  const char *path = strchr(arg, ':') + 1;
  struct stat st;
  int r = -1, fd = -1;
  if (!strncmp(arg, "stat:", 5)) r = stat(path, &st);
  else if (!strncmp(arg, "lstat:", 6)) r = lstat(path, &st);
  else if (!strncmp(arg, "opendir:", 8)) r = fd = open(path, O_RDONLY | O_DIRECTORY);
  else if (!strncmp(arg, "creat:", 6)) r = fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
  else r = fd = open(path, O_RDONLY);
  if (r < 0) {
    printf("%s: %s\n", arg, strerror(errno));
    return;
  }
  char buf[32] = {0};
  if (fd >= 0 && !strncmp(arg, "open:", 5) && read(fd, buf, sizeof buf - 1) < 0) strcpy(buf, strerror(errno));
  if (fd >= 0) close(fd);
  if (buf[0]) printf("%s: ok %s\n", arg, buf);
  else printf("%s: ok\n", arg);
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) probe(argv[i]);
  return 0;
}
