;; fake_go.wat: a module shaped like a Go GOOS=js program (gojs imports, run/resume/
;; getsp/mem exports, SP and PAUSE in globals 0 and 7, the PC_F table at 0x1000) whose
;; run hands syscall/js.valueGet a property name outside memory, as a hostile module
;; posing as Go could. The host must trap naming the import, not read the name.
(module
  (import "gojs" "syscall/js.valueGet" (func $valueGet (param i32)))
  (memory (export "mem") 2)
  (global $sp (mut i32) (i32.const 65536))
  (global (mut i32) (i32.const 0)) (global (mut i32) (i32.const 0)) (global (mut i32) (i32.const 0))
  (global (mut i32) (i32.const 0)) (global (mut i32) (i32.const 0)) (global (mut i32) (i32.const 0))
  (global $pause (mut i32) (i32.const 0))
  (table 0x1001 funcref)
  (elem (i32.const 0x1000) $pcb)
  (func $pcb (param i32) (result i32) (i32.const 0))
  (func $wasm_pc_f_loop)
  (func $runtime.pause (param i32) (result i32) (global.set $pause (i32.const 1)) (i32.const 1))
  (func $runtime.exit (param i32) (result i32) (drop (call $pcb (i32.const 0))) (global.set $pause (i32.const 1)) (i32.const 1))
  (func (export "run") (param i32 i32)
    ;; valueGet(v = globalThis, name = {ptr 0xFFFFFFF0, len 16}) with SP 65536
    (i64.store (i32.const 65544) (i64.const 0x7FF8000100000005))
    (i64.store (i32.const 65552) (i64.const 0xFFFFFFF0))
    (i64.store (i32.const 65560) (i64.const 16))
    (call $valueGet (i32.const 65536)))
  (func (export "resume"))
  (func (export "getsp") (result i32) (global.get $sp)))
