package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * One float kernel, at one parameter pair, with one operand fixed and the other swept over all
 * 2^32 bit patterns by {@link ExhaustiveFloatTest}; and the contract's answer for it from
 * {@link Oracle}, computed from the bits alone.
 *
 * @param op       the activation
 * @param backward whether its backward kernel (else forward)
 * @param p        first parameter (alpha, min, threshold)
 * @param q        second parameter (max, value)
 * @param fixed    bits of the fixed operand: dy when x is swept; when dy is swept, x alternates
 *                 between {@code fixed} and its negation so that both branches see every dy
 * @param sweepsDy whether the 2^32 patterns go to dy (backward kernels only) instead of x
 */
record FloatSweep(Op op, boolean backward, double p, double q, int fixed, boolean sweepsDy) {
    private static final int SIGN = 0x8000_0000;
    /** A dy with a full mantissa, so that dy * alpha rounds. */
    static final int ORDINARY_DY = Float.floatToRawIntBits(1.6666666f);
    /** A signalling NaN with a payload: must pass where dy passes, be zeroed or quieted elsewhere. */
    static final int NAN_DY = 0x7fa0_0001;
    /** The alphas of the exhaustive sweep: the default, large, above one, negative. */
    static final float[] ALPHAS = {0.01f, 0.2f, 1.3f, -0.5f};
    /** The Hardtanh bounds: ReLU6 and (-1, 1). */
    static final double[][] HARDTANH = {{0, 6}, {-1, 1}};
    /** The Threshold pairs: a negative replacement above zero, a positive one below. */
    static final double[][] THRESHOLD = {{0.5, -2}, {-1, 3}};

    /**
     * Every sweep: ReLU forward; backward with an ordinary and a NaN dy; Leaky at every alpha, x
     * and dy swept; Hardtanh and Threshold forward and backward at each of their pairs.
     */
    static List<FloatSweep> all() {
        List<FloatSweep> sweeps = new ArrayList<>();
        sweeps.add(new FloatSweep(Op.RELU, false, 0, 0, 0, false));
        sweeps.add(new FloatSweep(Op.RELU, true, 0, 0, ORDINARY_DY, false));
        sweeps.add(new FloatSweep(Op.RELU, true, 0, 0, NAN_DY, false));
        for (float alpha : ALPHAS) {
            sweeps.add(new FloatSweep(Op.LEAKY_RELU, false, alpha, 0, 0, false));
        }
        // Backward with x swept decides x > 0 over every x; with one dy its product is one value per
        // alpha, so one alpha serves: the products at every alpha are swept below, over every dy.
        sweeps.add(new FloatSweep(Op.LEAKY_RELU, true, ALPHAS[0], 0, ORDINARY_DY, false));
        for (float alpha : ALPHAS) {
            sweeps.add(new FloatSweep(Op.LEAKY_RELU, true, alpha, 0, Float.floatToRawIntBits(1.5f), true));
        }
        for (double[] pq : HARDTANH) {
            sweeps.add(new FloatSweep(Op.HARDTANH, false, pq[0], pq[1], 0, false));
            sweeps.add(new FloatSweep(Op.HARDTANH, true, pq[0], pq[1], ORDINARY_DY, false));
        }
        for (double[] pq : THRESHOLD) {
            sweeps.add(new FloatSweep(Op.THRESHOLD, false, pq[0], pq[1], 0, false));
            sweeps.add(new FloatSweep(Op.THRESHOLD, true, pq[0], pq[1], ORDINARY_DY, false));
        }
        return sweeps;
    }

    /** The operand that is not swept, at index i of a chunk (x alternates sign when dy is swept). */
    int fixedOperand(int i) {
        return sweepsDy && (i & 1) == 1 ? fixed ^ SIGN : fixed;
    }

    /** Elements per block of the oracle's scratch arrays: three blocks of longs stay in L1. */
    static final int BLOCK = 1024;

    /**
     * The contract's output bits for swept patterns {@code base .. base + n - 1}, into
     * {@code out[offset ..]}, a block at a time through {@code x}, {@code dy} and {@code bits}:
     * scratch arrays of at least {@link #BLOCK} elements.
     */
    void expected(int base, int[] out, int offset, int n, long[] x, long[] dy, long[] bits) {
        for (int from = 0; from < n; from += BLOCK) {
            int m = Math.min(BLOCK, n - from);
            for (int i = 0; i < m; i++) {
                long s = Integer.toUnsignedLong(base + from + i);
                long other = Integer.toUnsignedLong(fixedOperand(from + i));
                x[i] = sweepsDy ? other : s;
                dy[i] = sweepsDy ? s : other;
            }
            if (backward) {
                Oracle.backward(op, Element.FLOAT, p, q, x, dy, bits, m);
            } else {
                Oracle.forward(op, Element.FLOAT, p, q, x, bits, m);
            }
            for (int i = 0; i < m; i++) {
                out[offset + from + i] = (int) bits[i];
            }
        }
    }

    /** Runs the kernel on arrays, {@code n} elements from {@code offset} of each. */
    void run(Engine engine, float[] x, float[] dy, float[] out, int offset, int n) {
        Element.FLOAT.call(Activation.of(op, p, q).on(engine), backward, x, offset, dy, offset, out, offset, n);
    }

    /** Runs the kernel on float segments, {@code n} elements from {@code offset} of each. */
    void run(Engine engine, MemorySegment x, MemorySegment dy, MemorySegment out, int offset, int n) {
        Element.FLOAT.call(Activation.of(op, p, q).on(engine), backward, x, (long) offset, dy, offset, out, offset, n);
    }

    @Override
    public String toString() {
        String operand = backward ? (sweepsDy ? ", every dy, x = ±" : ", every x, dy = ")
                + Float.intBitsToFloat(fixed) + " (0x" + Integer.toHexString(fixed) + ")" : ", every x";
        return Activation.of(op, p, q) + (backward ? " backward" : " forward") + operand;
    }
}
