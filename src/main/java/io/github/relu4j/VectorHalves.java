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
 * <p>Where no arithmetic is needed, none is done. Selections compare encodings as integers:
 * below or above zero with a wrapped subtract ({@link #negative}, {@link #positive}), against a
 * parameter in the order of the values ({@link #key}: sign and magnitude to two's complement, both
 * zeros equal) against the key of the parameter's encoding, the NaNs set apart. So ReLU,
 * Hardtanh and Threshold never convert and run at the full width of shorts, and Leaky ReLU on
 * bfloat16 converts only for its product (a shift to widen, a rounding bias to narrow).
 *
 * <p>Every method here is at most 35 bytes of bytecode, C2's limit for inlining at a call site
 * that runs rarely (the masked tail, once a call): a lane function C2 does not inline boxes its
 * vectors, hundreds of bytes a call.
 *
 * <p>The selections take vectors of {@link #SHORTS} (the preferred width); Leaky ReLU takes
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
    static final short BF16_INF = 0x7F80;
    static final short F16_INF = 0x7C00;

    private VectorHalves() {}

    // Signs on encodings. With 16-bit wrap-around, x - 1 maps -tiny..-Inf (0x8001..INF|0x8000) onto
    // the lowest signed values up to INF - 0x8000 - 1, and x + 0x7FFF does the same for +tiny..+Inf;
    // zeros and NaNs land above.

    /** Lanes whose value is below zero: negative, not -0, not NaN. */
    private static VectorMask<Short> negative(ShortVector x, short inf) {
        return x.sub((short) 1).compare(VectorOperators.LT, (short) (inf - 0x8000));
    }

    /** Lanes whose value is above zero: positive, not +0, not NaN. */
    static VectorMask<Short> positive(ShortVector x, short inf) {
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

    /**
     * The float {@code product} rounded to bfloat16, for a product of a widened bfloat16 and a finite float: its only NaNs
     * come from a NaN operand or from Inf * 0, and have no bits below the top 16, so the rounding
     * bias leaves them as they are, quieted: the NaN case needs no lanes of its own.
     */
    static ShortVector productToBF16(FloatVector product) {
        IntVector b = product.reinterpretAsInts();
        return narrow(b.add(roundingBias(b)).lanewise(VectorOperators.LSHR, 16));
    }

    /** Half an ulp of bfloat16 less one, plus the kept bit's parity: ties go to even. */
    private static IntVector roundingBias(IntVector b) {
        return b.lanewise(VectorOperators.LSHR, 16).and(1).add(0x7FFF);
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

    // Hardtanh and Threshold compare with float parameters: on the encodings' order (key), against
    // the key of the parameter's encoding rounded to the format (forward Hardtanh), or of the
    // largest encoding at most / smallest at least the float (the others), NaN lanes excluded.

    static ShortVector hardtanhBF16(ShortVector x, float min, float max) {
        return hardtanh(x, Format.BF16, BF16_INF, min, max);
    }

    static ShortVector hardtanhF16(ShortVector x, float min, float max) {
        return hardtanh(x, Format.F16, F16_INF, min, max);
    }

    private static ShortVector hardtanh(ShortVector x, Format f, short inf, float min, float max) {
        short lo = Halves.roundParameter(f, min);
        short hi = Halves.roundParameter(f, max);
        ShortVector k = key(x);
        VectorMask<Short> nan = nan(x, inf);
        return x.blend(lo, k.compare(VectorOperators.LT, Halves.key(lo)).andNot(nan))
                .blend(hi, k.compare(VectorOperators.GT, Halves.key(hi)).andNot(nan));
    }

    static ShortVector hardtanhGradientBF16(ShortVector x, ShortVector dy, float min, float max) {
        return hardtanhGradient(x, dy, Format.BF16, BF16_INF, min, max);
    }

    static ShortVector hardtanhGradientF16(ShortVector x, ShortVector dy, float min, float max) {
        return hardtanhGradient(x, dy, Format.F16, F16_INF, min, max);
    }

    private static ShortVector hardtanhGradient(ShortVector x, ShortVector dy, Format f, short inf, float min,
                                                float max) {
        ShortVector k = key(x);
        VectorMask<Short> outside = k.compare(VectorOperators.LE, Halves.floorKey(f, min))
                .or(k.compare(VectorOperators.GE, Halves.ceilKey(f, max)));
        return dy.blend((short) 0, outside.andNot(nan(x, inf)));
    }

    static ShortVector thresholdBF16(ShortVector x, float threshold, float value) {
        return x.blend(Halves.roundParameter(Format.BF16, value), atMost(x, Format.BF16, BF16_INF, threshold));
    }

    static ShortVector thresholdF16(ShortVector x, float threshold, float value) {
        return x.blend(Halves.roundParameter(Format.F16, value), atMost(x, Format.F16, F16_INF, threshold));
    }

    static ShortVector thresholdGradientBF16(ShortVector x, ShortVector dy, float threshold, float value) {
        return dy.blend((short) 0, atMost(x, Format.BF16, BF16_INF, threshold));
    }

    static ShortVector thresholdGradientF16(ShortVector x, ShortVector dy, float threshold, float value) {
        return dy.blend((short) 0, atMost(x, Format.F16, F16_INF, threshold));
    }

    /** Lanes whose value is at most {@code v}: not NaN, key at most the floor's. */
    private static VectorMask<Short> atMost(ShortVector x, Format f, short inf, float v) {
        return key(x).compare(VectorOperators.LE, Halves.floorKey(f, v)).andNot(nan(x, inf));
    }

    /** The encodings in the order of their values ({@link Halves#key}): magnitude, negated when the sign is set. */
    static ShortVector key(ShortVector x) {
        ShortVector magnitude = x.and((short) 0x7FFF);
        return magnitude.blend(magnitude.neg(), x.compare(VectorOperators.LT, (short) 0));
    }

    static VectorMask<Short> nan(ShortVector x, short inf) {
        return x.and((short) 0x7FFF).compare(VectorOperators.GT, inf);
    }
}
