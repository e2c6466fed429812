package io.github.relu4j;

/**
 * A binary floating-point encoding (sign, biased exponent, fraction), decoded and rounded by
 * integer arithmetic alone, for the test oracle of the 16-bit formats ({@link HalfOracle}): the
 * value of an encoding exactly, and the encoding nearest to an exact value, ties to even, with
 * gradual underflow and overflow to infinity, as IEEE 754 defines the rounding. It calls nothing
 * of the library, nor the JDK's float conversions.
 *
 * @param exponentBits width of the exponent field
 * @param fractionBits width of the fraction field (the significand without its leading bit)
 */
record Encoding(int exponentBits, int fractionBits) {
    /** IEEE binary32: the compute type of the 16-bit formats. */
    static final Encoding BINARY32 = new Encoding(8, 23);
    /** bfloat16: binary32's exponent, 7 fraction bits. */
    static final Encoding BFLOAT16 = new Encoding(8, 7);
    /** IEEE binary16. */
    static final Encoding BINARY16 = new Encoding(5, 10);

    long signBit() {
        return 1L << (exponentBits + fractionBits);
    }

    /** The encoding of +infinity: every exponent bit set, fraction zero. */
    long infinity() {
        return ((1L << exponentBits) - 1) << fractionBits;
    }

    /** The fraction's top bit: set in a quiet NaN, clear in a signalling one. */
    long quietBit() {
        return 1L << (fractionBits - 1);
    }

    private long fractionMask() {
        return (1L << fractionBits) - 1;
    }

    private int bias() {
        return (1 << (exponentBits - 1)) - 1;
    }

    boolean isNaN(long bits) {
        return (bits & (signBit() - 1)) > infinity();
    }

    /**
     * The exact value of an encoding that is not a NaN: a significand of at most 24 bits times a
     * power of two, which a double holds exactly.
     */
    double value(long bits) {
        if (isNaN(bits)) {
            throw new IllegalArgumentException("a NaN has no value: 0x" + Long.toHexString(bits));
        }
        boolean negative = (bits & signBit()) != 0;
        long exponentField = (bits & (signBit() - 1)) >>> fractionBits;
        long fraction = bits & fractionMask();
        double magnitude;
        if (exponentField == infinity() >>> fractionBits) {
            magnitude = Double.POSITIVE_INFINITY;
        } else if (exponentField == 0) { // zero or subnormal: no leading bit, the smallest exponent
            magnitude = Math.scalb((double) fraction, 1 - bias() - fractionBits);
        } else {
            magnitude = Math.scalb((double) (fraction | (1L << fractionBits)), (int) exponentField - bias() - fractionBits);
        }
        return negative ? -magnitude : magnitude;
    }

    /**
     * The encoding nearest to {@code v}, which must be the exact value to round (a double, so an
     * exact product of two values of at most 26 significant bits each, or any double): ties to
     * the even significand, values below the smallest normal rounded to a multiple of the smallest
     * subnormal, values at or past the largest finite plus half its ulp to infinity; the sign is
     * kept, zeros included.
     */
    long round(double v) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("round a NaN with narrowNaN");
        }
        long d = Double.doubleToRawLongBits(v);
        long sign = d < 0 ? signBit() : 0;
        if (Double.isInfinite(v)) {
            return sign | infinity();
        }
        // v = m * 2^e exactly, m an integer below 2^53.
        long field = (d >>> 52) & 0x7FF;
        long m = field == 0 ? d & 0xF_FFFF_FFFF_FFFFL : (d & 0xF_FFFF_FFFF_FFFFL) | (1L << 52);
        int e = field == 0 ? -1074 : (int) field - 1075;
        if (m == 0) {
            return sign;
        }
        int top = e + 63 - Long.numberOfLeadingZeros(m); // v in [2^top, 2^(top + 1))
        int minNormal = 1 - bias();
        int unit = Math.max(top, minNormal) - fractionBits; // the exponent of the result's last bit
        int shift = unit - e;
        long r;
        if (shift <= 0) {
            r = m << -shift; // already a multiple of the unit: exact
        } else if (shift >= 63) {
            r = 0; // below a quarter of the unit (m < 2^53): rounds to zero
        } else {
            r = m >>> shift;
            long rest = m & ((1L << shift) - 1);
            long half = 1L << (shift - 1);
            if (rest > half || (rest == half && (r & 1) == 1)) {
                r++;
            }
        }
        // r counts units, its leading bit (if normal) standing for 2^fractionBits: the encoding is
        // the exponent field below the result's, shifted, plus r; a carry out of the significand
        // moves to the next binade (and from the largest finite to infinity) by itself.
        long bits = ((long) (Math.max(top, minNormal) + bias() - 1) << fractionBits) + r;
        return sign | Math.min(bits, infinity());
    }

    /**
     * A binary32 NaN in this encoding, as the contract narrows it: its sign, the quiet bit set,
     * and the top fraction bits that fit.
     */
    long narrowNaN(int floatBits) {
        long sign = floatBits < 0 ? signBit() : 0;
        long fraction = (floatBits & 0x7F_FFFFL) >>> (23 - fractionBits);
        return sign | infinity() | quietBit() | fraction;
    }
}
