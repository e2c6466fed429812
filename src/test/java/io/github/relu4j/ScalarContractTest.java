package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scalar reference against the contract of SEMANTICS.md, on every special value (and, for
 * backward, every pair of special values) and every alpha. Expectations come from the bits (sign,
 * exponent, payload), not from the formulas under test; only the alpha products are computed, as
 * one IEEE multiply, because that multiply is the contract. Tagged {@code scalar}: it needs no
 * Vector API, so the surefire execution {@code fallback} runs it again without the module.
 */
@Tag("scalar")
class ScalarContractTest {
    private static final ReluKernels SCALAR = ReluKernels.scalar();

    static List<KernelCase> kernels() {
        return KernelCase.all();
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void scalarMatchesTheContractOnSpecialValues(KernelCase kernel) {
        Element e = kernel.element();
        long[][] pairs = pairs(e.specials());
        long[] out = run(kernel, pairs[0], pairs[1]);
        for (int i = 0; i < out.length; i++) {
            long expected = contract(kernel, pairs[0][i], pairs[1][i]);
            if (expected != out[i]) {
                throw new AssertionError(kernel + " at x=" + e.hex(pairs[0][i]) + ", dy=" + e.hex(pairs[1][i])
                        + ": expected " + e.hex(expected) + " but was " + e.hex(out[i]));
            }
        }
    }

    static List<KernelCase> backwardKernels() {
        return KernelCase.all().stream().filter(KernelCase::backward).toList();
    }

    /** Backward may be fed the forward output instead of the input: always for ReLU, for Leaky when alpha >= 0. */
    @ParameterizedTest
    @MethodSource("backwardKernels")
    void backwardFromTheForwardOutput(KernelCase backward) {
        KernelCase.Kind forwardKind = backward.kind() == KernelCase.Kind.RELU_BACKWARD
                ? KernelCase.Kind.RELU_FORWARD : KernelCase.Kind.LEAKY_RELU_FORWARD;
        KernelCase forward = KernelCase.of(forwardKind, backward.element(), backward.alpha());
        long[][] pairs = pairs(backward.element().specials());
        long[] y = run(forward, pairs[0], pairs[1]);
        long[] fromInput = run(backward, pairs[0], pairs[1]);
        long[] fromOutput = run(backward, y, pairs[1]);
        if (backward.kind() == KernelCase.Kind.RELU_BACKWARD || backward.alpha() >= 0) {
            assertEquals(Arrays.toString(fromInput), Arrays.toString(fromOutput));
        } else {
            assertNotEquals(Arrays.toString(fromInput), Arrays.toString(fromOutput));
        }
    }

    /** Cases worth naming, with literal expectations. */
    @Test
    void namedFloatCases() {
        float sNaN = Float.intBitsToFloat(0x7f800001);
        assertEquals(0x80000000, bits(relu(-0f)), "-0 stays -0 (Math.max would give +0)");
        assertEquals(0, bits(relu(-1f)));
        assertEquals(0x7f800001, bits(relu(sNaN)), "a signalling NaN passes untouched");
        assertEquals(0xffc00000, bits(relu(Float.intBitsToFloat(0xffc00000))), "-NaN passes untouched");

        assertEquals(0, bits(reluGradient(-0f, 5f)), "gradient at -0 is +0");
        assertEquals(0, bits(reluGradient(0f, 5f)), "gradient at +0 is +0");
        assertEquals(5f, reluGradient(Float.NaN, 5f), "NaN x lets dy through");
        assertEquals(0, bits(reluGradient(-0f, Float.NaN)), "x <= 0 blocks even a NaN dy");

        assertEquals(0x80000000, bits(leaky(-0f, 0.01f)), "-0 * 0.01 = -0");
        assertEquals(0, bits(leaky(-0f, -0.5f)), "-0 * -0.5 = +0");
        assertEquals(bits(-0.01f), bits(leaky(-1f, 0.01f)));
        assertEquals(0x7fc00001, bits(leaky(sNaN, 0.01f)), "the multiply quiets a signalling NaN, payload kept");
        assertEquals(0xff800000, bits(leaky(-Float.MAX_VALUE, 1.3f)), "alpha > 1 can overflow to -Inf");
        assertEquals(0x80000000, bits(leaky(-Float.MIN_VALUE, 0.01f)), "and underflow to -0");
        assertEquals(bits(-2.6f), bits(leaky(-2f, 1.3f)), "max(x, alpha * x) would give -2");
        assertEquals(1f, leaky(-2f, -0.5f), "negative alpha flips the sign");
        assertTrue(Float.isNaN(leaky(Float.NEGATIVE_INFINITY, 0f)), "-Inf * 0 is NaN");

        float[] dx = new float[1];
        SCALAR.leakyReluBackward(new float[] {1f}, 0, new float[] {sNaN}, 0, dx, 0, 1, 0.5f);
        assertEquals(0x7f800001, bits(dx[0]), "x > 0 passes dy untouched, even a signalling NaN");
        SCALAR.leakyReluBackward(new float[] {Float.NaN}, 0, new float[] {2f}, 0, dx, 0, 1, 0.5f);
        assertEquals(1f, dx[0], "a NaN x takes the alpha branch");
    }

    @Test
    void namedDoubleCases() {
        double[] x = {-0d, -1d, Double.longBitsToDouble(0x7ff0000000000001L), 2d};
        double[] y = new double[x.length];
        SCALAR.reluForward(x, 0, y, 0, x.length);
        assertEquals(List.of(0x8000000000000000L, 0L, 0x7ff0000000000001L, 0x4000000000000000L), bits(y));
        SCALAR.leakyReluForward(x, 0, y, 0, x.length, 0.01);
        assertEquals(List.of(0x8000000000000000L, Double.doubleToRawLongBits(-0.01), 0x7ff8000000000001L,
                0x4000000000000000L), bits(y));
    }

    // The contract, from the bits.

    private static long contract(KernelCase kernel, long x, long dy) {
        Element e = kernel.element();
        boolean negative = (x & e.signBit) != 0 && (x & ~e.signBit) != 0 && !e.isNaN(x);
        boolean zero = (x & ~e.signBit) == 0;
        return switch (kernel.kind()) {
            case RELU_FORWARD -> negative ? 0 : x;
            case RELU_BACKWARD -> negative || zero ? 0 : dy;
            case LEAKY_RELU_FORWARD -> e.isPositive(x) ? x : e.isNaN(x) ? x | e.quietBit : multiply(e, x, kernel.alpha());
            case LEAKY_RELU_BACKWARD -> e.isPositive(x) ? dy : e.isNaN(dy) ? dy | e.quietBit : multiply(e, dy, kernel.alpha());
        };
    }

    private static long multiply(Element e, long bits, double alpha) {
        return e == Element.FLOAT
                ? Integer.toUnsignedLong(Float.floatToRawIntBits(Float.intBitsToFloat((int) bits) * (float) alpha))
                : Double.doubleToRawLongBits(Double.longBitsToDouble(bits) * alpha);
    }

    // helpers

    /** Runs the scalar kernel on bit patterns, into an output first filled with canaries. */
    private static long[] run(KernelCase kernel, long[] x, long[] dy) {
        Element e = kernel.element();
        Object out = e.filled(x.length, e.canary);
        kernel.run(SCALAR, e.fromBits(x), 0, e.fromBits(dy), 0, out, 0, x.length);
        return e.allBits(out);
    }

    /** Every (x, dy) pair of the table: x = values[i / n], dy = values[i % n]. */
    private static long[][] pairs(long[] values) {
        int n = values.length;
        long[] x = new long[n * n];
        long[] dy = new long[n * n];
        for (int i = 0; i < n * n; i++) {
            x[i] = values[i / n];
            dy[i] = values[i % n];
        }
        return new long[][] {x, dy};
    }

    private static float relu(float x) {
        float[] y = new float[1];
        SCALAR.reluForward(new float[] {x}, 0, y, 0, 1);
        return y[0];
    }

    private static float reluGradient(float x, float dy) {
        float[] dx = new float[1];
        SCALAR.reluBackward(new float[] {x}, 0, new float[] {dy}, 0, dx, 0, 1);
        return dx[0];
    }

    private static float leaky(float x, float alpha) {
        float[] y = new float[1];
        SCALAR.leakyReluForward(new float[] {x}, 0, y, 0, 1, alpha);
        return y[0];
    }

    private static int bits(float v) {
        return Float.floatToRawIntBits(v);
    }

    private static List<Long> bits(double[] a) {
        return Arrays.stream(a).mapToLong(Double::doubleToRawLongBits).boxed().toList();
    }
}
