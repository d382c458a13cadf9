;; checksum.wat - the guest of the embed-c example: fills its memory with a pattern,
;; computes Adler-32 over it, and reports progress through a function the host defines.
(module
  (import "env" "progress" (func $progress (param i32)))
  (memory (export "memory") 2)

  ;; bytes [0, n) := i * 7 + 3 (mod 256)
  (func (export "fill") (param $n i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store8 (local.get $i)
          (i32.add (i32.mul (local.get $i) (i32.const 7)) (i32.const 3)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  ;; Adler-32 of [ptr, ptr+len), calling progress every 64 KiB
  (func (export "adler32") (param $ptr i32) (param $len i32) (result i32)
    (local $a i32) (local $b i32) (local $i i32)
    (local.set $a (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $a (i32.rem_u
          (i32.add (local.get $a) (i32.load8_u (i32.add (local.get $ptr) (local.get $i))))
          (i32.const 65521)))
        (local.set $b (i32.rem_u (i32.add (local.get $b) (local.get $a)) (i32.const 65521)))
        (if (i32.eqz (i32.and (local.get $i) (i32.const 0xffff)))
          (then (call $progress (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.or (i32.shl (local.get $b) (i32.const 16)) (local.get $a)))

  ;; integer division, to show how a trap comes back to the host
  (func (export "divide") (param i32 i32) (result i32)
    (i32.div_u (local.get 0) (local.get 1)))
)
