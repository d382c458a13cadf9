;; traps.wast: one test per trap kind (unreachable, integer divide by zero, integer
;; overflow, invalid conversion to integer, out of bounds memory/table access, undefined
;; and uninitialized elements, indirect call type mismatch, call stack exhaustion through
;; direct, mutual and indirect recursion); effects before a trap persist, and a module
;; keeps working after a trap or exhaustion. Then instantiation failures (active data
;; and elem segments out of range, trapping start functions), where earlier segments and
;; effects stay visible in imported memories, tables and globals. wabt's text parser has
;; no assert_uninstantiable form: `(assert_trap (module ...) ...)` is how a .wast spells
;; it, and wast2json turns it into an assert_uninstantiable command.

(module
  (type $v (func))
  (memory 1)
  (table 2 funcref)
  (elem (i32.const 0) func $ok)
  (global $g (mut i32) (i32.const 0))
  (func $ok)
  (func (export "unreachable") (unreachable))
  (func (export "unreachable_value") (result i32) (i32.add (i32.const 1) (unreachable)))
  (func (export "div_zero") (result i32) (i32.div_u (i32.const 1) (i32.const 0)))
  (func (export "rem_zero") (result i64) (i64.rem_s (i64.const 1) (i64.const 0)))
  (func (export "div_overflow") (result i64) (i64.div_s (i64.const 0x8000000000000000) (i64.const -1)))
  (func (export "trunc_nan") (result i32) (i32.trunc_f32_u (f32.const nan)))
  (func (export "trunc_overflow") (result i64) (i64.trunc_f64_s (f64.const 1e19)))
  (func (export "mem_oob") (result i32) (i32.load (i32.const 65536)))
  (func (export "fill_oob") (memory.fill (i32.const 65536) (i32.const 0) (i32.const 1)))
  (func (export "table_oob") (result funcref) (table.get 0 (i32.const 2)))
  (func (export "table_fill_oob") (table.fill 0 (i32.const 1) (ref.null func) (i32.const 2)))
  (func (export "undefined") (call_indirect (type $v) (i32.const 2)))
  (func (export "uninitialized") (call_indirect (type $v) (i32.const 1)))
  (func (export "mismatch") (result i32) (call_indirect (result i32) (i32.const 0)))

  (func $loop (export "infinite") (call $loop))
  (func $deep (export "infinite_args") (param i64 i64 i64 i64) (result i64)
    (i64.add (i64.const 1)
      (call $deep (local.get 0) (local.get 1) (local.get 2) (local.get 3))))
  (func $ping (export "ping") (param i32) (result i32) (call $pong (i32.add (local.get 0) (i32.const 1))))
  (func $pong (param i32) (result i32) (call $ping (i32.add (local.get 0) (i32.const 1))))
  (table $self 1 funcref)
  (elem (table $self) (i32.const 0) func $ind)
  (func $ind (export "indirect") (call_indirect $self (type $v) (i32.const 0)))
  (func $count (export "count") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $count (i32.sub (local.get 0) (i32.const 1)))))))

  ;; effects before the trap stay
  (func (export "set_then_trap") (param i32)
    (global.set $g (local.get 0))
    (i32.store (i32.const 0) (local.get 0))
    (unreachable))
  (func (export "get_g") (result i32) (global.get $g))
  (func (export "load0") (result i32) (i32.load (i32.const 0)))
  ;; a trap deep inside nested calls and blocks
  (func $inner (param i32) (result i32) (i32.div_s (i32.const 10) (local.get 0)))
  (func (export "nested_trap") (param i32) (result i32)
    (block (result i32) (loop (result i32) (call $inner (local.get 0)))))
)

(assert_trap (invoke "unreachable") "unreachable")
(assert_trap (invoke "unreachable_value") "unreachable")
(assert_trap (invoke "div_zero") "integer divide by zero")
(assert_trap (invoke "rem_zero") "integer divide by zero")
(assert_trap (invoke "div_overflow") "integer overflow")
(assert_trap (invoke "trunc_nan") "invalid conversion to integer")
(assert_trap (invoke "trunc_overflow") "integer overflow")
(assert_trap (invoke "mem_oob") "out of bounds memory access")
(assert_trap (invoke "fill_oob") "out of bounds memory access")
(assert_trap (invoke "table_oob") "out of bounds table access")
(assert_trap (invoke "table_fill_oob") "out of bounds table access")
(assert_trap (invoke "undefined") "undefined element")
(assert_trap (invoke "uninitialized") "uninitialized element")
(assert_trap (invoke "mismatch") "indirect call type mismatch")
(assert_exhaustion (invoke "infinite") "call stack exhausted")
(assert_exhaustion (invoke "infinite_args" (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4)) "call stack exhausted")
(assert_exhaustion (invoke "ping" (i32.const 0)) "call stack exhausted")
(assert_exhaustion (invoke "indirect") "call stack exhausted")
;; the instance still works after exhaustion, with a fair recursion depth
(assert_return (invoke "count" (i32.const 1000)) (i32.const 1000))
(assert_exhaustion (invoke "infinite") "call stack exhausted")
(assert_return (invoke "count" (i32.const 10)) (i32.const 10))
(assert_trap (invoke "set_then_trap" (i32.const 1234)) "unreachable")
(assert_return (invoke "get_g") (i32.const 1234))
(assert_return (invoke "load0") (i32.const 1234))
(assert_trap (invoke "nested_trap" (i32.const 0)) "integer divide by zero")
(assert_return (invoke "nested_trap" (i32.const 5)) (i32.const 2))

;; instantiation failures
(assert_trap
  (module (memory 1) (data (i32.const 65536) "a"))
  "out of bounds memory access")
(assert_trap
  (module (memory 1) (data (i32.const 65535) "ab"))
  "out of bounds memory access")
(assert_trap
  (module (memory 0) (data (i32.const 1) ""))
  "out of bounds memory access")
(assert_trap
  (module (memory 1) (data (i32.const -1) "a"))
  "out of bounds memory access")
(assert_trap
  (module (table 1 funcref) (func $f) (elem (i32.const 1) func $f))
  "out of bounds table access")
(assert_trap
  (module (table 2 funcref) (func $f) (elem (i32.const 1) func $f $f))
  "out of bounds table access")
(assert_trap
  (module (table 0 funcref) (elem (i32.const 1) func))
  "out of bounds table access")
(assert_trap
  (module (func $s (unreachable)) (start $s))
  "unreachable")
(assert_trap
  (module (func $s (drop (i32.div_s (i32.const 1) (i32.const 0)))) (start $s))
  "integer divide by zero")
(assert_trap
  (module (memory 0) (func $s (drop (i32.load (i32.const 0)))) (start $s))
  "out of bounds memory access")
;; zero-length segments right at the end are fine
(module (memory 1) (table 1 funcref) (data (i32.const 65536) "") (elem (i32.const 1) func))

;; side effects of a failed instantiation on imported memory, table and global stay
(module $shared
  (memory (export "mem") 1)
  (table (export "tab") 2 funcref)
  (global (export "g") (mut i32) (i32.const 0))
  (func (export "u8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "null") (param i32) (result i32) (ref.is_null (table.get 0 (local.get 0))))
)
(register "shared" $shared)
(assert_trap
  (module
    (import "shared" "mem" (memory 1))
    (data (i32.const 10) "x")
    (data (i32.const 65536) "y"))
  "out of bounds memory access")
(assert_return (invoke $shared "u8" (i32.const 10)) (i32.const 0x78))
(assert_trap
  (module
    (import "shared" "tab" (table 2 funcref))
    (func $f)
    (elem (i32.const 0) func $f)
    (elem (i32.const 2) func $f))
  "out of bounds table access")
(assert_return (invoke $shared "null" (i32.const 0)) (i32.const 0))
(assert_return (invoke $shared "null" (i32.const 1)) (i32.const 1))
(assert_trap
  (module
    (import "shared" "mem" (memory 1))
    (import "shared" "g" (global $g (mut i32)))
    (data (i32.const 20) "z")
    (func $s (global.set $g (i32.const 5)) (i32.store8 (i32.const 21) (i32.const 0x77)) (unreachable))
    (start $s))
  "unreachable")
(assert_return (invoke $shared "u8" (i32.const 20)) (i32.const 0x7a))
(assert_return (invoke $shared "u8" (i32.const 21)) (i32.const 0x77))
(assert_return (get $shared "g") (i32.const 5))

;; a start function that never returns: exhaustion during instantiation
(assert_trap
  (module (func $s (call $s)) (start $s))
  "call stack exhausted")

;; a trap in another module's function, reached through an import and through a table,
;; ends the whole call; both instances keep working afterwards
(module $callee
  (table (export "tab") 1 funcref)
  (elem (i32.const 0) func $div)
  (func $div (export "div") (param i32) (result i32) (i32.div_u (i32.const 100) (local.get 0)))
)
(register "callee" $callee)
(module $caller
  (import "callee" "div" (func $div (param i32) (result i32)))
  (import "callee" "tab" (table 1 funcref))
  (global $steps (mut i32) (i32.const 0))
  (func (export "direct") (param i32) (result i32)
    (global.set $steps (i32.add (global.get $steps) (i32.const 1)))
    (i32.add (call $div (local.get 0)) (i32.const 1)))
  (func (export "indirect") (param i32) (result i32)
    (global.set $steps (i32.add (global.get $steps) (i32.const 1)))
    (i32.add (call_indirect (param i32) (result i32) (local.get 0) (i32.const 0)) (i32.const 2)))
  (func (export "steps") (result i32) (global.get $steps))
)
(assert_trap (invoke $caller "direct" (i32.const 0)) "integer divide by zero")
(assert_trap (invoke $caller "indirect" (i32.const 0)) "integer divide by zero")
(assert_return (invoke $caller "direct" (i32.const 10)) (i32.const 11))
(assert_return (invoke $caller "indirect" (i32.const 10)) (i32.const 12))
(assert_return (invoke $callee "div" (i32.const 3)) (i32.const 33))
(assert_return (invoke $caller "steps") (i32.const 4))
