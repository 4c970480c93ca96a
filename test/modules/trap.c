// Reaches `unreachable` inside a named function, so the trap message can name it.
#include <stdio.h>

__attribute__((noinline)) void crash_here(void) { __builtin_trap(); }

int main(void) {
  printf("before trap\n");
  fflush(stdout);
  crash_here();
  return 0;
}
