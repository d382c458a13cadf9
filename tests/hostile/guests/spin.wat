;; spin.wat: a guest that never yields. $spin loops without a call; $calls loops
;; through a call (each entry checks the stack); _start runs the one its argument-free
;; world can pick: the first, unless the memory says otherwise.
(module
  (memory 1)
  (func $nop)
  (func $spin (loop $l (br $l)))
  (func $calls (loop $l (call $nop) (br $l)))
  (func (export "_start")
    (if (i32.load (i32.const 0)) (then (call $calls)) (else (call $spin)))))
