;; control.wast: block, loop, if/else (folded and flat forms with explicit `end`/`else`),
;; br, br_if and br_table carrying values, nested labels and branches to outer labels,
;; br_table default and out-of-range indices, loops (counting, nested, with results),
;; return from deep nesting, unreachable/polymorphic code after br and return, nop,
;; drop, untyped select on every number type, and local.tee.

(module
  (func (export "empty") (block) (loop) (if (i32.const 1) (then)) (nop))
  (func (export "block_value") (result i32) (block (result i32) (i32.const 7)))
  (func (export "flat_block") (result i32)
    block (result i32)
      i32.const 1
      i32.const 2
      i32.add
    end
    i32.const 10
    i32.mul)
  (func (export "flat_if") (param i32) (result i32)
    local.get 0
    if (result i32)
      i32.const 100
    else
      i32.const 200
    end)
  (func (export "flat_loop") (param i32) (result i32)
    (local i32)
    loop $l
      local.get 1
      local.get 0
      i32.add
      local.set 1
      local.get 0
      i32.const 1
      i32.sub
      local.tee 0
      br_if $l
    end
    local.get 1)
  (func (export "if_no_else") (param i32) (result i32)
    (local i32)
    (local.set 1 (i32.const 5))
    (if (local.get 0) (then (local.set 1 (i32.const 6))))
    (local.get 1))
  (func (export "if_else") (param i32) (result i32)
    (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2))))
  (func (export "nested_if") (param i32 i32) (result i32)
    (if (result i32) (local.get 0)
      (then (if (result i32) (local.get 1) (then (i32.const 11)) (else (i32.const 10))))
      (else (if (result i32) (local.get 1) (then (i32.const 1)) (else (i32.const 0))))))
  ;; any nonzero value is true
  (func (export "if_truthy") (param i32) (result i32)
    (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 0))))

  (func (export "br_value") (result i32)
    (block (result i32) (br 0 (i32.const 42)) (i32.const 1)))
  (func (export "br_outer") (result i32)
    (block $outer (result i32)
      (block $inner (result i32)
        (br $outer (i32.const 3))
        (i32.const 2))
      (drop) (i32.const 1)))
  (func (export "br_if_taken") (param i32) (result i32)
    (block (result i32)
      (drop (br_if 0 (i32.const 10) (local.get 0)))
      (i32.const 20)))
  ;; br_if leaves its value on the stack when not taken
  (func (export "br_if_value") (param i32) (result i32)
    (block (result i32)
      (i32.add (br_if 0 (i32.const 10) (local.get 0)) (i32.const 5))))
  (func (export "br_if_loop") (param i32) (result i32)
    (local i32)
    (block $exit
      (loop $top
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (br_if $exit (i32.ge_u (local.get 1) (local.get 0)))
        (br $top)))
    (local.get 1))

  (func (export "br_table") (param i32) (result i32)
    (block $d
      (block $3
        (block $2
          (block $1
            (block $0
              (br_table $0 $1 $2 $3 $d (local.get 0)))
            (return (i32.const 100)))
          (return (i32.const 101)))
        (return (i32.const 102)))
      (return (i32.const 103)))
    (i32.const 104))
  (func (export "br_table_value") (param i32) (result i32)
    (i32.add
      (block $a (result i32)
        (i32.mul
          (block $b (result i32)
            (br_table $a $b $a (i32.const 7) (local.get 0)))
          (i32.const 10)))
      (i32.const 1)))
  (func (export "br_table_default_only") (param i32) (result i32)
    (block (result i32) (br_table 0 (i32.const 55) (local.get 0))))
  (func (export "br_table_loop") (param i32) (result i32)
    (local $n i32)
    (block $exit
      (loop $l
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br_table $l $l $l $exit
          (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))))
    (local.get $n))
  (func (export "switch") (param i32) (result i32)
    (block $8 (block $7 (block $6 (block $5 (block $4 (block $3 (block $2 (block $1 (block $0
      (br_table $0 $1 $2 $3 $4 $5 $6 $7 $0 $1 $2 $3 $8 (local.get 0)))
      (return (i32.const 0)))
      (return (i32.const 1)))
      (return (i32.const 2)))
      (return (i32.const 3)))
      (return (i32.const 4)))
      (return (i32.const 5)))
      (return (i32.const 6)))
      (return (i32.const 7)))
    (i32.const -1))

  (func (export "loop_result") (result i32)
    (loop (result i32) (i32.const 9)))
  (func (export "fac") (param i64) (result i64)
    (local i64)
    (local.set 1 (i64.const 1))
    (block $done
      (loop $l
        (br_if $done (i64.le_u (local.get 0) (i64.const 1)))
        (local.set 1 (i64.mul (local.get 1) (local.get 0)))
        (local.set 0 (i64.sub (local.get 0) (i64.const 1)))
        (br $l)))
    (local.get 1))
  (func (export "nested_loops") (param i32) (result i32)
    (local $i i32) (local $j i32) (local $s i32)
    (block $bi (loop $li
      (br_if $bi (i32.ge_u (local.get $i) (local.get 0)))
      (local.set $j (i32.const 0))
      (block $bj (loop $lj
        (br_if $bj (i32.ge_u (local.get $j) (local.get $i)))
        ;; skip odd j with a branch back to the inner loop
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $lj (i32.and (local.get $j) (i32.const 1)))
        (local.set $s (i32.add (local.get $s) (local.get $j)))
        (br $lj)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $li)))
    (local.get $s))
  (func (export "deep") (param i32) (result i32)
    (block $0 (result i32) (block (result i32) (block (result i32) (block (result i32)
    (block (result i32) (block (result i32) (block (result i32) (block (result i32)
    (block (result i32) (block (result i32) (block (result i32) (block (result i32)
      (br_if $0 (i32.const 1) (local.get 0))
      (br 11 (i32.const 2)))))))))))))))
  (func (export "return_deep") (param i32) (result i32)
    (block (block (loop (if (local.get 0) (then (return (i32.const 1)))) (br 2))))
    (i32.const 0))
  ;; code after an unconditional branch is unreachable and stack-polymorphic
  (func (export "after_br") (result i32)
    (block (result i32) (br 0 (i32.const 1)) (i32.add) (unreachable)))
  (func (export "after_return") (result i32)
    (return (i32.const 2)) (i64.add) (drop) (unreachable))
  (func (export "after_unreachable_in_dead_if") (param i32) (result i32)
    (if (result i32) (local.get 0)
      (then (i32.const 3))
      (else (unreachable) (f64.add) (i32.trunc_f64_s))))
  (func (export "br_table_after_br") (result i32)
    (block (result i32) (br 0 (i32.const 4)) (br_table 0 0)))
  ;; block parameters are not needed: a branch to a loop carries nothing
  (func (export "loop_br_count") (result i32)
    (local i32)
    (loop $l
      (local.set 0 (i32.add (local.get 0) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get 0) (i32.const 1000))))
    (local.get 0))

  ;; an if without else whose parameters pass through unchanged when the condition is 0
  (func (export "if_params_no_else") (param i32) (result i32)
    (i32.const 5)
    (if (param i32) (result i32) (local.get 0) (then (i32.const 1) (i32.add))))
  ;; branches to the function's own label are returns
  (func (export "br_function") (param i32) (result i32)
    (block (drop (br_if 1 (i32.const 7) (local.get 0))))
    (br 0 (i32.const 8)))
  (func (export "br_table_function") (param i32) (result i32)
    (block (result i32)
      (br_table 0 1 (i32.const 10) (local.get 0)))
    (i32.const 1)
    (i32.add))
  (func (export "return_void") (param i32)
    (br_if 0 (local.get 0))
    (return))
  (func (export "select_i32") (param i32 i32 i32) (result i32) (select (local.get 0) (local.get 1) (local.get 2)))
  (func (export "select_i64") (param i64 i64 i32) (result i64) (select (local.get 0) (local.get 1) (local.get 2)))
  (func (export "select_f32") (param f32 f32 i32) (result f32) (select (local.get 0) (local.get 1) (local.get 2)))
  (func (export "select_f64") (param f64 f64 i32) (result f64) (select (local.get 0) (local.get 1) (local.get 2)))
  ;; both operands of select are evaluated
  (func (export "select_effects") (param i32) (result i32)
    (local i32)
    (drop (select (local.tee 1 (i32.const 5)) (i32.const 6) (local.get 0)))
    (local.get 1))
  (func (export "drop_all") (param i32 i64 f32 f64) (result i32)
    (drop (local.get 0)) (drop (local.get 1)) (drop (local.get 2)) (drop (local.get 3))
    (i32.const 1))
  (func (export "tee") (param i32) (result i32)
    (local i32)
    (i32.add (local.tee 1 (i32.mul (local.get 0) (i32.const 2))) (local.get 1)))
  ;; locals start at zero, for every type
  (func (export "zero_locals") (result i32)
    (local i32 i64 f32 f64)
    (i32.and
      (i32.and (i32.eqz (local.get 0)) (i64.eqz (local.get 1)))
      (i32.and (f32.eq (local.get 2) (f32.const 0)) (i64.eqz (i64.reinterpret_f64 (local.get 3))))))
)

(assert_return (invoke "empty"))
(assert_return (invoke "block_value") (i32.const 7))
(assert_return (invoke "flat_block") (i32.const 30))
(assert_return (invoke "flat_if" (i32.const 1)) (i32.const 100))
(assert_return (invoke "flat_if" (i32.const 0)) (i32.const 200))
(assert_return (invoke "flat_loop" (i32.const 10)) (i32.const 55))
(assert_return (invoke "flat_loop" (i32.const 1)) (i32.const 1))
(assert_return (invoke "if_no_else" (i32.const 0)) (i32.const 5))
(assert_return (invoke "if_no_else" (i32.const 1)) (i32.const 6))
(assert_return (invoke "if_else" (i32.const 0)) (i32.const 2))
(assert_return (invoke "if_else" (i32.const 9)) (i32.const 1))
(assert_return (invoke "nested_if" (i32.const 1) (i32.const 1)) (i32.const 11))
(assert_return (invoke "nested_if" (i32.const 1) (i32.const 0)) (i32.const 10))
(assert_return (invoke "nested_if" (i32.const 0) (i32.const 1)) (i32.const 1))
(assert_return (invoke "nested_if" (i32.const 0) (i32.const 0)) (i32.const 0))
(assert_return (invoke "if_truthy" (i32.const 0x80000000)) (i32.const 1))
(assert_return (invoke "if_truthy" (i32.const -1)) (i32.const 1))
(assert_return (invoke "if_truthy" (i32.const 0x100)) (i32.const 1))

(assert_return (invoke "br_value") (i32.const 42))
(assert_return (invoke "br_outer") (i32.const 3))
(assert_return (invoke "br_if_taken" (i32.const 1)) (i32.const 10))
(assert_return (invoke "br_if_taken" (i32.const 0)) (i32.const 20))
(assert_return (invoke "br_if_taken" (i32.const 0x80000000)) (i32.const 10))
(assert_return (invoke "br_if_value" (i32.const 1)) (i32.const 10))
(assert_return (invoke "br_if_value" (i32.const 0)) (i32.const 15))
(assert_return (invoke "br_if_loop" (i32.const 5)) (i32.const 5))
(assert_return (invoke "br_if_loop" (i32.const 0)) (i32.const 1))

(assert_return (invoke "br_table" (i32.const 0)) (i32.const 100))
(assert_return (invoke "br_table" (i32.const 1)) (i32.const 101))
(assert_return (invoke "br_table" (i32.const 2)) (i32.const 102))
(assert_return (invoke "br_table" (i32.const 3)) (i32.const 103))
(assert_return (invoke "br_table" (i32.const 4)) (i32.const 104))
(assert_return (invoke "br_table" (i32.const 5)) (i32.const 104))
(assert_return (invoke "br_table" (i32.const -1)) (i32.const 104))
(assert_return (invoke "br_table" (i32.const 0x80000000)) (i32.const 104))
(assert_return (invoke "br_table_value" (i32.const 0)) (i32.const 8))
(assert_return (invoke "br_table_value" (i32.const 1)) (i32.const 71))
(assert_return (invoke "br_table_value" (i32.const 2)) (i32.const 8))
(assert_return (invoke "br_table_value" (i32.const 99)) (i32.const 8))
(assert_return (invoke "br_table_default_only" (i32.const 0)) (i32.const 55))
(assert_return (invoke "br_table_default_only" (i32.const -7)) (i32.const 55))
(assert_return (invoke "br_table_loop" (i32.const 3)) (i32.const 4))
(assert_return (invoke "br_table_loop" (i32.const 10)) (i32.const 1))
(assert_return (invoke "br_table_loop" (i32.const 0)) (i32.const 1))
(assert_return (invoke "switch" (i32.const 0)) (i32.const 0))
(assert_return (invoke "switch" (i32.const 5)) (i32.const 5))
(assert_return (invoke "switch" (i32.const 7)) (i32.const 7))
(assert_return (invoke "switch" (i32.const 8)) (i32.const 0))
(assert_return (invoke "switch" (i32.const 11)) (i32.const 3))
(assert_return (invoke "switch" (i32.const 12)) (i32.const -1))
(assert_return (invoke "switch" (i32.const 13)) (i32.const -1))
(assert_return (invoke "switch" (i32.const -1)) (i32.const -1))

(assert_return (invoke "loop_result") (i32.const 9))
(assert_return (invoke "fac" (i64.const 0)) (i64.const 1))
(assert_return (invoke "fac" (i64.const 20)) (i64.const 2432902008176640000))
(assert_return (invoke "fac" (i64.const 25)) (i64.const 7034535277573963776))
(assert_return (invoke "nested_loops" (i32.const 0)) (i32.const 0))
(assert_return (invoke "nested_loops" (i32.const 6)) (i32.const 16))
(assert_return (invoke "deep" (i32.const 1)) (i32.const 1))
(assert_return (invoke "deep" (i32.const 0)) (i32.const 2))
(assert_return (invoke "return_deep" (i32.const 1)) (i32.const 1))
(assert_return (invoke "return_deep" (i32.const 0)) (i32.const 0))
(assert_return (invoke "after_br") (i32.const 1))
(assert_return (invoke "after_return") (i32.const 2))
(assert_return (invoke "after_unreachable_in_dead_if" (i32.const 1)) (i32.const 3))
(assert_trap (invoke "after_unreachable_in_dead_if" (i32.const 0)) "unreachable")
(assert_return (invoke "br_table_after_br") (i32.const 4))
(assert_return (invoke "loop_br_count") (i32.const 1000))

(assert_return (invoke "if_params_no_else" (i32.const 1)) (i32.const 6))
(assert_return (invoke "if_params_no_else" (i32.const 0)) (i32.const 5))
(assert_return (invoke "br_function" (i32.const 1)) (i32.const 7))
(assert_return (invoke "br_function" (i32.const 0)) (i32.const 8))
(assert_return (invoke "br_table_function" (i32.const 0)) (i32.const 11))
(assert_return (invoke "br_table_function" (i32.const 1)) (i32.const 10))
(assert_return (invoke "br_table_function" (i32.const 2)) (i32.const 10))
(assert_return (invoke "return_void" (i32.const 0)))
(assert_return (invoke "return_void" (i32.const 1)))
(assert_return (invoke "select_i32" (i32.const 1) (i32.const 2) (i32.const 1)) (i32.const 1))
(assert_return (invoke "select_i32" (i32.const 1) (i32.const 2) (i32.const 0)) (i32.const 2))
(assert_return (invoke "select_i32" (i32.const 1) (i32.const 2) (i32.const 0x80000000)) (i32.const 1))
(assert_return (invoke "select_i64" (i64.const -1) (i64.const 0x100000000) (i32.const 0)) (i64.const 0x100000000))
(assert_return (invoke "select_i64" (i64.const -1) (i64.const 0x100000000) (i32.const 2)) (i64.const -1))
(assert_return (invoke "select_f32" (f32.const -0) (f32.const nan:0x1) (i32.const 0)) (f32.const nan:0x1))
(assert_return (invoke "select_f32" (f32.const -0) (f32.const nan:0x1) (i32.const -1)) (f32.const -0))
(assert_return (invoke "select_f64" (f64.const -nan:0x1) (f64.const 1) (i32.const 1)) (f64.const -nan:0x1))
(assert_return (invoke "select_f64" (f64.const -nan:0x1) (f64.const 1) (i32.const 0)) (f64.const 1))
(assert_return (invoke "select_effects" (i32.const 0)) (i32.const 5))
(assert_return (invoke "drop_all" (i32.const 1) (i64.const 2) (f32.const 3) (f64.const 4)) (i32.const 1))
(assert_return (invoke "tee" (i32.const 21)) (i32.const 84))
(assert_return (invoke "zero_locals") (i32.const 1))
