// Imports a host function nobody provides; the engine must refuse it at start, by name.
__attribute__((import_module("env"), import_name("foo"))) int foo(int);

int main(void) { return foo(1); }
