package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * One float kernel, at one alpha, with one operand fixed and the other swept over all 2^32 bit
 * patterns by {@link ExhaustiveFloatTest}; and the contract's answer for it, computed from the
 * bits alone (sign, exponent, payload) and, for alpha products, as the exact double product
 * rounded once to float, which is what IEEE float multiplication is defined to return.
 *
 * @param kind     the kernel
 * @param alpha    the slope (Leaky ReLU only)
 * @param fixed    bits of the fixed operand: dy when x is swept; when dy is swept, x alternates
 *                 between {@code fixed} and its negation so that both branches see every dy
 * @param sweepsDy whether the 2^32 patterns go to dy (backward kernels only) instead of x
 */
record FloatSweep(KernelCase.Kind kind, float alpha, int fixed, boolean sweepsDy) {
    private static final int SIGN = 0x8000_0000;
    private static final int QUIET = 0x0040_0000;
    /** A dy with a full mantissa, so that dy * alpha rounds. */
    static final int ORDINARY_DY = Float.floatToRawIntBits(1.6666666f);
    /** A signalling NaN with a payload: must pass where dy passes, be zeroed or quieted elsewhere. */
    static final int NAN_DY = 0x7fa0_0001;
    /** The alphas of the exhaustive sweep: the default, large, above one, negative. */
    static final float[] ALPHAS = {0.01f, 0.2f, 1.3f, -0.5f};

    /** Every sweep: ReLU forward; backward with an ordinary and a NaN dy; Leaky at every alpha, x and dy swept. */
    static List<FloatSweep> all() {
        List<FloatSweep> sweeps = new ArrayList<>();
        sweeps.add(new FloatSweep(KernelCase.Kind.RELU_FORWARD, Float.NaN, 0, false));
        sweeps.add(new FloatSweep(KernelCase.Kind.RELU_BACKWARD, Float.NaN, ORDINARY_DY, false));
        sweeps.add(new FloatSweep(KernelCase.Kind.RELU_BACKWARD, Float.NaN, NAN_DY, false));
        for (float alpha : ALPHAS) {
            sweeps.add(new FloatSweep(KernelCase.Kind.LEAKY_RELU_FORWARD, alpha, 0, false));
        }
        for (float alpha : ALPHAS) {
            sweeps.add(new FloatSweep(KernelCase.Kind.LEAKY_RELU_BACKWARD, alpha, ORDINARY_DY, false));
        }
        for (float alpha : ALPHAS) {
            sweeps.add(new FloatSweep(KernelCase.Kind.LEAKY_RELU_BACKWARD, alpha, Float.floatToRawIntBits(1.5f), true));
        }
        return sweeps;
    }

    /** The operand that is not swept, at index i of a chunk (x alternates sign when dy is swept). */
    int fixedOperand(int i) {
        return sweepsDy && (i & 1) == 1 ? fixed ^ SIGN : fixed;
    }

    /**
     * The contract's output bits for swept patterns {@code base .. base + n - 1}, into
     * {@code out[offset ..]}: one loop per kernel, so that nothing but the formula runs per element.
     */
    void expected(int base, int[] out, int offset, int n) {
        switch (kind) {
            case RELU_FORWARD -> {
                for (int i = 0; i < n; i++) {
                    int x = base + i;
                    out[offset + i] = isNegative(x) ? 0 : x;
                }
            }
            case RELU_BACKWARD -> {
                for (int i = 0; i < n; i++) {
                    int x = base + i;
                    out[offset + i] = isNegative(x) || isZero(x) ? 0 : fixed;
                }
            }
            case LEAKY_RELU_FORWARD -> {
                for (int i = 0; i < n; i++) {
                    int x = base + i;
                    out[offset + i] = isPositive(x) ? x : product(x);
                }
            }
            case LEAKY_RELU_BACKWARD -> {
                if (sweepsDy) {
                    for (int i = 0; i < n; i++) {
                        int dy = base + i;
                        out[offset + i] = isPositive(fixedOperand(i)) ? dy : product(dy);
                    }
                } else {
                    int negativeX = product(fixed);
                    for (int i = 0; i < n; i++) {
                        out[offset + i] = isPositive(base + i) ? fixed : negativeX;
                    }
                }
            }
        }
    }

    /** bits * alpha: a NaN keeps its payload and is quieted; otherwise the exact product, rounded once. */
    private int product(int bits) {
        if (isNaN(bits)) {
            return bits | QUIET;
        }
        return Float.floatToRawIntBits((float) ((double) Float.intBitsToFloat(bits) * (double) alpha));
    }

    void run(ReluKernels k, float[] x, float[] dy, float[] out, int offset, int n) {
        switch (kind) {
            case RELU_FORWARD -> k.reluForward(x, offset, out, offset, n);
            case RELU_BACKWARD -> k.reluBackward(x, offset, dy, offset, out, offset, n);
            case LEAKY_RELU_FORWARD -> k.leakyReluForward(x, offset, out, offset, n, alpha);
            case LEAKY_RELU_BACKWARD -> k.leakyReluBackward(x, offset, dy, offset, out, offset, n, alpha);
        }
    }

    void run(ReluKernels k, MemorySegment x, MemorySegment dy, MemorySegment out, int offset, int n) {
        switch (kind) {
            case RELU_FORWARD -> k.reluForwardFloat(x, offset, out, offset, n);
            case RELU_BACKWARD -> k.reluBackwardFloat(x, offset, dy, offset, out, offset, n);
            case LEAKY_RELU_FORWARD -> k.leakyReluForwardFloat(x, offset, out, offset, n, alpha);
            case LEAKY_RELU_BACKWARD -> k.leakyReluBackwardFloat(x, offset, dy, offset, out, offset, n, alpha);
        }
    }

    @Override
    public String toString() {
        String operand = kind.backward ? (sweepsDy ? ", every dy, x = ±" : ", every x, dy = ")
                + Float.intBitsToFloat(fixed) + " (0x" + Integer.toHexString(fixed) + ")" : ", every x";
        String slope = Float.isNaN(alpha) ? "" : ", alpha=" + alpha;
        return kind.name().toLowerCase() + slope + operand;
    }

    private static boolean isNaN(int bits) {
        return (bits & ~SIGN) > 0x7f80_0000;
    }

    private static boolean isZero(int bits) {
        return (bits & ~SIGN) == 0;
    }

    /** x < 0: sign set, not -0, not NaN. */
    private static boolean isNegative(int bits) {
        return bits < 0 && !isZero(bits) && !isNaN(bits);
    }

    /** x > 0: sign clear, not +0, not NaN. */
    private static boolean isPositive(int bits) {
        return bits > 0 && !isNaN(bits);
    }
}
