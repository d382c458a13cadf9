;; recursion.wat: infinite recursion, with a local that keeps each frame alive.
(module
  (func $down (param i32) (result i32)
    (i32.add (call $down (i32.add (local.get 0) (i32.const 1))) (local.get 0)))
  (func (export "_start") (drop (call $down (i32.const 0)))))
