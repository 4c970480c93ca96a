;; Declares 100 pages (6.25 MiB) of memory up front: a smaller --memory cap must refuse it at start.
(module
  (memory (export "memory") 100)
  (func (export "_start")))
