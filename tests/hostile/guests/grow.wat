;; grow.wat: memory.grow one page at a time until it fails; the page count reached is
;; the exit code's witness: _start traps (unreachable) unless it equals the expected
;; count stored at address 0 by the test (a data segment variant), and then touches
;; the last byte of the memory and the first byte past it (which must trap).
(module
  (memory 1)
  (func $grow_all (result i32)
    (block $d (loop $l
      (br_if $d (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
      (br $l)))
    (memory.size))
  (func (export "_start") (local $pages i32)
    (local.set $pages (call $grow_all))
    (if (i32.ne (local.get $pages) (i32.load (i32.const 0))) (then unreachable))
    (if (i32.ne (memory.grow (i32.const 0xFFFFFFFF)) (i32.const -1)) (then unreachable))
    (i32.store8 (i32.sub (i32.mul (local.get $pages) (i32.const 65536)) (i32.const 1)) (i32.const 1))
    (i32.store8 (i32.mul (local.get $pages) (i32.const 65536)) (i32.const 1))))
