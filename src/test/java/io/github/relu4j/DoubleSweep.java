package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link FloatSweep} for doubles: one double kernel, at one alpha, with one operand fixed and the
 * other taken from an array of bit patterns by {@link DoubleBitsTest}; and the contract's answer,
 * from the bits alone and, for alpha products, from a fused multiply-add with {@code -0.0}, which
 * rounds the exact product once (as a multiply does) without being the multiply under test.
 *
 * @param kind     the kernel
 * @param alpha    the slope (Leaky ReLU only)
 * @param fixed    bits of the fixed operand: dy when x is swept; when dy is swept, x alternates
 *                 between {@code fixed} and its negation so that both branches see every dy
 * @param sweepsDy whether the patterns go to dy (backward kernels only) instead of x
 */
record DoubleSweep(KernelCase.Kind kind, double alpha, long fixed, boolean sweepsDy) {
    private static final long SIGN = 0x8000_0000_0000_0000L;
    private static final long QUIET = 0x0008_0000_0000_0000L;
    private static final long INFINITY = 0x7ff0_0000_0000_0000L;
    /** A dy with a full mantissa, so that dy * alpha rounds. */
    static final long ORDINARY_DY = Double.doubleToRawLongBits(1.6666666666666667);
    /** A signalling NaN with a payload: must pass where dy passes, be zeroed or quieted elsewhere. */
    static final long NAN_DY = 0x7ff4_0000_0000_0001L;
    /** The alphas of the sweep: the default, large, above one, negative. */
    static final double[] ALPHAS = {0.01, 0.2, 1.3, -0.5};

    /** Every sweep: ReLU forward; backward with an ordinary and a NaN dy; Leaky at every alpha, x and dy swept. */
    static List<DoubleSweep> all() {
        List<DoubleSweep> sweeps = new ArrayList<>();
        sweeps.add(new DoubleSweep(KernelCase.Kind.RELU_FORWARD, Double.NaN, 0, false));
        sweeps.add(new DoubleSweep(KernelCase.Kind.RELU_BACKWARD, Double.NaN, ORDINARY_DY, false));
        sweeps.add(new DoubleSweep(KernelCase.Kind.RELU_BACKWARD, Double.NaN, NAN_DY, false));
        for (double alpha : ALPHAS) {
            sweeps.add(new DoubleSweep(KernelCase.Kind.LEAKY_RELU_FORWARD, alpha, 0, false));
        }
        for (double alpha : ALPHAS) {
            sweeps.add(new DoubleSweep(KernelCase.Kind.LEAKY_RELU_BACKWARD, alpha, ORDINARY_DY, false));
        }
        for (double alpha : ALPHAS) {
            sweeps.add(new DoubleSweep(KernelCase.Kind.LEAKY_RELU_BACKWARD, alpha, Double.doubleToRawLongBits(1.5), true));
        }
        return sweeps;
    }

    /** The operand that is not swept, at index i of a chunk (x alternates sign when dy is swept). */
    long fixedOperand(int i) {
        return sweepsDy && (i & 1) == 1 ? fixed ^ SIGN : fixed;
    }

    /** The contract's output bits for swept patterns {@code swept[offset ..]}, into {@code out[offset ..]}. */
    void expected(long[] swept, long[] out, int offset, int n) {
        for (int i = 0; i < n; i++) {
            long s = swept[offset + i];
            long other = fixedOperand(i);
            long x = sweepsDy ? other : s;
            long dy = sweepsDy ? s : other;
            out[offset + i] = switch (kind) {
                case RELU_FORWARD -> isNegative(x) ? 0 : x;
                case RELU_BACKWARD -> isNegative(x) || isZero(x) ? 0 : dy;
                case LEAKY_RELU_FORWARD -> isPositive(x) ? x : product(x);
                case LEAKY_RELU_BACKWARD -> isPositive(x) ? dy : product(dy);
            };
        }
    }

    /** bits * alpha: a NaN keeps its payload and is quieted; otherwise fma(v, alpha, -0.0), the product rounded once. */
    private long product(long bits) {
        if (isNaN(bits)) {
            return bits | QUIET;
        }
        return Double.doubleToRawLongBits(Math.fma(Double.longBitsToDouble(bits), alpha, -0.0));
    }

    void run(ReluKernels k, double[] x, double[] dy, double[] out, int offset, int n) {
        switch (kind) {
            case RELU_FORWARD -> k.reluForward(x, offset, out, offset, n);
            case RELU_BACKWARD -> k.reluBackward(x, offset, dy, offset, out, offset, n);
            case LEAKY_RELU_FORWARD -> k.leakyReluForward(x, offset, out, offset, n, alpha);
            case LEAKY_RELU_BACKWARD -> k.leakyReluBackward(x, offset, dy, offset, out, offset, n, alpha);
        }
    }

    void run(ReluKernels k, MemorySegment x, MemorySegment dy, MemorySegment out, int offset, int n) {
        switch (kind) {
            case RELU_FORWARD -> k.reluForwardDouble(x, offset, out, offset, n);
            case RELU_BACKWARD -> k.reluBackwardDouble(x, offset, dy, offset, out, offset, n);
            case LEAKY_RELU_FORWARD -> k.leakyReluForwardDouble(x, offset, out, offset, n, alpha);
            case LEAKY_RELU_BACKWARD -> k.leakyReluBackwardDouble(x, offset, dy, offset, out, offset, n, alpha);
        }
    }

    @Override
    public String toString() {
        String operand = kind.backward ? (sweepsDy ? ", dy swept, x = ±" : ", x swept, dy = ")
                + Double.longBitsToDouble(fixed) + " (0x" + Long.toHexString(fixed) + ")" : "";
        String slope = Double.isNaN(alpha) ? "" : ", alpha=" + alpha;
        return kind.name().toLowerCase() + slope + operand;
    }

    private static boolean isNaN(long bits) {
        return (bits & ~SIGN) > INFINITY;
    }

    private static boolean isZero(long bits) {
        return (bits & ~SIGN) == 0;
    }

    /** x < 0: sign set, not -0, not NaN. */
    private static boolean isNegative(long bits) {
        return bits < 0 && !isZero(bits) && !isNaN(bits);
    }

    /** x > 0: sign clear, not +0, not NaN. */
    private static boolean isPositive(long bits) {
        return bits > 0 && !isNaN(bits);
    }
}
