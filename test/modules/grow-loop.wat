;; Says "growing", then grows its memory a page at a time forever (memory.grow's result ignored).
;; V8 holds back a Worker's termination while memory.grow keeps succeeding: terminate() cannot stop it.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "growing\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 8))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (loop $forever
      (drop (memory.grow (i32.const 1)))
      (br $forever))))
