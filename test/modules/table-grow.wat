;; Grows a funcref and an externref table by 1,000 entries at a time until table.grow fails
;; (returns -1), then exits with 1 + the entries both got, in thousands; exits 0 once both hold
;; 200,000 entries without a failure.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (table $f 0 funcref)
  (table $e 0 externref)
  (memory (export "memory") 1)
  (func (export "_start")
    (local $n i32)
    (block $full
      (loop $more
        (br_if $full (i32.eq (table.grow $f (ref.null func) (i32.const 1000)) (i32.const -1)))
        (br_if $full (i32.eq (table.grow $e (ref.null extern) (i32.const 1000)) (i32.const -1)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br_if $more (i32.lt_u (local.get $n) (i32.const 200)))
        (call $proc_exit (i32.const 0))))
    (call $proc_exit (i32.add (i32.const 1) (i32.div_u (i32.add (table.size $f) (table.size $e)) (i32.const 1000))))))
