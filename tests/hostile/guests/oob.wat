;; oob.wat: an access near 4 GiB (address 0xFFFFFFF0 plus an offset that carries it
;; past 2^32), a call_indirect through the wrong type, and a table access past the end,
;; picked by the first byte of memory (set by a data segment variant).
(module
  (type $ii (func (param i32) (result i32)))
  (type $v (func))
  (memory 1)
  (table 2 funcref)
  (elem (i32.const 0) $peek)
  (func $peek (type $ii) (i32.load offset=32 (local.get 0)))
  (func $confused (call_indirect (type $v) (i32.const 0)))
  (func $past_table (drop (table.get 0 (i32.const 2))))
  (func (export "_start")
    (block $c (block $b (block $a
      (br_table $a $b $c (i32.load8_u (i32.const 0))))
      (drop (call_indirect (type $ii) (i32.const 0xFFFFFFF0) (i32.const 0)))
      (return))
      (call $confused)
      (return))
    (call $past_table)))
