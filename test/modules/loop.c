// Never ends; only --timeout or a signal stops it.
#include <stdio.h>

int main(void) {
  printf("looping\n");
  fflush(stdout);
  volatile unsigned long n = 0;
  for (;;) n++;
}
