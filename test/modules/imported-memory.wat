;; Imports its memory (no maximum): the cap must bound an imported memory too.
(module
  (import "env" "memory" (memory 1))
  (func (export "_start")))
