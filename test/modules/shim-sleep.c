// Sleeps for an hour without burning CPU: a container that stays RUNNING (shim memory bench).
#include <unistd.h>

int main(void) {
  sleep(3600);
  return 0;
}
