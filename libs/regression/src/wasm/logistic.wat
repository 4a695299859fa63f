;; Data term of the logistic-Laplace potential for ternary designs, for four chains at once:
;;   E(w) = Σ_i softplus(s_i),  ∇E(w)_j = Σ_i sigmoid(s_i) x̃_ij,  s = X̃ w (label folded into the signs).
;;
;; Regenerate the embedded bytes after editing: `node libs/regression/src/wasm/assemble-wasm.mjs`.
;; The memory layout is planned in wasm-layout.ts; every address below is a byte address.
;;
;; Lanes are chains. The chains of one fit share their data, so a gradient is computed for four
;; positions at once, one per SIMD lane: every table entry, logit and p is an f32x4 (or two f64x2)
;; holding the four chains' values, so one row code or one column entry that is loaded serves four
;; chains. Nothing ever crosses lanes: each lane's results are a function of its own position only,
;; with the same operations in the same order whatever the other lanes hold, so a chain gets the same
;; bits alone, beside other chains, or in any lane (tested).
;;
;; Mixed precision: the per-row work (tables, logits s, p = sigmoid(s)) is binary32; everything
;; summed over rows (the energy's terms, the gradient) is accumulated in binary64. The error this
;; costs is bounded in test/wasm-kernel.test.ts and discussed in docs/regression.md.
;;
;; A gradient is four passes, each a tight loop:
;;   1. tables:    for each block of 5 weights, the 3^5 = 243 signed subset sums (digit 1 = +w_k,
;;                 digit 2 = −w_k), built by tripling the table one digit at a time;
;;   2. forward:   s_i = Σ_blocks T_block[code_i,block]: one lookup per block instead of one per
;;                 non-zero (~6 instead of ~11 per row);
;;   3. pointwise: e = exp(−|s|) by range reduction and a degree-7 Taylor polynomial (our own, so
;;                 every engine gets the same bits), p = sigmoid(s), and the energy as
;;                 Σ max(s, 0) + log Π(1 + e) in binary64; the products are renormalised every 512
;;                 rows by moving their binary exponents into an integer count, so only one log per
;;                 lane is needed (taken by the caller);
;;   4. backward:  ∇E_j as a gather over column j's rows with sign +1, then −1, summed in binary64.
;; Around it, per lane: the leapfrog step's kicks and drift, the prior, and a NUTS subtree leaf's
;; momentum sum and U-turn checks.
;; All arithmetic is IEEE binary32/binary64 without fused or relaxed operations, so results are
;; the same bits on every engine and machine.
(module
  (memory (export "memory") 1)

  ;; The problem's constants, set once by `configure`.
  (global $blocks (mut i32) (i32.const 0))
  (global $tab (mut i32) (i32.const 0))
  (global $codes (mut i32) (i32.const 0))
  (global $codesPerRow (mut i32) (i32.const 0))
  (global $s (mut i32) (i32.const 0))
  (global $rows (mut i32) (i32.const 0))
  (global $p (mut i32) (i32.const 0))
  (global $pairs (mut i32) (i32.const 0))
  (global $energies (mut i32) (i32.const 0))
  (global $cols (mut i32) (i32.const 0))
  (global $dim (mut i32) (i32.const 0))
  (global $grad (mut i32) (i32.const 0))
  (global $positions (mut i32) (i32.const 0))
  (global $priors (mut i32) (i32.const 0))
  (global $zBytes (mut i32) (i32.const 0))
  (global $invScale (mut f64) (f64.const 0))
  (global $priorConstant (mut f64) (f64.const 0))

  (func (export "configure")
    (param $blocks i32) (param $tab i32) (param $codes i32) (param $codesPerRow i32)
    (param $s i32) (param $rows i32) (param $p i32) (param $pairs i32) (param $energies i32)
    (param $cols i32) (param $dim i32) (param $grad i32) (param $positions i32) (param $priors i32)
    (param $zBytes i32) (param $invScale f64) (param $priorConstant f64)
    (global.set $blocks (local.get $blocks)) (global.set $tab (local.get $tab))
    (global.set $codes (local.get $codes)) (global.set $codesPerRow (local.get $codesPerRow))
    (global.set $s (local.get $s)) (global.set $rows (local.get $rows))
    (global.set $p (local.get $p)) (global.set $pairs (local.get $pairs))
    (global.set $energies (local.get $energies)) (global.set $cols (local.get $cols))
    (global.set $dim (local.get $dim)) (global.set $grad (local.get $grad))
    (global.set $positions (local.get $positions)) (global.set $priors (local.get $priors))
    (global.set $zBytes (local.get $zBytes))
    (global.set $invScale (local.get $invScale)) (global.set $priorConstant (local.get $priorConstant)))

  ;; Tables: entry m of block b is an f32x4 at $tab + 3888b + 16m (243 entries). The four lanes'
  ;; positions are read from the addresses at $positions (each blocks × 5 binary64, zero-padded).
  (func $tables
    (local $b i32) (local $t i32) (local $k i32) (local $len i32) (local $m i32) (local $stop i32) (local $off i32)
    (local $z0 i32) (local $z1 i32) (local $z2 i32) (local $z3 i32) (local $wv v128) (local $src v128)
    (local.set $z0 (i32.load (global.get $positions)))
    (local.set $z1 (i32.load offset=4 (global.get $positions)))
    (local.set $z2 (i32.load offset=8 (global.get $positions)))
    (local.set $z3 (i32.load offset=12 (global.get $positions)))
    (block $done
      (loop $eachBlock
        (br_if $done (i32.ge_u (local.get $b) (global.get $blocks)))
        (local.set $t (i32.add (global.get $tab) (i32.mul (local.get $b) (i32.const 3888))))
        (v128.store (local.get $t) (v128.const i32x4 0 0 0 0))
        (local.set $len (i32.const 16))
        (local.set $k (i32.const 0))
        (loop $eachDigit
          (local.set $off (i32.add (i32.mul (local.get $b) (i32.const 40)) (i32.shl (local.get $k) (i32.const 3))))
          (local.set $wv
            (f32x4.replace_lane 3
              (f32x4.replace_lane 2
                (f32x4.replace_lane 1
                  (f32x4.splat (f32.demote_f64 (f64.load (i32.add (local.get $z0) (local.get $off)))))
                  (f32.demote_f64 (f64.load (i32.add (local.get $z1) (local.get $off)))))
                (f32.demote_f64 (f64.load (i32.add (local.get $z2) (local.get $off)))))
              (f32.demote_f64 (f64.load (i32.add (local.get $z3) (local.get $off))))))
          ;; T[m + 3^k] = T[m] + w_k and T[m + 2·3^k] = T[m] − w_k for m < 3^k
          (local.set $m (local.get $t))
          (local.set $stop (i32.add (local.get $t) (local.get $len)))
          (loop $each
            (local.set $src (v128.load (local.get $m)))
            (v128.store (i32.add (local.get $m) (local.get $len)) (f32x4.add (local.get $src) (local.get $wv)))
            (v128.store (i32.add (i32.add (local.get $m) (local.get $len)) (local.get $len))
              (f32x4.sub (local.get $src) (local.get $wv)))
            (local.set $m (i32.add (local.get $m) (i32.const 16)))
            (br_if $each (i32.lt_u (local.get $m) (local.get $stop))))
          (local.set $len (i32.mul (local.get $len) (i32.const 3)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $eachDigit (i32.lt_u (local.get $k) (i32.const 5))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $eachBlock))))

  ;; s_i = Σ_b T[code(i, b)], codes being i32 addresses of table entries, `codesPerRow` (even) per
  ;; row; a padding code is the address of a zero entry. Even blocks and odd blocks are summed
  ;; apart, then added.
  (func $forward
    (local $codes i32) (local $s i32) (local $end i32) (local $rowEnd i32) (local $a v128) (local $c v128)
    (local.set $codes (global.get $codes))
    (local.set $s (global.get $s))
    (local.set $end (i32.add (local.get $s) (i32.shl (global.get $rows) (i32.const 4))))
    (block $done
      (loop $eachRow
        (br_if $done (i32.ge_u (local.get $s) (local.get $end)))
        (local.set $rowEnd (i32.add (local.get $codes) (i32.shl (global.get $codesPerRow) (i32.const 2))))
        (local.set $a (v128.load (i32.load (local.get $codes))))
        (local.set $c (v128.load (i32.load offset=4 (local.get $codes))))
        (local.set $codes (i32.add (local.get $codes) (i32.const 8)))
        (block $pairsDone
          (loop $eachPair
            (br_if $pairsDone (i32.ge_u (local.get $codes) (local.get $rowEnd)))
            (local.set $a (f32x4.add (local.get $a) (v128.load (i32.load (local.get $codes)))))
            (local.set $c (f32x4.add (local.get $c) (v128.load (i32.load offset=4 (local.get $codes)))))
            (local.set $codes (i32.add (local.get $codes) (i32.const 8)))
            (br $eachPair)))
        (v128.store (local.get $s) (f32x4.add (local.get $a) (local.get $c)))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (br $eachRow))))

  ;; Renormalising two positive f64 lanes: their mantissas in [1, 2), and their unbiased binary exponents.
  (func $mantissas (param $v v128) (result v128)
    (v128.or (v128.and (local.get $v) (v128.const i64x2 0x000fffffffffffff 0x000fffffffffffff))
             (v128.const i64x2 0x3ff0000000000000 0x3ff0000000000000)))
  (func $exponents (param $v v128) (result v128)
    (i64x2.sub (i64x2.shr_u (local.get $v) (i32.const 52)) (v128.const i64x2 1023 1023)))

  ;; In $pointwise, e = exp(x) for x = max(−|s|, −87) (below −87 e^x would be subnormal in
  ;; binary32; 1 + e is 1 either way; −|s| sets the sign bit and pmax keeps a NaN): x = k ln2 + r with
  ;; |r| ≤ ln2/2 (Cody–Waite: k·0.693359375 is exact), e^r = Σ_{k≤7} r^k/k! (truncation < 1e-8
  ;; relative, below binary32's rounding) by Estrin's scheme, × 2^k through the exponent bits (k + 127
  ;; sits in the low mantissa bits of k + 2^23 + 127); then p = 1/(1 + e) where s > 0, else e/(1 + e).
  ;; Written out twice (two rows per iteration) rather than called: V8 does not inline wasm calls.

  ;; Writes p = sigmoid(s) (binary64, lanes 0–1 then 2–3) for two rows per iteration, and per lane
  ;; the energy without its log: at $energies + 8l, Σ max(s, 0) + (binary exponents moved out of the
  ;; product)·ln 2; at $energies + 32 + 8l, the renormalised product Π(1 + e). The caller adds
  ;; log(product). A padding row holds s = −∞: its factor is exactly 1 and its max(s, 0) exactly 0.
  (func $pointwise
    (local $s i32) (local $p i32) (local $end i32) (local $chunkEnd i32)
    (local $x v128) (local $kf v128) (local $r v128) (local $r2 v128)
    (local $sa v128) (local $sb v128) (local $ea v128) (local $eb v128) (local $onePlusA v128) (local $onePlusB v128)
    (local $qa v128) (local $qb v128) (local $posA v128) (local $posB v128)
    (local $posLo v128) (local $posHi v128) (local $prodLo v128) (local $prodHi v128)
    (local $countLo v128) (local $countHi v128)
    (local.set $s (global.get $s))
    (local.set $p (global.get $p))
    (local.set $end (i32.add (local.get $s) (i32.shl (global.get $pairs) (i32.const 5))))
    (local.set $prodLo (v128.const f64x2 1 1))
    (local.set $prodHi (v128.const f64x2 1 1))
    (block $done
      (loop $eachChunk
        (br_if $done (i32.ge_u (local.get $s) (local.get $end)))
        ;; each product lane takes one factor ≤ 4 per iteration: after 256 iterations (512 rows,
        ;; 8 KiB of s) it is still < 2^513
        (local.set $chunkEnd (i32.add (local.get $s) (i32.const 8192)))
        (if (i32.gt_u (local.get $chunkEnd) (local.get $end)) (then (local.set $chunkEnd (local.get $end))))
        (loop $eachPair
          (local.set $sa (v128.load (local.get $s)))
          (local.set $sb (v128.load offset=16 (local.get $s)))
          (local.set $x (f32x4.pmax (v128.or (local.get $sa) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))
                                    (v128.const f32x4 -87 -87 -87 -87)))
          (local.set $kf (f32x4.nearest (f32x4.mul (local.get $x) (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504))))
          (local.set $r (f32x4.sub
            (f32x4.sub (local.get $x) (f32x4.mul (local.get $kf) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
            (f32x4.mul (local.get $kf) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
          (local.set $r2 (f32x4.mul (local.get $r) (local.get $r)))
          (local.set $ea (f32x4.mul
            (f32x4.add
              (f32x4.add
                (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $r))
                (f32x4.mul (f32x4.add (v128.const f32x4 0.5 0.5 0.5 0.5) (f32x4.mul (v128.const f32x4 0.16666667 0.16666667 0.16666667 0.16666667) (local.get $r))) (local.get $r2)))
              (f32x4.mul
                (f32x4.add
                  (f32x4.add (v128.const f32x4 0.041666668 0.041666668 0.041666668 0.041666668) (f32x4.mul (v128.const f32x4 0.0083333333 0.0083333333 0.0083333333 0.0083333333) (local.get $r)))
                  (f32x4.mul (f32x4.add (v128.const f32x4 0.0013888889 0.0013888889 0.0013888889 0.0013888889) (f32x4.mul (v128.const f32x4 0.00019841270 0.00019841270 0.00019841270 0.00019841270) (local.get $r))) (local.get $r2)))
                (f32x4.mul (local.get $r2) (local.get $r2))))
            (i32x4.shl (f32x4.add (local.get $kf) (v128.const f32x4 8388735 8388735 8388735 8388735)) (i32.const 23))))
          (local.set $x (f32x4.pmax (v128.or (local.get $sb) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))
                                    (v128.const f32x4 -87 -87 -87 -87)))
          (local.set $kf (f32x4.nearest (f32x4.mul (local.get $x) (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504))))
          (local.set $r (f32x4.sub
            (f32x4.sub (local.get $x) (f32x4.mul (local.get $kf) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
            (f32x4.mul (local.get $kf) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
          (local.set $r2 (f32x4.mul (local.get $r) (local.get $r)))
          (local.set $eb (f32x4.mul
            (f32x4.add
              (f32x4.add
                (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $r))
                (f32x4.mul (f32x4.add (v128.const f32x4 0.5 0.5 0.5 0.5) (f32x4.mul (v128.const f32x4 0.16666667 0.16666667 0.16666667 0.16666667) (local.get $r))) (local.get $r2)))
              (f32x4.mul
                (f32x4.add
                  (f32x4.add (v128.const f32x4 0.041666668 0.041666668 0.041666668 0.041666668) (f32x4.mul (v128.const f32x4 0.0083333333 0.0083333333 0.0083333333 0.0083333333) (local.get $r)))
                  (f32x4.mul (f32x4.add (v128.const f32x4 0.0013888889 0.0013888889 0.0013888889 0.0013888889) (f32x4.mul (v128.const f32x4 0.00019841270 0.00019841270 0.00019841270 0.00019841270) (local.get $r))) (local.get $r2)))
                (f32x4.mul (local.get $r2) (local.get $r2))))
            (i32x4.shl (f32x4.add (local.get $kf) (v128.const f32x4 8388735 8388735 8388735 8388735)) (i32.const 23))))
          (local.set $onePlusA (f32x4.add (local.get $ea) (v128.const f32x4 1 1 1 1)))
          (local.set $onePlusB (f32x4.add (local.get $eb) (v128.const f32x4 1 1 1 1)))
          (local.set $qa (f32x4.div (v128.const f32x4 1 1 1 1) (local.get $onePlusA)))
          (local.set $qa (v128.bitselect (local.get $qa) (f32x4.mul (local.get $ea) (local.get $qa))
            (f32x4.gt (local.get $sa) (v128.const f32x4 0 0 0 0))))
          (local.set $qb (f32x4.div (v128.const f32x4 1 1 1 1) (local.get $onePlusB)))
          (local.set $qb (v128.bitselect (local.get $qb) (f32x4.mul (local.get $eb) (local.get $qb))
            (f32x4.gt (local.get $sb) (v128.const f32x4 0 0 0 0))))
          (v128.store (local.get $p) (f64x2.promote_low_f32x4 (local.get $qa)))
          (v128.store offset=16 (local.get $p) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $qa) (local.get $qa))))
          (v128.store offset=32 (local.get $p) (f64x2.promote_low_f32x4 (local.get $qb)))
          (v128.store offset=48 (local.get $p) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $qb) (local.get $qb))))
          ;; Σ max(s, 0) and Π(1 + e) in binary64: the widened products of two binary32 factors are exact
          (local.set $posA (f32x4.pmax (local.get $sa) (v128.const f32x4 0 0 0 0)))
          (local.set $posB (f32x4.pmax (local.get $sb) (v128.const f32x4 0 0 0 0)))
          (local.set $posLo (f64x2.add (local.get $posLo)
            (f64x2.add (f64x2.promote_low_f32x4 (local.get $posA)) (f64x2.promote_low_f32x4 (local.get $posB)))))
          (local.set $posHi (f64x2.add (local.get $posHi)
            (f64x2.add (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $posA) (local.get $posA))) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $posB) (local.get $posB))))))
          (local.set $prodLo (f64x2.mul (local.get $prodLo)
            (f64x2.mul (f64x2.promote_low_f32x4 (local.get $onePlusA)) (f64x2.promote_low_f32x4 (local.get $onePlusB)))))
          (local.set $prodHi (f64x2.mul (local.get $prodHi)
            (f64x2.mul (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $onePlusA) (local.get $onePlusA))) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $onePlusB) (local.get $onePlusB))))))
          (local.set $s (i32.add (local.get $s) (i32.const 32)))
          (local.set $p (i32.add (local.get $p) (i32.const 64)))
          (br_if $eachPair (i32.lt_u (local.get $s) (local.get $chunkEnd))))
        (local.set $countLo (i64x2.add (local.get $countLo) (call $exponents (local.get $prodLo))))
        (local.set $countHi (i64x2.add (local.get $countHi) (call $exponents (local.get $prodHi))))
        (local.set $prodLo (call $mantissas (local.get $prodLo)))
        (local.set $prodHi (call $mantissas (local.get $prodHi)))
        (br $eachChunk)))
    (v128.store offset=32 (global.get $energies) (local.get $prodLo))
    (v128.store offset=48 (global.get $energies) (local.get $prodHi))
    (v128.store (global.get $energies) (f64x2.add (local.get $posLo)
      (f64x2.mul (f64x2.replace_lane 1
                   (f64x2.splat (f64.convert_i64_s (i64x2.extract_lane 0 (local.get $countLo))))
                   (f64.convert_i64_s (i64x2.extract_lane 1 (local.get $countLo))))
                 (v128.const f64x2 0x1.62e42fefa39efp-1 0x1.62e42fefa39efp-1))))
    (v128.store offset=16 (global.get $energies) (f64x2.add (local.get $posHi)
      (f64x2.mul (f64x2.replace_lane 1
                   (f64x2.splat (f64.convert_i64_s (i64x2.extract_lane 0 (local.get $countHi))))
                   (f64.convert_i64_s (i64x2.extract_lane 1 (local.get $countHi))))
                 (v128.const f64x2 0x1.62e42fefa39efp-1 0x1.62e42fefa39efp-1)))))

  ;; ∇E_j (four lanes, binary64, at $grad + 32j) = Σ p over column j's +1 rows − Σ p over its −1
  ;; rows. Column j's entry at $cols + 12j holds three addresses into the list: start of +1 rows,
  ;; start of −1 rows, end. The list holds the addresses of the rows' p, each segment padded to a
  ;; multiple of 4 with the address of zeros; four accumulators keep the adds off the critical path.
  (func $backward
    (local $cols i32) (local $colsEnd i32) (local $grad i32) (local $ptr i32) (local $mid i32) (local $end i32) (local $q i32)
    (local $a0 v128) (local $a1 v128) (local $b0 v128) (local $b1 v128)
    (local $c0 v128) (local $c1 v128) (local $d0 v128) (local $d1 v128)
    (local.set $cols (global.get $cols))
    (local.set $grad (global.get $grad))
    (local.set $colsEnd (i32.add (local.get $cols) (i32.mul (global.get $dim) (i32.const 12))))
    (block $done
      (loop $eachColumn
        (br_if $done (i32.ge_u (local.get $cols) (local.get $colsEnd)))
        (local.set $ptr (i32.load (local.get $cols)))
        (local.set $mid (i32.load offset=4 (local.get $cols)))
        (local.set $end (i32.load offset=8 (local.get $cols)))
        (local.set $a0 (v128.const i32x4 0 0 0 0)) (local.set $a1 (v128.const i32x4 0 0 0 0))
        (local.set $b0 (v128.const i32x4 0 0 0 0)) (local.set $b1 (v128.const i32x4 0 0 0 0))
        (local.set $c0 (v128.const i32x4 0 0 0 0)) (local.set $c1 (v128.const i32x4 0 0 0 0))
        (local.set $d0 (v128.const i32x4 0 0 0 0)) (local.set $d1 (v128.const i32x4 0 0 0 0))
        (block $plusDone
          (loop $plus
            (br_if $plusDone (i32.ge_u (local.get $ptr) (local.get $mid)))
            (local.set $q (i32.load (local.get $ptr)))
            (local.set $a0 (f64x2.add (local.get $a0) (v128.load (local.get $q))))
            (local.set $a1 (f64x2.add (local.get $a1) (v128.load offset=16 (local.get $q))))
            (local.set $q (i32.load offset=4 (local.get $ptr)))
            (local.set $b0 (f64x2.add (local.get $b0) (v128.load (local.get $q))))
            (local.set $b1 (f64x2.add (local.get $b1) (v128.load offset=16 (local.get $q))))
            (local.set $q (i32.load offset=8 (local.get $ptr)))
            (local.set $c0 (f64x2.add (local.get $c0) (v128.load (local.get $q))))
            (local.set $c1 (f64x2.add (local.get $c1) (v128.load offset=16 (local.get $q))))
            (local.set $q (i32.load offset=12 (local.get $ptr)))
            (local.set $d0 (f64x2.add (local.get $d0) (v128.load (local.get $q))))
            (local.set $d1 (f64x2.add (local.get $d1) (v128.load offset=16 (local.get $q))))
            (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
            (br $plus)))
        (block $minusDone
          (loop $minus
            (br_if $minusDone (i32.ge_u (local.get $ptr) (local.get $end)))
            (local.set $q (i32.load (local.get $ptr)))
            (local.set $a0 (f64x2.sub (local.get $a0) (v128.load (local.get $q))))
            (local.set $a1 (f64x2.sub (local.get $a1) (v128.load offset=16 (local.get $q))))
            (local.set $q (i32.load offset=4 (local.get $ptr)))
            (local.set $b0 (f64x2.sub (local.get $b0) (v128.load (local.get $q))))
            (local.set $b1 (f64x2.sub (local.get $b1) (v128.load offset=16 (local.get $q))))
            (local.set $q (i32.load offset=8 (local.get $ptr)))
            (local.set $c0 (f64x2.sub (local.get $c0) (v128.load (local.get $q))))
            (local.set $c1 (f64x2.sub (local.get $c1) (v128.load offset=16 (local.get $q))))
            (local.set $q (i32.load offset=12 (local.get $ptr)))
            (local.set $d0 (f64x2.sub (local.get $d0) (v128.load (local.get $q))))
            (local.set $d1 (f64x2.sub (local.get $d1) (v128.load offset=16 (local.get $q))))
            (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
            (br $minus)))
        (v128.store (local.get $grad)
          (f64x2.add (f64x2.add (local.get $a0) (local.get $b0)) (f64x2.add (local.get $c0) (local.get $d0))))
        (v128.store offset=16 (local.get $grad)
          (f64x2.add (f64x2.add (local.get $a1) (local.get $b1)) (f64x2.add (local.get $c1) (local.get $d1))))
        (local.set $grad (i32.add (local.get $grad) (i32.const 32)))
        (local.set $cols (i32.add (local.get $cols) (i32.const 12)))
        (br $eachColumn))))

  ;; The data term and its gradient at the four positions whose addresses are at $positions:
  ;; ∇E at $grad (lane l of entry j at $grad + 32j + 8l), the energies at $energies (see $pointwise).
  (func (export "gradients")
    (call $tables)
    (call $forward)
    (call $pointwise)
    (call $backward))

  ;; The first half of a leapfrog step of lane $lane, from the phase point at $from to the one at $to
  ;; (each: z, zero-padded to blocks × 5 entries, then r, then ∇U; all binary64) with M⁻¹ at $mass:
  ;; half kick r½ = r − ½ε ∇U and drift z' = z + (ε M⁻¹) r½, the prior Σ |z'| / b + d·log(2b) at
  ;; $priors + 8·lane, and z' becomes the lane's position for the next `gradients`.
  (func (export "beginLeapfrog") (param $lane i32) (param $from i32) (param $to i32) (param $step f64) (param $mass i32)
    (local $half f64) (local $j i32) (local $end i32) (local $rHalf f64) (local $prior f64) (local $wj f64)
    (local $r0 i32) (local $g0 i32) (local $r i32)
    (local.set $half (f64.mul (f64.const 0.5) (local.get $step)))
    (local.set $end (i32.shl (global.get $dim) (i32.const 3)))
    (local.set $r0 (i32.add (local.get $from) (global.get $zBytes)))
    (local.set $g0 (i32.add (local.get $r0) (local.get $end)))
    (local.set $r (i32.add (local.get $to) (global.get $zBytes)))
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
    (f64.store (i32.add (global.get $priors) (i32.shl (local.get $lane) (i32.const 3))) (local.get $prior))
    (i32.store (i32.add (global.get $positions) (i32.shl (local.get $lane) (i32.const 2))) (local.get $to)))

  ;; Writes lane $lane's full gradient ∇U = ∇E + sign(z)/b (sign(0) = 0) into the phase point at $to
  ;; and returns the prior's part of U at z, for a point whose z is the lane's position of the last
  ;; `gradients` (set by `beginLeapfrog` or `setPosition`).
  (func $laneGradient (param $lane i32) (param $to i32) (result f64)
    (local $j i32) (local $end i32) (local $grad i32) (local $data i32) (local $wj f64) (local $prior f64)
    (local.set $end (i32.shl (global.get $dim) (i32.const 3)))
    (local.set $grad (i32.add (i32.add (local.get $to) (global.get $zBytes)) (local.get $end)))
    (local.set $data (i32.add (global.get $grad) (i32.shl (local.get $lane) (i32.const 3))))
    (local.set $prior (global.get $priorConstant))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $j) (local.get $end)))
        (local.set $wj (f64.load (i32.add (local.get $to) (local.get $j))))
        (f64.store (i32.add (local.get $grad) (local.get $j))
          (f64.add
            (f64.mul (f64.convert_i32_s (i32.sub (f64.gt (local.get $wj) (f64.const 0)) (f64.lt (local.get $wj) (f64.const 0))))
                     (global.get $invScale))
            (f64.load (local.get $data))))
        (local.set $prior (f64.add (local.get $prior) (f64.mul (f64.abs (local.get $wj)) (global.get $invScale))))
        (local.set $data (i32.add (local.get $data) (i32.const 32)))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $each)))
    (local.get $prior))

  ;; The second half of lane $lane's leapfrog step into $to, after `gradients`: ∇U into the point,
  ;; the half kick r' = r½ − ½ε ∇U, and returns the kinetic energy ½ r'ᵀ M⁻¹ r'.
  (func (export "finishLeapfrog") (param $lane i32) (param $to i32) (param $step f64) (param $mass i32) (result f64)
    (local $half f64) (local $j i32) (local $end i32) (local $r i32) (local $grad i32) (local $rj f64) (local $twiceKinetic f64)
    (drop (call $laneGradient (local.get $lane) (local.get $to)))
    (local.set $half (f64.mul (f64.const 0.5) (local.get $step)))
    (local.set $end (i32.shl (global.get $dim) (i32.const 3)))
    (local.set $r (i32.add (local.get $to) (global.get $zBytes)))
    (local.set $grad (i32.add (local.get $r) (local.get $end)))
    (block $kickDone
      (loop $kick
        (br_if $kickDone (i32.ge_u (local.get $j) (local.get $end)))
        (local.set $rj (f64.sub (f64.load (i32.add (local.get $r) (local.get $j)))
          (f64.mul (local.get $half) (f64.load (i32.add (local.get $grad) (local.get $j))))))
        (f64.store (i32.add (local.get $r) (local.get $j)) (local.get $rj))
        (local.set $twiceKinetic (f64.add (local.get $twiceKinetic)
          (f64.mul (f64.mul (f64.load (i32.add (local.get $mass) (local.get $j))) (local.get $rj)) (local.get $rj))))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $kick)))
    (f64.mul (f64.const 0.5) (local.get $twiceKinetic)))

  ;; Makes the point at $at (z only is read) lane $lane's position for the next `gradients`.
  (func (export "setPosition") (param $lane i32) (param $at i32)
    (i32.store (i32.add (global.get $positions) (i32.shl (local.get $lane) (i32.const 2))) (local.get $at)))

  ;; After `gradients`, for a lane whose position is the point at $at: writes ∇U into that point's
  ;; gradient slot and returns the prior's part of U.
  (func (export "laneGradient") (param $lane i32) (param $at i32) (result f64)
    (call $laneGradient (local.get $lane) (local.get $at)))

  ;; Bookkeeping after each new leaf of a NUTS subtree (trajectory.ts's `addLeafJs` does the same in
  ;; JavaScript, with the same binary64 operations in the same order, so the same bits): the
  ;; subtree's momentum sum at $rSum becomes the leaf's momentum (first leaf) or gains it; at an even
  ;; leaf, the momentum and the sum are stored in checkpoint slot $idxMax (slots of dim entries from
  ;; $ckR and $ckSum); then every balanced sub-subtree ending at the leaf, slots $idxMax down to
  ;; $idxMin, is checked for a U-turn (termination.ts's `isIterativeTurning`) with M⁻¹ at $inverseMass.
  ;; Returns 1 if one turns.
  (func (export "subtreeLeaf") (param $leaf i32) (param $rSum i32) (param $ckR i32) (param $ckSum i32)
    (param $first i32) (param $idxMin i32) (param $idxMax i32) (param $inverseMass i32) (result i32)
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
            (local.set $mass (f64.load (i32.add (local.get $inverseMass) (local.get $j))))
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
)
