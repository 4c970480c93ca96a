// Prints "tick 1" … "tick 30" 100 ms apart, then "done": a healthy neighbour whose output is checked whole.
#include <stdio.h>
#include <time.h>

int main(void) {
  struct timespec step = {0, 100 * 1000 * 1000};
  for (int i = 1; i <= 30; i++) {
    printf("tick %d\n", i);
    fflush(stdout);
    nanosleep(&step, NULL);
  }
  printf("done\n");
  return 0;
}
