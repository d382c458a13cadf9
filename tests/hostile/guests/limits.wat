;; limits.wat: exports for the embedding API's limits (host/embed_limits.c): a loop
;; that never ends, a quick call, growth one page at a time, and what the start
;; function got when it tried to grow memory to 64 pages before any host code ran.
(module
  (memory 1)
  (global $start_grew (mut i32) (i32.const 0))
  (func $spin (export "spin") (loop $l (br $l)))
  (func (export "quick") (result i32) (i32.const 42))
  (func (export "grow") (result i32) (memory.grow (i32.const 1)))
  (func (export "start_grew") (result i32) (global.get $start_grew))
  (func $start (global.set $start_grew (memory.grow (i32.const 63))))
  (start $start))
