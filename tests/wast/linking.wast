;; linking.wast: `register` and imports of functions (incl. multi-value and re-exported
;; ones), memories, tables and globals from other modules and from spectest; imported
;; state is shared both ways (stores, memory.grow, table.set, table.grow); a function
;; called through another module's table still runs against its own instance; imported
;; functions in elem segments and call_indirect type checks across modules; segment
;; offsets taken from imported globals; a start function using imports; calls with many
;; parameters and NaN payloads across modules; a host function in a table; and
;; assert_unlinkable for unknown modules/names, kind mismatches, signature mismatches
;; and memory/table limits that the export does not satisfy.

(module $A
  (memory (export "mem") 1 4)
  (table (export "tab") 4 8 funcref)
  (global $g (export "g") (mut i32) (i32.const 7))
  (global (export "k") i64 (i64.const 0x1122334455667788))
  (global (export "two") i32 (i32.const 2))
  (data (i32.const 0) "\2a")
  (elem (i32.const 0) func $own)
  (func $own (result i32) (i32.load8_u (i32.const 0)))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "pair") (param i64) (result i64 i32)
    (local.get 0) (i32.wrap_i64 (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "tsize") (result i32) (table.size 0))
  (func (export "call") (param i32) (result i32) (call_indirect (result i32) (local.get 0)))
  (func (export "bump") (result i32)
    (global.set $g (i32.add (global.get $g) (i32.const 1))) (global.get $g))
  ;; reads A's own memory and global, whoever calls it
  (func (export "own") (result i32) (i32.add (i32.load8_u (i32.const 0)) (global.get $g)))
)
(register "A" $A)

(module $B
  (import "A" "add" (func $add (param i32 i32) (result i32)))
  (import "A" "pair" (func $pair (param i64) (result i64 i32)))
  (import "A" "own" (func $own (result i32)))
  (import "A" "mem" (memory 1))
  (import "A" "tab" (table $tab 4 funcref))
  (import "A" "g" (global $g (mut i32)))
  (import "A" "k" (global $k i64))
  (import "spectest" "print_i32" (func $print (param i32)))
  (type $r (func (result i32)))
  (type $ii (func (param i32 i32) (result i32)))
  (table $mine 2 funcref)
  ;; B's own memory would be data at 0; A's byte at 0 is 0x2a
  (elem (table $mine) (i32.const 0) func $add $own)
  (elem (table $tab) (i32.const 1) func $b_fn)
  (func $b_fn (result i32) (i32.const 500))
  (func (export "call_add") (param i32 i32) (result i32) (call $add (local.get 0) (local.get 1)))
  (func (export "call_pair") (param i64) (result i32)
    (call $pair (local.get 0)) (drop) (i32.wrap_i64))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "get_g") (result i32) (global.get $g))
  (func (export "set_g") (param i32) (global.set $g (local.get 0)))
  (func (export "get_k") (result i64) (global.get $k))
  (func (export "print") (param i32) (result i32) (call $print (local.get 0)) (local.get 0))
  ;; call_indirect on the imported table: A's $own (reads A's memory) and B's $b_fn
  (func (export "call_tab") (param i32) (result i32) (call_indirect $tab (type $r) (local.get 0)))
  (func (export "tab_grow") (param i32) (result i32) (table.grow $tab (ref.null func) (local.get 0)))
  (func (export "tab_copy_own") (table.set $tab (i32.const 3) (table.get $mine (i32.const 1))))
  ;; imported functions placed in B's own table
  (func (export "call_mine_add") (param i32 i32) (result i32)
    (call_indirect $mine (type $ii) (local.get 0) (local.get 1) (i32.const 0)))
  (func (export "call_mine_own") (result i32) (call_indirect $mine (type $r) (i32.const 1)))
  (func (export "call_mine_wrong") (result i32) (call_indirect $mine (type $r) (i32.const 0)))
  (export "reexported_add" (func $add))
)
(register "B" $B)

(assert_return (invoke $B "call_add" (i32.const 2) (i32.const 3)) (i32.const 5))
(assert_return (invoke $B "call_pair" (i64.const 0x100000007)) (i32.const 7))
(assert_return (invoke $B "print" (i32.const 9)) (i32.const 9))
(assert_return (invoke $B "load" (i32.const 0)) (i32.const 0x2a))
(assert_return (invoke $B "store" (i32.const 100) (i32.const 0xabcdef)))
(assert_return (invoke $A "load" (i32.const 100)) (i32.const 0xabcdef))
(assert_return (invoke $A "store" (i32.const 200) (i32.const 77)))
(assert_return (invoke $B "load" (i32.const 200)) (i32.const 77))
(assert_return (invoke $B "get_k") (i64.const 0x1122334455667788))
(assert_return (invoke $B "get_g") (i32.const 7))
(assert_return (invoke $A "bump") (i32.const 8))
(assert_return (invoke $B "get_g") (i32.const 8))
(assert_return (invoke $B "set_g" (i32.const 100)))
(assert_return (get $A "g") (i32.const 100))
;; a function of A called from B (directly, through A's table, through B's table) uses A's state
(assert_return (invoke $B "call_tab" (i32.const 0)) (i32.const 0x2a))
(assert_return (invoke $B "call_tab" (i32.const 1)) (i32.const 500))
(assert_return (invoke $A "call" (i32.const 1)) (i32.const 500))
(assert_trap (invoke $B "call_tab" (i32.const 2)) "uninitialized element")
(assert_trap (invoke $B "call_tab" (i32.const 4)) "undefined element")
(assert_return (invoke $B "call_mine_add" (i32.const 20) (i32.const 22)) (i32.const 42))
(assert_return (invoke $B "call_mine_own") (i32.const 142))
(assert_trap (invoke $B "call_mine_wrong") "indirect call type mismatch")
(assert_return (invoke $B "tab_copy_own"))
(assert_return (invoke $A "call" (i32.const 3)) (i32.const 142))
;; growth through one module is seen by the other
(assert_return (invoke $B "grow" (i32.const 1)) (i32.const 1))
(assert_return (invoke $A "size") (i32.const 2))
(assert_return (invoke $A "store" (i32.const 70000) (i32.const 5)))
(assert_return (invoke $B "load" (i32.const 70000)) (i32.const 5))
(assert_return (invoke $B "grow" (i32.const 3)) (i32.const -1))
(assert_return (invoke $B "size") (i32.const 2))
(assert_return (invoke $B "tab_grow" (i32.const 2)) (i32.const 4))
(assert_return (invoke $A "tsize") (i32.const 6))
(assert_trap (invoke $A "call" (i32.const 5)) "uninitialized element")
(assert_return (invoke $B "tab_grow" (i32.const 3)) (i32.const -1))

;; a re-exported import, used by a third module; spectest memory and table
(module $C
  (import "B" "reexported_add" (func $add (param i32 i32) (result i32)))
  (import "spectest" "memory" (memory 1))
  (import "spectest" "table" (table 10 funcref))
  (import "spectest" "print" (func $p))
  (import "spectest" "print_f64_f64" (func $pff (param f64 f64)))
  (elem (i32.const 9) func $add)
  (data (i32.const 65535) "\ff")
  (func (export "add3") (param i32 i32 i32) (result i32)
    (call $p) (call $pff (f64.const 1) (f64.const 2))
    (call $add (call $add (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "ind") (param i32 i32) (result i32)
    (call_indirect (param i32 i32) (result i32) (local.get 0) (local.get 1) (i32.const 9)))
  (func (export "last") (result i32) (i32.load8_u (i32.const 65535)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "tsize") (result i32) (table.size 0))
)
(assert_return (invoke $C "add3" (i32.const 1) (i32.const 2) (i32.const 3)) (i32.const 6))
(assert_return (invoke $C "ind" (i32.const 40) (i32.const 2)) (i32.const 42))
(assert_return (invoke $C "last") (i32.const 255))
(assert_return (invoke $C "tsize") (i32.const 10))
(assert_return (invoke $C "grow" (i32.const 1)) (i32.const 1))
(assert_return (invoke $C "grow" (i32.const 1)) (i32.const -1))

;; segment offsets from imported globals; a start function that runs before any export,
;; calls an import and writes to an imported memory; many-parameter and NaN-carrying
;; calls across modules; a host function called through a table
(module $D
  (import "spectest" "global_i32" (global $base i32))
  (import "A" "k" (global $k i64))
  (import "A" "mem" (memory 1))
  (import "A" "add" (func $add (param i32 i32) (result i32)))
  (import "spectest" "print_i32_f32" (func $print (param i32 f32)))
  (import "A" "two" (global $off i32))
  (table 4 funcref)
  (global $started (mut i32) (i32.const 0))
  (data (global.get $base) "\de\ad")
  (elem (global.get $off) func $print $add)
  (func $start
    (global.set $started (call $add (i32.const 40) (i32.const 2)))
    (i32.store8 (i32.const 300) (i32.wrap_i64 (global.get $k))))
  (start $start)
  (func (export "started") (result i32) (global.get $started))
  (func (export "u16") (param i32) (result i32) (i32.load16_u (local.get 0)))
  (func (export "call_print") (param i32) (result i32)
    (call_indirect (param i32 f32) (i32.const 1) (f32.const 2) (local.get 0))
    (i32.const 1))
  (func (export "call_add") (param i32) (result i32)
    (call_indirect (param i32 i32) (result i32) (i32.const 1) (i32.const 2) (local.get 0)))
  (func $many (export "many")
    (param i32 i64 f32 f64 i32 i64 f32 f64 i32 i64 f32 f64 i32 i64 f32 f64)
    (result f64 f32 i64 i32)
    (local.get 15) (local.get 14) (local.get 13)
    (i32.add (local.get 0) (i32.add (local.get 4) (i32.add (local.get 8) (local.get 12)))))
)
(register "D" $D)
(assert_return (invoke $D "started") (i32.const 42))
(assert_return (invoke $A "load" (i32.const 300)) (i32.const 0x88))
(assert_return (invoke $D "u16" (i32.const 666)) (i32.const 0xadde))
(assert_return (invoke $A "load" (i32.const 666)) (i32.const 0xadde))
(assert_return (invoke $D "call_print" (i32.const 2)) (i32.const 1))
(assert_return (invoke $D "call_add" (i32.const 3)) (i32.const 3))
(assert_trap (invoke $D "call_add" (i32.const 2)) "indirect call type mismatch")
(assert_trap (invoke $D "call_add" (i32.const 1)) "uninitialized element")
(module $E
  (import "D" "many" (func $many
    (param i32 i64 f32 f64 i32 i64 f32 f64 i32 i64 f32 f64 i32 i64 f32 f64)
    (result f64 f32 i64 i32)))
  (func (export "call_many") (param f64 f32) (result f64 f32 i64 i32)
    (call $many
      (i32.const 1) (i64.const 0) (f32.const 0) (f64.const 0)
      (i32.const 2) (i64.const 0) (f32.const 0) (f64.const 0)
      (i32.const 3) (i64.const 0) (f32.const 0) (f64.const 0)
      (i32.const 4) (i64.const 0x123456789) (local.get 1) (local.get 0)))
)
(assert_return (invoke $E "call_many" (f64.const -nan:0x1) (f32.const nan:0x1))
  (f64.const -nan:0x1) (f32.const nan:0x1) (i64.const 0x123456789) (i32.const 10))

;; unlinkable: unknown module or name, wrong kind, wrong signature, unsatisfied limits
(assert_unlinkable
  (module (import "nowhere" "f" (func)))
  "unknown import")
(assert_unlinkable
  (module (import "A" "nothing" (func)))
  "unknown import")
(assert_unlinkable
  (module (import "A" "g" (func)))
  "incompatible import type")
(assert_unlinkable
  (module (import "A" "add" (global i32)))
  "incompatible import type")
(assert_unlinkable
  (module (import "A" "mem" (table 1 funcref)))
  "incompatible import type")
(assert_unlinkable
  (module (import "A" "tab" (memory 1)))
  "incompatible import type")
(assert_unlinkable
  (module (import "A" "add" (func (param i32) (result i32))))
  "incompatible import type")
(assert_unlinkable
  (module (import "A" "add" (func (param i32 i32) (result i64))))
  "incompatible import type")
(assert_unlinkable
  (module (import "A" "add" (func (param i32 i32))))
  "incompatible import type")
(assert_unlinkable
  (module (import "A" "add" (func (param i64 i32) (result i32))))
  "incompatible import type")
(assert_unlinkable
  (module (import "A" "pair" (func (param i64) (result i32 i64))))
  "incompatible import type")
(assert_unlinkable
  (module (import "spectest" "print_i32" (func (param i64))))
  "incompatible import type")
(assert_unlinkable
  (module (import "spectest" "memory" (func)))
  "incompatible import type")
(assert_unlinkable
  (module (import "A" "tab" (table 4 externref)))
  "incompatible import type")
(assert_unlinkable
  (module (import "A" "mem" (memory 3)))
  "incompatible import type")
(assert_unlinkable
  (module (import "A" "mem" (memory 1 3)))
  "incompatible import type")
(assert_unlinkable
  (module (import "A" "tab" (table 7 funcref)))
  "incompatible import type")
(assert_unlinkable
  (module (import "A" "tab" (table 0 7 funcref)))
  "incompatible import type")
(assert_unlinkable
  (module (import "spectest" "memory" (memory 1 1)))
  "incompatible import type")
;; limits that the export does satisfy (current sizes after the growth above)
(module (import "A" "mem" (memory 2 4)) (import "A" "tab" (table 6 8 funcref)))
(module (import "A" "mem" (memory 0)) (import "A" "tab" (table 0 funcref)))
