package io.github.relu4j;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link BlockKernels} in the Java Vector API, with the bits of {@link ScalarBlocks}. Gates
 * are vector compares stored with {@link VectorMask#toLong()}; a mask word turns back into lanes
 * by a broadcast of its bits and a test of each lane's own bit (plain integer lanes, which every
 * width compiles); 16-bit counts add a lane's compare to an int lane. Floats and doubles
 * compare as values, and have their fused forward in one pass ({@link VectorLoops#fused}, here),
 * so the bias and count kernels are vector code for the 16-bit formats only; 16-bit encodings compare in the order of their values ({@link VectorHalves#key}) with
 * the keys of the float parameters' floor and ceiling, as their backward kernels do, NaNs set
 * apart. Tails (fewer elements than a vector) run the reference's arithmetic here, an element at
 * a time. The 16-bit bias add is vector code for bfloat16 (a shift, a float add, a rounding
 * bias) and the reference's for binary16, whose conversions C2 does not vectorise.
 */
final class VectorBlocks implements BlockKernels {
    static final VectorBlocks INSTANCE = new VectorBlocks();

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Ints with the lanes of a float vector: lane bits for floats and 16-bit elements, 16-bit counts. */
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    /** Longs with the lanes of a double vector: lane bits for doubles. */
    private static final VectorSpecies<Long> L = VectorSpecies.of(long.class, D.vectorShape());
    /** Shorts at most 64 lanes wide, so that a gate's lanes fit in one long. */
    private static final VectorSpecies<Short> S = VectorSpecies.of(short.class,
            VectorShape.forBitSize(Math.min(ShortVector.SPECIES_PREFERRED.vectorBitSize(), 1024)));
    /** Shorts with the lanes of a float vector. */
    private static final VectorSpecies<Short> H = VectorHalves.HALF;
    private static final IntVector INT_LANE_BITS = laneBits(I);
    private static final LongVector LONG_LANE_BITS = longLaneBits();

    private VectorBlocks() {}

    private static IntVector laneBits(VectorSpecies<Integer> species) {
        int[] bits = new int[species.length()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = 1 << i;
        }
        return IntVector.fromArray(species, bits, 0);
    }

    private static LongVector longLaneBits() {
        long[] bits = new long[L.length()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = 1L << i;
        }
        return LongVector.fromArray(L, bits, 0);
    }

    /** Floats and doubles in one pass ({@link VectorLoops#fused}); the 16-bit formats compose. */
    @Override
    public int fused(Loops loops, Op op, Format f, Object x, int xOff, Object y, int yOff, int n, double p, double q,
                     Object bias, int biasOff, double runBias, int biasKind, long[] words, int[] counts, int countsOff,
                     boolean positives) {
        if (f.half) {
            return BlockKernels.super.fused(loops, op, f, x, xOff, y, yOff, n, p, q, bias, biasOff, runBias, biasKind,
                    words, counts, countsOff, positives);
        }
        if (words != null) {
            java.util.Arrays.fill(words, 0, (int) MaskWords.words(n), 0L);
        }
        return VectorLoops.fused(op, f, x, xOff, y, yOff, n, p, q, bias, biasOff, runBias, biasKind, words, counts,
                countsOff, positives);
    }

    // ---- Gates. ----

    @Override
    public void gate(Op op, Format f, Object x, int off, int n, double p, double q, long[] words) {
        java.util.Arrays.fill(words, 0, (int) MaskWords.words(n), 0L);
        switch (f) {
            case F32 -> {
                float low = (float) op.gateLow(p);
                float high = (float) op.gateHigh(q);
                if (op.scales) {
                    gateAboveF32((float[]) x, off, n, low, words);
                } else {
                    gateF32((float[]) x, off, n, low, high, words);
                }
            }
            case F64 -> {
                if (op.scales) {
                    gateAboveF64((double[]) x, off, n, op.gateLow(p), words);
                } else {
                    gateF64((double[]) x, off, n, op.gateLow(p), op.gateHigh(q), words);
                }
            }
            case BF16, F16 -> gateHalf(op, f, (short[]) x, off, n, p, q, words);
        }
    }

    /** Passes unless {@code x <= low} or {@code x >= high}: NaN passes. */
    private static void gateF32(float[] x, int off, int n, float low, float high, long[] words) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, off + i);
            long bits = v.compare(VectorOperators.LE, low).or(v.compare(VectorOperators.GE, high)).not().toLong();
            words[i >>> 6] |= bits << i;
        }
        for (; i < n; i++) {
            float v = x[off + i];
            words[i >>> 6] |= (!(v <= low) && !(v >= high) ? 1L : 0L) << i;
        }
    }

    /** Passes where {@code x > low}: NaN does not (the ops that scale have no upper gate). */
    private static void gateAboveF32(float[] x, int off, int n, float low, long[] words) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            words[i >>> 6] |= FloatVector.fromArray(F, x, off + i).compare(VectorOperators.GT, low).toLong() << i;
        }
        for (; i < n; i++) {
            words[i >>> 6] |= (x[off + i] > low ? 1L : 0L) << i;
        }
    }

    private static void gateF64(double[] x, int off, int n, double low, double high, long[] words) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, x, off + i);
            long bits = v.compare(VectorOperators.LE, low).or(v.compare(VectorOperators.GE, high)).not().toLong();
            words[i >>> 6] |= bits << i;
        }
        for (; i < n; i++) {
            double v = x[off + i];
            words[i >>> 6] |= (!(v <= low) && !(v >= high) ? 1L : 0L) << i;
        }
    }

    private static void gateAboveF64(double[] x, int off, int n, double low, long[] words) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            words[i >>> 6] |= DoubleVector.fromArray(D, x, off + i).compare(VectorOperators.GT, low).toLong() << i;
        }
        for (; i < n; i++) {
            words[i >>> 6] |= (x[off + i] > low ? 1L : 0L) << i;
        }
    }

    /**
     * On keys: blocked where {@code key <= floorKey(low)} or {@code key >= ceilKey(high)} (no
     * upper gate: a key no encoding has), NaN excluded; the ops that scale block NaN too.
     */
    private static void gateHalf(Op op, Format f, short[] x, int off, int n, double p, double q, long[] words) {
        short inf = f == Format.BF16 ? VectorHalves.BF16_INF : VectorHalves.F16_INF;
        short low = Halves.floorKey(f, (float) op.gateLow(p));
        short high = op == Op.HARDTANH ? Halves.ceilKey(f, (float) q) : Short.MAX_VALUE;
        long nanBlocked = op.scales ? -1L : 0L; // all lanes' bits, or none
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            ShortVector v = ShortVector.fromArray(S, x, off + i);
            ShortVector k = VectorHalves.key(v);
            VectorMask<Short> nan = VectorHalves.nan(v, inf);
            VectorMask<Short> blocked = k.compare(VectorOperators.LE, low).or(k.compare(VectorOperators.GE, high))
                    .andNot(nan);
            long bits = blocked.not().toLong() & ~(nan.toLong() & nanBlocked);
            words[i >>> 6] |= bits << i;
        }
        for (; i < n; i++) {
            short h = x[off + i];
            float v = Halves.toFloat(f, h);
            boolean passes = !(v <= (float) op.gateLow(p)) && !(v >= (float) op.gateHigh(q)) && (!op.scales || v == v);
            words[i >>> 6] |= (passes ? 1L : 0L) << i;
        }
    }

    // ---- The backward pass from a mask: the gradient's own lane function on x = bit ? +1 : -1, built in lanes. ----

    @Override
    public void gradient(Op op, Format f, long[] words, Object dy, int dyOff, Object dx, int dxOff, int n,
                         double alpha, Object inputs) {
        boolean leaky = op.gateGradient() == Op.LEAKY_RELU;
        switch (f) {
            case F32 -> {
                if (leaky) {
                    leakyGradientF32(words, (float[]) dy, dyOff, (float[]) dx, dxOff, n, (float) alpha);
                } else {
                    reluGradientF32(words, (float[]) dy, dyOff, (float[]) dx, dxOff, n);
                }
            }
            case F64 -> {
                if (leaky) {
                    leakyGradientF64(words, (double[]) dy, dyOff, (double[]) dx, dxOff, n, alpha);
                } else {
                    reluGradientF64(words, (double[]) dy, dyOff, (double[]) dx, dxOff, n);
                }
            }
            case BF16 -> {
                if (leaky) {
                    leakyGradientBF16(words, (short[]) dy, dyOff, (short[]) dx, dxOff, n, (float) alpha);
                } else {
                    reluGradientHalf(f, words, (short[]) dy, dyOff, (short[]) dx, dxOff, n);
                }
            }
            case F16 -> {
                if (leaky) { // its product is staged (F16Products): so are its inputs
                    expandHalf(words, n, (short[]) inputs, Halves.round(f, 1f), Halves.round(f, -1f));
                    F16Products.scale((short[]) inputs, 0, (short[]) dy, dyOff, (short[]) dx, dxOff, n, (float) alpha);
                } else {
                    reluGradientHalf(f, words, (short[]) dy, dyOff, (short[]) dx, dxOff, n);
                }
            }
        }
    }

    /** The lanes of {@code I} whose bit is set in bits {@code i .. i + lanes} of the words. */
    private static VectorMask<Integer> lanes(long[] words, int i) {
        int bits = (int) (words[i >>> 6] >>> (i & 63));
        return IntVector.broadcast(I, bits).and(INT_LANE_BITS).compare(VectorOperators.NE, 0);
    }

    /** x = +1 where the bit is set, else -1, as floats. */
    private static FloatVector inputsF32(long[] words, int i) {
        return FloatVector.broadcast(F, -1f).blend(1f, lanes(words, i).cast(F));
    }

    private static DoubleVector inputsF64(long[] words, int i) {
        long bits = words[i >>> 6] >>> (i & 63);
        VectorMask<Long> set = LongVector.broadcast(L, bits).and(LONG_LANE_BITS).compare(VectorOperators.NE, 0);
        return DoubleVector.broadcast(D, -1d).blend(1d, set.cast(D));
    }

    private static ShortVector inputsHalf(long[] words, int i, short one, short minusOne) {
        return ShortVector.broadcast(H, minusOne).blend(one, lanes(words, i).cast(H));
    }

    private static float inputF32(long[] words, int i) {
        return (words[i >>> 6] >>> i & 1) != 0 ? 1f : -1f;
    }

    private static double inputF64(long[] words, int i) {
        return (words[i >>> 6] >>> i & 1) != 0 ? 1d : -1d;
    }

    private static void reluGradientF32(long[] words, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            VectorLanes.reluGradient(inputsF32(words, i), FloatVector.fromArray(F, dy, dyOff + i)).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            dx[dxOff + i] = ScalarLanes.reluGradient(inputF32(words, i), dy[dyOff + i]);
        }
    }

    private static void leakyGradientF32(long[] words, float[] dy, int dyOff, float[] dx, int dxOff, int n,
                                         float alpha) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            VectorLanes.leakyReluGradient(inputsF32(words, i), FloatVector.fromArray(F, dy, dyOff + i), alpha)
                    .intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            dx[dxOff + i] = ScalarLanes.leakyReluGradient(inputF32(words, i), dy[dyOff + i], alpha);
        }
    }

    private static void reluGradientF64(long[] words, double[] dy, int dyOff, double[] dx, int dxOff, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            VectorLanes.reluGradient(inputsF64(words, i), DoubleVector.fromArray(D, dy, dyOff + i)).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            dx[dxOff + i] = ScalarLanes.reluGradient(inputF64(words, i), dy[dyOff + i]);
        }
    }

    private static void leakyGradientF64(long[] words, double[] dy, int dyOff, double[] dx, int dxOff, int n,
                                         double alpha) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            VectorLanes.leakyReluGradient(inputsF64(words, i), DoubleVector.fromArray(D, dy, dyOff + i), alpha)
                    .intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            dx[dxOff + i] = ScalarLanes.leakyReluGradient(inputF64(words, i), dy[dyOff + i], alpha);
        }
    }

    private static void reluGradientHalf(Format f, long[] words, short[] dy, int dyOff, short[] dx, int dxOff, int n) {
        short one = Halves.round(f, 1f);
        short minusOne = Halves.round(f, -1f);
        boolean bf16 = f == Format.BF16;
        int i = 0;
        for (int end = H.loopBound(n); i < end; i += H.length()) {
            ShortVector x = inputsHalf(words, i, one, minusOne);
            ShortVector g = ShortVector.fromArray(H, dy, dyOff + i);
            (bf16 ? VectorHalves.reluGradientBF16(x, g) : VectorHalves.reluGradientF16(x, g)).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            short x = (words[i >>> 6] >>> i & 1) != 0 ? one : minusOne;
            dx[dxOff + i] = HalfLanes.reluGradient(f, x, dy[dyOff + i]);
        }
    }

    private static void leakyGradientBF16(long[] words, short[] dy, int dyOff, short[] dx, int dxOff, int n,
                                          float alpha) {
        short one = Halves.round(Format.BF16, 1f);
        short minusOne = Halves.round(Format.BF16, -1f);
        int i = 0;
        for (int end = H.loopBound(n); i < end; i += H.length()) {
            VectorHalves.leakyReluGradientBF16(inputsHalf(words, i, one, minusOne), ShortVector.fromArray(H, dy, dyOff + i),
                    alpha).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            short x = (words[i >>> 6] >>> i & 1) != 0 ? one : minusOne;
            dx[dxOff + i] = HalfLanes.leakyReluGradient(Format.BF16, x, dy[dyOff + i], alpha);
        }
    }

    @Override
    public void inputs(Format f, long[] words, int n, Object inputs) {
        switch (f) {
            case F32 -> {
                float[] out = (float[]) inputs;
                int i = 0;
                for (int end = F.loopBound(n); i < end; i += F.length()) {
                    inputsF32(words, i).intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = inputF32(words, i);
                }
            }
            case F64 -> {
                double[] out = (double[]) inputs;
                int i = 0;
                for (int end = D.loopBound(n); i < end; i += D.length()) {
                    inputsF64(words, i).intoArray(out, i);
                }
                for (; i < n; i++) {
                    out[i] = inputF64(words, i);
                }
            }
            case BF16, F16 -> expandHalf(words, n, (short[]) inputs, Halves.round(f, 1f), Halves.round(f, -1f));
        }
    }

    private static void expandHalf(long[] words, int n, short[] inputs, short one, short minusOne) {
        int i = 0;
        for (int end = H.loopBound(n); i < end; i += H.length()) {
            inputsHalf(words, i, one, minusOne).intoArray(inputs, i);
        }
        for (; i < n; i++) {
            inputs[i] = (words[i >>> 6] >>> i & 1) != 0 ? one : minusOne;
        }
    }

    // ---- Bias and counts: the 16-bit formats' (floats and doubles add and count inside their fused
    // loops, VectorLoops.fused, and never come here but through the reference's arithmetic). ----

    @Override
    public void addRow(Format f, Object x, int xOff, Object y, int yOff, int n, Object bias, int biasOff) {
        switch (f) {
            case BF16 -> addRowBF16((short[]) x, xOff, (short[]) y, yOff, n, (float[]) bias, biasOff);
            case F32, F64, F16 -> ScalarBlocks.INSTANCE.addRow(f, x, xOff, y, yOff, n, bias, biasOff);
        }
    }

    @Override
    public void addRun(Format f, Object x, int xOff, Object y, int yOff, int n, double bias) {
        switch (f) {
            case BF16 -> addRunBF16((short[]) x, xOff, (short[]) y, yOff, n, (float) bias);
            case F32, F64, F16 -> ScalarBlocks.INSTANCE.addRun(f, x, xOff, y, yOff, n, bias);
        }
    }





    private static void addRowBF16(short[] x, int xOff, short[] y, int yOff, int n, float[] b, int bOff) {
        int i = 0;
        for (int end = H.loopBound(n); i < end; i += H.length()) {
            FloatVector sum = VectorHalves.bf16ToFloat(ShortVector.fromArray(H, x, xOff + i))
                    .add(FloatVector.fromArray(F, b, bOff + i));
            VectorHalves.productToBF16(sum).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Halves.floatToBF16(Halves.bf16ToFloat(x[xOff + i]) + b[bOff + i]);
        }
    }

    private static void addRunBF16(short[] x, int xOff, short[] y, int yOff, int n, float b) {
        int i = 0;
        for (int end = H.loopBound(n); i < end; i += H.length()) {
            FloatVector sum = VectorHalves.bf16ToFloat(ShortVector.fromArray(H, x, xOff + i)).add(b);
            VectorHalves.productToBF16(sum).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Halves.floatToBF16(Halves.bf16ToFloat(x[xOff + i]) + b);
        }
    }

    // ---- Counts of elements above zero. ----

    @Override
    public void countRow(Format f, Object x, int off, int n, int[] counts, int countsOff) {
        switch (f) {
            case F32, F64 -> ScalarBlocks.INSTANCE.countRow(f, x, off, n, counts, countsOff);
            case BF16, F16 -> countRowHalf((short[]) x, off, n, counts, countsOff,
                    f == Format.BF16 ? VectorHalves.BF16_INF : VectorHalves.F16_INF);
        }
    }



    private static void countRowHalf(short[] x, int off, int n, int[] counts, int countsOff, short inf) {
        IntVector one = IntVector.broadcast(I, 1);
        int i = 0;
        for (int end = H.loopBound(n); i < end; i += H.length()) {
            VectorMask<Integer> above = VectorHalves.positive(ShortVector.fromArray(H, x, off + i), inf).cast(I);
            IntVector.fromArray(I, counts, countsOff + i).add(one, above).intoArray(counts, countsOff + i);
        }
        for (; i < n; i++) {
            counts[countsOff + i] += positive(x[off + i], inf) ? 1 : 0;
        }
    }

    /** A 16-bit encoding above zero: sign clear, not +0, not NaN. */
    private static boolean positive(short h, short inf) {
        return h > 0 && h <= inf;
    }

    @Override
    public int countRun(Format f, Object x, int off, int n) {
        return switch (f) {
            case F32, F64 -> ScalarBlocks.INSTANCE.countRun(f, x, off, n);
            case BF16, F16 -> countRunHalf((short[]) x, off, n, f == Format.BF16 ? VectorHalves.BF16_INF : VectorHalves.F16_INF);
        };
    }



    private static int countRunHalf(short[] x, int off, int n, short inf) {
        int count = 0;
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            count += VectorHalves.positive(ShortVector.fromArray(S, x, off + i), inf).trueCount();
        }
        for (; i < n; i++) {
            count += positive(x[off + i], inf) ? 1 : 0;
        }
        return count;
    }
}
