package io.github.relu4j;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link HalfLanes} functions on vectors of 16-bit encodings, with the same bits.
 *
 * <p>Where no arithmetic is needed, none is done: whether an encoding is below or above zero is
 * an integer comparison ({@link #negative}, {@link #positive}), so ReLU never converts and Leaky
 * ReLU converts only for its product. Hardtanh and Threshold compare with float parameters, so
 * they widen (exactly) and compare in float, then select among the original bits and the
 * parameters' encodings, so a selected NaN keeps its payload. Products are computed in float and
 * rounded by integer arithmetic (bfloat16: the upper half with a rounding bias; binary16: the
 * exponent rebiased, with a float add that rounds the subnormals), because the Vector API of
 * JDK 25 has no conversion to or from binary16, and a NaN must come out as {@link Halves} gives it.
 *
 * <p>ReLU's kernels take vectors of {@link #SHORTS} (the preferred width); the others take
 * {@link #HALF}, with as many lanes as a preferred float vector, so that widening one fills one.
 * Leaky ReLU on binary16 is not here but in {@link F16Products}: its rounding, written out in
 * vector operations, made the loop bodies too big for C2 to inline.
 */
final class VectorHalves {
    /** Shorts at the preferred width: ReLU's lanes. */
    static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
    /** Shorts with the lanes of a preferred float vector: half its width. */
    static final VectorSpecies<Short> HALF = VectorSpecies.of(short.class,
            VectorShape.forBitSize(FloatVector.SPECIES_PREFERRED.vectorBitSize() / 2));
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;

    /** The encodings of +Infinity: above them (as unsigned magnitudes) are the NaNs. */
    private static final short BF16_INF = 0x7F80;
    private static final short F16_INF = 0x7C00;

    private VectorHalves() {}

    // Signs on encodings. With 16-bit wrap-around, x - 1 maps -tiny..-Inf (0x8001..INF|0x8000) onto
    // the lowest signed values up to INF - 0x8000 - 1, and x + 0x7FFF does the same for +tiny..+Inf;
    // zeros and NaNs land above.

    /** Lanes whose value is below zero: negative, not -0, not NaN. */
    private static VectorMask<Short> negative(ShortVector x, short inf) {
        return x.sub((short) 1).compare(VectorOperators.LT, (short) (inf - 0x8000));
    }

    /** Lanes whose value is above zero: positive, not +0, not NaN. */
    private static VectorMask<Short> positive(ShortVector x, short inf) {
        return x.add((short) 0x7FFF).compare(VectorOperators.LT, (short) (inf - 0x8000));
    }

    /** Lanes whose value is zero or below: -Inf..-0 (signed, at most INF - 0x8000), or +0. NaN is not. */
    private static VectorMask<Short> notAbove(ShortVector x, short inf) {
        return x.compare(VectorOperators.LE, (short) (inf - 0x8000)).or(x.compare(VectorOperators.EQ, (short) 0));
    }

    // Conversions, between HALF shorts and preferred floats.

    private static IntVector widen(ShortVector h) {
        return (IntVector) h.convertShape(VectorOperators.S2I, INTS, 0);
    }

    private static ShortVector narrow(IntVector bits) {
        return (ShortVector) bits.convertShape(VectorOperators.I2S, HALF, 0);
    }

    static FloatVector bf16ToFloat(ShortVector h) {
        return widen(h).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    static ShortVector floatToBF16(FloatVector v) {
        IntVector b = v.reinterpretAsInts();
        IntVector upper = b.lanewise(VectorOperators.LSHR, 16);
        IntVector rounded = b.add(upper.and(1).add(0x7FFF)).lanewise(VectorOperators.LSHR, 16);
        return narrow(rounded.blend(upper.or(0x0040), v.test(VectorOperators.IS_NAN).cast(INTS)));
    }

    /**
     * {@link #floatToBF16} for a product of a widened bfloat16 and a finite float: its only NaNs
     * come from a NaN operand or from Inf * 0, and have no bits below the top 16, so the rounding
     * bias leaves them as they are, quieted: the NaN case needs no lanes of its own.
     */
    private static ShortVector productToBF16(FloatVector product) {
        IntVector b = product.reinterpretAsInts();
        IntVector bias = b.lanewise(VectorOperators.LSHR, 16).and(1).add(0x7FFF);
        return narrow(b.add(bias).lanewise(VectorOperators.LSHR, 16));
    }

    static FloatVector f16ToFloat(ShortVector h) {
        IntVector bits = widen(h);
        IntVector o = bits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13); // exponent and significand
        IntVector exponent = o.and(0x7C00 << 13);
        o = o.add((127 - 15) << 23); // rebias
        o = o.add((128 - 16) << 23, exponent.compare(VectorOperators.EQ, 0x7C00 << 13)); // Inf, NaN: to 255
        VectorMask<Integer> small = exponent.compare(VectorOperators.EQ, 0); // zero, subnormal
        // A subnormal's significand over exponent 2^-14, minus 2^-14: exact.
        FloatVector v = o.add(1 << 23, small).reinterpretAsFloats()
                .sub(Float.intBitsToFloat(113 << 23), small.cast(FloatVector.SPECIES_PREFERRED));
        return v.reinterpretAsInts().or(bits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
    }

    static ShortVector floatToF16(FloatVector v) {
        IntVector b = v.reinterpretAsInts();
        IntVector a = b.and(0x7FFFFFFF);
        // Normal results: rebias, add half an ulp less one plus the ulp's parity, drop 13 bits
        // (a carry into the exponent rounds up to the next binade, or to Inf).
        IntVector normal = a.add(((15 - 127) << 23) + 0x0FFF).add(a.lanewise(VectorOperators.LSHR, 13).and(1))
                .lanewise(VectorOperators.LSHR, 13);
        // Subnormal results and zero: adding 0.5 puts the significand's bits at the bottom,
        // rounded by the float add itself.
        float magic = 0.5f;
        IntVector subnormal = a.reinterpretAsFloats().add(magic).reinterpretAsInts()
                .sub(Float.floatToRawIntBits(magic));
        IntVector r = normal.blend(subnormal, a.compare(VectorOperators.LT, 113 << 23));
        r = r.blend(0x7C00, a.compare(VectorOperators.GE, (127 + 16) << 23)); // 2^16 and above: Inf
        r = r.blend(a.lanewise(VectorOperators.LSHR, 13).and(0x03FF).or(0x7E00), v.test(VectorOperators.IS_NAN).cast(INTS));
        return narrow(r.or(b.lanewise(VectorOperators.LSHR, 16).and(0x8000)));
    }

    // The kernels' lanes, per format.

    static ShortVector reluBF16(ShortVector x) {
        return x.blend((short) 0, negative(x, BF16_INF));
    }

    static ShortVector reluF16(ShortVector x) {
        return x.blend((short) 0, negative(x, F16_INF));
    }

    static ShortVector reluGradientBF16(ShortVector x, ShortVector dy) {
        return dy.blend((short) 0, notAbove(x, BF16_INF));
    }

    static ShortVector reluGradientF16(ShortVector x, ShortVector dy) {
        return dy.blend((short) 0, notAbove(x, F16_INF));
    }

    static ShortVector leakyReluBF16(ShortVector x, float alpha) {
        return productToBF16(bf16ToFloat(x).mul(alpha)).blend(x, positive(x, BF16_INF));
    }

    static ShortVector leakyReluGradientBF16(ShortVector x, ShortVector dy, float alpha) {
        return productToBF16(bf16ToFloat(dy).mul(alpha)).blend(dy, positive(x, BF16_INF));
    }

    static ShortVector hardtanhBF16(ShortVector x, float min, float max) {
        short lo = Halves.floatToBF16(min);
        short hi = Halves.floatToBF16(max);
        return hardtanh(x, bf16ToFloat(x), Halves.bf16ToFloat(lo), Halves.bf16ToFloat(hi), lo, hi);
    }

    static ShortVector hardtanhF16(ShortVector x, float min, float max) {
        short lo = Halves.floatToF16(min);
        short hi = Halves.floatToF16(max);
        return hardtanh(x, f16ToFloat(x), Halves.f16ToFloat(lo), Halves.f16ToFloat(hi), lo, hi);
    }

    /** {@code lo} and {@code hi}: the bounds' encodings, compared as their floats {@code min} and {@code max}. */
    private static ShortVector hardtanh(ShortVector x, FloatVector v, float min, float max, short lo, short hi) {
        return x.blend(lo, v.compare(VectorOperators.LT, min).cast(HALF))
                .blend(hi, v.compare(VectorOperators.GT, max).cast(HALF));
    }

    static ShortVector hardtanhGradientBF16(ShortVector x, ShortVector dy, float min, float max) {
        return hardtanhGradient(bf16ToFloat(x), dy, min, max);
    }

    static ShortVector hardtanhGradientF16(ShortVector x, ShortVector dy, float min, float max) {
        return hardtanhGradient(f16ToFloat(x), dy, min, max);
    }

    private static ShortVector hardtanhGradient(FloatVector v, ShortVector dy, float min, float max) {
        return dy.blend((short) 0,
                v.compare(VectorOperators.LE, min).or(v.compare(VectorOperators.GE, max)).cast(HALF));
    }

    static ShortVector thresholdBF16(ShortVector x, float threshold, float value) {
        return x.blend(Halves.floatToBF16(value), bf16ToFloat(x).compare(VectorOperators.LE, threshold).cast(HALF));
    }

    static ShortVector thresholdF16(ShortVector x, float threshold, float value) {
        return x.blend(Halves.floatToF16(value), f16ToFloat(x).compare(VectorOperators.LE, threshold).cast(HALF));
    }

    static ShortVector thresholdGradientBF16(ShortVector x, ShortVector dy, float threshold, float value) {
        return dy.blend((short) 0, bf16ToFloat(x).compare(VectorOperators.LE, threshold).cast(HALF));
    }

    static ShortVector thresholdGradientF16(ShortVector x, ShortVector dy, float threshold, float value) {
        return dy.blend((short) 0, f16ToFloat(x).compare(VectorOperators.LE, threshold).cast(HALF));
    }
}
