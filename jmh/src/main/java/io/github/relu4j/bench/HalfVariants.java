package io.github.relu4j.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Other ways to run the 16-bit kernels, for the design study of {@link HalfVariantsBenchmark}; the
 * library's own ways are measured through its API there. Binary16 Leaky ReLU forward: a plain
 * loop of {@link Float#float16ToFloat} and {@link Float#floatToFloat16} (C2 intrinsics, which it
 * may vectorise) around the product, and the same conversions staged through a float chunk with
 * the product on {@link FloatVector}s. ReLU forward: widening to float and comparing there, on
 * shorts with a preferred float vector's lane count, instead of comparing the encodings as
 * integers. The conversions are the library's ({@code VectorHalves}), copied, so that only the
 * shape differs. All give the library's bits for every input (HalfVariantsTest).
 */
final class HalfVariants {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    /** Shorts with the lanes of a preferred float vector, as the library's Leaky ReLU takes them. */
    private static final VectorSpecies<Short> HALF = VectorSpecies.of(short.class,
            VectorShape.forBitSize(F.vectorBitSize() / 2));
    /** Elements a staged chunk holds: 2 KiB of floats, which stay in L1. */
    static final int CHUNK = 512;

    private HalfVariants() {}

    /** Binary16 Leaky ReLU, one element at a time through float: the loop C2 may vectorise. */
    static void leakyReluF16Plain(short[] x, short[] y, int n, float alpha) {
        for (int i = 0; i < n; i++) {
            float v = Float.float16ToFloat(x[i]);
            y[i] = Float.floatToFloat16(v > 0f ? v : v * alpha);
        }
    }

    /**
     * Binary16 Leaky ReLU in chunks: a plain loop widens a chunk into {@code scratch}, float
     * vectors compute it there, a plain loop narrows it into {@code y}. A positive x comes back
     * as its own bits: widening is exact and narrowing an exact value returns it.
     */
    static void leakyReluF16Staged(short[] x, short[] y, int n, float alpha, float[] scratch) {
        for (int start = 0; start < n; start += CHUNK) {
            int m = Math.min(CHUNK, n - start);
            for (int j = 0; j < m; j++) {
                scratch[j] = Float.float16ToFloat(x[start + j]);
            }
            int j = 0;
            for (int bound = F.loopBound(m); j < bound; j += F.length()) {
                FloatVector v = FloatVector.fromArray(F, scratch, j);
                v.mul(alpha).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(scratch, j);
            }
            if (j < m) {
                VectorMask<Float> k = F.indexInRange(j, m);
                FloatVector v = FloatVector.fromArray(F, scratch, j, k);
                v.mul(alpha).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(scratch, j, k);
            }
            for (j = 0; j < m; j++) {
                y[start + j] = Float.floatToFloat16(scratch[j]);
            }
        }
    }

    /** Bfloat16 ReLU through float: widen (a shift), compare with 0, keep x's bits or +0. */
    static void reluBF16Widened(short[] x, short[] y, int n) {
        int i = 0;
        for (int bound = HALF.loopBound(n); i < bound; i += HALF.length()) {
            ShortVector h = ShortVector.fromArray(HALF, x, i);
            h.blend((short) 0, bf16ToFloat(h).compare(VectorOperators.LT, 0f).cast(HALF)).intoArray(y, i);
        }
        if (i < n) {
            VectorMask<Short> m = HALF.indexInRange(i, n);
            ShortVector h = ShortVector.fromArray(HALF, x, i, m);
            h.blend((short) 0, bf16ToFloat(h).compare(VectorOperators.LT, 0f).cast(HALF)).intoArray(y, i, m);
        }
    }

    /** Binary16 ReLU through float: widen (rebias and subnormals), compare with 0, keep x's bits or +0. */
    static void reluF16Widened(short[] x, short[] y, int n) {
        int i = 0;
        for (int bound = HALF.loopBound(n); i < bound; i += HALF.length()) {
            ShortVector h = ShortVector.fromArray(HALF, x, i);
            h.blend((short) 0, f16ToFloat(h).compare(VectorOperators.LT, 0f).cast(HALF)).intoArray(y, i);
        }
        if (i < n) {
            VectorMask<Short> m = HALF.indexInRange(i, n);
            ShortVector h = ShortVector.fromArray(HALF, x, i, m);
            h.blend((short) 0, f16ToFloat(h).compare(VectorOperators.LT, 0f).cast(HALF)).intoArray(y, i, m);
        }
    }

    // The library's widening conversions (VectorHalves), HALF shorts to preferred floats.

    private static IntVector widen(ShortVector h) {
        return (IntVector) h.convertShape(VectorOperators.S2I, INTS, 0);
    }

    private static FloatVector bf16ToFloat(ShortVector h) {
        return widen(h).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    private static FloatVector f16ToFloat(ShortVector h) {
        IntVector bits = widen(h);
        IntVector o = bits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13);
        IntVector exponent = o.and(0x7C00 << 13);
        o = o.add((127 - 15) << 23);
        o = o.add((128 - 16) << 23, exponent.compare(VectorOperators.EQ, 0x7C00 << 13));
        VectorMask<Integer> small = exponent.compare(VectorOperators.EQ, 0);
        FloatVector v = o.add(1 << 23, small).reinterpretAsFloats()
                .sub(Float.intBitsToFloat(113 << 23), small.cast(F));
        return v.reinterpretAsInts().or(bits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
    }
}
