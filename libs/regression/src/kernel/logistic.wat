;; Data term of the logistic-Laplace potential for ternary designs:
;;   E(w) = Σ_i softplus(s_i),  ∇E(w)_j = Σ_i sigmoid(s_i) x̃_ij,  s = X̃ w (label folded into the signs).
;;
;; Regenerate the embedded bytes after editing: `node libs/regression/src/kernel/assemble-wasm.mjs`.
;; The memory layout is planned in wasm-layout.ts; every address below is a byte address.
;;
;; Four passes, each a tight loop:
;;   1. tables:    for each block of 5 weights, the 3^5 = 243 signed subset sums (with the digit
;;                 1 meaning +w_k and 2 meaning −w_k), built by tripling the table one digit at a
;;                 time, two entries per f64x2 add;
;;   2. forward:   s_i = Σ_blocks T_block[code_i,block] (one load per block instead of one per
;;                 non-zero: ~6 lookups per row instead of ~11);
;;   3. pointwise: two rows at a time, e = exp(−|s|) by range reduction and a degree-12 Taylor
;;                 polynomial (our own, so every engine gets the same bits), p = sigmoid(s), and
;;                 the energy as Σ max(s, 0) + log Π(1 + e). The product is renormalised every 512
;;                 rows per lane by moving its binary exponent into an integer count, so only one
;;                 log is needed per gradient (taken by the caller);
;;   4. backward:  ∇E_j as a gather over column j's rows with sign +1, then −1 (no read-modify-write
;;                 chains). Each list is padded to a multiple of 4 with the address of a zero.
;; All arithmetic is IEEE binary64 without fused operations, so results are the same on every
;; engine and machine.
(module
  (memory (export "memory") 1)

  (func $tables (param $w i32) (param $blocks i32) (param $tab i32)
    (local $b i32) (local $t i32) (local $wb i32) (local $k i32) (local $lenBytes i32) (local $m i32)
    (local $src i32) (local $wk f64) (local $wv v128)
    (block $done
      (loop $eachBlock
        (br_if $done (i32.ge_u (local.get $b) (local.get $blocks)))
        ;; table stride: 244 entries (243 + one scratch slot the last doubling may overwrite)
        (local.set $t (i32.add (local.get $tab) (i32.mul (local.get $b) (i32.const 1952))))
        (local.set $wb (i32.add (local.get $w) (i32.mul (local.get $b) (i32.const 40))))
        (local.set $wk (f64.load (local.get $wb)))
        (f64.store (local.get $t) (f64.const 0))
        (f64.store offset=8 (local.get $t) (local.get $wk))
        (f64.store offset=16 (local.get $t) (f64.neg (local.get $wk)))
        (local.set $lenBytes (i32.const 24))
        (local.set $k (i32.const 1))
        (loop $eachDigit
          (local.set $wv (f64x2.splat (f64.load (i32.add (local.get $wb) (i32.shl (local.get $k) (i32.const 3))))))
          ;; T[m + 3^k] = T[m] + w_k for m < 3^k, in pairs. 3^k is odd, so the last pair also
          ;; writes T[2·3^k], which the next loop overwrites with its correct value.
          (local.set $m (i32.const 0))
          (loop $plus
            (local.set $src (i32.add (local.get $t) (local.get $m)))
            (v128.store (i32.add (local.get $src) (local.get $lenBytes))
              (f64x2.add (v128.load (local.get $src)) (local.get $wv)))
            (local.set $m (i32.add (local.get $m) (i32.const 16)))
            (br_if $plus (i32.lt_u (local.get $m) (local.get $lenBytes))))
          ;; T[m + 2·3^k] = T[m] − w_k; the overhanging write lands on T[3^(k+1)], which the next
          ;; digit's first pair (or, after the last digit, nobody) overwrites.
          (local.set $m (i32.const 0))
          (loop $minus
            (local.set $src (i32.add (local.get $t) (local.get $m)))
            (v128.store (i32.add (local.get $src) (i32.shl (local.get $lenBytes) (i32.const 1)))
              (f64x2.sub (v128.load (local.get $src)) (local.get $wv)))
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
    (local $end i32) (local $rowEnd i32) (local $a f64) (local $c f64)
    (local.set $end (i32.add (local.get $s) (i32.shl (local.get $rows) (i32.const 3))))
    (block $done
      (loop $eachRow
        (br_if $done (i32.ge_u (local.get $s) (local.get $end)))
        (local.set $rowEnd (i32.add (local.get $codes) (i32.shl (local.get $codesPerRow) (i32.const 1))))
        (local.set $a (f64.const 0))
        (local.set $c (f64.const 0))
        (loop $eachPair
          (local.set $a (f64.add (local.get $a) (f64.load (i32.load16_u (local.get $codes)))))
          (local.set $c (f64.add (local.get $c) (f64.load (i32.load16_u offset=2 (local.get $codes)))))
          (local.set $codes (i32.add (local.get $codes) (i32.const 4)))
          (br_if $eachPair (i32.lt_u (local.get $codes) (local.get $rowEnd))))
        (f64.store (local.get $s) (f64.add (local.get $a) (local.get $c)))
        (local.set $s (i32.add (local.get $s) (i32.const 8)))
        (br $eachRow))))

  ;; Writes p = sigmoid(s) for `pairs` pairs of rows, stores the two lanes' renormalised products
  ;; Π(1 + e^−|s|) at $out and $out + 8, and returns Σ max(s, 0) + (binary exponents moved out of
  ;; the products)·ln 2. The caller adds log(out[0]·out[1]).
  ;; `pairs` is even: four rows per iteration, so the loop's fixed cost (V8's interrupt check and
  ;; reloading the constants it spills) is paid once per four rows. Each lane still sees its rows
  ;; in the same order as two at a time, so the results are the same bits.
  (func $pointwise (param $s i32) (param $p i32) (param $pairs i32) (param $out i32) (result f64)
    (local $end i32) (local $chunkEnd i32)
    (local $sv v128) (local $x v128) (local $kf v128) (local $r v128) (local $e v128) (local $q v128)
    (local $onePlus v128) (local $pos v128) (local $prod v128)
    (local $r2 v128) (local $r4 v128) (local $e0 v128) (local $e1 v128) (local $e2 v128)
    (local $exponents f64) (local $lane f64) (local $bits i64)
    (local.set $end (i32.add (local.get $s) (i32.shl (local.get $pairs) (i32.const 4))))
    (local.set $prod (v128.const f64x2 1 1))
    (local.set $pos (v128.const f64x2 0 0))
    (block $done
      (loop $eachChunk
        (br_if $done (i32.ge_u (local.get $s) (local.get $end)))
        ;; at most 512 factors ≤ 2 per lane between renormalisations: the product stays < 2^513
        (local.set $chunkEnd (i32.add (local.get $s) (i32.const 8192)))
        (if (i32.gt_u (local.get $chunkEnd) (local.get $end)) (then (local.set $chunkEnd (local.get $end))))
        (loop $eachPair
          (local.set $sv (v128.load (local.get $s)))
          ;; x = max(−|s|, −708): below that e^x would be subnormal; 1 + e is 1 either way. −|s| sets
          ;; the sign bit; pmax (x < −708 ? −708 : x) is one instruction and keeps a NaN.
          (local.set $x (f64x2.pmax (v128.or (local.get $sv) (v128.const i64x2 0x8000000000000000 0x8000000000000000))
                                    (v128.const f64x2 -708 -708)))
          ;; x = k ln2 + r, |r| ≤ ln2/2 (Cody–Waite: k·ln2hi is exact for |k| < 2^21)
          (local.set $kf (f64x2.nearest (f64x2.mul (local.get $x) (v128.const f64x2 0x1.71547652b82fep0 0x1.71547652b82fep0))))
          (local.set $r
            (f64x2.sub
              (f64x2.sub (local.get $x) (f64x2.mul (local.get $kf) (v128.const f64x2 0x1.62e42fee00000p-1 0x1.62e42fee00000p-1)))
              (f64x2.mul (local.get $kf) (v128.const f64x2 0x1.a39ef35793c76p-33 0x1.a39ef35793c76p-33))))
          ;; e^r = Σ_{k≤12} r^k/k! (truncation < 2e-16 relative), by Estrin's scheme: pairs, then
          ;; pairs of pairs, so the dependency chain is 8 operations deep instead of 24
          (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
          (local.set $r4 (f64x2.mul (local.get $r2) (local.get $r2)))
          (local.set $e0 (f64x2.add (f64x2.add (v128.const f64x2 1 1) (local.get $r)) (f64x2.mul (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (v128.const f64x2 0x1.5555555555555p-3 0x1.5555555555555p-3) (local.get $r))) (local.get $r2))))
          (local.set $e1 (f64x2.add (f64x2.add (v128.const f64x2 0x1.5555555555555p-5 0x1.5555555555555p-5) (f64x2.mul (v128.const f64x2 0x1.1111111111111p-7 0x1.1111111111111p-7) (local.get $r))) (f64x2.mul (f64x2.add (v128.const f64x2 0x1.6c16c16c16c17p-10 0x1.6c16c16c16c17p-10) (f64x2.mul (v128.const f64x2 0x1.a01a01a01a01ap-13 0x1.a01a01a01a01ap-13) (local.get $r))) (local.get $r2))))
          (local.set $e2 (f64x2.add (f64x2.add (v128.const f64x2 0x1.a01a01a01a01ap-16 0x1.a01a01a01a01ap-16) (f64x2.mul (v128.const f64x2 0x1.71de3a556c734p-19 0x1.71de3a556c734p-19) (local.get $r))) (f64x2.mul (f64x2.add (v128.const f64x2 0x1.27e4fb7789f5cp-22 0x1.27e4fb7789f5cp-22) (f64x2.mul (v128.const f64x2 0x1.ae64567f544e4p-26 0x1.ae64567f544e4p-26) (local.get $r))) (local.get $r2))))
          (local.set $e (f64x2.add (f64x2.add (local.get $e0) (f64x2.mul (local.get $e1) (local.get $r4)))
            (f64x2.mul (f64x2.add (local.get $e2) (f64x2.mul (v128.const f64x2 0x1.1eed8eff8d898p-29 0x1.1eed8eff8d898p-29) (local.get $r4))) (f64x2.mul (local.get $r4) (local.get $r4)))))
          ;; × 2^k: k + 1023 sits in the low mantissa bits of k + (2^52 + 1023); shift it into the exponent
          (local.set $e (f64x2.mul (local.get $e)
            (i64x2.shl (f64x2.add (local.get $kf) (v128.const f64x2 0x1.00000000003ffp52 0x1.00000000003ffp52)) (i32.const 52))))
          (local.set $onePlus (f64x2.add (local.get $e) (v128.const f64x2 1 1)))
          (local.set $q (f64x2.div (v128.const f64x2 1 1) (local.get $onePlus)))
          ;; sigmoid(s) = 1/(1 + e^−s) for s > 0, e^s/(1 + e^s) otherwise
          (v128.store (local.get $p)
            (v128.bitselect (local.get $q) (f64x2.mul (local.get $e) (local.get $q))
              (f64x2.gt (local.get $sv) (v128.const f64x2 0 0))))
          ;; max(s, 0) as pmax (s < 0 ? 0 : s), which keeps a NaN logit, so the energy becomes NaN
          (local.set $pos (f64x2.add (local.get $pos) (f64x2.pmax (local.get $sv) (v128.const f64x2 0 0))))
          (local.set $prod (f64x2.mul (local.get $prod) (local.get $onePlus)))
          ;; the same for the next two rows (their factors go into the same lanes, after these)
          (local.set $sv (v128.load offset=16 (local.get $s)))
          (local.set $x (f64x2.pmax (v128.or (local.get $sv) (v128.const i64x2 0x8000000000000000 0x8000000000000000))
                                    (v128.const f64x2 -708 -708)))
          (local.set $kf (f64x2.nearest (f64x2.mul (local.get $x) (v128.const f64x2 0x1.71547652b82fep0 0x1.71547652b82fep0))))
          (local.set $r
            (f64x2.sub
              (f64x2.sub (local.get $x) (f64x2.mul (local.get $kf) (v128.const f64x2 0x1.62e42fee00000p-1 0x1.62e42fee00000p-1)))
              (f64x2.mul (local.get $kf) (v128.const f64x2 0x1.a39ef35793c76p-33 0x1.a39ef35793c76p-33))))
          (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
          (local.set $r4 (f64x2.mul (local.get $r2) (local.get $r2)))
          (local.set $e0 (f64x2.add (f64x2.add (v128.const f64x2 1 1) (local.get $r)) (f64x2.mul (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (v128.const f64x2 0x1.5555555555555p-3 0x1.5555555555555p-3) (local.get $r))) (local.get $r2))))
          (local.set $e1 (f64x2.add (f64x2.add (v128.const f64x2 0x1.5555555555555p-5 0x1.5555555555555p-5) (f64x2.mul (v128.const f64x2 0x1.1111111111111p-7 0x1.1111111111111p-7) (local.get $r))) (f64x2.mul (f64x2.add (v128.const f64x2 0x1.6c16c16c16c17p-10 0x1.6c16c16c16c17p-10) (f64x2.mul (v128.const f64x2 0x1.a01a01a01a01ap-13 0x1.a01a01a01a01ap-13) (local.get $r))) (local.get $r2))))
          (local.set $e2 (f64x2.add (f64x2.add (v128.const f64x2 0x1.a01a01a01a01ap-16 0x1.a01a01a01a01ap-16) (f64x2.mul (v128.const f64x2 0x1.71de3a556c734p-19 0x1.71de3a556c734p-19) (local.get $r))) (f64x2.mul (f64x2.add (v128.const f64x2 0x1.27e4fb7789f5cp-22 0x1.27e4fb7789f5cp-22) (f64x2.mul (v128.const f64x2 0x1.ae64567f544e4p-26 0x1.ae64567f544e4p-26) (local.get $r))) (local.get $r2))))
          (local.set $e (f64x2.add (f64x2.add (local.get $e0) (f64x2.mul (local.get $e1) (local.get $r4)))
            (f64x2.mul (f64x2.add (local.get $e2) (f64x2.mul (v128.const f64x2 0x1.1eed8eff8d898p-29 0x1.1eed8eff8d898p-29) (local.get $r4))) (f64x2.mul (local.get $r4) (local.get $r4)))))
          (local.set $e (f64x2.mul (local.get $e)
            (i64x2.shl (f64x2.add (local.get $kf) (v128.const f64x2 0x1.00000000003ffp52 0x1.00000000003ffp52)) (i32.const 52))))
          (local.set $onePlus (f64x2.add (local.get $e) (v128.const f64x2 1 1)))
          (local.set $q (f64x2.div (v128.const f64x2 1 1) (local.get $onePlus)))
          (v128.store offset=16 (local.get $p)
            (v128.bitselect (local.get $q) (f64x2.mul (local.get $e) (local.get $q))
              (f64x2.gt (local.get $sv) (v128.const f64x2 0 0))))
          (local.set $pos (f64x2.add (local.get $pos) (f64x2.pmax (local.get $sv) (v128.const f64x2 0 0))))
          (local.set $prod (f64x2.mul (local.get $prod) (local.get $onePlus)))
          (local.set $s (i32.add (local.get $s) (i32.const 32)))
          (local.set $p (i32.add (local.get $p) (i32.const 32)))
          (br_if $eachPair (i32.lt_u (local.get $s) (local.get $chunkEnd))))
        ;; move each lane's binary exponent into $exponents, leaving a mantissa in [1, 2)
        (local.set $bits (i64.reinterpret_f64 (f64x2.extract_lane 0 (local.get $prod))))
        (local.set $exponents (f64.add (local.get $exponents)
          (f64.convert_i64_s (i64.sub (i64.shr_u (local.get $bits) (i64.const 52)) (i64.const 1023)))))
        (local.set $prod (f64x2.replace_lane 0 (local.get $prod)
          (f64.reinterpret_i64 (i64.or (i64.and (local.get $bits) (i64.const 0x000fffffffffffff)) (i64.const 0x3ff0000000000000)))))
        (local.set $bits (i64.reinterpret_f64 (f64x2.extract_lane 1 (local.get $prod))))
        (local.set $exponents (f64.add (local.get $exponents)
          (f64.convert_i64_s (i64.sub (i64.shr_u (local.get $bits) (i64.const 52)) (i64.const 1023)))))
        (local.set $prod (f64x2.replace_lane 1 (local.get $prod)
          (f64.reinterpret_i64 (i64.or (i64.and (local.get $bits) (i64.const 0x000fffffffffffff)) (i64.const 0x3ff0000000000000)))))
        (br $eachChunk)))
    (v128.store (local.get $out) (local.get $prod))
    (f64.add
      (f64.add (f64x2.extract_lane 0 (local.get $pos)) (f64x2.extract_lane 1 (local.get $pos)))
      (f64.mul (local.get $exponents) (f64.const 0x1.62e42fefa39efp-1))))

  ;; grad_j = Σ p over column j's +1 rows − Σ p over its −1 rows. Column j's entry at $cols + 12j
  ;; holds three addresses into the list: start of +1 rows, start of −1 rows, end. The list holds
  ;; p's addresses, each segment padded to a multiple of 4 with the address of a zero; four
  ;; accumulators keep the adds off the critical path.
  (func $backward (param $cols i32) (param $dim i32) (param $grad i32)
    (local $colsEnd i32) (local $ptr i32) (local $mid i32) (local $end i32)
    (local $a0 f64) (local $a1 f64) (local $a2 f64) (local $a3 f64)
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
            (local.set $a0 (f64.add (local.get $a0) (f64.load (i32.load (local.get $ptr)))))
            (local.set $a1 (f64.add (local.get $a1) (f64.load (i32.load offset=4 (local.get $ptr)))))
            (local.set $a2 (f64.add (local.get $a2) (f64.load (i32.load offset=8 (local.get $ptr)))))
            (local.set $a3 (f64.add (local.get $a3) (f64.load (i32.load offset=12 (local.get $ptr)))))
            (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
            (br $plus)))
        (block $minusDone
          (loop $minus
            (br_if $minusDone (i32.ge_u (local.get $ptr) (local.get $end)))
            (local.set $a0 (f64.sub (local.get $a0) (f64.load (i32.load (local.get $ptr)))))
            (local.set $a1 (f64.sub (local.get $a1) (f64.load (i32.load offset=4 (local.get $ptr)))))
            (local.set $a2 (f64.sub (local.get $a2) (f64.load (i32.load offset=8 (local.get $ptr)))))
            (local.set $a3 (f64.sub (local.get $a3) (f64.load (i32.load offset=12 (local.get $ptr)))))
            (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
            (br $minus)))
        (f64.store (local.get $grad)
          (f64.add (f64.add (local.get $a0) (local.get $a1)) (f64.add (local.get $a2) (local.get $a3))))
        (local.set $grad (i32.add (local.get $grad) (i32.const 8)))
        (local.set $cols (i32.add (local.get $cols) (i32.const 12)))
        (br $eachColumn))))

  ;; One evaluation: reads w (blocks × 5 weights, zero-padded) and writes ∇E into $grad (dim
  ;; entries) and the products into $out; returns the energy without log(out[0]·out[1]).
  (func (export "evaluate")
    (param $w i32) (param $blocks i32) (param $tab i32)
    (param $codes i32) (param $codesPerRow i32) (param $s i32) (param $rows i32)
    (param $p i32) (param $pairs i32) (param $out i32)
    (param $cols i32) (param $dim i32) (param $grad i32)
    (result f64)
    (local $energy f64)
    (call $tables (local.get $w) (local.get $blocks) (local.get $tab))
    (call $forward (local.get $codes) (local.get $codesPerRow) (local.get $s) (local.get $rows))
    (local.set $energy (call $pointwise (local.get $s) (local.get $p) (local.get $pairs) (local.get $out)))
    (call $backward (local.get $cols) (local.get $dim) (local.get $grad))
    (local.get $energy))
)
