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
 * The scalar reference against the contract ({@link Oracle}), on every special value (and, for
 * backward, every pair of special values) and every test parameter of every op. Expectations come
 * from the bits (sign, exponent, payload), not from the formulas under test. Tagged {@code scalar}: it needs no
 * Vector API, so the surefire execution {@code fallback} runs it again without the module.
 */
@Tag("scalar")
class ScalarContractTest {
    private static final Engine SCALAR = Engine.scalar();

    /** Every kernel; the 16-bit ones at the parameters they round too. */
    static List<KernelCase> kernels() {
        return java.util.stream.Stream.concat(KernelCase.all().stream(), KernelCase.atRoundedParams().stream())
                .toList();
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
        return kernels().stream().filter(KernelCase::backward).toList();
    }

    /**
     * Backward may be fed the forward output instead of the input exactly where the contract says
     * so ({@link Oracle#backwardTakesTheOutput}): always for ReLU and Hardtanh, for Leaky when
     * alpha >= 0, for Threshold when value <= threshold; elsewhere the bits differ.
     */
    @ParameterizedTest
    @MethodSource("backwardKernels")
    void backwardFromTheForwardOutput(KernelCase backward) {
        KernelCase forward = backward.forwardOf();
        long[][] pairs = pairs(backward.element().specials());
        long[] y = run(forward, pairs[0], pairs[1]);
        long[] fromInput = run(backward, pairs[0], pairs[1]);
        long[] fromOutput = run(backward, y, pairs[1]);
        if (Oracle.backwardTakesTheOutput(backward.op(), backward.element(), backward.p(), backward.q())) {
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
        Activation leaky = Activation.leakyRelu(0.5).on(SCALAR);
        leaky.backward(new float[] {1f}, new float[] {sNaN}, dx);
        assertEquals(0x7f800001, bits(dx[0]), "x > 0 passes dy untouched, even a signalling NaN");
        leaky.backward(new float[] {Float.NaN}, new float[] {2f}, dx);
        assertEquals(1f, dx[0], "a NaN x takes the alpha branch");

        Activation relu6 = Activation.relu6().on(SCALAR);
        assertEquals(0x80000000, bits(apply(relu6, -0f)), "ReLU6 keeps -0 (min = +0 is not above -0)");
        assertEquals(6f, apply(relu6, 7f));
        assertEquals(0, bits(apply(relu6, -3f)), "below min: min itself, +0");
        assertEquals(0x7fc12345, bits(apply(relu6, Float.intBitsToFloat(0x7fc12345))), "NaN passes with its payload");
        assertEquals(0, bits(gradient(relu6, 6f, 5f)), "zero gradient at the upper bound");
        assertEquals(0, bits(gradient(relu6, -0f, 5f)), "and at the lower bound, -0 included");
        assertEquals(5f, gradient(relu6, Float.NaN, 5f), "a NaN x lets dy through (PyTorch's scalar path)");
        assertEquals(bits(0.1f), bits(apply(Activation.hardtanh(0.1, 1).on(SCALAR), 0f)),
                "a bound is the float nearest the double given");

        Activation threshold = Activation.threshold(0, 0).on(SCALAR);
        assertEquals(0, bits(apply(threshold, -0f)), "-0 <= 0: replaced by +0, unlike ReLU");
        assertEquals(0, bits(gradient(threshold, 0f, 5f)), "x <= threshold has no gradient");
        assertEquals(-2f, apply(Activation.threshold(0.5, -2).on(SCALAR), 0.5f), "x == threshold is replaced");
    }

    @Test
    void namedDoubleCases() {
        double[] x = {-0d, -1d, Double.longBitsToDouble(0x7ff0000000000001L), 2d};
        double[] y = new double[x.length];
        Activation.relu().on(SCALAR).forward(x, y);
        assertEquals(List.of(0x8000000000000000L, 0L, 0x7ff0000000000001L, 0x4000000000000000L), bits(y));
        Activation.leakyRelu().on(SCALAR).forward(x, y);
        assertEquals(List.of(0x8000000000000000L, Double.doubleToRawLongBits(-0.01), 0x7ff8000000000001L,
                0x4000000000000000L), bits(y));
    }

    /** The "16-bit formats" section's cases, as literal encodings (BF16: b, F16: h). */
    @Test
    void named16BitCases() {
        Element b = Element.BF16;
        Element h = Element.F16;
        Activation relu = Activation.relu().on(SCALAR);
        assertEquals(0x8000, apply(relu, b, 0x8000), "-0 stays -0");
        assertEquals(0, apply(relu, b, 0xbf80), "-1: +0");
        assertEquals(0x7f81, apply(relu, b, 0x7f81), "a signalling NaN passes untouched");
        assertEquals(0xfe01, apply(relu, h, 0xfe01), "a negative NaN passes untouched");
        assertEquals(0, gradient(relu, h, 0x8000, 0x4500), "gradient at -0 is +0");
        assertEquals(0x4500, gradient(relu, h, 0x7e00, 0x4500), "a NaN x lets dy through");
        assertEquals(0x7c01, gradient(relu, h, 0x3c00, 0x7c01), "x > 0 passes dy untouched, even a signalling NaN");

        Activation leaky = Activation.leakyRelu(0.01).on(SCALAR);
        assertEquals(0xbc24, apply(leaky, b, 0xbf80), "-1 * 0.01f = 0xbc23d70a, rounded up");
        assertEquals(0xa11f, apply(leaky, h, 0xbc00), "-1 * 0.01f in binary16");
        assertEquals(0x7fc1, apply(leaky, b, 0x7f81), "the multiply quiets a signalling NaN, payload kept");
        assertEquals(0x7e01, apply(leaky, h, 0x7c01), "in binary16 too");
        assertEquals(0x8000, apply(leaky, h, 0x8000), "-0 * 0.01 = -0");
        assertEquals(0x7e01, gradient(leaky, h, 0xbc00, 0x7c01), "x <= 0: dy's NaN multiplied, so quieted");
        Activation half = Activation.leakyRelu(0.5).on(SCALAR);
        assertEquals(0x8000, apply(half, h, 0x8001), "half the smallest subnormal: a tie, to -0");
        assertEquals(0x8002, apply(half, h, 0x8003), "1.5 subnormals: a tie, to the even 2");
        assertEquals(0x8200, apply(half, h, 0x8401), "half of the smallest normal + 1 ulp: a tie, to the even subnormal");
        Activation steep = Activation.leakyRelu(1.3).on(SCALAR);
        assertEquals(0xfc00, apply(steep, h, 0xfbff), "-65504 * 1.3 overflows to -Inf");
        assertEquals(0xff80, apply(steep, b, 0xff7f), "bfloat16's -max * 1.3: the float product is already -Inf");
        assertEquals(0xbfb0, apply(steep, b, 0xbf87),
                "double rounding: the float product rounds to a tie, which rounds up (directly: 0xbfaf)");
        int nan = apply(Activation.leakyRelu(0).on(SCALAR), h, 0xfc00);
        assertTrue((nan & 0x7fff) > 0x7c00, "-Inf * 0 is NaN: 0x" + Integer.toHexString(nan));

        Activation tiny = Activation.hardtanh(1e-41, 1).on(SCALAR);
        assertEquals(0x8000, apply(tiny, h, 0x8000), "min rounds to +0: -0 is not below it, so it stays");
        assertEquals(0, apply(tiny, b, 0xbf80), "below min: min rounded, +0");
        assertEquals(0, gradient(tiny, h, 0x8000, 0x4500), "backward compares with the float 1e-41: -0 is below");
        assertEquals(0x4500, gradient(tiny, h, 0x0001, 0x4500), "the smallest subnormal is above it");
        Activation inexact = Activation.hardtanh(-0.1, 0.3).on(SCALAR);
        assertEquals(0xae66, apply(inexact, h, 0xbc00), "-1: min rounded, -0.09997558...");
        assertEquals(0x34cd, apply(inexact, h, 0x3c00), "1: max rounded, 0.30004882...");
        assertEquals(0x4500, gradient(inexact, h, 0xae66, 0x4500),
                "the rounded min is above the float -0.1: backward fed the output lets dy through");
        assertEquals(0xbdcd, apply(inexact, b, 0xbf80), "bfloat16 rounds -0.1 the other way: -0.10009765...");

        Activation threshold = Activation.threshold(0.1, -0.3).on(SCALAR);
        assertEquals(0xb4cd, apply(threshold, h, 0x2e66), "0.09997... <= 0.1f: the value, rounded");
        assertEquals(0x2e67, apply(threshold, h, 0x2e67), "0.10009... > 0.1f: kept");
        Activation negativeZero = Activation.threshold(1e-41, -1e-41).on(SCALAR);
        assertEquals(0x8000, apply(negativeZero, b, 0x0000), "+0 <= 1e-41: the value, which rounds to -0");
        assertEquals(0x0001, apply(negativeZero, b, 0x0001), "the smallest subnormal is above 1e-41");
    }

    // The contract, from the bits.

    private static long contract(KernelCase kernel, long x, long dy) {
        return kernel.expected(x, dy);
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
        return apply(Activation.relu().on(SCALAR), x);
    }

    private static float reluGradient(float x, float dy) {
        return gradient(Activation.relu().on(SCALAR), x, dy);
    }

    private static float leaky(float x, float alpha) {
        return apply(Activation.leakyRelu(alpha).on(SCALAR), x);
    }

    private static float apply(Activation a, float x) {
        float[] y = new float[1];
        a.forward(new float[] {x}, y);
        return y[0];
    }

    private static float gradient(Activation a, float x, float dy) {
        float[] dx = new float[1];
        a.backward(new float[] {x}, new float[] {dy}, dx);
        return dx[0];
    }

    /** The kernel's forward on one 16-bit encoding. */
    private static int apply(Activation a, Element e, int x) {
        Object y = e.newArray(1);
        e.callWhole(a, false, e.fromBits(new long[] {x}), null, y);
        return (int) e.bits(y, 0);
    }

    private static int gradient(Activation a, Element e, int x, int dy) {
        Object dx = e.newArray(1);
        e.callWhole(a, true, e.fromBits(new long[] {x}), e.fromBits(new long[] {dy}), dx);
        return (int) e.bits(dx, 0);
    }

    private static int bits(float v) {
        return Float.floatToRawIntBits(v);
    }

    private static List<Long> bits(double[] a) {
        return Arrays.stream(a).mapToLong(Double::doubleToRawLongBits).boxed().toList();
    }
}
