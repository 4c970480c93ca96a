// cflags: -mexec-model=reactor
// A reactor: no main; _initialize runs the constructors, which print once.
#include <stdio.h>

__attribute__((constructor)) static void init(void) { printf("reactor initialised\n"); fflush(stdout); }

__attribute__((export_name("add"))) int add(int a, int b) { return a + b; }
