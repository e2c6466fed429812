package io.github.relu4j.peers;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.github.relu4j.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * relu4j returns PyTorch's raw bits (PyTorch 2.7.1 CPU, through DJL): relu, leaky_relu at alpha
 * 0.01 and 0.2, and their gradients through autograd (loss = sum(f(x) * dy)), and hardtanh at
 * (0, 6) (ReLU6) and (-1, 1) forward, on every pair of special values, 10^6 random bit patterns
 * and 10^7 bit patterns evenly strided over all 2^32. PyTorch's hardtanh forward is its
 * {@code clamp}, which DJL's {@code clip} calls; DJL exposes neither {@code threshold} nor
 * {@code hardtanh_backward} (autograd through {@code clip} is clamp's gradient, which passes
 * {@code dy} at the bounds, unlike hardtanh's), so those are held to PyTorch's formulas by the
 * library's own oracle tests instead.
 *
 * <p>Autograd hands the activation's backward {@code 1 * dy} (the gradient of the product), which
 * quiets a signalling NaN in {@code dy} and changes nothing else; relu4j's backward is therefore
 * given {@code dy} with its signalling NaNs quieted. Everything else, NaN payloads, -0.0 and
 * subnormals included, must match as is.
 */
class PyTorchBitIdentityTest {
    private static final io.github.relu4j.Engine RELU4J = io.github.relu4j.Engine.vector();
    private static final long SEED = 20261127L;
    private static NDManager manager;

    static final int[] SPECIALS = {
        0x00000000, 0x80000000, 0x7fc00000, 0xffc00000, 0x7fc12345, 0x7fffffff, 0xffd00042,
        0x7f800001, 0x7fa00000, 0xff800001, 0x7f800000, 0xff800000, 0x00000001, 0x80000001,
        0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff, 0x00400000, 0x807fffff, 0x00000123,
        0x80000123, 0x3f800000, 0xbf800000, 0x3f000000, 0xc0000000, 0x8da24260,
    };

    /** A named set of (x, dy) bit patterns. */
    record Inputs(String name, float[] x, float[] dy) {
        @Override
        public String toString() {
            return name + " (" + x.length + ")";
        }
    }

    @BeforeAll
    static void startPyTorch() {
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    }

    @AfterAll
    static void stopPyTorch() {
        manager.close();
    }

    static List<Inputs> inputs() {
        int n = SPECIALS.length;
        float[] sx = new float[n * n];
        float[] sdy = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            sx[i] = Float.intBitsToFloat(SPECIALS[i / n]);
            sdy[i] = Float.intBitsToFloat(SPECIALS[i % n]);
        }
        SplittableRandom random = new SplittableRandom(SEED);
        float[] rx = randomBits(1_000_000, random);
        float[] rdy = randomBits(1_000_000, random);
        int strided = 10_000_000;
        int stride = (int) ((1L << 32) / strided);
        float[] tx = new float[strided];
        for (int i = 0; i < strided; i++) {
            tx[i] = Float.intBitsToFloat(i * stride);
        }
        return List.of(new Inputs("every pair of special values", sx, sdy),
                new Inputs("random bits, seed " + SEED, rx, rdy),
                new Inputs("every " + stride + "th bit pattern", tx, randomBits(strided, random)));
    }

    static List<Arguments> inputsAndAlphas() {
        List<Arguments> cases = new ArrayList<>();
        for (Inputs in : inputs()) {
            for (float alpha : new float[] {0.01f, 0.2f}) {
                cases.add(Arguments.of(in, alpha));
            }
        }
        return cases;
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void relu(Inputs in) {
        float[] expected = new float[in.x.length];
        Activation.relu().on(RELU4J).forward(in.x, expected);
        try (NDManager m = manager.newSubManager()) {
            assertSameBits(in, "relu", m.create(in.x).getNDArrayInternal().relu().toFloatArray(), expected);
        }
    }

    @ParameterizedTest
    @MethodSource("inputsAndAlphas")
    void leakyRelu(Inputs in, float alpha) {
        float[] expected = new float[in.x.length];
        Activation.leakyRelu(alpha).on(RELU4J).forward(in.x, expected);
        try (NDManager m = manager.newSubManager()) {
            float[] torch = m.create(in.x).getNDArrayInternal().leakyRelu(alpha).toFloatArray();
            assertSameBits(in, "leaky_relu alpha=" + alpha, torch, expected);
        }
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void reluBackward(Inputs in) {
        float[] expected = new float[in.x.length];
        Activation.relu().on(RELU4J).backward(in.x, timesOne(in.dy), expected);
        assertSameBits(in, "relu backward", autogradOf(in, Float.NaN), expected);
    }

    @ParameterizedTest
    @MethodSource("inputsAndAlphas")
    void leakyReluBackward(Inputs in, float alpha) {
        float[] expected = new float[in.x.length];
        Activation.leakyRelu(alpha).on(RELU4J).backward(in.x, timesOne(in.dy), expected);
        assertSameBits(in, "leaky_relu backward alpha=" + alpha, autogradOf(in, alpha), expected);
    }

    static List<Arguments> inputsAndBounds() {
        List<Arguments> cases = new ArrayList<>();
        for (Inputs in : inputs()) {
            cases.add(Arguments.of(in, 0f, 6f));
            cases.add(Arguments.of(in, -1f, 1f));
        }
        return cases;
    }

    @ParameterizedTest
    @MethodSource("inputsAndBounds")
    void hardtanh(Inputs in, float min, float max) {
        float[] expected = new float[in.x.length];
        Activation.hardtanh(min, max).on(RELU4J).forward(in.x, expected);
        try (NDManager m = manager.newSubManager()) {
            float[] torch = m.create(in.x).clip(min, max).toFloatArray();
            assertSameBits(in, "hardtanh(" + min + ", " + max + ")", torch, expected);
        }
    }

    /** d/dx of sum(f(x) * dy) by PyTorch's autograd; f is relu for a NaN alpha, else leaky_relu. */
    private static float[] autogradOf(Inputs in, float alpha) {
        try (NDManager m = manager.newSubManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = m.create(in.x);
            x.setRequiresGradient(true);
            NDArray y = Float.isNaN(alpha) ? x.getNDArrayInternal().relu() : x.getNDArrayInternal().leakyRelu(alpha);
            collector.backward(y.mul(m.create(in.dy)).sum());
            return x.getGradient().toFloatArray();
        }
    }

    /**
     * dy as autograd passes it on, 1 * dy: signalling NaNs quieted (payload kept), nothing else
     * changed. Done on the bits, because C2 folds {@code dy * 1f} to {@code dy}.
     */
    static float[] timesOne(float[] dy) {
        float[] out = new float[dy.length];
        for (int i = 0; i < dy.length; i++) {
            int bits = Float.floatToRawIntBits(dy[i]);
            out[i] = Float.isNaN(dy[i]) ? Float.intBitsToFloat(bits | 0x0040_0000) : dy[i];
        }
        return out;
    }

    private static float[] randomBits(int n, SplittableRandom random) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = Float.intBitsToFloat(random.nextInt());
        }
        return a;
    }

    private static void assertSameBits(Inputs in, String op, float[] torch, float[] relu4j) {
        int mismatches = 0;
        int first = -1;
        for (int i = 0; i < relu4j.length; i++) {
            if (Float.floatToRawIntBits(torch[i]) != Float.floatToRawIntBits(relu4j[i])) {
                mismatches++;
                first = first < 0 ? i : first;
            }
        }
        if (mismatches > 0) {
            throw new AssertionError(op + " on " + in + ": " + mismatches + " of " + relu4j.length
                    + " differ; first at " + first + ": x=" + hex(in.x[first]) + " dy=" + hex(in.dy[first])
                    + " PyTorch " + hex(torch[first]) + ", relu4j " + hex(relu4j[first]));
        }
    }

    private static String hex(float f) {
        return String.format("0x%08x", Float.floatToRawIntBits(f));
    }
}
