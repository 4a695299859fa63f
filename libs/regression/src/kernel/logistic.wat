;; Data term of the logistic-Laplace potential for ternary designs:
;;   E(w) = Σ_i softplus(s_i),  ∇E(w)_j = Σ_i sigmoid(s_i) x̃_ij,  s = X̃ w (label folded into the signs).
;;
;; Regenerate the embedded bytes after editing: `node libs/regression/src/kernel/assemble-wasm.mjs`.
;; The memory layout is planned in wasm-layout.ts; every address below is a byte address.
;;
;; Mixed precision: the per-row work (tables, logits s, p = sigmoid(s)) is binary32, four rows per
;; f32x4 operation; everything summed over rows (the energy's terms, the gradient) is accumulated
;; in binary64. The error this costs is bounded in test/wasm-kernel.test.ts and discussed in
;; docs/regression.md; it is far below what the sampler can notice.
;;
;; Four passes, each a tight loop:
;;   1. tables:    for each block of 5 weights, the 3^5 = 243 signed subset sums (with the digit
;;                 1 meaning +w_k and 2 meaning −w_k), built by tripling the table one digit at a
;;                 time, four entries per f32x4 add;
;;   2. forward:   s_i = Σ_blocks T_block[code_i,block] (one load per block instead of one per
;;                 non-zero: ~6 lookups per row instead of ~11);
;;   3. pointwise: four rows per f32x4, e = exp(−|s|) by range reduction and a degree-7 Taylor
;;                 polynomial (our own, so every engine gets the same bits), p = sigmoid(s), and
;;                 the energy as Σ max(s, 0) + log Π(1 + e), both in binary64. The products are
;;                 renormalised every 2,048 rows by moving their binary exponents into an integer
;;                 count, so only one log is needed per gradient (taken by the caller);
;;   4. backward:  ∇E_j as a gather over column j's rows with sign +1, then −1 (no read-modify-write
;;                 chains), summed in binary64. Each list is padded to a multiple of 4 with the
;;                 address of a zero.
;; All arithmetic is IEEE binary32/binary64 without fused or relaxed operations, so results are
;; the same bits on every engine and machine.
(module
  (memory (export "memory") 1)

  ;; Table stride: 248 f32 entries (243 + scratch for the overhang of the last four-wide writes).
  (func $tables (param $w i32) (param $blocks i32) (param $tab i32)
    (local $b i32) (local $t i32) (local $wb i32) (local $k i32) (local $lenBytes i32) (local $m i32)
    (local $src i32) (local $wk f32) (local $wv v128)
    (block $done
      (loop $eachBlock
        (br_if $done (i32.ge_u (local.get $b) (local.get $blocks)))
        (local.set $t (i32.add (local.get $tab) (i32.mul (local.get $b) (i32.const 992))))
        (local.set $wb (i32.add (local.get $w) (i32.mul (local.get $b) (i32.const 40))))
        (local.set $wk (f32.demote_f64 (f64.load (local.get $wb))))
        (f32.store (local.get $t) (f32.const 0))
        (f32.store offset=4 (local.get $t) (local.get $wk))
        (f32.store offset=8 (local.get $t) (f32.neg (local.get $wk)))
        (local.set $lenBytes (i32.const 12))
        (local.set $k (i32.const 1))
        (loop $eachDigit
          (local.set $wv (f32x4.splat (f32.demote_f64 (f64.load (i32.add (local.get $wb) (i32.shl (local.get $k) (i32.const 3)))))))
          ;; T[m + 3^k] = T[m] + w_k for m < 3^k, four at a time. The last group may read up to
          ;; three entries past T[3^k − 1] (which the first groups may already have replaced) and
          ;; write up to three past T[2·3^k − 1]; the minus loop overwrites those.
          (local.set $m (i32.const 0))
          (loop $plus
            (local.set $src (i32.add (local.get $t) (local.get $m)))
            (v128.store (i32.add (local.get $src) (local.get $lenBytes))
              (f32x4.add (v128.load (local.get $src)) (local.get $wv)))
            (local.set $m (i32.add (local.get $m) (i32.const 16)))
            (br_if $plus (i32.lt_u (local.get $m) (local.get $lenBytes))))
          ;; T[m + 2·3^k] = T[m] − w_k; the overhang lands on T[3^(k+1)] and up, which the next
          ;; digit's plus loop (or, after the last digit, nobody) overwrites.
          (local.set $m (i32.const 0))
          (loop $minus
            (local.set $src (i32.add (local.get $t) (local.get $m)))
            (v128.store (i32.add (local.get $src) (i32.shl (local.get $lenBytes) (i32.const 1)))
              (f32x4.sub (v128.load (local.get $src)) (local.get $wv)))
            (local.set $m (i32.add (local.get $m) (i32.const 16)))
            (br_if $minus (i32.lt_u (local.get $m) (local.get $lenBytes))))
          (local.set $lenBytes (i32.mul (local.get $lenBytes) (i32.const 3)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $eachDigit (i32.lt_u (local.get $k) (i32.const 5))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $eachBlock))))

  ;; s_i = Σ_b T[code(i, b)]; codes are u16 absolute addresses of table entries (the tables sit
  ;; below 64 KiB), `codesPerRow` of them per row (even; a padding code is 0, the address of a zero).
  (func $forward (param $codes i32) (param $codesPerRow i32) (param $s i32) (param $rows i32)
    (local $end i32) (local $rowEnd i32) (local $a f32) (local $c f32)
    (local.set $end (i32.add (local.get $s) (i32.shl (local.get $rows) (i32.const 2))))
    (block $done
      (loop $eachRow
        (br_if $done (i32.ge_u (local.get $s) (local.get $end)))
        (local.set $rowEnd (i32.add (local.get $codes) (i32.shl (local.get $codesPerRow) (i32.const 1))))
        (local.set $a (f32.const 0))
        (local.set $c (f32.const 0))
        (loop $eachPair
          (local.set $a (f32.add (local.get $a) (f32.load (i32.load16_u (local.get $codes)))))
          (local.set $c (f32.add (local.get $c) (f32.load (i32.load16_u offset=2 (local.get $codes)))))
          (local.set $codes (i32.add (local.get $codes) (i32.const 4)))
          (br_if $eachPair (i32.lt_u (local.get $codes) (local.get $rowEnd))))
        (f32.store (local.get $s) (f32.add (local.get $a) (local.get $c)))
        (local.set $s (i32.add (local.get $s) (i32.const 4)))
        (br $eachRow))))

  ;; Renormalising two positive f64 lanes: their mantissas in [1, 2), and their unbiased binary exponents.
  (func $mantissas (param $v v128) (result v128)
    (v128.or (v128.and (local.get $v) (v128.const i64x2 0x000fffffffffffff 0x000fffffffffffff))
             (v128.const i64x2 0x3ff0000000000000 0x3ff0000000000000)))
  (func $exponents (param $v v128) (result v128)
    (i64x2.sub (i64x2.shr_u (local.get $v) (i32.const 52)) (v128.const i64x2 1023 1023)))

  ;; Writes p = sigmoid(s) for `groups` groups of 8 rows, stores the renormalised product
  ;; Π(1 + e^−|s|) as two f64 factors at $out and $out + 8, and returns Σ max(s, 0) + (binary
  ;; exponents moved out of the products)·ln 2. The caller adds log(out[0]·out[1]).
  ;; Eight rows per iteration, so the loop's fixed cost (V8's interrupt check and reloading the
  ;; constants it spills) is paid once per eight rows. Padding rows hold s = −∞: their factor is
  ;; exactly 1 and their max(s, 0) exactly 0.
  (func $pointwise (param $s i32) (param $p i32) (param $groups i32) (param $out i32) (result f64)
    (local $end i32) (local $chunkEnd i32)
    (local $sv v128) (local $x v128) (local $kf v128) (local $r v128) (local $r2 v128) (local $e v128) (local $q v128)
    (local $onePlusA v128) (local $onePlusB v128) (local $posA v128) (local $posB v128)
    (local $posLo v128) (local $posHi v128) (local $prodLo v128) (local $prodHi v128) (local $count v128)
    (local.set $end (i32.add (local.get $s) (i32.shl (local.get $groups) (i32.const 5))))
    (local.set $prodLo (v128.const f64x2 1 1))
    (local.set $prodHi (v128.const f64x2 1 1))
    (block $done
      (loop $eachChunk
        (br_if $done (i32.ge_u (local.get $s) (local.get $end)))
        ;; each product lane takes one factor ≤ 4 per iteration: after 256 iterations (2,048 rows,
        ;; 8 KiB of s) it is still < 2^513
        (local.set $chunkEnd (i32.add (local.get $s) (i32.const 8192)))
        (if (i32.gt_u (local.get $chunkEnd) (local.get $end)) (then (local.set $chunkEnd (local.get $end))))
        (loop $eachGroup
          ;; x = max(−|s|, −87): below that e^x would be subnormal in binary32; 1 + e is 1 either
          ;; way. −|s| sets the sign bit; pmax (x < −87 ? −87 : x) is one instruction and keeps a NaN.
          ;; Then x = k ln2 + r with |r| ≤ ln2/2 (Cody–Waite: k·0.693359375 is exact), and
          ;; e^r = Σ_{k≤7} r^k/k! (truncation < 1e-8 relative, below binary32's rounding), by
          ;; Estrin's scheme; × 2^k through the exponent bits (k + 127 sits in the low mantissa
          ;; bits of k + 2^23 + 127).
          (local.set $sv (v128.load (local.get $s)))
          (local.set $x (f32x4.pmax (v128.or (local.get $sv) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))
                                    (v128.const f32x4 -87 -87 -87 -87)))
          (local.set $kf (f32x4.nearest (f32x4.mul (local.get $x) (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504))))
          (local.set $r (f32x4.sub
            (f32x4.sub (local.get $x) (f32x4.mul (local.get $kf) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
            (f32x4.mul (local.get $kf) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
          (local.set $r2 (f32x4.mul (local.get $r) (local.get $r)))
          (local.set $e (f32x4.add
            (f32x4.add
              (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $r))
              (f32x4.mul (f32x4.add (v128.const f32x4 0.5 0.5 0.5 0.5) (f32x4.mul (v128.const f32x4 0.16666667 0.16666667 0.16666667 0.16666667) (local.get $r))) (local.get $r2)))
            (f32x4.mul
              (f32x4.add
                (f32x4.add (v128.const f32x4 0.041666668 0.041666668 0.041666668 0.041666668) (f32x4.mul (v128.const f32x4 0.0083333333 0.0083333333 0.0083333333 0.0083333333) (local.get $r)))
                (f32x4.mul (f32x4.add (v128.const f32x4 0.0013888889 0.0013888889 0.0013888889 0.0013888889) (f32x4.mul (v128.const f32x4 0.00019841270 0.00019841270 0.00019841270 0.00019841270) (local.get $r))) (local.get $r2)))
              (f32x4.mul (local.get $r2) (local.get $r2)))))
          (local.set $e (f32x4.mul (local.get $e)
            (i32x4.shl (f32x4.add (local.get $kf) (v128.const f32x4 8388735 8388735 8388735 8388735)) (i32.const 23))))
          (local.set $onePlusA (f32x4.add (local.get $e) (v128.const f32x4 1 1 1 1)))
          (local.set $q (f32x4.div (v128.const f32x4 1 1 1 1) (local.get $onePlusA)))
          (local.set $q (v128.bitselect (local.get $q) (f32x4.mul (local.get $e) (local.get $q))
            (f32x4.gt (local.get $sv) (v128.const f32x4 0 0 0 0))))
          (v128.store (local.get $p) (f64x2.promote_low_f32x4 (local.get $q)))
          (v128.store offset=16 (local.get $p)
            (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $q) (local.get $q))))
          (local.set $posA (f32x4.pmax (local.get $sv) (v128.const f32x4 0 0 0 0)))
          (local.set $sv (v128.load offset=16 (local.get $s)))
          (local.set $x (f32x4.pmax (v128.or (local.get $sv) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))
                                    (v128.const f32x4 -87 -87 -87 -87)))
          (local.set $kf (f32x4.nearest (f32x4.mul (local.get $x) (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504))))
          (local.set $r (f32x4.sub
            (f32x4.sub (local.get $x) (f32x4.mul (local.get $kf) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
            (f32x4.mul (local.get $kf) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
          (local.set $r2 (f32x4.mul (local.get $r) (local.get $r)))
          (local.set $e (f32x4.add
            (f32x4.add
              (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $r))
              (f32x4.mul (f32x4.add (v128.const f32x4 0.5 0.5 0.5 0.5) (f32x4.mul (v128.const f32x4 0.16666667 0.16666667 0.16666667 0.16666667) (local.get $r))) (local.get $r2)))
            (f32x4.mul
              (f32x4.add
                (f32x4.add (v128.const f32x4 0.041666668 0.041666668 0.041666668 0.041666668) (f32x4.mul (v128.const f32x4 0.0083333333 0.0083333333 0.0083333333 0.0083333333) (local.get $r)))
                (f32x4.mul (f32x4.add (v128.const f32x4 0.0013888889 0.0013888889 0.0013888889 0.0013888889) (f32x4.mul (v128.const f32x4 0.00019841270 0.00019841270 0.00019841270 0.00019841270) (local.get $r))) (local.get $r2)))
              (f32x4.mul (local.get $r2) (local.get $r2)))))
          (local.set $e (f32x4.mul (local.get $e)
            (i32x4.shl (f32x4.add (local.get $kf) (v128.const f32x4 8388735 8388735 8388735 8388735)) (i32.const 23))))
          (local.set $onePlusB (f32x4.add (local.get $e) (v128.const f32x4 1 1 1 1)))
          (local.set $q (f32x4.div (v128.const f32x4 1 1 1 1) (local.get $onePlusB)))
          (local.set $q (v128.bitselect (local.get $q) (f32x4.mul (local.get $e) (local.get $q))
            (f32x4.gt (local.get $sv) (v128.const f32x4 0 0 0 0))))
          (v128.store offset=32 (local.get $p) (f64x2.promote_low_f32x4 (local.get $q)))
          (v128.store offset=48 (local.get $p)
            (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $q) (local.get $q))))
          (local.set $posB (f32x4.pmax (local.get $sv) (v128.const f32x4 0 0 0 0)))
          ;; Σ max(s, 0) and Π(1 + e) in binary64: the widened products of two binary32 factors are exact
          (local.set $posLo (f64x2.add (local.get $posLo)
            (f64x2.add (f64x2.promote_low_f32x4 (local.get $posA)) (f64x2.promote_low_f32x4 (local.get $posB)))))
          (local.set $posHi (f64x2.add (local.get $posHi)
            (f64x2.add (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $posA) (local.get $posA)))
                       (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $posB) (local.get $posB))))))
          (local.set $prodLo (f64x2.mul (local.get $prodLo)
            (f64x2.mul (f64x2.promote_low_f32x4 (local.get $onePlusA)) (f64x2.promote_low_f32x4 (local.get $onePlusB)))))
          (local.set $prodHi (f64x2.mul (local.get $prodHi)
            (f64x2.mul (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $onePlusA) (local.get $onePlusA)))
                       (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $onePlusB) (local.get $onePlusB))))))
          (local.set $s (i32.add (local.get $s) (i32.const 32)))
          (local.set $p (i32.add (local.get $p) (i32.const 64)))
          (br_if $eachGroup (i32.lt_u (local.get $s) (local.get $chunkEnd))))
        (local.set $count (i64x2.add (local.get $count)
          (i64x2.add (call $exponents (local.get $prodLo)) (call $exponents (local.get $prodHi)))))
        (local.set $prodLo (call $mantissas (local.get $prodLo)))
        (local.set $prodHi (call $mantissas (local.get $prodHi)))
        (br $eachChunk)))
    (v128.store (local.get $out) (f64x2.mul (local.get $prodLo) (local.get $prodHi)))
    (local.set $posLo (f64x2.add (local.get $posLo) (local.get $posHi)))
    (f64.add
      (f64.add (f64x2.extract_lane 0 (local.get $posLo)) (f64x2.extract_lane 1 (local.get $posLo)))
      (f64.mul
        (f64.convert_i64_s (i64.add (i64x2.extract_lane 0 (local.get $count)) (i64x2.extract_lane 1 (local.get $count))))
        (f64.const 0x1.62e42fefa39efp-1))))

  ;; grad_j = Σ p over column j's +1 rows − Σ p over its −1 rows. Column j's entry at $cols + 12j
  ;; holds three addresses into the list: start of +1 rows, start of −1 rows, end. The list holds
  ;; p's addresses, each segment padded to a multiple of 4 with the address of a zero; four
  ;; binary64 accumulators keep the adds off the critical path.
  (func $backward (param $cols i32) (param $dim i32) (param $grad i32)
    (local $colsEnd i32) (local $ptr i32) (local $mid i32) (local $end i32)
    (local $a0 f64) (local $a1 f64) (local $a2 f64) (local $a3 f64) (local $lo i64) (local $hi i64)
    (local.set $colsEnd (i32.add (local.get $cols) (i32.mul (local.get $dim) (i32.const 12))))
    (block $done
      (loop $eachColumn
        (br_if $done (i32.ge_u (local.get $cols) (local.get $colsEnd)))
        (local.set $ptr (i32.load (local.get $cols)))
        (local.set $mid (i32.load offset=4 (local.get $cols)))
        (local.set $end (i32.load offset=8 (local.get $cols)))
        (local.set $a0 (f64.const 0))
        (local.set $a1 (f64.const 0))
        (local.set $a2 (f64.const 0))
        (local.set $a3 (f64.const 0))
        (block $plusDone
          (loop $plus
            (br_if $plusDone (i32.ge_u (local.get $ptr) (local.get $mid)))
            (local.set $lo (i64.load (local.get $ptr)))
            (local.set $hi (i64.load offset=8 (local.get $ptr)))
            (local.set $a0 (f64.add (local.get $a0) (f64.load (i32.wrap_i64 (local.get $lo)))))
            (local.set $a1 (f64.add (local.get $a1) (f64.load (i32.wrap_i64 (i64.shr_u (local.get $lo) (i64.const 32))))))
            (local.set $a2 (f64.add (local.get $a2) (f64.load (i32.wrap_i64 (local.get $hi)))))
            (local.set $a3 (f64.add (local.get $a3) (f64.load (i32.wrap_i64 (i64.shr_u (local.get $hi) (i64.const 32))))))
            (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
            (br $plus)))
        (block $minusDone
          (loop $minus
            (br_if $minusDone (i32.ge_u (local.get $ptr) (local.get $end)))
            (local.set $lo (i64.load (local.get $ptr)))
            (local.set $hi (i64.load offset=8 (local.get $ptr)))
            (local.set $a0 (f64.sub (local.get $a0) (f64.load (i32.wrap_i64 (local.get $lo)))))
            (local.set $a1 (f64.sub (local.get $a1) (f64.load (i32.wrap_i64 (i64.shr_u (local.get $lo) (i64.const 32))))))
            (local.set $a2 (f64.sub (local.get $a2) (f64.load (i32.wrap_i64 (local.get $hi)))))
            (local.set $a3 (f64.sub (local.get $a3) (f64.load (i32.wrap_i64 (i64.shr_u (local.get $hi) (i64.const 32))))))
            (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
            (br $minus)))
        (f64.store (local.get $grad)
          (f64.add (f64.add (local.get $a0) (local.get $a1)) (f64.add (local.get $a2) (local.get $a3))))
        (local.set $grad (i32.add (local.get $grad) (i32.const 8)))
        (local.set $cols (i32.add (local.get $cols) (i32.const 12)))
        (br $eachColumn))))

  ;; The problem's constants for `leapfrog`, set once by `configure` (globals rather than a dozen
  ;; parameters per call).
  (global $blocks (mut i32) (i32.const 0))
  (global $tab (mut i32) (i32.const 0))
  (global $codes (mut i32) (i32.const 0))
  (global $codesPerRow (mut i32) (i32.const 0))
  (global $s (mut i32) (i32.const 0))
  (global $rows (mut i32) (i32.const 0))
  (global $p (mut i32) (i32.const 0))
  (global $groups (mut i32) (i32.const 0))
  (global $out (mut i32) (i32.const 0))
  (global $cols (mut i32) (i32.const 0))
  (global $dim (mut i32) (i32.const 0))
  (global $inverseMass (mut i32) (i32.const 0))
  (global $scalars (mut i32) (i32.const 0))
  (global $zBytes (mut i32) (i32.const 0))
  (global $invScale (mut f64) (f64.const 0))
  (global $priorConstant (mut f64) (f64.const 0))

  (func (export "configure")
    (param $blocks i32) (param $tab i32) (param $codes i32) (param $codesPerRow i32)
    (param $s i32) (param $rows i32) (param $p i32) (param $groups i32) (param $out i32)
    (param $cols i32) (param $dim i32) (param $inverseMass i32) (param $scalars i32) (param $zBytes i32)
    (param $invScale f64) (param $priorConstant f64)
    (global.set $blocks (local.get $blocks)) (global.set $tab (local.get $tab))
    (global.set $codes (local.get $codes)) (global.set $codesPerRow (local.get $codesPerRow))
    (global.set $s (local.get $s)) (global.set $rows (local.get $rows))
    (global.set $p (local.get $p)) (global.set $groups (local.get $groups))
    (global.set $out (local.get $out)) (global.set $cols (local.get $cols))
    (global.set $dim (local.get $dim)) (global.set $inverseMass (local.get $inverseMass))
    (global.set $scalars (local.get $scalars)) (global.set $zBytes (local.get $zBytes))
    (global.set $invScale (local.get $invScale)) (global.set $priorConstant (local.get $priorConstant)))

  ;; One whole leapfrog step of the potential U = data term + Laplace prior, from the phase point
  ;; at $from to the one at $to (each: z, zero-padded to blocks × 5 entries, then r, then ∇U; all
  ;; binary64). It does in one call what integrator.ts's `leapfrog` does with
  ;; LogisticLaplacePotential.evaluate, with the same binary64 operations in the same order, so
  ;; the results are the same bits either way; only the JavaScript passes over the 29-entry arrays,
  ;; the copy of w into this memory and the call overheads go away.
  ;; Returns the new kinetic energy; leaves the prior's part of U at $scalars and the data term
  ;; without log(out[0]·out[1]) at $scalars + 8 (the caller takes the log and adds them up).
  (func (export "leapfrog") (param $from i32) (param $to i32) (param $step f64) (result f64)
    (local $half f64) (local $j i32) (local $end i32) (local $rHalf f64) (local $prior f64)
    (local $wj f64) (local $g f64) (local $rj f64) (local $twiceKinetic f64)
    (local $r0 i32) (local $g0 i32) (local $r i32) (local $grad i32) (local $mass i32)
    (local.set $half (f64.mul (f64.const 0.5) (local.get $step)))
    (local.set $end (i32.shl (global.get $dim) (i32.const 3)))
    (local.set $r0 (i32.add (local.get $from) (global.get $zBytes)))
    (local.set $g0 (i32.add (local.get $r0) (local.get $end)))
    (local.set $r (i32.add (local.get $to) (global.get $zBytes)))
    (local.set $grad (i32.add (local.get $r) (local.get $end)))
    (local.set $mass (global.get $inverseMass))
    ;; half kick and drift: r½ = r − ½ε ∇U, z' = z + (ε M⁻¹) r½; and the prior Σ |z'| / b
    (local.set $prior (global.get $priorConstant))
    (block $driftDone
      (loop $drift
        (br_if $driftDone (i32.ge_u (local.get $j) (local.get $end)))
        (local.set $rHalf (f64.sub (f64.load (i32.add (local.get $r0) (local.get $j)))
          (f64.mul (local.get $half) (f64.load (i32.add (local.get $g0) (local.get $j))))))
        (f64.store (i32.add (local.get $r) (local.get $j)) (local.get $rHalf))
        (local.set $wj (f64.add (f64.load (i32.add (local.get $from) (local.get $j)))
          (f64.mul (f64.mul (local.get $step) (f64.load (i32.add (local.get $mass) (local.get $j)))) (local.get $rHalf))))
        (f64.store (i32.add (local.get $to) (local.get $j)) (local.get $wj))
        (local.set $prior (f64.add (local.get $prior) (f64.mul (f64.abs (local.get $wj)) (global.get $invScale))))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $drift)))
    (f64.store (global.get $scalars) (local.get $prior))
    ;; the data term at z', its gradient straight into the new point's ∇U
    (call $tables (local.get $to) (global.get $blocks) (global.get $tab))
    (call $forward (global.get $codes) (global.get $codesPerRow) (global.get $s) (global.get $rows))
    (f64.store offset=8 (global.get $scalars)
      (call $pointwise (global.get $s) (global.get $p) (global.get $groups) (global.get $out)))
    (call $backward (global.get $cols) (global.get $dim) (local.get $grad))
    ;; add the prior's gradient sign(z')/b (sign(0) = 0), then the second half kick and ½ rᵀM⁻¹r
    (local.set $j (i32.const 0))
    (block $kickDone
      (loop $kick
        (br_if $kickDone (i32.ge_u (local.get $j) (local.get $end)))
        (local.set $wj (f64.load (i32.add (local.get $to) (local.get $j))))
        (local.set $g (f64.add
          (f64.mul (f64.convert_i32_s (i32.sub (f64.gt (local.get $wj) (f64.const 0)) (f64.lt (local.get $wj) (f64.const 0))))
                   (global.get $invScale))
          (f64.load (i32.add (local.get $grad) (local.get $j)))))
        (f64.store (i32.add (local.get $grad) (local.get $j)) (local.get $g))
        (local.set $rj (f64.sub (f64.load (i32.add (local.get $r) (local.get $j))) (f64.mul (local.get $half) (local.get $g))))
        (f64.store (i32.add (local.get $r) (local.get $j)) (local.get $rj))
        (local.set $twiceKinetic (f64.add (local.get $twiceKinetic)
          (f64.mul (f64.mul (f64.load (i32.add (local.get $mass) (local.get $j))) (local.get $rj)) (local.get $rj))))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $kick)))
    (f64.mul (f64.const 0.5) (local.get $twiceKinetic)))

;; Bookkeeping after each new leaf of a NUTS subtree (trajectory.ts's `addLeafJs` does the same in
  ;; JavaScript, with the same binary64 operations in the same order, so the same bits): the
  ;; subtree's momentum sum at $rSum becomes the leaf's momentum (first leaf) or gains it; at an even
  ;; leaf, the momentum and the sum are stored in checkpoint slot $idxMax (slots of dim entries from
  ;; $ckR and $ckSum); then every balanced sub-subtree ending at the leaf, slots $idxMax down to
  ;; $idxMin, is checked for a U-turn (termination.ts's `isIterativeTurning`). Returns 1 if one turns.
  (func (export "subtreeLeaf") (param $leaf i32) (param $rSum i32) (param $ckR i32) (param $ckSum i32)
    (param $first i32) (param $idxMin i32) (param $idxMax i32) (result i32)
    (local $r i32) (local $end i32) (local $j i32) (local $i i32) (local $rStart i32) (local $sumAtStart i32)
    (local $rs f64) (local $rj f64) (local $centred f64) (local $start f64) (local $stop f64) (local $mass f64)
    (local.set $r (i32.add (local.get $leaf) (global.get $zBytes)))
    (local.set $end (i32.shl (global.get $dim) (i32.const 3)))
    (if (local.get $first)
      (then (memory.copy (local.get $rSum) (local.get $r) (local.get $end)))
      (else
        (block $sumDone
          (loop $sum
            (br_if $sumDone (i32.ge_u (local.get $j) (local.get $end)))
            (f64.store (i32.add (local.get $rSum) (local.get $j))
              (f64.add (f64.load (i32.add (local.get $rSum) (local.get $j))) (f64.load (i32.add (local.get $r) (local.get $j)))))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $sum)))))
    ;; an even leaf (idxMin > idxMax: nothing to check) stores its checkpoint
    (if (i32.gt_s (local.get $idxMin) (local.get $idxMax))
      (then
        (memory.copy (i32.add (local.get $ckR) (i32.mul (local.get $idxMax) (local.get $end))) (local.get $r) (local.get $end))
        (memory.copy (i32.add (local.get $ckSum) (i32.mul (local.get $idxMax) (local.get $end))) (local.get $rSum) (local.get $end))
        (return (i32.const 0))))
    (local.set $i (local.get $idxMax))
    (block $checksDone
      (loop $check
        (br_if $checksDone (i32.lt_s (local.get $i) (local.get $idxMin)))
        (local.set $rStart (i32.add (local.get $ckR) (i32.mul (local.get $i) (local.get $end))))
        (local.set $sumAtStart (i32.add (local.get $ckSum) (i32.mul (local.get $i) (local.get $end))))
        (local.set $start (f64.const 0))
        (local.set $stop (f64.const 0))
        (local.set $j (i32.const 0))
        (block $spanDone
          (loop $span
            (br_if $spanDone (i32.ge_u (local.get $j) (local.get $end)))
            (local.set $rs (f64.load (i32.add (local.get $rStart) (local.get $j))))
            (local.set $rj (f64.load (i32.add (local.get $r) (local.get $j))))
            (local.set $mass (f64.load (i32.add (global.get $inverseMass) (local.get $j))))
            ;; (rSum − sumAtStart + rStart) − ½ (rStart + r)
            (local.set $centred (f64.sub
              (f64.add (f64.sub (f64.load (i32.add (local.get $rSum) (local.get $j)))
                                (f64.load (i32.add (local.get $sumAtStart) (local.get $j))))
                       (local.get $rs))
              (f64.mul (f64.const 0.5) (f64.add (local.get $rs) (local.get $rj)))))
            (local.set $start (f64.add (local.get $start) (f64.mul (f64.mul (local.get $mass) (local.get $rs)) (local.get $centred))))
            (local.set $stop (f64.add (local.get $stop) (f64.mul (f64.mul (local.get $mass) (local.get $rj)) (local.get $centred))))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $span)))
        (if (i32.or (f64.le (local.get $start) (f64.const 0)) (f64.le (local.get $stop) (f64.const 0)))
          (then (return (i32.const 1))))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (br $check)))
    (i32.const 0))

  ;; One evaluation: reads w (blocks × 5 binary64 weights, zero-padded) and writes ∇E into $grad
  ;; (dim binary64 entries) and the products into $out; returns the energy without log(out[0]·out[1]).
  (func (export "evaluate")
    (param $w i32) (param $blocks i32) (param $tab i32)
    (param $codes i32) (param $codesPerRow i32) (param $s i32) (param $rows i32)
    (param $p i32) (param $groups i32) (param $out i32)
    (param $cols i32) (param $dim i32) (param $grad i32)
    (result f64)
    (local $energy f64)
    (call $tables (local.get $w) (local.get $blocks) (local.get $tab))
    (call $forward (local.get $codes) (local.get $codesPerRow) (local.get $s) (local.get $rows))
    (local.set $energy (call $pointwise (local.get $s) (local.get $p) (local.get $groups) (local.get $out)))
    (call $backward (local.get $cols) (local.get $dim) (local.get $grad))
    (local.get $energy))
)
