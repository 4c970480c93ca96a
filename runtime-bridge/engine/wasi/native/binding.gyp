{
  "targets": [
    {
      "target_name": "wasi_at",
      "sources": ["wasi-at.c"],
      "cflags": ["-O2", "-Wall", "-Wextra"],
      "conditions": [["OS!='linux'", { "type": "none" }]]
    }
  ]
}
