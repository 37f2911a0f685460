;; Batch mode's text work in WebAssembly, on the chunk's shared memory (jsonl-pairs.ts lays it out):
;; counting lines, reading the common shape of a JSON line straight into the batch's f64 arrays,
;; and writing each pair's result line with numbers printed as ECMAScript's Number::toString
;; prints them (shortest round-trip digits, Schubfach), without going through JavaScript strings.
;;
;; Exactness. The reader takes only numbers it can read exactly: an optional '-', an integer part
;; without leading zeros and an optional fraction, at most 15 digits in all and no exponent. Then
;; N (the digits as an integer, < 10^15 < 2^53) and 10^f (f <= 15 fraction digits, exact for f <= 22)
;; are exact doubles and one IEEE division rounds N / 10^f correctly: the value JSON.parse and
;; Number() give. Anything else — exponents, longer numbers, other keys, escapes in strings, odd
;; spacing — marks the line for jsonl-pairs.ts's JavaScript reader, which reads it as before.
;;
;; The printer is Schubfach (R. Giulietti, "The Schubfach way to render doubles", 2020; the code
;; of the JDK's DoubleToDecimal) with one change: it looks for a shorter decimal whenever the
;; 17-digit candidate has two digits or more (the JDK only from three, for Java's rule of at least
;; two digits). The result is the shortest decimal that rounds to the double, the closest of
;; those, ties to even — ECMAScript's choice — laid out with ECMAScript's rules (exponent from
;; 1e21 up and below 1e-6, "-0" as "0"). Non-finite numbers print as null (JSON lacks them).
;;
;; Page 0 of the memory holds the tables (written at instantiation); the chunk's bytes follow.
;;   0     f64 10^0 .. 10^22          256  i64 10^0 .. 10^19        512  "00" .. "99"
;;   768   the output's fixed strings, one per 16-byte slot
;;   2048  Schubfach's g: for k = −324 .. 292, 10^−k = beta·2^r with 2^125 <= beta < 2^126 and
;;         g = floor(beta) + 1, stored as g1 = g >> 63 then g0 = g mod 2^63 (little-endian i64 each);
;;         a unit test recomputes it with BigInt.
;;   12288 $integers' scratch: 32 u16, the value of the digits ending at each byte of a block.
;;
;; Build: `node --import tsx scripts/wasm/build-kernel.ts` writes batch-text.wasm beside
;; batch-kernel.wasm; a unit test checks the committed binary is this file's compilation.
(module
  (import "env" "memory" (memory 1 65536 shared))

  (global $F (mut i64) (i64.const 0))
  (global $E (mut i32) (i32.const 0))
  (global $idS (mut i32) (i32.const 0))
  (global $idE (mut i32) (i32.const 0))
  (global $lines (mut i32) (i32.const 0))

  (data (i32.const 768) "{\"id\":")
  (data (i32.const 784) "null")
  (data (i32.const 800) ",\"chi2\":")
  (data (i32.const 816) ",\"ndf\":")
  (data (i32.const 832) ",\"chi2PValue\":")
  (data (i32.const 848) ",\"igood\":")
  (data (i32.const 864) ",\"chi2Status\":\"")
  (data (i32.const 880) ",\"ksDistance\":")
  (data (i32.const 896) ",\"ksPValue\":")
  (data (i32.const 912) ",\"ksStatus\":\"")
  (data (i32.const 928) "\"}\n")
  (data (i32.const 944) "INVALID")
  (data (i32.const 960) "INSUF_STAT")
  (data (i32.const 976) "ERROR")
  (data (i32.const 992) "WARNING")
  (data (i32.const 1008) "OK")
  (data (i32.const 1024) "\"")

  ;; The tables that are computed rather than stored: powers of ten (each product exact) and digit pairs.
  (func $init
    (local $i i32) (local $f f64) (local $n i64)
    (local.set $f (f64.const 1))
    (local.set $n (i64.const 1))
    (block $done (loop $pow
      (br_if $done (i32.gt_u (local.get $i) (i32.const 22)))
      (f64.store (i32.shl (local.get $i) (i32.const 3)) (local.get $f))
      (if (i32.le_u (local.get $i) (i32.const 19)) (then
        (i64.store (i32.add (i32.const 256) (i32.shl (local.get $i) (i32.const 3))) (local.get $n))))
      (local.set $f (f64.mul (local.get $f) (f64.const 10)))
      (local.set $n (i64.mul (local.get $n) (i64.const 10)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $pow)))
    (local.set $i (i32.const 0))
    (block $done (loop $pairs
      (br_if $done (i32.ge_u (local.get $i) (i32.const 100)))
      (i32.store8 (i32.add (i32.const 512) (i32.shl (local.get $i) (i32.const 1))) (i32.add (i32.const 48) (i32.div_u (local.get $i) (i32.const 10))))
      (i32.store8 (i32.add (i32.const 513) (i32.shl (local.get $i) (i32.const 1))) (i32.add (i32.const 48) (i32.rem_u (local.get $i) (i32.const 10))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $pairs))))
  (start $init)

  ;; ---------------------------------------------------------------- lines and numbers in

  ;; countNewlines(s, e): the number of '\n' bytes in [s, e), 16 at a time.
  (func (export "countNewlines") (param $s i32) (param $e i32) (result i32)
    (local $n i32) (local $nl v128)
    (local.set $nl (i8x16.splat (i32.const 10)))
    (block $done (loop $wide
      (br_if $done (i32.gt_u (i32.add (local.get $s) (i32.const 16)) (local.get $e)))
      (local.set $n (i32.add (local.get $n) (i32.popcnt (i8x16.bitmask (i8x16.eq (v128.load (local.get $s)) (local.get $nl))))))
      (local.set $s (i32.add (local.get $s) (i32.const 16)))
      (br $wide)))
    (block $done (loop $narrow
      (br_if $done (i32.ge_u (local.get $s) (local.get $e)))
      (local.set $n (i32.add (local.get $n) (i32.eq (i32.load8_u (local.get $s)) (i32.const 10))))
      (local.set $s (i32.add (local.get $s) (i32.const 1)))
      (br $narrow)))
    (local.get $n))

  ;; Skips spaces, tabs and carriage returns (a line's end, '\n', stops it).
  (func $ws (param $i i32) (result i32)
    (local $c i32)
    (block $done (loop $skip
      (local.set $c (i32.load8_u (local.get $i)))
      (br_if $done (i32.eqz (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9))) (i32.eq (local.get $c) (i32.const 13)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $skip)))
    (local.get $i))

  (func $spaces (param $i i32) (result i32)
    (block $done (loop $skip
      (br_if $done (i32.ne (i32.load8_u (local.get $i)) (i32.const 32)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $skip)))
    (local.get $i))

  (func $isDigit (param $c i32) (result i32)
    (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10)))

  ;; `[n numbers]` at i into out (n f64); the index after ']', or 0 when the array is not exactly n
  ;; numbers this reader takes exactly. (Helpers are written out inline: V8 does not inline
  ;; WebAssembly calls, and a call per byte costs more than the reading.)
  (func $numbers (param $i i32) (param $n i32) (param $out i32) (result i32)
    (local $end i32) (local $c i32) (local $d i32) (local $neg i32) (local $digits i32) (local $frac i32) (local $v i64) (local $x f64)
    (local $w i64) (local $len i32)
    (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 91)) (then (return (i32.const 0))))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (loop $number
      (local.set $c (i32.load8_u (local.get $i)))
      (block $done (loop $space
        (br_if $done (i32.ne (local.get $c) (i32.const 32)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $c (i32.load8_u (local.get $i)))
        (br $space)))
      (local.set $neg (i32.eq (local.get $c) (i32.const 45)))
      (local.set $i (i32.add (local.get $i) (local.get $neg)))
      (block $read
        ;; Integers of 1 to 7 digits, eight bytes at a time (the memory goes on past the chunk): the
        ;; first non-digit is the lowest byte with its top bit set in w | w + 0x46.. | w − 0x30..
        ;; (a borrow or carry only reaches later bytes), and the digits, shifted to the top with
        ;; zeros before them, are summed by three multiplications.
        (local.set $w (i64.load (local.get $i)))
        (local.set $len (i32.shr_u (i32.wrap_i64 (i64.ctz (i64.and
          (i64.or (i64.or (local.get $w) (i64.add (local.get $w) (i64.const 0x4646464646464646))) (i64.sub (local.get $w) (i64.const 0x3030303030303030)))
          (i64.const 0x8080808080808080)))) (i32.const 3)))
        (if (i32.and (i32.lt_u (i32.sub (local.get $len) (i32.const 1)) (i32.const 7))
                     (i32.or (i32.eq (local.get $len) (i32.const 1)) (i32.ne (i32.and (i32.wrap_i64 (local.get $w)) (i32.const 0xff)) (i32.const 48)))) (then
          ;; The byte after the digits.
          (local.set $c (i32.and (i32.wrap_i64 (i64.shr_u (local.get $w) (i64.extend_i32_u (i32.shl (local.get $len) (i32.const 3))))) (i32.const 0xff)))
          (if (i32.ne (local.get $c) (i32.const 46)) (then
            (local.set $v (i64.and (i64.shl (local.get $w) (i64.extend_i32_u (i32.shl (i32.sub (i32.const 8) (local.get $len)) (i32.const 3)))) (i64.const 0x0f0f0f0f0f0f0f0f)))
            (local.set $v (i64.shr_u (i64.mul (local.get $v) (i64.const 2561)) (i64.const 8)))
            (local.set $v (i64.shr_u (i64.mul (i64.and (local.get $v) (i64.const 0x00ff00ff00ff00ff)) (i64.const 6553601)) (i64.const 16)))
            (local.set $v (i64.shr_u (i64.mul (i64.and (local.get $v) (i64.const 0x0000ffff0000ffff)) (i64.const 42949672960001)) (i64.const 32)))
            (local.set $x (f64.convert_i64_s (local.get $v)))
            (local.set $i (i32.add (local.get $i) (local.get $len)))
            ;; The common case, a comma and more to come, straight to the next number.
            (if (i32.and (i32.eq (local.get $c) (i32.const 44)) (i32.ne (i32.add (local.get $out) (i32.const 8)) (local.get $end))) (then
              (f64.store (local.get $out) (f64.reinterpret_i64 (i64.or (i64.reinterpret_f64 (local.get $x)) (i64.shl (i64.extend_i32_u (local.get $neg)) (i64.const 63)))))
              (local.set $out (i32.add (local.get $out) (i32.const 8)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $number)))
            (br $read)))))
        ;; Anything else byte by byte.
        (local.set $c (i32.load8_u (local.get $i)))
        (local.set $d (i32.sub (local.get $c) (i32.const 48)))
        (if (i32.ge_u (local.get $d) (i32.const 10)) (then (return (i32.const 0))))
        (local.set $v (i64.extend_i32_u (local.get $d)))
        (local.set $digits (i32.const 1))
        (local.set $frac (i32.const 0))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.eqz (local.get $d))
          ;; A leading zero is the whole integer part.
          (then (if (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10)) (then (return (i32.const 0)))))
          (else
            (block $done (loop $int
              (local.set $d (i32.sub (local.get $c) (i32.const 48)))
              (br_if $done (i32.ge_u (local.get $d) (i32.const 10)))
              (local.set $v (i64.add (i64.mul (local.get $v) (i64.const 10)) (i64.extend_i32_u (local.get $d))))
              (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (local.set $c (i32.load8_u (local.get $i)))
              (br $int)))))
        (if (i32.eq (local.get $c) (i32.const 46)) (then
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (local.set $c (i32.load8_u (local.get $i)))
          (if (i32.ge_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10)) (then (return (i32.const 0))))
          (block $done (loop $fraction
            (local.set $d (i32.sub (local.get $c) (i32.const 48)))
            (br_if $done (i32.ge_u (local.get $d) (i32.const 10)))
            (local.set $v (i64.add (i64.mul (local.get $v) (i64.const 10)) (i64.extend_i32_u (local.get $d))))
            (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
            (local.set $frac (i32.add (local.get $frac) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (local.set $c (i32.load8_u (local.get $i)))
            (br $fraction)))))
        (if (i32.gt_u (local.get $digits) (i32.const 15)) (then (return (i32.const 0))))
        (local.set $x (f64.convert_i64_s (local.get $v)))
        (if (local.get $frac) (then
          (local.set $x (f64.div (local.get $x) (f64.load (i32.shl (local.get $frac) (i32.const 3))))))))
      ;; The sign as a bit: −0 for "-0", as JSON.parse.
      (f64.store (local.get $out) (f64.reinterpret_i64 (i64.or (i64.reinterpret_f64 (local.get $x)) (i64.shl (i64.extend_i32_u (local.get $neg)) (i64.const 63)))))
      (local.set $out (i32.add (local.get $out) (i32.const 8)))
      (local.set $c (i32.load8_u (local.get $i)))
      (block $done (loop $space
        (br_if $done (i32.ne (local.get $c) (i32.const 32)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $c (i32.load8_u (local.get $i)))
        (br $space)))
      (if (i32.eq (local.get $c) (i32.const 93))
        (then (return (select (i32.add (local.get $i) (i32.const 1)) (i32.const 0) (i32.eq (local.get $out) (local.get $end))))))
      (if (i32.or (i32.ne (local.get $c) (i32.const 44)) (i32.eq (local.get $out) (local.get $end))) (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $number))
    (i32.const 0))

  ;; The common case of `[n numbers]`: non-negative integers of 1 to 7 digits separated by bare
  ;; commas, a block of 32 bytes (two vectors) at a time. Each block starts at a number's first
  ;; digit, so no number in it began in an earlier block. In SIMD: the digits' values (non-digits
  ;; as 0), then for every byte the value of the run of at most four digits ending there,
  ;; t1[j] = d[j] + 10·d[j−1] and t1[j] + 100·t1[j−2] when j−1 and j−2 are digits (shifted across
  ;; the two vectors), as 32 u16 at 12288. Each number of 1 to
  ;; 4 digits is then one load from there; 5 to 7 digits are summed by three multiplications as in
  ;; $numbers. A block's numbers up to its first separator that is not a comma are read without
  ;; testing each separator (a popcnt of the commas tells whether they are too many); the next
  ;; block starts after the last comma. The index after ']', or 0 at anything else (a sign, a
  ;; point, a space, a leading zero, a long number), which $numbers then reads from the start.
  (func $integers (export "integers") (param $i i32) (param $n i32) (param $out i32) (result i32)
    (local $end i32) (local $q i32) (local $k i32) (local $sep i32) (local $comma i32) (local $last i32) (local $digits i32) (local $pos i32) (local $len i32)
    (local $w i64) (local $v i64) (local $x f64)
    (local $b0 v128) (local $d0 v128) (local $m0 v128) (local $t0 v128) (local $s0 v128)
    (local $b1 v128) (local $d1 v128) (local $m1 v128) (local $t1 v128) (local $s1 v128)
    (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 91)) (then (return (i32.const 0))))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $q (i32.add (local.get $i) (i32.const 1)))
    (loop $block
      (local.set $b0 (v128.load (local.get $q)))
      (local.set $b1 (v128.load offset=16 (local.get $q)))
      (local.set $d0 (i8x16.sub (local.get $b0) (i8x16.splat (i32.const 48))))
      (local.set $d1 (i8x16.sub (local.get $b1) (i8x16.splat (i32.const 48))))
      (local.set $m0 (i8x16.lt_u (local.get $d0) (i8x16.splat (i32.const 10))))
      (local.set $m1 (i8x16.lt_u (local.get $d1) (i8x16.splat (i32.const 10))))
      (local.set $d0 (v128.and (local.get $d0) (local.get $m0)))
      (local.set $d1 (v128.and (local.get $d1) (local.get $m1)))
      (local.set $digits (i32.or (i8x16.bitmask (local.get $m0)) (i32.shl (i8x16.bitmask (local.get $m1)) (i32.const 16))))
      (local.set $sep (i32.xor (local.get $digits) (i32.const -1)))
      (if (i32.eqz (local.get $sep)) (then (return (i32.const 0))))
      ;; A leading zero (a '0' that starts a run and has a digit after it) before the last separator.
      (if (i32.and
            (i32.and (i32.or (i8x16.bitmask (i8x16.eq (local.get $b0) (i8x16.splat (i32.const 48))))
                             (i32.shl (i8x16.bitmask (i8x16.eq (local.get $b1) (i8x16.splat (i32.const 48)))) (i32.const 16)))
                     (i32.and (i32.shr_u (local.get $digits) (i32.const 1)) (i32.xor (i32.shl (local.get $digits) (i32.const 1)) (i32.const -1))))
            (i32.sub (i32.shl (i32.const 1) (i32.sub (i32.const 31) (i32.clz (local.get $sep)))) (i32.const 1)))
        (then (return (i32.const 0))))
      (local.set $comma (i32.or (i8x16.bitmask (i8x16.eq (local.get $b0) (i8x16.splat (i32.const 44))))
                                (i32.shl (i8x16.bitmask (i8x16.eq (local.get $b1) (i8x16.splat (i32.const 44)))) (i32.const 16))))
      ;; t1 = d + 10·(d one byte earlier), in bytes (at most 99).
      (local.set $t0 (i8x16.shuffle 0 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 (v128.const i64x2 0 0) (local.get $d0)))
      (local.set $t1 (i8x16.shuffle 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 (local.get $d0) (local.get $d1)))
      (local.set $t0 (i8x16.add (local.get $d0) (i8x16.add (i8x16.shl (local.get $t0) (i32.const 3)) (i8x16.shl (local.get $t0) (i32.const 1)))))
      (local.set $t1 (i8x16.add (local.get $d1) (i8x16.add (i8x16.shl (local.get $t1) (i32.const 3)) (i8x16.shl (local.get $t1) (i32.const 1)))))
      ;; t1 two bytes earlier where the two bytes between are digits.
      (local.set $s0 (v128.and
        (i8x16.shuffle 0 0 16 17 18 19 20 21 22 23 24 25 26 27 28 29 (v128.const i64x2 0 0) (local.get $t0))
        (v128.and
          (i8x16.shuffle 0 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 (v128.const i64x2 0 0) (local.get $m0))
          (i8x16.shuffle 0 0 16 17 18 19 20 21 22 23 24 25 26 27 28 29 (v128.const i64x2 0 0) (local.get $m0)))))
      (local.set $s1 (v128.and
        (i8x16.shuffle 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 (local.get $t0) (local.get $t1))
        (v128.and
          (i8x16.shuffle 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 (local.get $m0) (local.get $m1))
          (i8x16.shuffle 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 (local.get $m0) (local.get $m1)))))
      (v128.store (i32.const 12288) (i16x8.add (i16x8.extend_low_i8x16_u (local.get $t0))
        (i16x8.mul (i16x8.extend_low_i8x16_u (local.get $s0)) (i16x8.splat (i32.const 100)))))
      (v128.store (i32.const 12304) (i16x8.add (i16x8.extend_high_i8x16_u (local.get $t0))
        (i16x8.mul (i16x8.extend_high_i8x16_u (local.get $s0)) (i16x8.splat (i32.const 100)))))
      (v128.store (i32.const 12320) (i16x8.add (i16x8.extend_low_i8x16_u (local.get $t1))
        (i16x8.mul (i16x8.extend_low_i8x16_u (local.get $s1)) (i16x8.splat (i32.const 100)))))
      (v128.store (i32.const 12336) (i16x8.add (i16x8.extend_high_i8x16_u (local.get $t1))
        (i16x8.mul (i16x8.extend_high_i8x16_u (local.get $s1)) (i16x8.splat (i32.const 100)))))
      ;; The numbers up to the first separator that is not a comma ($last, 0 when all are commas).
      (local.set $last (i32.and (local.get $sep) (i32.xor (local.get $comma) (i32.const -1))))
      (local.set $last (i32.and (local.get $last) (i32.sub (i32.const 0) (local.get $last))))
      (local.set $sep (i32.and (local.get $sep) (i32.sub (i32.shl (local.get $last) (i32.const 1)) (i32.const 1))))
      ;; A comma after the n-th number: more numbers than n.
      (if (i32.ge_u (i32.add (local.get $out) (i32.shl (i32.popcnt (i32.xor (local.get $sep) (local.get $last))) (i32.const 3))) (local.get $end))
        (then (return (i32.const 0))))
      (local.set $k (i32.const 0))
      (loop $separator
        (local.set $pos (i32.ctz (local.get $sep)))
        (local.set $len (i32.sub (local.get $pos) (local.get $k)))
        (if (i32.lt_u (i32.sub (local.get $len) (i32.const 1)) (i32.const 4))
          (then
            (local.set $x (f64.convert_i32_u (i32.load16_u offset=12286 (i32.shl (local.get $pos) (i32.const 1))))))
          (else
            (if (i32.ge_u (i32.sub (local.get $len) (i32.const 1)) (i32.const 7)) (then (return (i32.const 0))))
            (local.set $w (i64.load (i32.add (local.get $q) (local.get $k))))
            (local.set $v (i64.and (i64.shl (local.get $w) (i64.extend_i32_u (i32.shl (i32.sub (i32.const 8) (local.get $len)) (i32.const 3)))) (i64.const 0x0f0f0f0f0f0f0f0f)))
            (local.set $v (i64.shr_u (i64.mul (local.get $v) (i64.const 2561)) (i64.const 8)))
            (local.set $v (i64.shr_u (i64.mul (i64.and (local.get $v) (i64.const 0x00ff00ff00ff00ff)) (i64.const 6553601)) (i64.const 16)))
            (local.set $v (i64.shr_u (i64.mul (i64.and (local.get $v) (i64.const 0x0000ffff0000ffff)) (i64.const 42949672960001)) (i64.const 32)))
            (local.set $x (f64.convert_i64_s (local.get $v)))))
        (f64.store (local.get $out) (local.get $x))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (local.set $k (i32.add (local.get $pos) (i32.const 1)))
        (local.set $sep (i32.and (local.get $sep) (i32.sub (local.get $sep) (i32.const 1))))
        (br_if $separator (local.get $sep)))
      ;; The array ends at ']' after exactly n numbers.
      (if (local.get $last) (then
        (return (select (i32.add (local.get $q) (local.get $k)) (i32.const 0)
          (i32.and (i32.eq (i32.load8_u (i32.add (local.get $q) (local.get $pos))) (i32.const 93)) (i32.eq (local.get $out) (local.get $end)))))))
      (local.set $q (i32.add (local.get $q) (local.get $k)))
      (br $block))
    (i32.const 0))

  ;; `[n numbers]` by $integers, else by $numbers.
  (func $array (param $i i32) (param $n i32) (param $out i32) (result i32)
    (local $r i32)
    (local.set $r (call $integers (local.get $i) (local.get $n) (local.get $out)))
    (if (result i32) (local.get $r) (then (local.get $r)) (else (call $numbers (local.get $i) (local.get $n) (local.get $out)))))

  ;; The id's value at i when it is a string without escapes or a number-like token: its bounds
  ;; in $idS/$idE and the index after it; 0 otherwise.
  (func $idValue (param $i i32) (result i32)
    (local $s i32) (local $c i32)
    (local.set $s (local.get $i))
    (local.set $c (i32.load8_u (local.get $i)))
    (if (i32.eq (local.get $c) (i32.const 34))
      (then
        (block $done (loop $string
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (local.set $c (i32.load8_u (local.get $i)))
          (br_if $done (i32.eq (local.get $c) (i32.const 34)))
          (if (i32.or (i32.eq (local.get $c) (i32.const 92)) (i32.eq (local.get $c) (i32.const 10))) (then (return (i32.const 0))))
          (br $string)))
        (local.set $i (i32.add (local.get $i) (i32.const 1))))
      (else
        (if (i32.eqz (i32.or (call $isDigit (local.get $c)) (i32.eq (local.get $c) (i32.const 45)))) (then (return (i32.const 0))))
        ;; digits, '.', 'e', 'E', '+', '-'
        (block $done (loop $token
          (br_if $done (i32.eqz (i32.or (i32.or (call $isDigit (local.get $c)) (i32.eq (local.get $c) (i32.const 46)))
            (i32.or (i32.or (i32.eq (i32.or (local.get $c) (i32.const 32)) (i32.const 101)) (i32.eq (local.get $c) (i32.const 43))) (i32.eq (local.get $c) (i32.const 45))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (local.set $c (i32.load8_u (local.get $i)))
          (br $token)))))
    (global.set $idS (local.get $s))
    (global.set $idE (local.get $i))
    (local.get $i))

  ;; One line from its first non-blank byte: the index of its '\n' when it is the common shape
  ;; (contents in data and ref, id bounds in $idS/$idE, both 0 without an id), else 0.
  (func $line (param $i i32) (param $n i32) (param $data i32) (param $ref i32) (result i32)
    (local $seen i32) (local $ks i32) (local $klen i32) (local $c i32)
    (global.set $idS (i32.const 0))
    (global.set $idE (i32.const 0))
    (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 123)) (then (return (i32.const 0))))
    (local.set $i (call $ws (i32.add (local.get $i) (i32.const 1))))
    (loop $key
      (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 34)) (then (return (i32.const 0))))
      (local.set $ks (i32.add (local.get $i) (i32.const 1)))
      (local.set $i (local.get $ks))
      (block $done (loop $name
        (local.set $c (i32.load8_u (local.get $i)))
        (br_if $done (i32.eq (local.get $c) (i32.const 34)))
        (if (i32.or (i32.eq (local.get $c) (i32.const 92)) (i32.eq (local.get $c) (i32.const 10))) (then (return (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $name)))
      (local.set $klen (i32.sub (local.get $i) (local.get $ks)))
      (local.set $i (call $ws (i32.add (local.get $i) (i32.const 1))))
      (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 58)) (then (return (i32.const 0))))
      (local.set $i (call $ws (i32.add (local.get $i) (i32.const 1))))
      (block $value
        ;; "data"
        (if (i32.and (i32.eq (local.get $klen) (i32.const 4)) (i32.eq (i32.load (local.get $ks)) (i32.const 0x61746164))) (then
          (if (i32.and (local.get $seen) (i32.const 1)) (then (return (i32.const 0))))
          (local.set $seen (i32.or (local.get $seen) (i32.const 1)))
          (local.set $i (call $array (local.get $i) (local.get $n) (local.get $data)))
          (br $value)))
        ;; "ref"
        (if (i32.and (i32.eq (local.get $klen) (i32.const 3))
                     (i32.and (i32.eq (i32.load16_u (local.get $ks)) (i32.const 0x6572)) (i32.eq (i32.load8_u offset=2 (local.get $ks)) (i32.const 0x66)))) (then
          (if (i32.and (local.get $seen) (i32.const 2)) (then (return (i32.const 0))))
          (local.set $seen (i32.or (local.get $seen) (i32.const 2)))
          (local.set $i (call $array (local.get $i) (local.get $n) (local.get $ref)))
          (br $value)))
        ;; "id"
        (if (i32.and (i32.eq (local.get $klen) (i32.const 2)) (i32.eq (i32.load16_u (local.get $ks)) (i32.const 0x6469))) (then
          (local.set $i (call $idValue (local.get $i)))
          (br $value)))
        (return (i32.const 0)))
      (if (i32.eqz (local.get $i)) (then (return (i32.const 0))))
      (local.set $i (call $ws (local.get $i)))
      (local.set $c (i32.load8_u (local.get $i)))
      (if (i32.ne (local.get $c) (i32.const 125)) (then
        (if (i32.ne (local.get $c) (i32.const 44)) (then (return (i32.const 0))))
        (local.set $i (call $ws (i32.add (local.get $i) (i32.const 1))))
        (br $key))))
    (local.set $i (call $ws (i32.add (local.get $i) (i32.const 1))))
    (if (i32.or (i32.ne (i32.load8_u (local.get $i)) (i32.const 10)) (i32.ne (local.get $seen) (i32.const 3))) (then (return (i32.const 0))))
    (local.get $i))

  ;; parse(base, len, n, data, ref, table): the chunk's bytes [base, base + len), followed by a '\n'
  ;; the caller wrote at base + len. Each non-blank line p gets a record of 8 i32 at table + 32p:
  ;; start, end (its '\n'), line number in the chunk, 1 when read here (contents at data + 8np,
  ;; ref + 8np) or 0 when JavaScript must read it, id start, id end (0: no id), 2 spare. Returns the
  ;; number of non-blank lines; `lines()` then gives all lines, blank ones included.
  (func (export "parse") (param $base i32) (param $len i32) (param $n i32) (param $data i32) (param $ref i32) (param $table i32) (result i32)
    (local $i i32) (local $end i32) (local $count i32) (local $line i32) (local $rec i32) (local $nl i32) (local $pairBytes i32)
    (local.set $i (local.get $base))
    (local.set $end (i32.add (local.get $base) (local.get $len)))
    (local.set $pairBytes (i32.shl (local.get $n) (i32.const 3)))
    (block $done (loop $lines
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $i (call $ws (local.get $i)))
      (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 10))
        (then
          (local.set $line (i32.add (local.get $line) (i32.const 1)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $lines)))
      (local.set $rec (i32.add (local.get $table) (i32.shl (local.get $count) (i32.const 5))))
      (local.set $nl (call $line (local.get $i) (local.get $n)
        (i32.add (local.get $data) (i32.mul (local.get $count) (local.get $pairBytes)))
        (i32.add (local.get $ref) (i32.mul (local.get $count) (local.get $pairBytes)))))
      (i32.store offset=12 (local.get $rec) (i32.ne (local.get $nl) (i32.const 0)))
      (i32.store offset=16 (local.get $rec) (global.get $idS))
      (i32.store offset=20 (local.get $rec) (global.get $idE))
      (if (i32.eqz (local.get $nl)) (then
        (local.set $nl (local.get $i))
        (block $found (loop $scan
          (br_if $found (i32.eq (i32.load8_u (local.get $nl)) (i32.const 10)))
          (local.set $nl (i32.add (local.get $nl) (i32.const 1)))
          (br $scan)))))
      (i32.store offset=0 (local.get $rec) (local.get $i))
      (i32.store offset=4 (local.get $rec) (local.get $nl))
      (i32.store offset=8 (local.get $rec) (local.get $line))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (local.set $line (i32.add (local.get $line) (i32.const 1)))
      (local.set $i (i32.add (local.get $nl) (i32.const 1)))
      (br $lines)))
    (global.set $lines (local.get $line))
    (local.get $count))

  (func (export "lines") (result i32) (global.get $lines))

  ;; ---------------------------------------------------------------- numbers out

  ;; The high 64 bits of the unsigned 128-bit product a·b.
  (func $mulhi (param $a i64) (param $b i64) (result i64)
    (local $al i64) (local $ah i64) (local $bl i64) (local $bh i64) (local $ll i64) (local $hl i64) (local $cross i64)
    (local.set $al (i64.and (local.get $a) (i64.const 0xffffffff)))
    (local.set $ah (i64.shr_u (local.get $a) (i64.const 32)))
    (local.set $bl (i64.and (local.get $b) (i64.const 0xffffffff)))
    (local.set $bh (i64.shr_u (local.get $b) (i64.const 32)))
    (local.set $ll (i64.mul (local.get $al) (local.get $bl)))
    (local.set $hl (i64.mul (local.get $ah) (local.get $bl)))
    (local.set $cross (i64.add (i64.add (i64.shr_u (local.get $ll) (i64.const 32)) (i64.and (local.get $hl) (i64.const 0xffffffff)))
                               (i64.mul (local.get $al) (local.get $bh))))
    (i64.add (i64.add (i64.mul (local.get $ah) (local.get $bh)) (i64.shr_u (local.get $hl) (i64.const 32))) (i64.shr_u (local.get $cross) (i64.const 32))))

  ;; Schubfach's rop: the product of g = g1·2^63 + g0 and cp, scaled by 2^−127, rounded to odd.
  (func $rop (param $g1 i64) (param $g0 i64) (param $cp i64) (result i64)
    (local $x1 i64) (local $z i64)
    (local.set $x1 (call $mulhi (local.get $g0) (local.get $cp)))
    (local.set $z (i64.add (i64.shr_u (i64.mul (local.get $g1) (local.get $cp)) (i64.const 1)) (local.get $x1)))
    (i64.or (i64.add (call $mulhi (local.get $g1) (local.get $cp)) (i64.shr_u (local.get $z) (i64.const 63)))
            (i64.shr_u (i64.add (i64.and (local.get $z) (i64.const 0x7fffffffffffffff)) (i64.const 0x7fffffffffffffff)) (i64.const 63))))

  ;; Schubfach's toDecimal for c·2^q: the decimal $F·10^$E (digits may end in zeros).
  (func $todec (param $q i32) (param $c i64) (param $dk i32)
    (local $out i64) (local $cb i64) (local $cbl i64) (local $cbr i64) (local $k i32) (local $h i32) (local $g i32)
    (local $g1 i64) (local $g0 i64) (local $vb i64) (local $vbl i64) (local $vbr i64) (local $s i64) (local $t i64)
    (local $sp10 i64) (local $tp10 i64) (local $upin i32) (local $wpin i32) (local $cmp i64)
    (local.set $out (i64.and (local.get $c) (i64.const 1)))
    (local.set $cb (i64.shl (local.get $c) (i64.const 2)))
    (local.set $cbr (i64.add (local.get $cb) (i64.const 2)))
    (if (i32.or (i64.ne (local.get $c) (i64.const 0x10000000000000)) (i32.eq (local.get $q) (i32.const -1074)))
      (then
        (local.set $cbl (i64.sub (local.get $cb) (i64.const 2)))
        ;; floor(log10 2^q)
        (local.set $k (i32.wrap_i64 (i64.shr_s (i64.mul (i64.extend_i32_s (local.get $q)) (i64.const 661971961083)) (i64.const 41)))))
      (else
        (local.set $cbl (i64.sub (local.get $cb) (i64.const 1)))
        ;; floor(log10 (3/4)·2^q)
        (local.set $k (i32.wrap_i64 (i64.shr_s (i64.sub (i64.mul (i64.extend_i32_s (local.get $q)) (i64.const 661971961083)) (i64.const 274743187321)) (i64.const 41))))))
    ;; h = q + floor(log2 10^−k) + 2
    (local.set $h (i32.add (i32.add (local.get $q) (i32.wrap_i64 (i64.shr_s (i64.mul (i64.extend_i32_s (i32.sub (i32.const 0) (local.get $k))) (i64.const 913124641741)) (i64.const 38)))) (i32.const 2)))
    (local.set $g (i32.add (i32.const 2048) (i32.shl (i32.add (local.get $k) (i32.const 324)) (i32.const 4))))
    (local.set $g1 (i64.load (local.get $g)))
    (local.set $g0 (i64.load offset=8 (local.get $g)))
    (local.set $vb (call $rop (local.get $g1) (local.get $g0) (i64.shl (local.get $cb) (i64.extend_i32_u (local.get $h)))))
    (local.set $vbl (call $rop (local.get $g1) (local.get $g0) (i64.shl (local.get $cbl) (i64.extend_i32_u (local.get $h)))))
    (local.set $vbr (call $rop (local.get $g1) (local.get $g0) (i64.shl (local.get $cbr) (i64.extend_i32_u (local.get $h)))))
    (local.set $s (i64.shr_u (local.get $vb) (i64.const 2)))
    (if (i64.ge_u (local.get $s) (i64.const 10)) (then
      ;; One digit fewer: sp10 = 10·floor(s/10) and tp10 = sp10 + 10, at most one of them in the interval.
      (local.set $sp10 (i64.mul (i64.const 10) (call $mulhi (local.get $s) (i64.const 1844674407370955168))))
      (local.set $tp10 (i64.add (local.get $sp10) (i64.const 10)))
      (local.set $upin (i64.le_u (i64.add (local.get $vbl) (local.get $out)) (i64.shl (local.get $sp10) (i64.const 2))))
      (local.set $wpin (i64.le_u (i64.add (i64.shl (local.get $tp10) (i64.const 2)) (local.get $out)) (local.get $vbr)))
      (if (i32.ne (local.get $upin) (local.get $wpin)) (then
        (global.set $F (select (local.get $sp10) (local.get $tp10) (local.get $upin)))
        (global.set $E (i32.add (local.get $k) (local.get $dk)))
        (return)))))
    (local.set $t (i64.add (local.get $s) (i64.const 1)))
    (local.set $upin (i64.le_u (i64.add (local.get $vbl) (local.get $out)) (i64.shl (local.get $s) (i64.const 2))))
    (local.set $wpin (i64.le_u (i64.add (i64.shl (local.get $t) (i64.const 2)) (local.get $out)) (local.get $vbr)))
    (global.set $E (i32.add (local.get $k) (local.get $dk)))
    (if (i32.ne (local.get $upin) (local.get $wpin)) (then
      (global.set $F (select (local.get $s) (local.get $t) (local.get $upin)))
      (return)))
    ;; Both in: the closer, ties to even.
    (local.set $cmp (i64.sub (local.get $vb) (i64.shl (i64.add (local.get $s) (local.get $t)) (i64.const 1))))
    (global.set $F (select (local.get $s) (local.get $t)
      (i32.or (i64.lt_s (local.get $cmp) (i64.const 0))
              (i32.and (i64.eqz (local.get $cmp)) (i64.eqz (i64.and (local.get $s) (i64.const 1))))))))

  ;; Writes the decimal digits of f (0 < f < 2^70) so that they end just before `end`. Divisions
  ;; by constants as multiplications: floor(f/10^8) = floor(f·m/2^90) with m = ceil(2^90/10^8) for f < 2^70, and
  ;; floor(r/100) = floor(r·1374389535/2^37) for any 32-bit r.
  (func $digits (param $f i64) (param $end i32)
    (local $q i64) (local $r i32) (local $h i32) (local $j i32)
    (local $al i64) (local $ah i64) (local $hl i64) (local $cross i64)
    (block $done (loop $eight
      (br_if $done (i64.lt_u (local.get $f) (i64.const 100000000)))
      ;; q = high 64 bits of f·0xabcc77118461cefd, then >> 26.
      (local.set $al (i64.and (local.get $f) (i64.const 0xffffffff)))
      (local.set $ah (i64.shr_u (local.get $f) (i64.const 32)))
      (local.set $hl (i64.mul (local.get $ah) (i64.const 0x8461cefd)))
      (local.set $cross (i64.add (i64.add (i64.shr_u (i64.mul (local.get $al) (i64.const 0x8461cefd)) (i64.const 32)) (i64.and (local.get $hl) (i64.const 0xffffffff)))
                                 (i64.mul (local.get $al) (i64.const 0xabcc7711))))
      (local.set $q (i64.shr_u (i64.add (i64.add (i64.mul (local.get $ah) (i64.const 0xabcc7711)) (i64.shr_u (local.get $hl) (i64.const 32))) (i64.shr_u (local.get $cross) (i64.const 32))) (i64.const 26)))
      (local.set $r (i32.wrap_i64 (i64.sub (local.get $f) (i64.mul (local.get $q) (i64.const 100000000)))))
      (local.set $j (i32.const 0))
      (loop $pairs
        (local.set $h (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u (local.get $r)) (i64.const 1374389535)) (i64.const 37))))
        (local.set $end (i32.sub (local.get $end) (i32.const 2)))
        (i32.store16 (local.get $end) (i32.load16_u offset=512 (i32.shl (i32.sub (local.get $r) (i32.mul (local.get $h) (i32.const 100))) (i32.const 1))))
        (local.set $r (local.get $h))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $pairs (i32.lt_u (local.get $j) (i32.const 4))))
      (local.set $f (local.get $q))
      (br $eight)))
    (local.set $r (i32.wrap_i64 (local.get $f)))
    (block $done (loop $pairs
      (br_if $done (i32.lt_u (local.get $r) (i32.const 100)))
      (local.set $h (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u (local.get $r)) (i64.const 1374389535)) (i64.const 37))))
      (local.set $end (i32.sub (local.get $end) (i32.const 2)))
      (i32.store16 (local.get $end) (i32.load16_u offset=512 (i32.shl (i32.sub (local.get $r) (i32.mul (local.get $h) (i32.const 100))) (i32.const 1))))
      (local.set $r (local.get $h))
      (br $pairs)))
    (if (i32.ge_u (local.get $r) (i32.const 10))
      (then (i32.store16 (i32.sub (local.get $end) (i32.const 2)) (i32.load16_u offset=512 (i32.shl (local.get $r) (i32.const 1)))))
      (else (i32.store8 (i32.sub (local.get $end) (i32.const 1)) (i32.add (i32.const 48) (local.get $r))))))

  ;; f·10^e (f > 0) at pos as Number::toString lays it out; returns the index after it.
  (func $chars (param $f i64) (param $e i32) (param $pos i32) (result i32)
    (local $q i64) (local $len i32) (local $n i32) (local $i i32) (local $x i32)
    ;; Trailing zeros off, without dividing: f is a multiple of 10 when it is even and (f/2)·5^−1
    ;; (mod 2^64) is at most (2^64 − 1)/5, and that product is then f/10.
    (block $done (loop $zeros
      (local.set $q (i64.mul (i64.shr_u (local.get $f) (i64.const 1)) (i64.const 0xcccccccccccccccd)))
      (br_if $done (i32.or (i32.wrap_i64 (i64.and (local.get $f) (i64.const 1))) (i64.gt_u (local.get $q) (i64.const 0x3333333333333333))))
      (local.set $f (local.get $q))
      (local.set $e (i32.add (local.get $e) (i32.const 1)))
      (br $zeros)))
    ;; Digits: floor(log10 2^bits) estimated, then corrected by one comparison.
    (local.set $len (i32.shr_u (i32.mul (i32.sub (i32.const 64) (i32.wrap_i64 (i64.clz (local.get $f)))) (i32.const 1233)) (i32.const 12)))
    (local.set $len (i32.add (local.get $len) (i64.ge_u (local.get $f) (i64.load offset=256 (i32.shl (local.get $len) (i32.const 3))))))
    (local.set $n (i32.add (local.get $e) (local.get $len)))
    ;; k <= n <= 21: the digits and n − k zeros.
    (if (i32.and (i32.ge_s (local.get $n) (local.get $len)) (i32.le_s (local.get $n) (i32.const 21))) (then
      (call $digits (local.get $f) (i32.add (local.get $pos) (local.get $len)))
      (local.set $i (i32.add (local.get $pos) (local.get $len)))
      (local.set $pos (i32.add (local.get $pos) (local.get $n)))
      (block $done (loop $fill
        (br_if $done (i32.ge_u (local.get $i) (local.get $pos)))
        (i32.store8 (local.get $i) (i32.const 48))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $fill)))
      (return (local.get $pos))))
    ;; 0 < n <= 21: a point after n digits.
    (if (i32.and (i32.gt_s (local.get $n) (i32.const 0)) (i32.le_s (local.get $n) (i32.const 21))) (then
      (call $digits (local.get $f) (i32.add (i32.add (local.get $pos) (local.get $len)) (i32.const 1)))
      (local.set $i (i32.const 0))
      (block $done (loop $shift
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store8 (i32.add (local.get $pos) (local.get $i)) (i32.load8_u offset=1 (i32.add (local.get $pos) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $shift)))
      (i32.store8 (i32.add (local.get $pos) (local.get $n)) (i32.const 46))
      (return (i32.add (i32.add (local.get $pos) (local.get $len)) (i32.const 1)))))
    ;; −6 < n <= 0: "0." and −n zeros before the digits.
    (if (i32.and (i32.gt_s (local.get $n) (i32.const -6)) (i32.le_s (local.get $n) (i32.const 0))) (then
      (i32.store16 (local.get $pos) (i32.const 0x2e30))
      (local.set $i (i32.add (local.get $pos) (i32.const 2)))
      (local.set $pos (i32.sub (local.get $i) (local.get $n)))
      (block $done (loop $fill
        (br_if $done (i32.ge_u (local.get $i) (local.get $pos)))
        (i32.store8 (local.get $i) (i32.const 48))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $fill)))
      (call $digits (local.get $f) (i32.add (local.get $pos) (local.get $len)))
      (return (i32.add (local.get $pos) (local.get $len)))))
    ;; Otherwise d[.ddd]e+-x.
    (if (i32.eq (local.get $len) (i32.const 1))
      (then
        (i32.store8 (local.get $pos) (i32.add (i32.const 48) (i32.wrap_i64 (local.get $f))))
        (local.set $pos (i32.add (local.get $pos) (i32.const 1))))
      (else
        (call $digits (local.get $f) (i32.add (i32.add (local.get $pos) (local.get $len)) (i32.const 1)))
        (i32.store8 (local.get $pos) (i32.load8_u offset=1 (local.get $pos)))
        (i32.store8 offset=1 (local.get $pos) (i32.const 46))
        (local.set $pos (i32.add (i32.add (local.get $pos) (local.get $len)) (i32.const 1)))))
    (local.set $x (i32.sub (local.get $n) (i32.const 1)))
    (i32.store8 (local.get $pos) (i32.const 101))
    (i32.store8 offset=1 (local.get $pos) (select (i32.const 45) (i32.const 43) (i32.lt_s (local.get $x) (i32.const 0))))
    (local.set $pos (i32.add (local.get $pos) (i32.const 2)))
    (if (i32.lt_s (local.get $x) (i32.const 0)) (then (local.set $x (i32.sub (i32.const 0) (local.get $x)))))
    (if (i32.ge_u (local.get $x) (i32.const 100)) (then
      (i32.store8 (local.get $pos) (i32.add (i32.const 48) (i32.div_u (local.get $x) (i32.const 100))))
      (local.set $x (i32.rem_u (local.get $x) (i32.const 100)))
      (i32.store16 offset=1 (local.get $pos) (i32.load16_u offset=512 (i32.shl (local.get $x) (i32.const 1))))
      (return (i32.add (local.get $pos) (i32.const 3)))))
    (if (i32.ge_u (local.get $x) (i32.const 10)) (then
      (i32.store16 (local.get $pos) (i32.load16_u offset=512 (i32.shl (local.get $x) (i32.const 1))))
      (return (i32.add (local.get $pos) (i32.const 2)))))
    (i32.store8 (local.get $pos) (i32.add (i32.const 48) (local.get $x)))
    (i32.add (local.get $pos) (i32.const 1)))

  ;; number(x, pos): x as JSON at pos (String(x), or null when x is not finite); the index after it.
  (func $number (export "number") (param $x f64) (param $pos i32) (result i32)
    (local $bits i64) (local $bq i32) (local $t i64) (local $mq i32) (local $c i64) (local $f i64)
    (local.set $bits (i64.reinterpret_f64 (local.get $x)))
    (local.set $bq (i32.and (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 52))) (i32.const 0x7ff)))
    (local.set $t (i64.and (local.get $bits) (i64.const 0xfffffffffffff)))
    (if (i32.eq (local.get $bq) (i32.const 0x7ff)) (then
      (i32.store (local.get $pos) (i32.load (i32.const 784)))
      (return (i32.add (local.get $pos) (i32.const 4)))))
    (if (i32.and (i32.eqz (local.get $bq)) (i64.eqz (local.get $t))) (then
      (i32.store8 (local.get $pos) (i32.const 48))
      (return (i32.add (local.get $pos) (i32.const 1)))))
    (if (i64.lt_s (local.get $bits) (i64.const 0)) (then
      (i32.store8 (local.get $pos) (i32.const 45))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))))
    (if (local.get $bq)
      (then
        (local.set $mq (i32.sub (i32.const 1075) (local.get $bq)))
        (local.set $c (i64.or (local.get $t) (i64.const 0x10000000000000)))
        ;; Integers below 2^53: the value itself.
        (if (i32.and (i32.gt_s (local.get $mq) (i32.const 0)) (i32.lt_s (local.get $mq) (i32.const 53))) (then
          (local.set $f (i64.shr_u (local.get $c) (i64.extend_i32_u (local.get $mq))))
          (if (i64.eq (i64.shl (local.get $f) (i64.extend_i32_u (local.get $mq))) (local.get $c)) (then
            (return (call $chars (local.get $f) (i32.const 0) (local.get $pos)))))))
        (call $todec (i32.sub (i32.const 0) (local.get $mq)) (local.get $c) (i32.const 0)))
      (else
        (if (i64.lt_u (local.get $t) (i64.const 3))
          (then (call $todec (i32.const -1074) (i64.mul (local.get $t) (i64.const 10)) (i32.const -1)))
          (else (call $todec (i32.const -1074) (local.get $t) (i32.const 0))))))
    (call $chars (global.get $F) (global.get $E) (local.get $pos)))

  ;; The 16-byte slot at `slot` to pos (only `len` bytes count: the rest is overwritten next).
  (func $put (param $pos i32) (param $slot i32) (param $len i32) (result i32)
    (i64.store (local.get $pos) (i64.load (local.get $slot)))
    (i64.store offset=8 (local.get $pos) (i64.load offset=8 (local.get $slot)))
    (i32.add (local.get $pos) (local.get $len)))

  ;; A status word: `fail` (INVALID or INSUF_STAT from the kernel) or QCriterion's rule on score.
  (func $status (param $pos i32) (param $fail i32) (param $score f64) (param $error f64) (param $warning f64) (result i32)
    (if (i32.eq (local.get $fail) (i32.const 60)) (then (return (call $put (local.get $pos) (i32.const 944) (i32.const 7)))))
    (if (i32.eq (local.get $fail) (i32.const 70)) (then (return (call $put (local.get $pos) (i32.const 960) (i32.const 10)))))
    (if (i32.or (f64.ne (local.get $score) (local.get $score)) (f64.lt (local.get $score) (f64.const 0))) (then (return (call $put (local.get $pos) (i32.const 944) (i32.const 7)))))
    (if (f64.lt (local.get $score) (local.get $error)) (then (return (call $put (local.get $pos) (i32.const 976) (i32.const 5)))))
    (if (f64.lt (local.get $score) (local.get $warning)) (then (return (call $put (local.get $pos) (i32.const 992) (i32.const 7)))))
    (call $put (local.get $pos) (i32.const 1008) (i32.const 2)))

  ;; format(count, table, results, cap, mode, error, warning, pos): one JSON line per record from
  ;; pos; returns the end. Results are the 7 f64 arrays of batch-layout's RESULT_FIELDS, `cap`
  ;; apart. mode 0: χ² and KS, 1: χ² only, 2: KS only. A record whose flag is 2 (an unusable line)
  ;; gets no output: its slot 6 is set to where its error line goes.
  (func (export "format") (param $count i32) (param $table i32) (param $res i32) (param $cap i32) (param $mode i32) (param $error f64) (param $warning f64) (param $pos i32) (result i32)
    (local $p i32) (local $rec i32) (local $r i32) (local $stride i32) (local $s i32) (local $e i32) (local $fail i32)
    (local.set $stride (i32.shl (local.get $cap) (i32.const 3)))
    (block $done (loop $pairs
      (br_if $done (i32.ge_u (local.get $p) (local.get $count)))
      (local.set $rec (i32.add (local.get $table) (i32.shl (local.get $p) (i32.const 5))))
      (local.set $r (i32.add (local.get $res) (i32.shl (local.get $p) (i32.const 3))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (if (i32.eq (i32.load offset=12 (local.get $rec)) (i32.const 2)) (then
        (i32.store offset=24 (local.get $rec) (local.get $pos))
        (br $pairs)))
      (local.set $pos (call $put (local.get $pos) (i32.const 768) (i32.const 6)))
      (local.set $s (i32.load offset=16 (local.get $rec)))
      (local.set $e (i32.load offset=20 (local.get $rec)))
      (if (i32.eqz (local.get $e))
        (then (local.set $pos (call $put (local.get $pos) (i32.const 784) (i32.const 4))))
        (else
          ;; The id's bytes, 8 at a time (bytes past its end are overwritten next).
          (local.set $e (i32.add (local.get $pos) (i32.sub (local.get $e) (local.get $s))))
          (block $copied (loop $copy
            (br_if $copied (i32.ge_u (local.get $pos) (local.get $e)))
            (i64.store (local.get $pos) (i64.load (local.get $s)))
            (local.set $pos (i32.add (local.get $pos) (i32.const 8)))
            (local.set $s (i32.add (local.get $s) (i32.const 8)))
            (br $copy)))
          (local.set $pos (local.get $e))))
      (local.set $fail (i32.trunc_sat_f64_u (f64.load (i32.add (local.get $r) (i32.mul (local.get $stride) (i32.const 6))))))
      (if (i32.ne (local.get $mode) (i32.const 2)) (then
        (local.set $pos (call $number (f64.load (local.get $r)) (call $put (local.get $pos) (i32.const 800) (i32.const 8))))
        (local.set $pos (call $number (f64.load (i32.add (local.get $r) (local.get $stride))) (call $put (local.get $pos) (i32.const 816) (i32.const 7))))
        (local.set $pos (call $number (f64.load (i32.add (local.get $r) (i32.shl (local.get $stride) (i32.const 1)))) (call $put (local.get $pos) (i32.const 832) (i32.const 14))))
        (local.set $pos (call $number (f64.load (i32.add (local.get $r) (i32.mul (local.get $stride) (i32.const 3)))) (call $put (local.get $pos) (i32.const 848) (i32.const 9))))
        (local.set $pos (call $status (call $put (local.get $pos) (i32.const 864) (i32.const 15)) (local.get $fail)
          (f64.load (i32.add (local.get $r) (i32.shl (local.get $stride) (i32.const 1)))) (local.get $error) (local.get $warning)))
        (if (i32.eq (local.get $mode) (i32.const 1)) (then
          (local.set $pos (call $put (local.get $pos) (i32.const 928) (i32.const 3)))
          (br $pairs)))
        (local.set $pos (call $put (local.get $pos) (i32.const 1024) (i32.const 1)))))
      (local.set $pos (call $number (f64.load (i32.add (local.get $r) (i32.shl (local.get $stride) (i32.const 2)))) (call $put (local.get $pos) (i32.const 880) (i32.const 14))))
      (local.set $pos (call $number (f64.load (i32.add (local.get $r) (i32.mul (local.get $stride) (i32.const 5)))) (call $put (local.get $pos) (i32.const 896) (i32.const 12))))
      (local.set $pos (call $status (call $put (local.get $pos) (i32.const 912) (i32.const 13)) (local.get $fail)
        (f64.load (i32.add (local.get $r) (i32.mul (local.get $stride) (i32.const 5)))) (local.get $error) (local.get $warning)))
      (local.set $pos (call $put (local.get $pos) (i32.const 928) (i32.const 3)))
      (br $pairs)))
    (local.get $pos))

  ;; Schubfach's g table (see the header), 617 entries of 16 bytes.
  (data (i32.const 2048) "\d4\8d\71\5a\c9\ed\0c\4f\b5\d1\a0\9a\b0\e8\01\5b\21\16\1c\f7\0e\16\7b\7e\ee\b5\67\f7\80\a7\9c\11\b4\11\b0\c5\d8\44\2f\65\f2\f7\52\2c\67\ec\16\0e\29\0e\c0\37\7a\9d\f2\50\f5\5f\42\f0\b8\56\12\58\ba\71\66\f9\94\17\c2\40\91\19\35\c0\60\45\a8\79\f7\b5\70\f5\87\f2\9c\67\81\c2\21\cd\9a\08\da\75\f9\f7\26\91\39\f5\e3\52\01\02\1b\a4\48\6d\ae\44\94\f9\eb\40\61\f7\4f\42\cd\34\af\e9\06\f1\f1\36\20\5c\46\ce\ce\8b\19\6a\7b\54\18\a9\a4\81\e9\57\4d\e3\d1\71\a5\3c\e1\54\c9\76\13\54\1d\ce\ba\2c\a4\82\41\8e\b7\63\e7\43\6e\c5\42\43\e4\a4\c8\23\3a\04\9c\e3\58\6c\a5\6c\b0\08\9e\6b\a0\d4\0d\06\fb\9c\49\e9\13\bd\ea\56\59\6d\7e\bc\e6\76\71\1e\c8\b0\07\21\43\97\88\45\e1\bd\fe\c9\eb\2b\c1\7e\a7\e7\a5\01\05\f2\40\6f\35\96\97\a9\df\df\01\7e\b9\1f\eb\9a\9d\c1\00\59\f7\44\79\54\19\b3\34\4b\c7\7f\22\af\17\ce\33\47\93\9d\fa\a9\7a\c2\c3\55\72\cc\d0\b1\f2\7c\ec\71\ea\c8\5d\76\f7\03\06\56\8e\a3\40\8e\28\97\23\5b\55\3a\7e\2b\f9\cf\04\78\3f\e9\66\0b\ba\45\e9\48\11\95\fe\55\c7\0c\37\13\fe\41\3e\12\90\6f\a8\74\1b\88\ca\bc\0b\ae\f1\51\fe\67\cb\41\73\8c\53\5d\af\39\d5\63\09\58\c1\74\65\86\6f\01\29\3d\a9\4a\f3\fa\10\83\07\e0\cd\43\3c\0a\4c\02\a8\2e\75\77\1e\2b\1b\38\3f\33\16\06\96\6e\d6\01\20\f2\90\5f\b1\55\af\f9\98\c2\11\38\de\be\de\67\e6\f4\73\4c\28\de\25\2e\47\35\0e\60\64\31\31\a6\70\21\53\7a\3f\30\d6\49\d8\ee\49\33\83\27\f4\84\c0\1a\dc\61\33\c0\11\3b\e0\8b\a1\42\69\ec\5c\6a\00\af\49\4e\f5\cc\a7\95\e6\6f\b4\1b\a8\e0\c7\43\9a\b1\42\7d\55\ae\3f\bc\3d\e6\53\2c\20\1a\d3\cf\e1\5a\35\64\aa\be\ff\fc\ca\51\76\23\b3\e1\a8\0c\1b\af\2a\50\88\98\cc\30\6f\41\f8\35\c2\e7\53\3d\af\25\22\40\6d\e0\d6\f3\58\34\60\5e\37\d9\1f\62\18\09\9d\66\7b\cd\57\b9\f4\86\33\4a\92\7a\19\e8\79\3a\17\52\96\d7\df\2d\2a\9f\8f\6e\db\2e\e1\ec\c7\2e\ac\41\ab\df\7f\f1\54\7f\0c\72\c6\17\35\ae\0c\7e\13\69\45\cc\ff\1b\bb\cb\e0\1c\38\46\f7\24\0a\98\0f\54\9e\d6\ff\af\95\3c\1a\17\60\6b\5f\ea\d4\ac\3f\43\18\12\33\f3\aa\63\7b\12\99\78\65\dd\87\14\99\6b\26\50\eb\51\de\05\5f\6a\14\fa\1d\b1\6c\10\14\56\52\73\ef\a7\7e\d1\18\55\dd\94\b1\8d\f0\d9\dc\44\a8\c2\f2\1f\32\41\7a\2a\fb\ba\b5\e2\80\29\2e\6e\3f\04\1e\33\50\68\90\5d\2f\2f\5e\b5\00\ee\24\58\99\36\4b\8f\a6\86\73\64\59\bf\b1\2a\9a\f1\83\46\7b\f8\08\d9\1e\d2\c2\36\28\32\e9\dd\29\1c\d3\70\5d\5a\0e\28\fe\1c\9e\57\ed\f4\20\4b\ee\7c\42\5a\7e\7b\0b\20\98\7d\7e\2c\f1\c3\80\a2\be\30\35\48\32\c9\a2\19\e0\ca\fe\09\4e\06\ce\d0\fd\4d\88\73\b6\0e\9e\c2\99\44\31\43\0b\05\d8\73\31\0b\6d\5c\91\d8\e4\ce\47\9d\5a\4f\a2\9d\79\29\c1\d5\f0\49\41\ad\50\72\39\e4\ae\72\d1\95\c2\a8\ce\22\4e\76\68\48\b4\83\f5\39\7e\37\41\de\ce\53\a5\e8\a4\5e\87\d3\29\36\91\61\cb\12\00\e5\0b\43\84\20\b7\4b\05\76\21\f8\40\81\6f\75\67\6e\79\9e\d3\00\25\79\3c\23\cf\59\ce\ce\18\6f\b9\be\fa\b1\0f\67\ea\60\fd\e8\d8\47\d8\0b\47\3f\94\98\c8\f4\72\52\88\4d\ca\20\47\06\ad\3c\9f\32\ed\c0\0d\ee\b7\50\0d\7c\43\01\a5\a3\e1\2d\65\37\24\67\71\be\2c\da\3d\63\36\34\b7\4f\81\f1\50\2c\83\52\f4\31\8a\ae\64\4f\2b\90\92\0c\01\8e\0d\3d\6b\ea\86\e9\a9\7d\07\7f\45\80\ea\e0\34\e3\48\7b\89\bb\38\21\bb\97\9f\65\9d\66\88\4d\2a\1c\07\49\a1\2f\fa\80\62\79\4c\51\e4\1e\6d\a4\ee\7c\d2\20\4d\59\fb\33\b5\fa\09\41\1d\7f\8a\83\58\ca\0e\67\16\c2\2b\53\88\f7\0f\68\62\cb\10\6c\5a\dd\4a\0b\ab\01\23\dc\39\f9\3f\53\4e\3c\da\bc\ae\4a\a2\22\ef\9a\b5\49\2e\94\99\42\d8\c9\e1\63\25\a2\4e\35\18\2b\bc\42\7d\53\8f\6a\5a\a9\cf\9f\08\9d\4a\55\46\ef\fc\ce\fd\75\3f\55\ae\ba\3f\e6\06\e4\6e\77\38\8c\fd\0b\cb\c4\32\44\25\62\99\1e\9f\e9\8b\5f\f4\79\62\46\ab\07\1e\6d\08\9d\28\64\cb\75\79\32\90\61\e8\d1\55\39\4b\57\6d\4a\ed\1c\09\2b\61\28\0d\4e\20\db\77\c7\d5\45\24\d5\bd\b0\6d\22\b4\06\7b\16\9a\5e\59\72\bc\6f\06\55\c9\1a\49\6a\53\24\fc\11\48\e5\ad\8e\63\59\05\44\d4\7b\3a\88\0f\1d\96\41\d3\1d\8b\d8\82\47\04\d0\a9\fc\61\d3\72\4a\8a\02\52\c9\11\f4\6a\72\d3\4c\a9\fa\cf\eb\ea\43\3b\35\db\6d\41\c3\88\5b\a9\70\87\c8\0c\23\ef\4f\96\2a\7c\f1\cd\35\3a\49\ee\26\39\6d\3d\4f\bf\0c\89\aa\c6\e8\af\ef\29\75\7c\71\5b\48\62\18\32\61\07\22\d2\53\26\26\bb\5d\fd\8d\af\06\b5\46\5b\67\6c\4e\db\0f\85\1e\fc\4a\64\3e\59\05\c4\6b\af\52\47\4a\c5\7f\6e\ca\f9\77\6d\fd\c1\3b\d3\12\7f\37\9f\6e\37\66\58\08\fb\5f\bd\ca\34\96\42\42\ff\45\b2\8b\5f\eb\79\d3\c8\4c\cb\3b\2a\78\68\9b\32\6b\51\ac\65\45\f6\eb\da\7a\77\2c\dd\59\da\2b\84\2b\a7\56\51\04\c5\bc\48\62\f9\89\4a\ae\ae\bc\69\3c\52\45\74\03\04\97\a0\4e\94\a1\3b\58\25\ca\87\63\1e\a2\53\d2\6c\be\cd\7d\ed\68\5f\c0\3b\10\a6\05\7e\4e\a9\0e\57\98\a4\64\8a\ed\e5\99\fc\0c\b8\37\98\0b\21\72\12\ad\83\50\08\be\84\e1\96\3d\93\2c\79\3c\e7\f4\41\57\69\40\07\98\d0\1a\df\ca\75\70\5c\fa\71\21\03\f2\0e\67\a4\59\e7\2a\98\44\89\4d\b0\2e\5b\b4\35\5b\72\52\50\e1\85\55\13\6a\07\3e\26\f2\48\90\c4\15\f5\41\0d\81\d1\aa\42\bb\d2\64\3e\50\0e\1a\d4\22\88\69\15\68\82\44\04\92\b7\07\cb\d9\71\ae\a9\e8\6c\54\44\53\68\d0\69\0e\c6\1f\3c\ae\f4\f1\ba\53\8a\43\9d\42\20\0d\bb\3e\6b\19\2d\7d\87\e9\f7\85\10\6c\94\6a\00\15\f8\fd\11\0f\bd\fd\05\ee\5f\9e\73\56\43\55\00\44\93\31\db\58\97\64\9e\f1\7f\4b\29\45\9c\aa\66\36\dc\5a\af\60\8c\3a\ca\b5\cc\78\a8\6e\c7\dd\3d\8a\93\c4\4b\34\d6\2e\08\2b\0a\c7\86\58\d2\17\cb\a1\0f\6a\09\5d\12\bf\39\ef\d4\38\d2\46\75\79\a2\b4\3f\bb\3a\17\1d\98\8f\4b\ee\5a\50\71\88\f5\03\21\99\2b\91\0b\e4\ac\3f\09\25\af\a6\5a\d3\2a\03\b4\ad\ef\40\09\50\8a\cc\6d\ea\58\85\48\a9\88\02\90\24\26\67\07\4c\dd\e0\e2\43\8e\08\74\0e\41\37\b3\6d\a3\3e\72\70\17\e7\1b\03\a5\d3\5c\a5\cd\c5\f5\8a\4f\65\5b\f3\45\1f\e3\68\ea\42\4a\eb\0a\6b\91\d5\72\b7\62\86\09\32\38\0e\77\d1\76\dd\77\de\1b\bc\b7\58\04\6b\d4\f4\2c\d8\f8\0d\5f\18\93\4b\16\30\c6\13\1d\ef\a9\90\bd\79\2d\0b\4c\13\dc\a2\de\8c\9e\dc\30\7f\a9\1a\fc\f5\7b\ab\79\51\93\04\31\ae\fd\60\01\ff\ed\ae\c9\c4\fc\55\61\0e\a9\03\f4\24\fe\b3\1a\65\be\58\a1\d0\63\de\4d\a5\ed\02\90\1d\98\29\62\a2\30\c1\9b\1a\06\97\7c\a1\e2\37\b3\95\26\dc\69\e8\26\34\16\e2\04\ac\63\1b\82\f9\28\de\1e\b0\54\20\1f\90\de\b4\d0\bc\4f\e2\34\61\ba\b1\18\c0\43\67\cb\19\64\21\81\94\7f\9d\54\68\5d\1c\c1\99\1f\52\3c\ae\e9\4d\67\10\66\7e\10\ed\7d\e3\00\7b\4c\42\30\58\21\0b\b9\a6\51\65\40\57\fe\b5\00\fc\09\ce\59\13\81\a2\2d\52\41\1d\cd\45\98\91\00\30\3b\e3\c2\eb\34\37\7c\83\68\95\ae\6f\c0\b5\cd\4c\78\b6\68\89\5d\5f\63\9c\53\77\58\59\00\2b\3e\0a\2d\2b\ba\3a\b1\b2\82\e3\42\93\13\e1\99\55\cb\a1\3d\78\c3\2a\b5\ea\9d\05\6b\1e\ec\34\f6\88\78\9c\62\2d\69\55\f7\ee\17\9e\55\b1\89\5d\2b\07\fa\49\35\f1\20\11\f9\8b\79\7e\44\c1\07\7e\ef\38\fb\07\11\b5\34\e8\f4\df\28\97\6d\68\0c\30\7f\c1\5e\a6\01\5d\5d\53\2a\b3\20\ac\57\ed\09\c0\65\34\b2\1e\4e\b1\4a\dc\21\5c\4d\23\46\24\3b\33\1e\5d\5b\e5\24\b5\aa\93\9c\c6\7b\38\70\06\c5\1e\fd\94\f8\6e\21\2a\22\76\b0\6b\c9\c6\59\6c\6a\e5\30\77\60\f2\4d\88\4e\2b\8d\bc\3a\d2\47\f0\21\51\5a\5f\80\5b\3e\40\17\12\15\94\f7\e9\72\7f\69\1b\2a\32\9a\c5\63\67\df\74\aa\a9\5f\ee\5b\cc\ba\e2\54\5b\7b\04\03\ec\e5\c3\ee\ba\7f\8b\49\3d\62\b5\10\49\fc\69\02\ac\3c\06\7e\91\ff\ab\75\fb\69\55\b4\41\2d\43\6a\8a\30\38\cb\da\32\23\5e\fc\87\77\c3\67\57\cf\21\a1\f3\2c\3c\e2\5b\4f\4b\ca\6c\2c\69\b9\12\d9\67\cf\85\e1\f9\69\f9\7e\78\76\14\47\a8\28\51\5b\59\3f\9e\e7\c7\54\94\65\60\f8\a9\05\ed\86\da\15\61\cc\b1\1f\d3\43\10\1e\4d\93\21\9e\bd\38\15\ab\4d\ad\4f\cc\51\39\4d\63\7b\52\cf\c9\95\27\55\ab\62\8b\0c\3d\0e\61\d7\b5\62\75\3f\6e\11\86\aa\22\02\d5\d6\30\d8\80\df\f7\4e\2a\99\be\da\04\22\82\4e\bc\57\81\f3\9a\65\59\7e\10\f5\30\91\d4\9c\36\17\c9\df\cd\c2\48\51\14\65\40\f7\f3\40\dd\e3\5e\5f\6e\19\0b\cf\d3\0d\dd\50\cd\c5\5c\9a\4a\b6\18\19\be\7a\a2\a5\dc\d7\b0\40\3e\9e\b0\ae\3b\f8\46\47\97\f7\03\09\61\59\81\67\2f\fd\80\17\f9\59\3e\25\12\c6\9c\6d\1a\e1\cd\52\26\64\9a\df\60\ae\fe\50\db\04\17\be\ae\4d\3e\42\85\b6\ae\7f\4d\58\65\5a\f9\3a\8b\96\17\49\fd\69\3b\57\e4\65\e2\26\a2\10\94\95\a2\ab\df\a0\ca\54\95\12\1d\eb\81\85\4e\0d\43\11\82\bc\7f\4d\d5\43\11\42\17\bc\34\d1\3e\24\d2\4e\03\94\ff\7b\88\6c\82\36\25\60\54\e8\ca\06\74\a5\02\10\66\96\d3\56\9b\2b\84\e6\a9\86\d5\6b\f7\1d\02\40\eb\11\76\45\16\56\03\52\ee\9e\77\09\f1\2f\d0\cc\de\4f\23\6f\ef\bc\6b\b6\e3\97\f2\5b\8e\59\73\3d\b2\0c\e9\58\f3\63\89\2b\b6\ac\5b\16\3e\e1\f5\fd\f4\d6\20\47\c2\1c\a1\ef\c4\23\16\45\ca\ce\ef\2f\bb\24\ce\71\03\2e\68\7f\a1\9f\56\3b\d5\0b\f3\bf\95\50\0b\5b\03\58\53\cc\1a\e6\de\15\77\09\5c\66\11\da\d5\48\cf\ac\42\70\15\b8\18\2b\8b\75\c6\a3\e8\5c\89\74\18\ae\6a\80\55\f3\8d\5e\6f\c4\9e\1c\ba\b0\3a\5d\7a\be\bb\66\44\5c\3e\65\59\d0\4b\7d\2e\5a\95\4a\61\98\fc\1e\9d\16\65\37\c2\b3\df\2e\17\5d\55\77\cf\f3\60\fe\94\8a\6e\25\01\c3\7f\25\ac\7d\77\5f\3f\f6\b3\fe\43\d5\be\6a\01\9c\cc\ea\bc\97\5f\4c\99\5e\f6\fe\cf\dd\cb\3b\68\c6\ad\77\61\8c\32\7a\5b\97\f0\97\19\96\ac\5f\86\6b\f1\92\e7\09\c2\61\af\12\5a\46\e1\44\bd\7f\6b\bc\5a\42\b9\d4\34\4e\bf\db\14\05\81\9d\ca\7f\46\fa\5d\9d\5b\54\21\7d\ff\c5\87\6e\ce\c8\dd\32\9e\2e\4b\e4\e2\a9\1a\64\32\6b\39\25\a5\a0\e4\5b\7e\58\6f\83\b5\54\15\50\5c\ef\2d\84\ea\e6\b6\7c\32\ad\f2\35\91\10\11\40\e3\25\8b\36\55\52\92\30\50\48\84\89\1b\b4\81\66\04\a3\de\f0\21\ea\b6\4d\73\d3\69\d4\e2\5c\01\52\6a\82\18\27\1b\88\c5\57\8f\0f\bb\76\b5\b0\9a\41\ef\01\7a\52\af\39\d1\5f\7f\b2\91\57\22\81\f7\68\4a\36\c3\50\e5\f5\81\4c\99\5b\41\79\1b\34\f9\53\08\c5\35\da\1d\2b\9b\23\e1\e2\cd\2d\49\c3\2d\43\6d\6a\91\ae\e4\88\e2\02\01\6b\49\49\a8\6b\7c\6b\ae\10\4f\17\a1\74\6a\51\34\ef\6d\07\ed\22\fd\55\25\da\d8\45\e7\f6\21\41\5d\bf\24\39\57\82\ca\44\eb\14\47\9e\52\92\81\1a\2e\32\a1\8e\8b\d0\10\6e\dd\87\3e\fd\50\1d\9c\5d\f2\f4\80\d8\a2\73\0d\58\e4\9f\cb\fd\73\17\b0\17\8e\5d\9a\13\4f\29\71\46\84\19\d6\97\29\79\26\46\4a\2f\2a\ec\e4\0e\b5\70\9f\f5\bc\bf\75\5b\0a\3d\3b\8c\ee\bc\50\72\2a\5a\7f\c4\30\66\91\af\6e\4a\c9\09\f2\63\0d\f5\21\48\cc\36\5a\eb\0d\26\f2\21\0e\76\b6\6c\15\88\69\73\7a\24\5d\45\16\70\83\69\0b\f8\91\f0\dd\6c\54\5c\62\50\17\d1\11\c0\02\6e\6f\c6\74\c0\e4\23\dd\49\4e\40\ac\0d\db\cc\9b\71\7f\3d\21\67\d4\9f\2e\76\b0\33\ad\e2\c4\47\f9\68\ff\fd\80\52\10\b3\8b\5e\27\f6\f0\4e\6a\39\94\6d\99\31\67\a8\a6\f5\a2\4b\b9\91\8d\a5\ee\2d\10\3e\c2\b5\3e\da\3d\bc\04\79\27\e9\48\6f\17\e3\19\30\9b\c4\cb\e1\97\96\d0\60\ec\20\07\59\ac\b5\14\40\af\03\a3\b4\ac\ab\73\4d\57\1a\6c\7a\23\5e\dd\4c\b2\d2\04\21\e1\45\ec\7b\8a\90\46\2a\9f\96\c8\47\8e\a8\d0\80\1a\6b\23\63\6f\40\05\55\7f\78\a0\6c\3f\ed\a6\00\e2\88\4f\4f\bf\66\37\77\ff\f9\19\0a\31\15\0b\01\d0\a7\e5\7e\fe\3d\f2\f1\cb\5c\f6\5c\8e\aa\d5\00\40\86\84\65\32\cb\c1\f4\6f\7d\2b\17\a4\bb\77\cd\cc\d1\36\51\28\3c\ce\c3\8c\97\ef\78\b7\2f\c6\0a\d7\a7\f8\40\20\30\d8\cf\a3\df\f2\13\8b\7f\a3\77\be\3f\f4\67\99\e6\59\19\06\99\84\39\a2\ff\b5\5f\98\cc\29\53\48\85\e1\ad\d1\e0\36\61\4f\99\91\4c\e0\d6\87\42\6d\37\81\f1\da\b3\f8\00\4b\f5\e8\e0\66\f1\72\6a\47\f2\01\1c\2b\86\27\1b\6f\f7\53\1a\1f\c1\28\55\06\f5\67\16\bc\d1\52\2f\59\2c\43\48\7f\9a\20\44\38\f7\1f\45\63\41\42\0c\f4\46\38\0d\32\f7\00\6d\26\25\33\08\d2\9b\03\7a\c3\38\60\d7\f4\f8\33\57\85\ea\28\a0\41\16\36\7b\36\fa\4c\ac\90\2d\c3\45\9e\bb\20\80\34\78\5e\2f\f0\29\7b\e0\4d\af\9e\6f\fc\f8\cd\99\ed\59\ca\4b\f3\87\62\80\71\bf\4b\59\96\2d\0b\7b\24\7b\3b\56\f6\9f\1b\cd\5a\cc\6f\47\ac\57\6f\62\50\2f\c9\11\bd\cc\c5\e1\2a\7a\4c\72\12\59\e5\03\e7\7e\db\02\97\70\d1\e7\bb\61\70\5b\dc\e0\1d\03\ec\cb\e2\1b\ac\f3\0d\53\96\b4\26\49\16\e7\17\9c\89\09\4f\16\13\b9\7c\1e\8a\ba\0a\75\f0\a4\8c\c6\75\42\4b\3d\0f\94\30\e5\d4\2e\a2\5d\26\b7\a3\6b\91\9b\a2\4a\72\76\c0\1d\77\25\e8\4a\85\92\1c\56\74\7c\e8\6e\51\8a\cd\62\8b\d5\d9\77\08\84\fa\bc\53\fa\73\31\74\3b\71\b5\a2\77\e1\5f\a0\69\c8\30\76\fb\8f\27\90\2f\f4\5d\b5\5f\b4\4c\b3\87\d3\f3\c4\62\a6\1f\80\b2\86\c9\bb\32\ba\7a\1f\d9\b8\1f\3b\d1\a3\32\cd\8e\38\a1\fc\8e\2e\62\e6\e0\93\4c\2f\74\e9\0e\3d\72\60\e7\96\a5\8b\4e\1e\e7\0f\0a\59\c3\ba\58\2f\1d\67\a5\24\3c\ac\7d\c9\71\19\10\28\d2\2a\41\26\e4\b8\ea\b6\c9\89\64\3b\8e\47\73\86\0e\ef\00\eb\1c\c7\bb\f8\3a\6e\50\c9\71\6c\8f\6b\d8\58\1a\bc\b0\05\63\2d\2f\58\40\6e\c1\56\0c\56\e0\13\15\93\e7\d5\04\af\7e\f3\66\e2\9b\57\ad\89\00\53\3b\a9\1f\ab\d0\58\65\5c\52\4f\16\46\24\6e\00\dc\15\ed\b2\55\0d\47\84\e3\41\3f\78\9e\b6\f1\99\49\5e\15\eb\55\15\d8\06\6c\69\65\c0\30\24\e9\8f\42\7d\de\88\11\11\e0\6b\56\54\84\33\5a\83\ba\0c\02\31\7e\6d\74\da\4c\56\78\43\69\5c\7b\cf\2e\0a\68\5a\fd\7b\ed\c3\47\bd\f3\6b\42\fa\5e\b2\17\dd\0c\77\cb\fc\bd\9c\6c\97\5c\56\02\95\e5\c1\df\b0\70\12\d5\63\fe\16\8a\df\16\45\ce\10\1e\9b\4c\5a\8d\5b\89\6c\fd\57\43\ff\8a\6e\b0\e7\fc\c4\ad\c3\7b\12\d4\56\64\46\9c\32\6f\58\f3\52\ca\d0\57\69\c9\0e\76\45\50\38\b0\5b\bf\46\29\0f\d5\73\79\87\07\3f\8a\d5\e6\26\4d\2c\32\71\75\4b\bb\1f\8f\a5\a5\31\6e\44\52\52\d7\89\8e\5a\91\6f\2f\e6\d8\ea\ea\5a\25\9d\0e\75\df\07\72\48\74\8c\bf\51\7a\55\22\2f\a2\2e\e4\54\32\a6\e9\73\86\ad\65\1c\2a\ef\36\18\1b\f2\1c\77\5b\eb\ba\5c\d2\8a\84\e3\54\bf\f8\2c\7c\8e\7d\92\af\22\2f\4a\db\3b\9d\4f\aa\32\fa\23\93\7d\62\ea\18\d1\b1\76\f8\92\fb\18\aa\ea\29\53\76\64\e8\21\47\a7\f4\5e\c6\a8\2f\47\bb\bb\54\0f\2b\1d\ed\e7\38\ec\f6\4b\6c\ed\f2\38\fc\62\dd\25\45\c8\e1\3f\8e\13\8b\79\df\7b\51\8e\93\d1\fb\22\6a\d3\e7\ff\a4\0f\3c\61\7f\c9\da\71\dc\da\2f\4f\bb\42\86\99\1d\a6\c9\4d\cc\3a\e2\27\7d\15\f3\58\c5\6a\70\c2\95\d6\75\7c\ad\f7\69\d9\61\22\b8\74\6b\55\c0\ce\77\78\91\63\be\5f\ee\ad\b4\4e\93\10\22\11\cd\0b\93\93\a7\4f\65\19\25\8b\90\d8\75\40\04\b5\e1\12\b8\85\72\7f\6e\f5\d4\11\b4\8d\bc\00\9c\5d\81\75\c6\37\f5\65\25\91\dd\a7\29\3e\fd\66\e3\4a\34\91\6b\f9\90\51\84\da\4a\86\54\cb\fd\6b\4f\a2\f6\40\89\c7\40\41\6a\48\a2\9e\43\3c\fe\6f\b2\03\f1\67\a8\a5\67\68\dc\73\d0\fd\38\2d\fd\7f\28\36\27\53\20\1e\86\53\4a\f6\d9\97\2d\24\64\66\20\f8\b8\75\b3\b1\d1\42\d5\91\e1\df\8a\b6\e9\51\34\c0\f4\55\52\1c\e9\6a\21\b6\35\66\11\24\a9\1c\29\00\f7\77\db\49\87\55\81\5e\91\1e\41\83\ba\63\87\66\92\f9\15\3b\6c\44\01\b2\da\7e\9a\02\62\69\a6\3d\ea\28\23\f8\79\6d\01\50\c4\97\5d\37\03\0f\eb\ca\21\87\82\c6\94\57\01\40\d0\df\4a\2c\9c\25\22\6f\81\d2\ce\9e\10\46\01\00\0d\b3\08\bd\49\51\37\18\cf\50\b1\97\1a\70\01\00\48\eb\0d\c8\42\35\c5\79\72\0d\c1\df\ae\59\01\00\a0\22\0b\a0\68\77\37\2e\f5\3d\67\19\bf\47\01\00\80\e8\08\80\20\79\8c\e3\21\63\d8\5b\cb\72\01\00\00\74\41\33\67\5b\d6\82\81\82\13\e3\d5\5b\01\00\00\90\67\8f\52\7c\df\9b\67\68\dc\e8\77\49\01\00\00\40\b9\72\a8\16\fe\92\72\0d\c7\a7\8c\75\01\00\00\00\c2\ea\73\57\98\75\28\71\d2\1f\0a\5e\01\00\00\00\68\55\f6\45\7a\c4\86\5a\a8\4c\3b\4b\01\00\00\00\20\11\c5\04\90\6d\a4\5d\0d\e1\5e\78\01\00\00\00\00\b5\a1\07\d9\8a\83\e4\3d\e7\4b\60\01\00\00\00\00\c4\e7\52\ae\08\36\1d\cb\85\09\4d\01\00\00\00\00\d0\1f\0f\e3\0d\f0\61\ab\6f\42\7b\01\00\00\00\00\80\cc\31\82\71\26\1b\89\8c\9b\62\01\00\00\00\00\00\0a\5b\ce\5a\b8\15\d4\d6\e2\4e\01\00\00\00\00\00\08\7c\4b\91\c0\22\20\be\37\7e\01\00\00\00\00\00\40\13\6f\a7\33\82\e6\64\f9\64\01\00\00\00\00\00\00\29\f2\85\5c\9b\eb\83\c7\50\01\00\00\00\00\00\00\54\c2\04\4a\7c\bc\9c\9f\40\01\00\00\00\00\00\00\10\9d\07\10\fa\93\c7\65\67\01\00\00\00\00\00\00\00\e4\d2\0c\c8\dc\d2\b7\52\01\00\00\00\00\00\00\00\50\42\0a\a0\b0\a8\2c\42\01\00\00\00\00\00\00\00\80\d0\76\66\e7\0d\e1\69\01\00\00\00\00\00\00\00\00\da\2b\85\1f\0b\b4\54\01\00\00\00\00\00\00\00\00\48\56\37\19\3c\c3\43\01\00\00\00\00\00\00\00\00\40\bd\8b\5b\93\6b\6c\01\00\00\00\00\00\00\00\00\00\31\d6\e2\75\bc\56\01\00\00\00\00\00\00\00\00\00\f4\44\82\91\63\45\01\00\00\00\00\00\00\00\00\00\20\3b\9d\b5\05\6f\01\00\00\00\00\00\00\00\00\00\80\62\17\5e\d1\58\01\00\00\00\00\00\00\00\00\00\00\82\df\e4\0d\47\01\00\00\00\00\00\00\00\00\00\00\d0\98\d4\af\71\01\00\00\00\00\00\00\00\00\00\00\40\7a\10\f3\5a\01\00\00\00\00\00\00\00\00\00\00\00\95\73\c2\48\01\00\00\00\00\00\00\00\00\00\00\00\88\52\6a\74\01\00\00\00\00\00\00\00\00\00\00\00\a0\db\21\5d\01\00\00\00\00\00\00\00\00\00\00\00\80\7c\81\4a\01\00\00\00\00\00\00\00\00\00\00\00\00\94\35\77\01\00\00\00\00\00\00\00\00\00\00\00\00\10\5e\5f\01\00\00\00\00\00\00\00\00\00\00\00\00\40\4b\4c\01\00\00\00\00\00\00\00\00\00\00\00\00\00\12\7a\01\00\00\00\00\00\00\00\00\00\00\00\00\00\a8\61\01\00\00\00\00\00\00\00\00\00\00\00\00\00\20\4e\01\00\00\00\00\00\00\00\00\00\00\00\00\00\00\7d\01\00\00\00\00\00\00\00\00\00\00\00\00\00\00\64\01\00\00\00\00\00\00\00\00\00\00\00\00\00\00\50\01\00\00\00\00\00\00\00\00\00\00\00\00\00\00\40\01\00\00\00\00\00\00\00\66\66\66\66\66\66\66\66\34\33\33\33\33\33\33\33\85\eb\51\b8\1e\85\eb\51\29\5c\8f\c2\f5\28\5c\0f\9d\ef\a7\c6\4b\37\89\41\bb\49\0c\02\2b\87\16\59\95\b2\0c\71\ac\8b\db\68\2b\a9\13\d0\44\d8\f0\74\11\c2\a3\8d\23\d6\e2\53\55\87\dc\0c\37\e0\f3\43\da\34\b6\d7\82\de\1b\43\44\6c\b0\70\92\e6\8f\69\5e\21\bd\f2\6a\ca\5f\6b\d4\46\1a\81\1d\a4\4c\0f\7e\e7\30\c2\88\3b\e6\55\10\9f\ae\cd\4a\83\70\3f\cb\52\5a\9b\a0\2f\b8\44\0d\4c\25\3e\a2\02\5a\4c\df\ea\f6\5e\67\7f\f3\6d\47\13\a2\96\03\d1\5c\2d\7f\55\92\e5\85\ff\f5\57\d3\75\4e\45\69\da\e3\3d\65\44\a8\b7\04\66\5e\46\75\91\0b\d1\ed\e1\4f\7e\09\07\da\25\a1\09\97\70\ef\1b\ac\81\7c\69\19\4a\07\6c\ae\84\1a\6e\12\5a\26\e3\bc\67\30\21\e1\54\6c\56\58\9d\7b\be\0e\48\85\82\fd\52\c0\4d\e7\43\ad\f0\26\62\5f\ca\4a\73\6d\6a\62\1e\9a\af\0b\53\24\5a\52\1b\19\d5\3b\5c\f1\21\b5\7e\ae\bf\6f\42\83\ae\0e\49\47\77\c9\49\f4\e7\90\98\8b\cc\bf\4e\d2\b0\4a\db\3e\25\0f\76\ba\0c\1b\f4\78\7a\cc\4a\75\8d\08\49\32\84\72\5e\62\3d\af\29\c7\2e\3d\22\f7\3d\6d\3a\28\d0\8e\4b\81\97\f2\ba\05\bf\fd\34\58\96\7b\5d\40\80\e4\78\cf\58\b7\c4\a2\31\c9\54\13\45\c9\4a\00\cd\b6\60\a5\e0\c5\03\4f\c1\6d\5d\a9\9d\3a\a2\66\0a\5f\4d\51\4d\9e\9c\a5\9a\24\31\a8\62\f7\69\d7\43\cb\7b\82\48\fd\60\6f\f7\a0\4e\ed\4e\2c\bb\12\03\09\63\68\a0\ca\80\bf\92\4d\25\24\3f\f0\c8\db\68\3a\4f\20\4d\d5\33\99\a8\d7\1d\06\65\80\41\f9\da\c3\7e\00\15\22\86\5b\a7\f2\62\9f\1d\cd\9a\fa\7b\69\65\cd\10\e8\04\16\b9\5b\02\18\7e\0a\af\fb\2f\21\51\a4\40\53\6a\de\60\49\68\7a\fe\a1\25\96\59\e7\40\b6\33\dc\21\e5\b3\3a\20\5d\ca\9c\a2\56\8f\d8\67\bd\52\60\69\3b\86\f7\19\b0\6e\7d\e8\de\a5\13\53\64\75\b3\ba\62\6b\2c\7b\5a\25\31\ed\4b\1e\76\42\50\c4\c2\fb\4e\bc\56\2f\c3\3b\e8\e1\df\96\56\6a\1a\3a\d1\92\b1\93\57\65\69\c9\b9\b4\4c\12\12\55\7b\2e\74\75\f4\42\79\37\ba\3a\2e\2a\0a\75\0e\44\96\8b\f6\5d\90\35\94\5f\2a\91\e3\a9\76\ee\e3\6c\89\12\24\63\4d\ef\b9\65\bb\0d\b6\54\c5\be\1c\57\07\42\83\82\d7\25\fb\6a\63\71\5e\dd\9d\98\b0\45\06\68\cf\ce\12\eb\c8\08\d1\1b\97\c8\2f\f4\80\6f\a3\d9\4b\b1\b7\11\db\5a\0e\e3\78\a0\8c\f6\33\59\b5\47\d6\8d\2c\0e\7c\15\71\82\2d\4d\3d\c5\5c\47\91\6c\ab\a4\23\d8\fc\5d\82\9d\15\15\62\08\2e\72\1b\14\df\6d\9f\26\2e\63\68\e4\aa\dd\b4\06\58\5b\49\43\7f\f1\e5\1e\58\4f\86\83\55\b1\90\38\13\49\3b\9c\32\c1\84\e5\ac\72\d7\38\ef\4e\b4\8d\eb\74\2a\2d\84\9b\07\3c\ae\6a\ac\60\bf\d8\29\3e\89\5d\55\57\03\16\06\30\58\55\56\4d\cc\13\bb\31\d4\4a\ab\12\69\de\04\c0\79\77\be\7b\e0\52\2b\e9\b9\77\11\51\db\63\a1\99\8f\25\cb\2f\4d\42\bc\ed\c7\5f\0d\74\af\1c\81\14\a6\37\d5\bf\3d\68\63\f1\9f\4c\0b\90\bf\e3\00\aa\51\79\ef\32\c9\a6\38\82\99\7a\ab\19\cc\d2\67\76\4f\75\26\8f\3a\52\2d\68\14\62\22\ae\09\0f\53\f8\a5\2a\1e\0c\62\db\bd\b9\76\4e\1b\58\a1\a5\75\93\51\55\97\46\03\5f\c9\c2\8a\7d\c5\59\35\3c\bc\b8\b5\3b\45\05\69\b2\3a\02\6f\64\9e\14\91\96\96\60\91\7c\6b\37\87\5b\95\ce\58\50\b2\43\a7\ab\ab\b3\da\16\88\5f\9f\af\aa\0b\47\40\f5\02\b9\ef\22\f6\ae\78\db\98\98\b2\aa\12\d8\66\54\9e\c1\b2\04\bd\e4\0d\15\47\ad\5b\55\75\46\52\76\4b\01\8f\d0\30\ea\57\44\9f\8a\7c\77\f7\d1\41\2c\09\01\0c\da\f3\54\46\07\32\44\c7\58\f2\4f\69\ac\0e\68\46\c3\1f\bb\23\d2\f4\9c\d2\13\f5\3f\54\8a\d8\ec\d1\35\e6\c8\4f\75\5d\4a\75\a9\5d\66\43\3b\ad\f0\a7\c4\51\3a\26\bb\c8\43\55\42\fc\d6\6b\c4\ae\1a\73\07\b6\c3\56\62\6d\69\77\9b\96\45\56\d0\8b\48\8f\9f\91\9c\78\b5\8a\87\5f\7c\78\04\45\40\d6\06\d9\b2\a7\e3\46\22\11\0c\cc\93\8d\6d\6e\9a\23\3e\5b\51\0c\39\3e\1b\74\d6\3c\76\a4\57\58\15\b6\31\7c\a7\d6\60\4b\af\29\45\ca\91\83\ac\46\44\2b\8e\96\1f\12\e7\55\19\a9\6e\10\b6\05\14\71\6d\78\e3\f0\98\b6\71\09\14\54\25\0d\f8\6a\76\5a\bd\c6\82\8d\ad\2b\8e\07\dc\dc\1d\a4\f9\bb\5e\48\31\d2\9b\d7\8a\bc\71\6c\61\61\c9\39\5c\c6\ca\73\82\83\2c\8c\44\c7\82\2d\e7\4d\d4\c7\49\38\a2\5c\9b\cf\56\a3\03\39\02\3e\85\71\43\06\3b\60\1b\4a\49\d9\ab\82\9c\2d\68\7e\09\1c\9f\a3\91\33\92\76\db\8e\ac\6a\fa\48\40\4a\07\b0\e5\82\74\5c\db\5e\49\72\f0\ee\61\3a\00\55\d2\8c\84\35\5d\b0\e2\4b\07\f5\59\f2\e7\61\33\77\51\e1\a0\55\c8\b3\6a\79\71\ee\8f\50\a6\9c\b8\3e\0d\81\4d\11\6d\29\22\61\5b\58\a6\73\eb\16\fa\7e\3e\67\a4\da\f0\ed\b4\4d\af\46\b8\8f\ef\ab\61\32\ca\3e\3a\c4\e7\af\54\7c\4b\a4\f3\e5\18\13\69\1d\a1\98\2e\d0\1f\f3\76\63\6f\83\5c\1e\47\0f\54\64\1b\7a\58\73\19\5c\92\4f\f3\35\7d\4b\9f\72\76\03\5e\c3\c0\eb\5b\93\50\7f\eb\ef\61\12\32\84\bd\38\e5\35\9a\bc\7c\0f\da\65\ef\bf\b4\0e\28\d0\ca\13\1d\2b\48\fd\96\3f\7b\51\bf\cc\c3\0b\20\40\a2\5c\17\bc\39\64\12\66\2f\41\33\0a\03\a3\19\00\b5\63\59\93\8f\d3\83\d6\4b\68\ea\a9\d1\04\29\00\88\1f\47\dc\72\dc\cf\de\6f\53\55\ee\da\03\54\33\d3\32\d2\49\c2\16\73\e5\bf\42\77\8b\15\03\10\29\dc\5b\51\a9\03\be\51\a2\cc\6a\58\12\bc\d1\4c\db\f9\12\40\54\69\fe\da\81\70\55\47\a8\c9\a7\70\af\94\75\cd\a9\ba\fe\7b\01\5a\44\06\ed\3a\86\c0\f2\76\44\e2\42\c4\ca\2c\cf\5c\6d\3c\7b\91\a3\cd\ea\57\3a\81\35\d0\3b\8a\72\7d\57\fd\c8\da\82\a4\88\79\7b\9b\f7\0c\63\3b\f5\fd\45\97\6d\15\cf\b6\d3\fa\15\5e\bf\14\38\92\bb\fc\6f\be\15\ef\e4\8a\1f\5e\56\b2\32\aa\f9\74\fc\96\59\ff\aa\25\b7\08\e6\e4\11\5b\f5\54\61\2a\fd\ab\47\cc\88\84\92\a0\51\ea\27\5e\55\ee\ce\43\c8\ac\72\46\41\07\84\9a\82\10\73\e5\dd\f1\0b\03\6d\bd\5b\d2\cd\05\d0\ae\9b\73\42\b7\e4\27\a3\35\57\64\49\a8\a4\04\40\f2\e2\c2\4e\f2\6d\d9\d1\55\58\6d\75\0c\a1\3a\33\1d\6b\d1\4a\f5\57\14\db\77\13\f1\5d\a3\4d\95\c2\7d\22\41\22\2a\13\dd\48\c6\42\27\4b\1c\3e\44\35\fe\81\9a\4e\44\b8\61\41\3d\d1\3e\78\94\96\d3\ee\c9\9c\5d\17\9c\c6\e7\cd\fd\40\32\60\76\78\dc\8b\a1\b0\17\79\17\d2\1f\0b\cb\00\f5\4c\92\93\e3\6f\b4\f3\12\14\be\e9\32\78\de\9a\21\7b\b6\85\d2\7f\ed\85\51\53\98\54\c2\f9\b1\48\81\62\c5\37\75\99\57\9e\a7\42\e0\76\9b\94\c1\d3\cd\4e\04\93\2a\e1\12\e5\52\35\33\be\f8\20\9c\1f\16\7e\39\eb\10\35\1e\08\eb\6e\29\98\60\1a\b0\7f\de\64\2e\bc\40\f7\e4\6c\22\3f\54\13\1a\15\c0\ff\b1\50\be\c9\33\2c\b7\f0\81\32\43\dc\14\44\33\66\8e\40\98\d4\8f\56\5f\8d\01\42\9f\93\54\d3\1e\3d\4a\67\8d\ba\7f\8a\98\48\cf\1c\7f\dc\76\0f\7f\ca\a1\52\0b\62\99\3b\ad\d3\a5\30\65\b0\f8\a5\65\08\1b\42\6f\4e\14\96\8a\dc\b7\73\3c\1a\c1\3c\3c\da\c4\69\b1\b0\53\23\44\c7\bf\52\96\ae\cd\63\63\7b\9d\54\f4\26\76\4f\03\39\66\75\45\25\3e\b6\82\2f\b1\43\5d\52\2b\d9\35\c7\51\44\a2\3b\30\bd\6a\b2\4e\6c\2e\ea\de\c1\ef\71\1c\3a\4e\c9\59\97\88\5b\a5\56\f2\54\b2\34\26\5b\b0\61\72\07\7b\df\06\16\51\45\5b\aa\8e\90\1e\7c\f3\1a\50\72\5e\32\3e\23\e8\6e\f8\76\17\b4\fd\2c\1f\2b\d9\c1\7e\5b\cb\b5\b9\58\2d\5f\ac\29\fe\23\4c\6f\47\ce\cb\e2\d5\f7\fa\46\f1\18\bd\87\fe\4f\a3\72\73\b0\df\6a\89\8c\91\71\1b\5b\fb\a5\fd\7f\38\04\5c\c0\7f\55\d4\d6\da\5a\af\15\c9\84\64\66\60\03\b0\66\99\77\43\12\af\48\8c\44\07\37\1d\85\b3\02\b3\0a\8f\f2\6b\50\4b\74\46\07\72\be\2e\08\ec\1d\f5\6e\72\28\23\0d\09\5d\05\39\5b\98\58\d3\bc\64\f7\8b\5b\20\1c\a4\6d\4a\38\c7\15\ad\13\a9\30\6a\bf\ac\c5\33\60\d3\15\77\8c\0b\56\7b\1f\a8\1a\5d\32\8a\04\c3\19\a9\44\5f\09\d6\44\fc\e5\ec\ae\7d\5b\3b\9d\35\ae\ed\36\4c\08\78\9d\96\51\8a\25\7e\93\f8\61\ef\49\7c\f1\79\3f\f3\fb\f0\e8\76\a2\16\dc\c6\b4\f2\07\fd\8d\61\99\c2\fc\f3\53\92\1b\12\16\9f\90\28\d3\30\0b\4e\14\02\97\29\43\a8\af\41\bd\31\b4\0d\85\b4\de\7c\ed\9c\f1\a8\9e\73\7f\4f\64\c1\29\3e\37\5d\e5\63\f1\e3\5a\ba\4b\29\99\3f\e9\cd\87\fe\f8\b0\ea\4f\8d\e9\7b\fb\a2\ba\ad\7f\0f\e3\72\ca\f4\e7\dd\7f\15\dc\5f\92\d1\5d\7c\7f\d9\e8\5b\08\f7\1f\4b\66\ab\49\e6\41\41\7e\63\4c\7a\ed\af\06\2c\b3\d5\51\ef\3a\b8\34\34\98\4f\70\62\24\f3\9e\89\c2\77\41\bf\c8\f9\f6\5c\13\a6\26\d0\d3\51\fe\a8\9d\bf\68\32\41\29\8b\61\85\d6\3d\73\a9\74\cb\20\7e\cc\53\c2\cd\ed\08\4e\04\12\4b\c2\ba\c3\a2\80\fe\09\43\ce\d7\57\3a\0b\9d\41\6f\d1\2a\39\d1\cd\30\43\6b\b0\bf\bf\c3\de\94\02\32\a7\88\fa\40\3e\5a\cf\55\5a\99\cc\cf\4b\aa\9b\41\b9\d3\2e\67\cb\e1\a5\44\e1\ad\a3\0c\a3\ee\e2\1a\c1\52\b1\3e\12\36\d6\6d\cf\af\d2\ad\d1\7d\d1\77\67\75\27\32\a8\91\de\57\3f\26\42\be\a7\64\74\79\b9\2a\b9\c1\b9\a7\4b\46\ff\84\ce\31\86\50\90\47\5c\44\28\69\5c\0c\79\70\cc\d4\b0\4f\70\1a\1a\0c\49\d0\b9\ed\49\70\fa\59\d6\43\5a\d9\59\48\7b\56\6e\73\61\f1\07\8d\fb\47\ab\9c\ae\7a\e1\39\fc\11\7d\85\35\82\d9\14\2c\73\45\94\4a\c4\68\29\2d\03\fd\9d\f7\34\e1\43\23\5c\d1\a9\3b\d0\53\54\57\4f\ca\e4\92\5d\e7\cf\b5\49\0e\bb\2f\40\76\43\ac\72\ab\07\eb\c8\0b\b3\ef\75\49\2b\19\cd\56\d2\46\04\ef\d2\88\6d\09\5c\59\5e\3a\bc\ad\3d\12\75\05\1d\f2\db\d3\8a\07\b0\7a\4b\2f\30\be\97\0e\c4\6a\4a\50\c6\1f\de\d8\4c\c4\78\b1\e6\c9\f2\b0\39\11\77\73\6b\19\18\47\0a\9d\60\c1\eb\07\8f\8d\94\da\78\5c\bc\7a\46\9f\6e\4a\4d\34\56\06\0c\3e\dd\ae\60\94\60\c4\70\98\4a\aa\7b\20\bd\a3\79\96\fb\4a\34\dd\e6\69\8d\13\a2\ee\62\80\ca\4f\61\78\fc\3b\10\17\1f\bb\0a\76\4e\25\4f\00\a2\0c\81\93\63\96\26\25\98\5e\44\23\17\a2\7e\99\69\47\9b\85\d2\23\24\1d\e0\7e\03\e9\78\4e\65\48\21\39\7c\04\42\b6\69\17\80\65\9c\ed\93\0b\51\a0\1a\94\96\03\68\2b\6e\df\cc\ea\49\f1\0f\d6\40\4d\15\10\12\36\53\bc\71\66\e1\aa\dc\4e\e6\bc\67\ae\bb\19\50\23\85\60\1c\84\e7\bb\e3\0b\85\fd\52\25\96\14\40\1c\04\1a\7d\9d\1f\63\e9\6f\6a\64\42\1d\78\10\00\7d\36\7b\4a\95\32\38\42\e6\43\3a\6a\c8\59\1a\00\c8\f0\91\5d\de\8e\c6\01\85\69\fb\54\d4\47\48\33\d3\f3\a7\17\e4\0b\d2\67\6a\54\fc\43\76\39\a0\c2\75\29\53\79\3b\46\83\0c\77\ed\c6\6c\56\c2\66\37\89\75\eb\0e\2f\38\9c\a3\c5\8a\05\57\12\35\52\2c\d4\2a\89\25\bf\f9\7c\1c\9e\08\9e\45\42\f7\74\23\10\ef\a0\37\98\8f\61\fa\fc\40\63\6f\36\25\bb\38\80\7e\01\59\46\d9\1a\95\fd\33\1c\59\91\ea\c8\93\66\98\67\7a\9f\7a\15\44\31\c3\49\47\a8\bb\a0\dc\1e\ad\1f\15\65\f7\bb\39\b5\9e\0f\72\a5\92\67\c7\97\ae\32\08\84\5f\96\94\2a\b2\3f\5b\51\75\ec\05\13\f2\8e\06\03\e6\11\aa\bb\c1\ff\48\74\f7\89\d1\a8\c1\d8\1e\6b\d6\4f\43\2c\69\cc\74\53\f2\0f\1c\0e\69\f4\4a\89\ab\0c\69\23\54\70\5d\43\28\73\16\d8\20\5d\22\07\56\3d\87\4f\43\c0\4a\69\53\8f\ab\79\4d\17\35\72\56\95\0b\4c\05\9a\77\0e\1f\b2\45\5c\e2\be\21\5b\78\77\3c\a3\6a\ae\5f\d8\18\28\9e\16\b5\98\34\e2\f9\c5\96\82\88\8b\4c\13\47\53\4b\45\f7\46\5d\9d\5c\d6\8a\6a\da\78\7a\52\0b\52\45\d5\be\a4\7b\7e\b0\de\3b\55\48\fa\61\a8\a2\41\04\11\ff\b6\2f\31\8d\18\63\77\d3\61\4e\ed\4e\01\9d\0d\cc\f8\72\b6\ae\8d\9e\58\52\69\7d\e1\17\02\c8\15\e0\5a\1e\f8\be\d7\7e\e0\41\54\64\b4\ac\01\a0\44\b3\48\18\f9\cb\df\cb\e6\67\43\50\2a\8a\34\b3\03\29\3a\60\fb\6f\19\a3\b8\ec\35\40\ee\d4\f6\28\36\87\2e\00\2b\b3\28\38\f4\ad\bc\66\e3\87\24\db\89\0b\e4\19\bc\f5\86\c6\29\8b\30\52\83\39\1d\7c\a1\6f\b6\14\30\5e\d2\9e\54\6f\c0\41\9c\c7\7d\96\e7\f2\91\10\b3\96\50\31\54\e5\33\69\5f\3f\c9\f0\d8\b7\1c\34\f5\de\a6\5a\43\84\29\54\80\ff\a0\c0\e0\5f\7d\76\5e\b2\b8\7b\cf\69\54\43\66\cc\80\00\e7\7f\97\2b\63\1d\c1\92\e5\42\ba\6b\a3\e0\9a\cd\a4\cc\58\5f\1c\b1\cd\db\ea\9b\2e\56\b6\b3\48\71\1d\0a\47\4c\b0\8d\a4\7c\55\16\f2\44\92\5c\6d\27\b1\a1\05\3d\b3\e2\a0\fa\bb\23\50\6e\e9\60\15\3f\e8\35\3c\7b\f6\4e\1a\62\96\1c\40\58\ed\b3\aa\65\53\5e\63\2f\5e\72\7b\4e\78\b0\99\46\58\f6\ee\ea\75\4b\1c\59\fd\b6\f8\e3\26\e7\f5\70\26\8a\b1\44\56\12\fa\74\31\5f\2d\83\85\52\5e\5a\eb\d4\5a\9d\de\41\fb\43\27\4c\24\9c\37\75\4b\48\89\dd\7b\17\b2\34\fc\4f\72\13\3a\60\bf\ee\ab\73\74\62\f9\8b\b6\ba\c6\4c\c2\42\fb\4c\cc\8b\89\5c\90\1b\61\d6\5e\95\38\0a\9b\68\2f\d7\09\a3\07\4a\a7\af\4d\78\e5\dd\c6\21\5e\a7\18\25\76\9e\72\76\0b\19\49\8d\d5\2f\3e\69\18\b9\13\84\5e\18\c2\5e\d5\e0\a0\0a\de\bf\31\54\ad\2d\76\36\e5\79\ce\4b\11\e7\b3\3b\4b\66\c1\29\e2\15\bd\f0\a1\5c\4a\79\e8\a4\ec\c5\de\d6\9b\0f\1b\ab\fd\26\1b\4a\08\61\ba\50\bd\04\7f\45\16\26\7c\22\fe\eb\48\3b\a0\4d\c8\73\97\d0\98\37\78\1e\60\6a\63\46\0e\92\33\7c\d9\52\f2\80\f4\58\c0\30\4d\88\4f\38\d8\74\5c\63\47\42\28\67\90\ad\66\0d\70\d3\72\93\46\2a\7d\4f\6c\9b\86\52\40\f1\1e\71\81\85\84\85\0a\aa\2e\7f\14\5f\d7\50\cd\4e\fe\34\34\d1\36\d1\6e\ee\be\65\43\7f\df\73\d7\0b\65\2a\f6\40\92\da\8b\8b\65\51\9c\32\19\c3\12\a3\1d\55\2b\67\db\ae\3c\09\1e\41\17\c2\ad\35\42\4f\b1\5d\45\d8\2b\7e\c7\0e\30\68\8a\36\49\bc\36\e5\4e\7c\37\e0\ef\64\6c\a5\59\53\08\92\3a\30\92\ea\0b\7d\93\e6\bf\50\f0\1d\ae\42\a0\41\95\26\a8\bb\3c\17\eb\70\99\e7\e6\2f\b0\6a\9a\02\22\a4\a6\92\c7\3e\bc\c0\7a\ec\eb\bf\59\55\e1\ce\b4\e9\1e\42\39\32\96\00\2f\bd\bc\cc\47\44\81\a5\90\54\b2\01\61\5b\24\34\4b\c8\fa\ad\3f\6d\68\a2\1a\54\1d\69\ce\2b\b6\29\3c\a0\c8\24\66\57\87\1b\e2\dc\7d\ba\3e\56\5e\21\30\80\a0\50\eb\45\39\49\1b\17\cb\2e\32\78\64\35\80\33\67\e7\de\6f\27\75\f8\24\78\e4\e9\59\83\f7\cc\c2\85\1f\7f\59\86\2a\2d\b7\f9\e9\87\61\69\2c\d7\9b\04\e6\98\47\05\22\24\2c\2e\bb\6c\34\42\7a\8b\2c\d4\3c\8e\72\07\d0\39\e0\49\f8\ad\20\9b\2e\09\8a\76\fd\a4\5b\9f\d9\c7\19\3b\60\be\33\af\8b\3a\3b\c5\ca\50\49\b3\47\06\7b\62\b3\fe\42\e5\45\f7\91\3b\11\4e\75\b8\72\70\5e\6a\85\97\51\51\9e\92\41\c9\0d\d8\5d\c6\5b\c0\7e\bb\6a\ac\27\da\b1\db\9a\3a\3e\13\4b\38\16\cd\cb\62\55\f0\52\c4\4f\2c\5e\f7\c9\1e\78\f3\89\ae\df\6a\55\4d\1e\9c\0c\bd\b1\92\a1\18\60\c3\d4\be\7f\55\44\a4\7e\7d\70\ca\27\42\81\e0\4c\9c\10\ff\32\11\9d\b6\4b\95\4d\aa\3f\d0\ce\00\7b\93\1a\98\51\e8\94\8a\5f\11\3e\88\cc\d9\0b\67\62\75\48\13\0e\ed\43\d5\32\da\64\d3\d6\47\d6\b8\4e\2b\6d\0f\d8\f0\cf\dd\5b\91\d4\eb\8a\0c\8a\f4\7d\ab\ae\18\c0\e7\7f\fc\12\a7\43\56\a2\a3\a1\c3\64\89\58\ad\99\ec\ff\c9\28\b9\cf\11\b5\4f\81\9c\50\a1\13\f1\7a\f0\ff\07\07\c7\3f\0e\c4\3f\34\7d\40\e7\42\27\2f\8d\99\39\1f\71\cc\16\a0\ff\b9\2e\67\a4\04\72\4b\48\8f\c2\7e\5b\70\45\b3\ff\c7\8b\52\1d\6a\8e\6f\d3\a5\9b\18\48\c0\6a\8f\cc\6c\09\42\b1\21\a5\bf\42\1e\16\7a\41\cd\aa\18\14\ae\a8\69\81\cf\a1\32\d1\96\56\43\01\71\55\ad\a9\f1\86\54\ce\72\81\28\74\45\45\1c\34\27\11\f1\ba\27\9f\43\a5\28\01\ba\29\d1\9d\16\20\a5\4e\1b\2b\d9\31\6c\a1\da\01\90\0f\b5\2f\24\b3\1d\72\af\55\47\8e\56\b4\7b\01\40\d9\90\8c\36\29\7e\8e\bf\77\9f\3e\45\5d\c9\9a\99\7a\0d\0a\12\0e\fd\e3\98\bf\98\ca\6e\61\75\c4\f5\90\15\10\50\a5\fd\4f\7a\cc\13\a2\58\e8\5d\d0\f7\73\44\73\26\1d\fe\3f\c8\d6\0f\e8\46\b9\e4\d9\5f\f6\69\8f\6b\fc\fc\ff\d9\8a\4c\73\71\5c\d4\8f\cc\23\43\b2\45\96\fd\ff\47\a2\a3\c2\5a\e3\a9\0c\0a\83\02\f5\6a\df\ca\cc\6c\1b\b6\9b\48\e9\87\70\6e\02\02\c4\08\64\11\ae\47\92\56\2c\74\db\3f\e7\e3\03\d0\6c\74\83\a7\f1\d2\41\45\f0\5c\15\33\ec\4f\36\73\bd\76\9c\1f\8e\75\01\d1\59\4a\ab\f5\bc\0c\c5\f5\fd\5e\c7\65\e3\88\35\1b\f6\76\ab\22\fb\ad\a1\ef\2f\4b\06\eb\b5\a0\f7\48\2b\5f\55\b5\95\f1\1a\26\f3\08\6b\22\2b\1a\c6\a0\22\4c\ab\2a\de\5a\e2\84\c2\20\45\6a\ab\f6\3c\01\d1\79\44\44\30\5e\9d\d4\d0\1a\6a\bb\22\92\fd\00\74\61\d0\69\f3\e4\7d\10\a7\48\bb\62\b5\41\31\67\f6\4d\0d\bb\c2\50\fe\d9\b8\53\92\37\22\69\e8\71\bd\7c\48\2b\d1\1a\ca\5c\c1\52\0e\c6\81\ba\86\c1\ca\63\06\89\da\7b\6e\7d\67\75\d8\04\9b\fb\9e\67\d5\4f\6c\3a\15\63\58\64\ec\5d\27\6e\5e\5f\fe\d8\bb\7f\df\c3\ee\04\27\3a\7a\49")
)
