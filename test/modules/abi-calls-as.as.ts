// The runtime host functions from AssemblyScript: save a value, read it back, read a missing key,
// take two ids from the sequencer; prints `OP STATUS [VALUE]` for each, like abi-calls.c.
@external("env", "proxy_get_state")
declare function proxy_get_state(store: usize, storeLen: usize, key: usize, keyLen: usize, ret: usize, retLen: usize): i32;
@external("env", "proxy_save_state")
declare function proxy_save_state(store: usize, storeLen: usize, key: usize, keyLen: usize, value: usize, valueLen: usize): i32;
@external("env", "proxy_get_next_id")
declare function proxy_get_next_id(store: usize, storeLen: usize, key: usize, keyLen: usize, ret: usize, retLen: usize): i32;

export function malloc(size: usize): usize {
  return heap.alloc(size);
}

const slots = memory.data(8);

function bytes(text: string): ArrayBuffer {
  return String.UTF8.encode(text);
}

function result(op: string, status: i32): void {
  let line = op + " " + status.toString();
  if (status == 0 && load<u32>(slots + 4) > 0) {
    line += " " + String.UTF8.decodeUnsafe(<usize>load<u32>(slots), <usize>load<u32>(slots + 4));
  }
  process.stdout.write(line + "\n");
  store<u32>(slots + 4, 0);
}

function get(store: string, key: string): void {
  const s = bytes(store), k = bytes(key);
  result("get", proxy_get_state(changetype<usize>(s), s.byteLength, changetype<usize>(k), k.byteLength, slots, slots + 4));
}

const store_ = bytes("state_demo"), key = bytes("as-key"), value = bytes("from-as");
get("state_demo", "as-key");
result("save", proxy_save_state(changetype<usize>(store_), store_.byteLength, changetype<usize>(key), key.byteLength, changetype<usize>(value), value.byteLength));
get("state_demo", "as-key");
const seq = bytes("sequencer_demo"), seqKey = bytes("as-seq");
for (let i = 0; i < 2; i++) {
  result("next", proxy_get_next_id(changetype<usize>(seq), seq.byteLength, changetype<usize>(seqKey), seqKey.byteLength, slots, slots + 4));
}
