package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link FloatSweep} for doubles: one double kernel, at one parameter pair, with one operand fixed
 * and the other taken from an array of bit patterns by {@link DoubleBitsTest}; and the contract's
 * answer from {@link Oracle} (products from a fused multiply-add with {@code -0.0}, which rounds
 * the exact product once, as a multiply does, without being the multiply under test).
 *
 * @param op       the activation
 * @param backward whether its backward kernel (else forward)
 * @param p        first parameter (alpha, min, threshold)
 * @param q        second parameter (max, value)
 * @param fixed    bits of the fixed operand: dy when x is swept; when dy is swept, x alternates
 *                 between {@code fixed} and its negation so that both branches see every dy
 * @param sweepsDy whether the patterns go to dy (backward kernels only) instead of x
 */
record DoubleSweep(Op op, boolean backward, double p, double q, long fixed, boolean sweepsDy) {
    private static final long SIGN = 0x8000_0000_0000_0000L;
    /** A dy with a full mantissa, so that dy * alpha rounds. */
    static final long ORDINARY_DY = Double.doubleToRawLongBits(1.6666666666666667);
    /** A signalling NaN with a payload: must pass where dy passes, be zeroed or quieted elsewhere. */
    static final long NAN_DY = 0x7ff4_0000_0000_0001L;
    /** The alphas of the sweep: the default, large, above one, negative. */
    static final double[] ALPHAS = {0.01, 0.2, 1.3, -0.5};

    /** Every sweep: as {@link FloatSweep#all()}, in doubles. */
    static List<DoubleSweep> all() {
        List<DoubleSweep> sweeps = new ArrayList<>();
        sweeps.add(new DoubleSweep(Op.RELU, false, 0, 0, 0, false));
        sweeps.add(new DoubleSweep(Op.RELU, true, 0, 0, ORDINARY_DY, false));
        sweeps.add(new DoubleSweep(Op.RELU, true, 0, 0, NAN_DY, false));
        for (double alpha : ALPHAS) {
            sweeps.add(new DoubleSweep(Op.LEAKY_RELU, false, alpha, 0, 0, false));
        }
        for (double alpha : ALPHAS) {
            sweeps.add(new DoubleSweep(Op.LEAKY_RELU, true, alpha, 0, ORDINARY_DY, false));
        }
        for (double alpha : ALPHAS) {
            sweeps.add(new DoubleSweep(Op.LEAKY_RELU, true, alpha, 0, Double.doubleToRawLongBits(1.5), true));
        }
        for (double[] pq : FloatSweep.HARDTANH) {
            sweeps.add(new DoubleSweep(Op.HARDTANH, false, pq[0], pq[1], 0, false));
            sweeps.add(new DoubleSweep(Op.HARDTANH, true, pq[0], pq[1], ORDINARY_DY, false));
        }
        for (double[] pq : FloatSweep.THRESHOLD) {
            sweeps.add(new DoubleSweep(Op.THRESHOLD, false, pq[0], pq[1], 0, false));
            sweeps.add(new DoubleSweep(Op.THRESHOLD, true, pq[0], pq[1], ORDINARY_DY, false));
        }
        return sweeps;
    }

    /** The operand that is not swept, at index i of a chunk (x alternates sign when dy is swept). */
    long fixedOperand(int i) {
        return sweepsDy && (i & 1) == 1 ? fixed ^ SIGN : fixed;
    }

    /** The contract's output bits for swept patterns {@code swept[offset ..]}, into {@code out[offset ..]}. */
    void expected(long[] swept, long[] out, int offset, int n) {
        long[] x = new long[n];
        long[] dy = new long[n];
        long[] bits = new long[n];
        for (int i = 0; i < n; i++) {
            long s = swept[offset + i];
            long other = fixedOperand(i);
            x[i] = sweepsDy ? other : s;
            dy[i] = sweepsDy ? s : other;
        }
        if (backward) {
            Oracle.backward(op, Element.DOUBLE, p, q, x, dy, bits, n);
        } else {
            Oracle.forward(op, Element.DOUBLE, p, q, x, bits, n);
        }
        System.arraycopy(bits, 0, out, offset, n);
    }

    void run(Engine engine, double[] x, double[] dy, double[] out, int offset, int n) {
        Element.DOUBLE.call(Activation.of(op, p, q).on(engine), backward, x, offset, dy, offset, out, offset, n);
    }

    void run(Engine engine, MemorySegment x, MemorySegment dy, MemorySegment out, int offset, int n) {
        Element.DOUBLE.call(Activation.of(op, p, q).on(engine), backward, x, (long) offset, dy, offset, out, offset, n);
    }

    @Override
    public String toString() {
        String operand = backward ? (sweepsDy ? ", dy swept, x = ±" : ", x swept, dy = ")
                + Double.longBitsToDouble(fixed) + " (0x" + Long.toHexString(fixed) + ")" : "";
        return Activation.of(op, p, q) + (backward ? " backward" : " forward") + operand;
    }
}
