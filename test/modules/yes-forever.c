// yes(1) that ignores every write error: only a stop from outside (a closed pipe) ends it.
// argv[1], when given, is a delay in ms before the first line.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
  if (argc > 1) {
    long ms = atol(argv[1]);
    struct timespec delay = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
    nanosleep(&delay, NULL);
  }
  for (;;) {
    fputs("y\n", stdout);
    fflush(stdout);
  }
}
