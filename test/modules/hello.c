// Prints what a module sees: its arguments, environment, working directory and an image file.
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
  printf("hello from wasm\n");
  for (int i = 0; i < argc; i++) printf("arg[%d]=%s\n", i, argv[i]);
  for (char **e = environ; *e; e++) printf("env %s\n", *e);
  char cwd[256];
  if (getcwd(cwd, sizeof cwd)) printf("cwd %s\n", cwd);
  FILE *f = fopen("/etc/greeting.txt", "r");
  if (f) {
    char line[256];
    if (fgets(line, sizeof line, f)) printf("file %s", line);
    fclose(f);
  }
  return 0;
}
