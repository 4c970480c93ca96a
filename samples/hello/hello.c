// The seed's hello: prints a greeting, its arguments and one environment variable.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  const char *greeting = getenv("GREETING");
  printf("%s from WebAssembly!\n", greeting ? greeting : "Hello");
  for (int i = 1; i < argc; i++) printf("arg[%d]=%s\n", i, argv[i]);
  return 0;
}
