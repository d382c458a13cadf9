;; calls.wast: call_indirect as an attacker uses it. A function called through a
;; signature that differs in one parameter, one result, the number of values or only
;; in the order of its types traps with "indirect call type mismatch"; null entries
;; trap with "uninitialized element", indices past the end (up to 0xFFFFFFFF) with
;; "undefined element". Types are compared by structure across modules: a function
;; stored by module $A is callable from $B through B's own (differently numbered)
;; type of the same shape, and nothing else.

(module $A
  (type $ii (func (param i32) (result i32)))
  (type $ff (func (param f64) (result f64)))
  (type $ij (func (param i32 i64) (result i32)))
  (type $ji (func (param i64 i32) (result i32)))
  (type $v (func))
  (type $i2 (func (param i32) (result i32 i32)))
  (table $t (export "table") 8 funcref)
  (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
  (func $half (type $ff) (f64.mul (local.get 0) (f64.const 0.5)))
  (func $first (type $ij) (local.get 0))
  (func $nop (type $v))
  (func $dup (type $i2) (local.get 0) (local.get 0))
  (elem (i32.const 0) $inc $half $first $nop $dup)
  ;; slot 5, 6, 7 stay null

  (func (export "as_ii") (param i32 i32) (result i32) (call_indirect (type $ii) (local.get 1) (local.get 0)))
  (func (export "as_ff") (param i32) (result f64) (call_indirect (type $ff) (f64.const 3) (local.get 0)))
  (func (export "as_ij") (param i32) (result i32) (call_indirect (type $ij) (i32.const 7) (i64.const 9) (local.get 0)))
  (func (export "as_ji") (param i32) (result i32) (call_indirect (type $ji) (i64.const 9) (i32.const 7) (local.get 0)))
  (func (export "as_v") (param i32) (call_indirect (type $v) (local.get 0)))
  (func (export "as_i2") (param i32) (result i32) (call_indirect (type $i2) (i32.const 5) (local.get 0)) (i32.add))
)
(register "A" $A)

(assert_return (invoke "as_ii" (i32.const 0) (i32.const 41)) (i32.const 42))
(assert_return (invoke "as_ff" (i32.const 1)) (f64.const 1.5))
(assert_return (invoke "as_ij" (i32.const 2)) (i32.const 7))
(assert_return (invoke "as_i2" (i32.const 4)) (i32.const 10))
(assert_return (invoke "as_v" (i32.const 3)))

;; every function through every other signature
(assert_trap (invoke "as_ii" (i32.const 1) (i32.const 0)) "indirect call type mismatch")
(assert_trap (invoke "as_ii" (i32.const 2) (i32.const 0)) "indirect call type mismatch")
(assert_trap (invoke "as_ii" (i32.const 3) (i32.const 0)) "indirect call type mismatch")
(assert_trap (invoke "as_ii" (i32.const 4) (i32.const 0)) "indirect call type mismatch")
(assert_trap (invoke "as_ff" (i32.const 0)) "indirect call type mismatch")
(assert_trap (invoke "as_ff" (i32.const 2)) "indirect call type mismatch")
(assert_trap (invoke "as_ij" (i32.const 0)) "indirect call type mismatch")
(assert_trap (invoke "as_ji" (i32.const 2)) "indirect call type mismatch")
(assert_trap (invoke "as_v" (i32.const 0)) "indirect call type mismatch")
(assert_trap (invoke "as_v" (i32.const 4)) "indirect call type mismatch")
(assert_trap (invoke "as_i2" (i32.const 0)) "indirect call type mismatch")
;; null entries and indices past the end
(assert_trap (invoke "as_ii" (i32.const 5) (i32.const 0)) "uninitialized element")
(assert_trap (invoke "as_v" (i32.const 7)) "uninitialized element")
(assert_trap (invoke "as_ii" (i32.const 8) (i32.const 0)) "undefined element")
(assert_trap (invoke "as_ii" (i32.const 0x7fffffff) (i32.const 0)) "undefined element")
(assert_trap (invoke "as_ii" (i32.const -1) (i32.const 0)) "undefined element")
(assert_trap (invoke "as_v" (i32.const -8)) "undefined element")

;; another module, its types numbered differently, sharing A's table
(module $B
  (type $v (func))
  (type $x (func (param i64) (result i64)))
  (type $ff (func (param f64) (result f64)))
  (type $ii (func (param i32) (result i32)))
  (import "A" "table" (table 8 funcref))
  (func $neg (type $x) (i64.sub (i64.const 0) (local.get 0)))
  (elem (i32.const 6) $neg)
  (func (export "b_ii") (param i32) (result i32) (call_indirect (type $ii) (i32.const 1) (local.get 0)))
  (func (export "b_ff") (param i32) (result f64) (call_indirect (type $ff) (f64.const 8) (local.get 0)))
  (func (export "b_x") (param i32) (result i64) (call_indirect (type $x) (i64.const 5) (local.get 0)))
  (func (export "b_v") (param i32) (call_indirect (type $v) (local.get 0)))
)
(assert_return (invoke "b_ii" (i32.const 0)) (i32.const 2))
(assert_return (invoke "b_ff" (i32.const 1)) (f64.const 4))
(assert_return (invoke "b_x" (i32.const 6)) (i64.const -5))
(assert_return (invoke "b_v" (i32.const 3)))
(assert_trap (invoke "b_ii" (i32.const 1)) "indirect call type mismatch")
(assert_trap (invoke "b_x" (i32.const 0)) "indirect call type mismatch")
(assert_trap (invoke "b_v" (i32.const 6)) "indirect call type mismatch")
(assert_trap (invoke "b_ff" (i32.const 7)) "uninitialized element")
;; A now reaches B's function, and checks it against its own type numbering
(assert_trap (invoke $A "as_ii" (i32.const 6) (i32.const 0)) "indirect call type mismatch")
