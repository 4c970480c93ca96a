// Exits with 3 after writing to stderr, so tests see the code and the stream pass through.
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  fprintf(stderr, "about to exit 3\n");
  exit(3);
}
