;; invalid.wast: modules that decode but must fail validation: operand and result type
;; mismatches (instructions, blocks, if without else, branches, select, calls, returns,
;; stack underflow and leftovers), unknown local/global/function/label/table/memory/
;; type/data/elem indices, global.set on an immutable global, non-constant and mutable
;; global initialisers, untyped select on references, undeclared function references,
;; over-aligned memory accesses, bad limits, duplicate exports, a start function with
;; parameters, and memory.init/data.drop without a data count section (binary).

(assert_invalid (module (func (result i32) (i32.add (i32.const 1) (i64.const 1)))) "type mismatch")
(assert_invalid (module (func (result i32) (i64.const 1))) "type mismatch")
(assert_invalid (module (func (result i32) (f32.const 0) (i32.eqz))) "type mismatch")
(assert_invalid (module (func (i32.add (i32.const 1)) (drop))) "type mismatch")
(assert_invalid (module (func (i32.const 1))) "type mismatch")
(assert_invalid (module (func (result i32 i32) (i32.const 1))) "type mismatch")
(assert_invalid (module (func (result i32) (block (result i64) (i64.const 1)))) "type mismatch")
(assert_invalid (module (func (result i32) (block (result i32) (nop)))) "type mismatch")
(assert_invalid (module (func (result i32) (if (result i32) (i32.const 1) (then (i32.const 1))))) "type mismatch")
(assert_invalid (module (func (result i32) (if (result i32) (i64.const 1) (then (i32.const 1)) (else (i32.const 2))))) "type mismatch")
(assert_invalid (module (func (result i32) (block (result i32) (br 0 (f32.const 1))))) "type mismatch")
(assert_invalid (module (func (result i32) (block (result i32) (br_if 0 (i32.const 1) (i64.const 1))))) "type mismatch")
(assert_invalid (module (func (block (result i32) (i32.const 0) (loop (result i64) (br_table 0 1 (i64.const 1) (i32.const 0)))) (drop))) "type mismatch")
(assert_invalid (module (func (result i32) (select (i32.const 1) (i64.const 1) (i32.const 0)))) "type mismatch")
(assert_invalid (module (func (result i32) (select (i32.const 1) (i32.const 1) (i64.const 0)))) "type mismatch")
(assert_invalid (module (func $f (param i32)) (func (call $f (i64.const 1)))) "type mismatch")
(assert_invalid (module (func $f (param i32 i32)) (func (call $f (i32.const 1)))) "type mismatch")
(assert_invalid (module (func (result i32) (return (i64.const 1)))) "type mismatch")
(assert_invalid (module (func (param i32) (local.set 0 (f64.const 1)))) "type mismatch")
(assert_invalid (module (memory 1) (func (i32.store (i32.const 0) (i64.const 1)))) "type mismatch")
(assert_invalid (module (memory 1) (func (memory.fill (i32.const 0) (i64.const 0) (i32.const 0)))) "type mismatch")
(assert_invalid (module (table 1 funcref) (func (result externref) (table.get 0 (i32.const 0)))) "type mismatch")
(assert_invalid (module (func (result funcref) (ref.null extern))) "type mismatch")
(assert_invalid (module (func (result i32) (ref.is_null (i32.const 0)))) "type mismatch")
(assert_invalid (module (func (param funcref funcref) (result funcref) (select (local.get 0) (local.get 1) (i32.const 0)))) "type mismatch")
(assert_invalid (module (func (result i32) (loop (param i32) (result i32) (br 0)) )) "type mismatch")

(assert_invalid (module (func (local.get 0) (drop))) "unknown local")
(assert_invalid (module (func (param i32) (local i64) (local.set 2 (i32.const 0)))) "unknown local")
(assert_invalid (module (func (global.get 0) (drop))) "unknown global")
(assert_invalid (module (global i32 (i32.const 0)) (func (global.set 1 (i32.const 0)))) "unknown global")
(assert_invalid (module (func (call 1))) "unknown function")
(assert_invalid (module (func (result funcref) (ref.func 5))) "unknown function")
(assert_invalid (module (func (br 1))) "unknown label")
(assert_invalid (module (func (block (br_if 2 (i32.const 1))))) "unknown label")
(assert_invalid (module (func (block (br_table 0 2 (i32.const 1))))) "unknown label")
(assert_invalid (module (type $t (func)) (func (call_indirect (type $t) (i32.const 0)))) "unknown table")
(assert_invalid (module (table 1 funcref) (func (call_indirect (type 3) (i32.const 0)))) "unknown type")
(assert_invalid (module (func (drop (table.size 0)))) "unknown table")
(assert_invalid (module (func (drop (i32.load (i32.const 0))))) "unknown memory")
(assert_invalid (module (func (drop (memory.size)))) "unknown memory")
(assert_invalid (module (memory 1) (func (data.drop 0))) "unknown data segment")
(assert_invalid (module (memory 1) (func (memory.init 1 (i32.const 0) (i32.const 0) (i32.const 0))) (data "")) "unknown data segment")
(assert_invalid (module (table 1 funcref) (func (elem.drop 0))) "unknown elem segment")

(assert_invalid (module (global i32 (i32.const 0)) (func (global.set 0 (i32.const 1)))) "global is immutable")
(assert_invalid (module (import "spectest" "global_i32" (global i32)) (func (global.set 0 (i32.const 1)))) "global is immutable")
(assert_invalid (module (global i32 (i32.add (i32.const 0) (i32.const 1)))) "constant expression required")
(assert_invalid (module (global i32 (i64.const 0))) "type mismatch")
(assert_invalid (module (global $m (mut i32) (i32.const 0)) (global i32 (global.get $m))) "unknown global")
(assert_invalid (module (func $f) (func (result funcref) (ref.func $f))) "undeclared function reference")
(assert_invalid (module (memory 1) (func (drop (i32.load align=8 (i32.const 0))))) "alignment must not be larger than natural")
(assert_invalid (module (memory 1) (func (i64.store16 align=4 (i32.const 0) (i64.const 0)))) "alignment must not be larger than natural")
(assert_invalid (module (memory 2 1)) "size minimum must not be greater than maximum")
(assert_invalid (module (memory 65537)) "memory size must be at most 65536 pages (4GiB)")
(assert_invalid (module (table 2 1 funcref)) "size minimum must not be greater than maximum")
(assert_invalid (module (func) (export "a" (func 0)) (export "a" (func 0))) "duplicate export name")
(assert_invalid (module (func $s (param i32)) (start $s)) "start function")
(assert_invalid (module (func $s (result i32) (i32.const 0)) (start $s)) "start function")

;; memory.init and data.drop need a data count section; this module has none:
;; (memory 1) (func (data.drop 0)) (data "")
(assert_invalid
  (module binary
    "\00asm" "\01\00\00\00"
    "\01\04\01\60\00\00"           ;; type section: (func)
    "\03\02\01\00"                 ;; function section
    "\05\03\01\00\01"              ;; memory section: 1 page
    "\0a\07\01\05\00\fc\09\00\0b"  ;; code: data.drop 0
    "\0b\03\01\01\00"              ;; data section: one passive, empty segment
  )
  "data count section required")
;; the same module with the data count section is valid
(module binary
  "\00asm" "\01\00\00\00"
  "\01\04\01\60\00\00"
  "\03\02\01\00"
  "\05\03\01\00\01"
  "\0c\01\01"                    ;; data count: 1
  "\0a\07\01\05\00\fc\09\00\0b"
  "\0b\03\01\01\00"
)
