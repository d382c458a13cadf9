;; go_bytealg.wast: the native fast paths for Go's memeqbody, memcmp and memchr
;; (compiler/emit_accel.c). The module imitates a Go-linked one: it has functions named
;; wasm_pc_f_loop and the three helpers with Go's signatures and semantics, written
;; here as plain byte loops. Every answer must equal what these bodies compute: in
;; range (the fast path), on ranges reaching past the memory (the fallback runs the
;; body, which traps or finds a byte first), with equal addresses out of range, with
;; bytes >= 0x80 (memcmp's difference is of unsigned bytes), and after memory.grow.
;; wast2json: --debug-names

(module
  (memory 1 3)
  (data (i32.const 0) "abcdefghabcdefgh\00\ff\80\7fzz")
  (data (i32.const 100) "abcdefghabcdefgX")
  (data (i32.const 200) "qwerty")
  (data (i32.const 65530) "qwerty")
  (func $wasm_pc_f_loop)
  (func $memeqbody (param $a i64) (param $b i64) (param $n i64) (result i64)
    (if (i64.eq (local.get $a) (local.get $b)) (then (return (i64.const 1))))
    (loop $l
      (if (i64.eqz (local.get $n)) (then (return (i64.const 1))))
      (if (i64.ne (i64.load8_u (i32.wrap_i64 (local.get $a))) (i64.load8_u (i32.wrap_i64 (local.get $b))))
        (then (return (i64.const 0))))
      (local.set $a (i64.add (local.get $a) (i64.const 1)))
      (local.set $b (i64.add (local.get $b) (i64.const 1)))
      (local.set $n (i64.sub (local.get $n) (i64.const 1)))
      (br $l))
    (unreachable))
  (func $memcmp (param $a i32) (param $b i32) (param $n i32) (result i32)
    (local $x i32) (local $y i32)
    (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
    (loop $l
      (local.set $x (i32.load8_u (local.get $a)))
      (local.set $y (i32.load8_u (local.get $b)))
      (if (i32.ne (local.get $x) (local.get $y)) (then (return (i32.sub (local.get $x) (local.get $y)))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    (i32.const 0))
  (func $memchr (param $s i32) (param $c i32) (param $n i32) (result i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (if (i32.eq (i32.load8_u (local.get $s)) (local.get $c)) (then (return (local.get $s))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (i32.const 0))
  (func (export "eq") (param i64 i64 i64) (result i64) (call $memeqbody (local.get 0) (local.get 1) (local.get 2)))
  (func (export "cmp") (param i32 i32 i32) (result i32) (call $memcmp (local.get 0) (local.get 1) (local.get 2)))
  (func (export "chr") (param i32 i32 i32) (result i32) (call $memchr (local.get 0) (local.get 1) (local.get 2)))
  (func (export "grow") (result i32) (memory.grow (i32.const 1)))
  (func (export "wasm_pc_f_loop") (call $wasm_pc_f_loop))
)

(assert_return (invoke "eq" (i64.const 0) (i64.const 8) (i64.const 8)) (i64.const 1))
(assert_return (invoke "eq" (i64.const 0) (i64.const 100) (i64.const 15)) (i64.const 1))
(assert_return (invoke "eq" (i64.const 0) (i64.const 100) (i64.const 16)) (i64.const 0))
(assert_return (invoke "eq" (i64.const 3) (i64.const 5) (i64.const 0)) (i64.const 1))
(assert_return (invoke "eq" (i64.const 0x7fffffff) (i64.const 0x7fffffff) (i64.const -1)) (i64.const 1))
;; the high half of an address is dropped by the guest's i32.wrap_i64
(assert_return (invoke "eq" (i64.const 0x100000000) (i64.const 8) (i64.const 8)) (i64.const 1))
;; reaching past the memory: a difference first answers 0, else the load traps
(assert_return (invoke "eq" (i64.const 65530) (i64.const 0) (i64.const 100)) (i64.const 0))
(assert_trap (invoke "eq" (i64.const 65530) (i64.const 200) (i64.const 100)) "out of bounds")
(assert_trap (invoke "eq" (i64.const 200) (i64.const 65530) (i64.const 100)) "out of bounds")
(assert_trap (invoke "eq" (i64.const 65530) (i64.const 200) (i64.const -1)) "out of bounds")

(assert_return (invoke "cmp" (i32.const 0) (i32.const 8) (i32.const 8)) (i32.const 0))
(assert_return (invoke "cmp" (i32.const 0) (i32.const 100) (i32.const 0)) (i32.const 0))
(assert_return (invoke "cmp" (i32.const 8) (i32.const 108) (i32.const 8)) (i32.const 16))
(assert_return (invoke "cmp" (i32.const 108) (i32.const 8) (i32.const 8)) (i32.const -16))
(assert_return (invoke "cmp" (i32.const 17) (i32.const 18) (i32.const 1)) (i32.const 127))
(assert_return (invoke "cmp" (i32.const 16) (i32.const 17) (i32.const 1)) (i32.const -255))
(assert_return (invoke "cmp" (i32.const 0) (i32.const 1) (i32.const 20)) (i32.const -1))
(assert_return (invoke "cmp" (i32.const 65530) (i32.const 0) (i32.const 100)) (i32.const 16))
(assert_trap (invoke "cmp" (i32.const 65530) (i32.const 65530) (i32.const 100)) "out of bounds")

(assert_return (invoke "chr" (i32.const 0) (i32.const 0x68) (i32.const 16)) (i32.const 7))
(assert_return (invoke "chr" (i32.const 8) (i32.const 0x61) (i32.const 16)) (i32.const 8))
(assert_return (invoke "chr" (i32.const 0) (i32.const 0) (i32.const 22)) (i32.const 16))
(assert_return (invoke "chr" (i32.const 0) (i32.const 0xff) (i32.const 22)) (i32.const 17))
(assert_return (invoke "chr" (i32.const 0) (i32.const 0x58) (i32.const 100)) (i32.const 0))
(assert_return (invoke "chr" (i32.const 0) (i32.const 0x58) (i32.const 0)) (i32.const 0))
(assert_return (invoke "chr" (i32.const 1) (i32.const 0x161) (i32.const 20)) (i32.const 0))
(assert_return (invoke "chr" (i32.const 65530) (i32.const 0x72) (i32.const 100)) (i32.const 65533))
(assert_trap (invoke "chr" (i32.const 65530) (i32.const 0x58) (i32.const 100)) "out of bounds")
(assert_return (invoke "grow") (i32.const 1))
(assert_return (invoke "chr" (i32.const 65530) (i32.const 0x58) (i32.const 100)) (i32.const 0))
(assert_return (invoke "eq" (i64.const 65530) (i64.const 200) (i64.const 6)) (i64.const 1))
(assert_return (invoke "eq" (i64.const 65536) (i64.const 65600) (i64.const 60000)) (i64.const 1))
