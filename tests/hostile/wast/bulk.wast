;; bulk.wast: memory.fill, memory.copy and memory.init with ranges that run past the
;; end of memory, past 4 GiB (d + n wrapping 32 bits), and from past the end of a
;; segment. Each traps with "out of bounds memory access" before writing anything;
;; empty ranges exactly at the end are allowed, one byte further are not.

(module
  (memory 1)
  (data $d "\01\02\03\04\05\06\07\08")
  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init") (param i32 i32 i32) (memory.init $d (local.get 0) (local.get 1) (local.get 2)))
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "sum") (param i32 i32) (result i32) (local $s i32)
    (block $d (loop $l
      (br_if $d (i32.eqz (local.get 1)))
      (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get 0))))
      (local.set 0 (i32.add (local.get 0) (i32.const 1)))
      (local.set 1 (i32.sub (local.get 1) (i32.const 1)))
      (br $l)))
    (local.get $s))
)
(assert_return (invoke "fill" (i32.const 65536) (i32.const 1) (i32.const 0)))
(assert_return (invoke "copy" (i32.const 65536) (i32.const 65536) (i32.const 0)))
(assert_return (invoke "init" (i32.const 65536) (i32.const 8) (i32.const 0)))
(assert_trap (invoke "fill" (i32.const 65537) (i32.const 1) (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "copy" (i32.const 65537) (i32.const 0) (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "copy" (i32.const 0) (i32.const 65537) (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "init" (i32.const 0) (i32.const 9) (i32.const 0)) "out of bounds memory access")
;; runs past the end: nothing written, not even the part in bounds
(assert_trap (invoke "fill" (i32.const 65530) (i32.const 7) (i32.const 7)) "out of bounds memory access")
(assert_trap (invoke "copy" (i32.const 65530) (i32.const 0) (i32.const 7)) "out of bounds memory access")
(assert_trap (invoke "copy" (i32.const 0) (i32.const 65530) (i32.const 7)) "out of bounds memory access")
(assert_trap (invoke "init" (i32.const 65530) (i32.const 0) (i32.const 7)) "out of bounds memory access")
(assert_trap (invoke "init" (i32.const 0) (i32.const 4) (i32.const 5)) "out of bounds memory access")
(assert_return (invoke "sum" (i32.const 65530) (i32.const 6)) (i32.const 0))
(assert_return (invoke "sum" (i32.const 0) (i32.const 8)) (i32.const 0))
;; d + n and s + n past 2^32
(assert_trap (invoke "fill" (i32.const -1) (i32.const 7) (i32.const 2)) "out of bounds memory access")
(assert_trap (invoke "fill" (i32.const 16) (i32.const 7) (i32.const -1)) "out of bounds memory access")
(assert_trap (invoke "fill" (i32.const -16) (i32.const 7) (i32.const 32)) "out of bounds memory access")
(assert_trap (invoke "copy" (i32.const -16) (i32.const 0) (i32.const 32)) "out of bounds memory access")
(assert_trap (invoke "copy" (i32.const 0) (i32.const -16) (i32.const 32)) "out of bounds memory access")
(assert_trap (invoke "copy" (i32.const 1) (i32.const 0) (i32.const -1)) "out of bounds memory access")
(assert_trap (invoke "init" (i32.const -4) (i32.const 0) (i32.const 8)) "out of bounds memory access")
(assert_trap (invoke "init" (i32.const 0) (i32.const -1) (i32.const 2)) "out of bounds memory access")
(assert_trap (invoke "init" (i32.const 0) (i32.const 0) (i32.const -1)) "out of bounds memory access")
(assert_return (invoke "sum" (i32.const 0) (i32.const 64)) (i32.const 0))
(assert_return (invoke "sum" (i32.const 65472) (i32.const 64)) (i32.const 0))

;; a data segment that does not fit memory: instantiation traps
(assert_trap (module (memory 1) (data (i32.const 65530) "0123456789")) "out of bounds memory access")
(assert_trap (module (memory 0) (data (i32.const 0) "x")) "out of bounds memory access")
(assert_trap (module (memory 1) (data (i32.const -1) "x")) "out of bounds memory access")
