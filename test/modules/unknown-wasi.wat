;; Imports a function preview 1 does not have: refused at start (126), named, never a silent ENOSYS.
(module
  (import "wasi_snapshot_preview1" "fd_teleport" (func (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")))
