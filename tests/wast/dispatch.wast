;; dispatch.wast: the shape of Go's functions, a loop whose head is `br_table` on a
;; local (PC_B) and jumps written as `local.set PC_B (i32.const K); br $loop`, which the
;; emitter threads straight to case K. Covers: jumps to every case, a constant beyond
;; the table (the default), a set followed by other code before the branch (not
;; threaded), a loop head with a statement before the br_table (not threaded), a
;; br_if to the loop (not threaded), a dispatch local also read after the jump, and a
;; nested dispatch loop. Also calls between small functions (inline copies when
;; optimising), including recursion through one.

(module
  ;; acc walks n down: case 0 adds n, case 1 doubles (mod 2^32), case 2 returns.
  (func $fsm (export "fsm") (param $pc i32) (param $n i32) (result i32)
    (local $acc i32)
    loop $entry
      block $b2
        block $b1
          block $b0
            local.get $pc
            br_table $b0 $b1 $b2
          end
          ;; case 0
          local.get $acc
          local.get $n
          i32.add
          local.set $acc
          local.get $n
          i32.eqz
          if
            i32.const 2
            local.set $pc
            br $entry
          end
          local.get $n
          i32.const 1
          i32.sub
          local.set $n
          i32.const 1
          local.set $pc
          br $entry
        end
        ;; case 1
        local.get $acc
        i32.const 2
        i32.mul
        local.set $acc
        i32.const 0
        local.set $pc
        br $entry
      end
    end
    ;; case 2 and beyond: the default
    local.get $acc
    local.get $pc
    i32.const 1000
    i32.mul
    i32.add)

  ;; the constant is beyond the table: the jump must land on the default
  (func (export "far") (param $pc i32) (result i32)
    (local $steps i32)
    loop $entry
      block $b1
        block $b0
          local.get $pc
          br_table $b0 $b1
        end
        local.get $steps
        i32.const 1
        i32.add
        local.set $steps
        i32.const 77
        local.set $pc
        br $entry
      end
    end
    local.get $steps
    i32.const 100
    i32.mul
    local.get $pc
    i32.add)

  ;; set, then other code, then the branch; a br_if to the loop; PC read after jumps
  (func (export "mixed") (param $pc i32) (param $n i32) (result i32)
    (local $log i32)
    loop $entry
      block $b2
        block $b1
          block $b0
            local.get $pc
            br_table $b0 $b1 $b2
          end
          i32.const 1
          local.set $pc
          local.get $log
          i32.const 10
          i32.mul
          local.get $pc
          i32.add
          local.set $log
          br $entry
        end
        local.get $n
        i32.const 1
        i32.sub
        local.tee $n
        i32.const 2
        local.set $pc
        local.get $log
        i32.const 10
        i32.mul
        i32.const 2
        i32.add
        local.set $log
        br_if $entry
        i32.const 0
        local.set $pc
        br $entry
      end
      local.get $n
      i32.const 0
      i32.gt_s
      if
        i32.const 1
        local.set $pc
        br $entry
      end
    end
    local.get $log)

  ;; a statement between the loop label and the br_table: no threading
  (func (export "counted_head") (param $pc i32) (result i32)
    (local $heads i32)
    loop $entry
      local.get $heads
      i32.const 1
      i32.add
      local.set $heads
      block $b1
        block $b0
          local.get $pc
          br_table $b0 $b1
        end
        i32.const 1
        local.set $pc
        br $entry
      end
    end
    local.get $heads)

  ;; nested dispatch: the inner loop's jumps and the outer loop's jumps both thread
  (func (export "nested") (param $n i32) (result i32)
    (local $pc i32) (local $q i32) (local $acc i32)
    loop $outer
      block $o1
        block $o0
          local.get $pc
          br_table $o0 $o1
        end
        i32.const 0
        local.set $q
        loop $inner
          block $i1
            block $i0
              local.get $q
              br_table $i0 $i1
            end
            local.get $acc
            i32.const 3
            i32.add
            local.set $acc
            i32.const 1
            local.set $q
            br $inner
          end
        end
        local.get $n
        i32.const 1
        i32.sub
        local.tee $n
        i32.eqz
        if
          i32.const 1
          local.set $pc
          br $outer
        end
        i32.const 0
        local.set $pc
        br $outer
      end
    end
    local.get $acc)

  ;; small functions calling each other and themselves
  (func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  (func $sum_sq (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (call $sq (local.get 0)) (call $sum_sq (i32.sub (local.get 0) (i32.const 1)))))))
  (func (export "sum_sq") (param i32) (result i32) (call $sum_sq (local.get 0)))
  (func $spin (param i32) (result i32) (call $spin (i32.add (local.get 0) (i32.const 1))))
  (func (export "spin") (result i32) (call $spin (i32.const 0)))
)

(assert_return (invoke "fsm" (i32.const 0) (i32.const 0)) (i32.const 2000))
(assert_return (invoke "fsm" (i32.const 0) (i32.const 3)) (i32.const 2034))
(assert_return (invoke "fsm" (i32.const 1) (i32.const 2)) (i32.const 2010))
(assert_return (invoke "fsm" (i32.const 2) (i32.const 5)) (i32.const 2000))
(assert_return (invoke "fsm" (i32.const 9) (i32.const 5)) (i32.const 9000))
(assert_return (invoke "fsm" (i32.const 0) (i32.const 40)) (i32.const 2002))
(assert_return (invoke "far" (i32.const 0)) (i32.const 177))
(assert_return (invoke "far" (i32.const 1)) (i32.const 1))
(assert_return (invoke "mixed" (i32.const 0) (i32.const 3)) (i32.const 122212))
(assert_return (invoke "mixed" (i32.const 1) (i32.const 1)) (i32.const 212))
(assert_return (invoke "counted_head" (i32.const 0)) (i32.const 2))
(assert_return (invoke "counted_head" (i32.const 1)) (i32.const 1))
(assert_return (invoke "nested" (i32.const 4)) (i32.const 12))
(assert_return (invoke "sum_sq" (i32.const 10)) (i32.const 385))
(assert_exhaustion (invoke "spin") "call stack exhausted")
