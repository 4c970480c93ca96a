// Lists a folder's entries, one per line (sorted by the test), or `ls: PATH: <strerror>`.
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "/";
  DIR *d = opendir(dir);
  if (!d) {
    printf("ls: %s: %s\n", dir, strerror(errno));
    return 1;
  }
  struct dirent *e;
  while ((e = readdir(d))) printf("%s\n", e->d_name);
  closedir(d);
  return 0;
}
