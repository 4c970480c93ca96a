;; 25 externref tables of 10 M entries each, declared up front (~2 GB of slots in V8).
(module
  (table 10000000 externref) (table 10000000 externref) (table 10000000 externref) (table 10000000 externref)
  (table 10000000 externref) (table 10000000 externref) (table 10000000 externref) (table 10000000 externref)
  (table 10000000 externref) (table 10000000 externref) (table 10000000 externref) (table 10000000 externref)
  (table 10000000 externref) (table 10000000 externref) (table 10000000 externref) (table 10000000 externref)
  (table 10000000 externref) (table 10000000 externref) (table 10000000 externref) (table 10000000 externref)
  (table 10000000 externref) (table 10000000 externref) (table 10000000 externref) (table 10000000 externref)
  (table 10000000 externref)
  (memory (export "memory") 1)
  (func (export "_start")))
