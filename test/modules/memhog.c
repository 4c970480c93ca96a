// Keeps allocating 1 MiB blocks (touching each) until malloc fails, then says how far it got.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Published through a volatile so the optimiser cannot drop the allocations as unused.
static char *volatile last_block;

int main(void) {
  size_t mib = 0;
  for (;;) {
    char *block = malloc(1 << 20);
    if (!block) break;
    memset(block, 1, 1 << 20);
    last_block = block;
    mib++;
  }
  printf("malloc failed after %zu MiB\n", mib);
  return 1;
}
