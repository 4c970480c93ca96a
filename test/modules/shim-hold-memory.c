// Touches argv[1] MiB of memory, then sleeps for an hour: a running task whose memory Stats must see.
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *volatile held;

int main(int argc, char **argv) {
  size_t mib = argc > 1 ? (size_t)atoi(argv[1]) : 32;
  held = malloc(mib << 20);
  if (!held) return 1;
  memset(held, 1, mib << 20);
  sleep(3600);
  return 0;
}
