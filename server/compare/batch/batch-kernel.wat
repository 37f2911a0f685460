;; The hot loops of the batch engine, in WebAssembly: for each pair of 1D histograms (unweighted
;; contents, bins 1..n) the sums and the two passes of TH1::Chi2TestX in mode UU and of
;; TH1::KolmogorovTest, the same arithmetic in the same order as chi2-test.ts and
;; kolmogorov-test.ts (f64 operations are IEEE-754 round-to-nearest in both JavaScript and
;; WebAssembly, so results are bit-identical). batch-kernel.ts turns the eight numbers written per
;; pair into p-values and statuses.
;;
;; References: ROOT hist/hist/src/TH1.cxx, TH1::Chi2TestX (UU: chi2 = Σ (s2·c1 − s1·c2)² / (c1 + c2)
;; / (s1·s2) over bins not empty in both, Int_t(c) == 0 meaning −1 < c < 1; m, n count bins with
;; c1 < 1, c2 < 1 for igood) and TH1::KolmogorovTest (rsum += c / Σc as s·c with s = 1/Σc,
;; D = max |rsum1 − rsum2|; effective entries (Σc)² / Σ|c|).
;;
;; Build: `node --import tsx scripts/wasm/build-kernel.ts` writes batch-kernel.wasm; a unit test
;; checks the committed binary is this file's compilation.
(module
  ;; The batch's memory, shared between worker threads (batch-layout.ts).
  (import "env" "memory" (memory 1 65536 shared))

  ;; pairs(data, ref, nbins, count, out): `count` pairs whose contents start at byte addresses
  ;; `data` and `ref` (nbins f64 per pair, pairs contiguous); writes 8 f64 per pair at `out`:
  ;; sum1, sum2, abs1, abs2, chi2, ndf, igood, dmax. For a pair with a non-finite total or an
  ;; empty histogram only the four sums are meaningful (chi2 0, ndf nbins − 1, igood 0, dmax 0).
  (func (export "pairs") (param $data i32) (param $ref i32) (param $nbins i32) (param $count i32) (param $out i32)
    (local $p i32) (local $d i32) (local $r i32) (local $end i32) (local $stride i32)
    (local $a f64) (local $b f64) (local $sum1 f64) (local $sum2 f64) (local $abs1 f64) (local $abs2 f64)
    (local $neg i32) (local $s1 f64) (local $s2 f64) (local $chi2 f64) (local $ndf i32) (local $m i32) (local $n i32)
    (local $r1 f64) (local $r2 f64) (local $dd i64) (local $dmax i64) (local $delta f64) (local $empty i32)
    (local.set $stride (i32.shl (local.get $nbins) (i32.const 3)))
    (local.set $d (local.get $data))
    (local.set $r (local.get $ref))
    (block $done (loop $pair
      (br_if $done (i32.ge_u (local.get $p) (local.get $count)))
      (local.set $end (i32.add (local.get $d) (local.get $stride)))

      ;; Pass 1: Σc of both, and whether any content is negative (weights).
      (local.set $sum1 (f64.const 0)) (local.set $sum2 (f64.const 0)) (local.set $neg (i32.const 0))
      (block $e1 (loop $l1
        (br_if $e1 (i32.ge_u (local.get $d) (local.get $end)))
        (local.set $a (f64.load (local.get $d)))
        (local.set $b (f64.load (local.get $r)))
        (local.set $sum1 (f64.add (local.get $sum1) (local.get $a)))
        (local.set $sum2 (f64.add (local.get $sum2) (local.get $b)))
        (local.set $neg (i32.or (local.get $neg) (i32.or (f64.lt (local.get $a) (f64.const 0)) (f64.lt (local.get $b) (f64.const 0)))))
        (local.set $d (i32.add (local.get $d) (i32.const 8)))
        (local.set $r (i32.add (local.get $r) (i32.const 8)))
        (br $l1)))
      (local.set $d (i32.sub (local.get $d) (local.get $stride)))
      (local.set $r (i32.sub (local.get $r) (local.get $stride)))

      ;; Σ|c| equals Σc, added in the same order, unless a content is negative.
      (local.set $abs1 (local.get $sum1)) (local.set $abs2 (local.get $sum2))
      (if (local.get $neg) (then
        (local.set $abs1 (f64.const 0)) (local.set $abs2 (f64.const 0))
        (block $e2 (loop $l2
          (br_if $e2 (i32.ge_u (local.get $d) (local.get $end)))
          (local.set $abs1 (f64.add (local.get $abs1) (f64.abs (f64.load (local.get $d)))))
          (local.set $abs2 (f64.add (local.get $abs2) (f64.abs (f64.load (local.get $r)))))
          (local.set $d (i32.add (local.get $d) (i32.const 8)))
          (local.set $r (i32.add (local.get $r) (i32.const 8)))
          (br $l2)))
        (local.set $d (i32.sub (local.get $d) (local.get $stride)))
        (local.set $r (i32.sub (local.get $r) (local.get $stride)))))

      (local.set $chi2 (f64.const 0)) (local.set $ndf (i32.sub (local.get $nbins) (i32.const 1)))
      (local.set $m (i32.const 0)) (local.set $n (i32.const 0)) (local.set $dmax (i64.const 0))
      ;; Pass 2 for pairs with a finite total (x − x = 0 exactly when x is finite) and no empty histogram.
      (local.set $a (f64.add (f64.add (local.get $sum1) (local.get $sum2)) (f64.add (local.get $abs1) (local.get $abs2))))
      (if (i32.and
            (f64.eq (f64.sub (local.get $a) (local.get $a)) (f64.const 0))
            (i32.and (f64.ne (local.get $sum1) (f64.const 0)) (f64.ne (local.get $sum2) (f64.const 0))))
        (then
          (local.set $s1 (f64.div (f64.const 1) (local.get $sum1)))
          (local.set $s2 (f64.div (f64.const 1) (local.get $sum2)))
          (local.set $r1 (f64.const 0)) (local.set $r2 (f64.const 0))
          (block $e3 (loop $l3
            (br_if $e3 (i32.ge_u (local.get $d) (local.get $end)))
            (local.set $a (f64.load (local.get $d)))
            (local.set $b (f64.load (local.get $r)))
            (local.set $d (i32.add (local.get $d) (i32.const 8)))
            (local.set $r (i32.add (local.get $r) (i32.const 8)))
            ;; KS: running normalised sums and the largest distance between them. |r1 − r2| is
            ;; ROOT's r1 > r2 ? r1 − r2 : r2 − r1 exactly (IEEE subtraction is sign-symmetric),
            ;; and for non-negative doubles the larger is the one with the larger bit pattern, so
            ;; the maximum is an integer select — no branch on data (V8 branches on f64 selects,
            ;; and random data makes such branches mispredict).
            (local.set $r1 (f64.add (local.get $r1) (f64.mul (local.get $s1) (local.get $a))))
            (local.set $r2 (f64.add (local.get $r2) (f64.mul (local.get $s2) (local.get $b))))
            (local.set $dd (i64.reinterpret_f64 (f64.abs (f64.sub (local.get $r1) (local.get $r2)))))
            (local.set $dmax (select (local.get $dd) (local.get $dmax) (i64.gt_u (local.get $dd) (local.get $dmax))))
            ;; χ²: a bin empty in both (Int_t(c) == 0, i.e. −1 < c < 1) only lowers ndf; any other
            ;; bin adds its term and counts towards m, n. For an empty bin the term is masked to
            ;; +0 (bit pattern and 0), and chi2 + 0 is chi2 exactly (chi2 is never −0).
            (local.set $empty (i32.and (i32.and (f64.gt (local.get $a) (f64.const -1)) (f64.lt (local.get $a) (f64.const 1)))
                                       (i32.and (f64.gt (local.get $b) (f64.const -1)) (f64.lt (local.get $b) (f64.const 1)))))
            (local.set $ndf (i32.sub (local.get $ndf) (local.get $empty)))
            (local.set $m (i32.add (local.get $m) (i32.and (f64.lt (local.get $a) (f64.const 1)) (i32.eqz (local.get $empty)))))
            (local.set $n (i32.add (local.get $n) (i32.and (f64.lt (local.get $b) (f64.const 1)) (i32.eqz (local.get $empty)))))
            (local.set $delta (f64.sub (f64.mul (local.get $sum2) (local.get $a)) (f64.mul (local.get $sum1) (local.get $b))))
            (local.set $chi2 (f64.add (local.get $chi2) (f64.reinterpret_i64 (i64.and
              (i64.reinterpret_f64 (f64.div (f64.mul (local.get $delta) (local.get $delta)) (f64.add (local.get $a) (local.get $b))))
              (i64.sub (i64.extend_i32_u (local.get $empty)) (i64.const 1))))))
            (br $l3)))
          (local.set $chi2 (f64.div (local.get $chi2) (f64.mul (local.get $sum1) (local.get $sum2)))))
        (else
          (local.set $d (local.get $end))
          (local.set $r (i32.add (local.get $r) (local.get $stride)))))

      (f64.store offset=0 (local.get $out) (local.get $sum1))
      (f64.store offset=8 (local.get $out) (local.get $sum2))
      (f64.store offset=16 (local.get $out) (local.get $abs1))
      (f64.store offset=24 (local.get $out) (local.get $abs2))
      (f64.store offset=32 (local.get $out) (local.get $chi2))
      (f64.store offset=40 (local.get $out) (f64.convert_i32_s (local.get $ndf)))
      (f64.store offset=48 (local.get $out) (f64.convert_i32_s (i32.add (i32.ne (local.get $m) (i32.const 0)) (i32.shl (i32.ne (local.get $n) (i32.const 0)) (i32.const 1)))))
      (f64.store offset=56 (local.get $out) (f64.reinterpret_i64 (local.get $dmax)))
      (local.set $out (i32.add (local.get $out) (i32.const 64)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $pair)))))
