// Says "reading", then blocks in one read of stdin: a read that no termination request interrupts.
#include <stdio.h>
#include <unistd.h>

int main(void) {
  printf("reading\n");
  fflush(stdout);
  char c;
  ssize_t n = read(0, &c, 1);
  printf("read %zd\n", n);
  return 0;
}
