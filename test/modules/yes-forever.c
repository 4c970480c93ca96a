// yes(1) that ignores every write error: only a stop from outside (a closed pipe) ends it.
#include <stdio.h>

int main(void) {
  for (;;) {
    fputs("y\n", stdout);
    fflush(stdout);
  }
}
