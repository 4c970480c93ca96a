;; A module with no imports at all: _start computes and returns, nothing to print.
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (i32.store (i32.const 0) (i32.add (i32.const 40) (i32.const 2)))))
