package io.github.relu4j.peers;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.github.relu4j.Activation;
import io.github.relu4j.Prelu;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * relu4j's {@link Prelu} and {@link Activation#rrelu} return PyTorch's raw bits (PyTorch 2.7.1
 * CPU through DJL, floats and doubles): {@code torch.prelu} forward and, through autograd, its
 * input gradient, on [N, C, H, W] with a slope per channel, with one shared slope, on an MLP's
 * [batch, features] and on [N, H, W, C] (channels-last: PyTorch gets the NHWC tensor permuted to
 * NCHW, its channels-last memory format); {@code torch.rrelu(x, lower, upper, training=False)}
 * forward and backward at seven bound pairs, PyTorch's defaults among them (relu4j's backward
 * given {@code dy} with signalling NaNs quieted, see {@link #rrelu}). Inputs: every pair
 * of the special values of {@link PyTorchBitIdentityTest} against every special slope (zeros of
 * both signs, subnormals, the largest finite values, 1 and just below), 10^6 random bit patterns
 * and, for floats, 10^7 bit patterns evenly strided over all 2^32, with special and random finite
 * slopes.
 *
 * <p>DJL cannot call {@code torch.prelu} or {@code torch.rrelu}; {@link PyTorchOps} reaches them
 * through TorchScript. The backward is autograd's: {@code y.backward(dy)} on the output of
 * {@code torch.prelu} whose input and slopes require gradients, so {@code dy} reaches
 * {@code PreluKernelBackward0} unchanged (no {@code 1 * dy}: signalling NaNs stay signalling) and
 * is compared as is. Every bit must match, NaN payloads included. The slope gradient is a sum
 * whose order differs (see {@link PyTorchPreluSlopeGradientTest}); here it is checked that the
 * kernels {@link PyTorchBenchmark} times ({@link PyTorchOps#preluBackward}) give autograd's
 * {@code dx} and {@code dw} bit for bit.
 */
class PyTorchPreluTest {
    private static final io.github.relu4j.Engine RELU4J = io.github.relu4j.Engine.vector();
    private static final long SEED = 20261129L;
    private static NDManager manager;
    private static PyTorchOps ops;

    /** Finite slopes: PyTorch's initial 0.25, zeros, +-1, just below 1, tiny, subnormal and huge. */
    static final float[] SLOPES = {
        0.25f, 0f, -0f, 1f, -1f, 0.01f, 2.5f, -0.5f, 0x1.fffffep-1f, 1e-20f, Float.MIN_VALUE, -0x1p-130f,
        Float.MAX_VALUE, -3e38f,
    };
    static final double[] DOUBLE_SLOPES = {
        0.25, 0d, -0d, 1d, -1d, 0.01, 2.5, -0.5, Math.nextDown(1d), 1e-200, Double.MIN_VALUE, -0x1p-1030,
        Double.MAX_VALUE, -1e308,
    };
    /** Zeros, quiet and signalling NaNs with payloads, infinities, subnormals, extremes, ordinary values. */
    static final long[] DOUBLE_SPECIALS = {
        0x0000000000000000L, 0x8000000000000000L, 0x7ff8000000000000L, 0xfff8000000000000L, 0x7ff8000000012345L,
        0x7fffffffffffffffL, 0xfffa000000000042L, 0x7ff0000000000001L, 0x7ff4000000000000L, 0xfff0000000000001L,
        0x7ff0000000000000L, 0xfff0000000000000L, 0x0000000000000001L, 0x8000000000000001L, 0x0010000000000000L,
        0x8010000000000000L, 0x7fefffffffffffffL, 0xffefffffffffffffL, 0x0008000000000000L, 0x800fffffffffffffL,
        0x3ff0000000000000L, 0xbff0000000000000L, 0x3fe0000000000000L, 0xc000000000000000L, 0xbfb999999999999aL,
    };

    /** Where the channel is and what PyTorch gets. */
    enum Layout {
        /** [N, C, H, W], a slope per channel: {@code Prelu.channelsFirst(C, H * W)}. */
        NCHW,
        /** [N, C, H, W], one slope (PyTorch's default {@code num_parameters=1}): {@code Prelu.shared()}. */
        SHARED,
        /** [batch, features], a slope per feature: {@code Prelu.channelsLast(features)}. */
        ROWS,
        /** [N, H, W, C], permuted to NCHW for PyTorch: {@code Prelu.channelsLast(C)} on N * H * W rows. */
        NHWC
    }

    /**
     * One tensor: {@code n, c, h, w} are N, C, H, W (ROWS: batch, features, 1, 1); {@code x},
     * {@code dy} and {@code slopes} are all {@code float[]} or all {@code double[]}.
     */
    record Case(String data, Layout layout, int n, int c, int h, int w, Object x, Object dy, Object slopes) {
        Shape shape() {
            return switch (layout) {
                case NCHW, SHARED -> new Shape(n, c, h, w);
                case ROWS -> new Shape(n, c);
                case NHWC -> new Shape(n, h, w, c);
            };
        }

        Prelu prelu() {
            Prelu p = switch (layout) {
                case NCHW -> Prelu.channelsFirst(c, h * w);
                case SHARED -> Prelu.shared();
                case ROWS, NHWC -> Prelu.channelsLast(c);
            };
            return p.on(RELU4J);
        }

        int channel(int i) {
            return switch (layout) {
                case NCHW -> i / (h * w) % c;
                case SHARED -> 0;
                case ROWS, NHWC -> i % c;
            };
        }

        boolean isFloat() {
            return x instanceof float[];
        }

        @Override
        public String toString() {
            return (isFloat() ? "float " : "double ") + data + ", " + layout + " " + shape()
                    + (layout == Layout.SHARED ? " slope " + Bits.hex(slopes, 0) : "");
        }
    }

    @BeforeAll
    static void startPyTorch() {
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        ops = PyTorchOps.load(manager);
    }

    @AfterAll
    static void stopPyTorch() {
        ops.close();
        manager.close();
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(SEED);
        // Every pair of special values against every special slope: element (pair p, channel c).
        int[] s = PyTorchBitIdentityTest.SPECIALS;
        int pairs = s.length * s.length;
        int c = SLOPES.length;
        float[] firstX = new float[pairs * c];
        float[] firstDy = new float[pairs * c];
        float[] lastX = new float[pairs * c];
        float[] lastDy = new float[pairs * c];
        for (int p = 0; p < pairs; p++) {
            for (int k = 0; k < c; k++) {
                firstX[k * pairs + p] = lastX[p * c + k] = Float.intBitsToFloat(s[p / s.length]);
                firstDy[k * pairs + p] = lastDy[p * c + k] = Float.intBitsToFloat(s[p % s.length]);
            }
        }
        String specials = "every pair of special values";
        cases.add(new Case(specials, Layout.NCHW, 1, c, s.length, s.length, firstX, firstDy, SLOPES));
        cases.add(new Case(specials, Layout.ROWS, pairs, c, 1, 1, lastX, lastDy, SLOPES));
        cases.add(new Case(specials, Layout.NHWC, 1, c, s.length, s.length, lastX, lastDy, SLOPES));
        for (int k = 0; k < c; k++) {
            cases.add(new Case(specials, Layout.SHARED, 1, 1, s.length, s.length,
                    java.util.Arrays.copyOf(firstX, pairs), java.util.Arrays.copyOf(firstDy, pairs),
                    new float[] {SLOPES[k]}));
        }
        // 10^6 random bit patterns.
        float[] rx = randomFloats(1_000_000, random);
        float[] rdy = randomFloats(1_000_000, random);
        String r = "random bits, seed " + SEED;
        cases.add(new Case(r, Layout.NCHW, 4, 25, 100, 100, rx, rdy, slopes(25, random)));
        cases.add(new Case(r, Layout.SHARED, 4, 25, 100, 100, rx, rdy, new float[] {0.25f}));
        cases.add(new Case(r, Layout.SHARED, 4, 25, 100, 100, rx, rdy, new float[] {finiteFloat(random)}));
        cases.add(new Case(r, Layout.ROWS, 10_000, 100, 1, 1, rx, rdy, slopes(100, random)));
        cases.add(new Case(r, Layout.NHWC, 4, 25, 100, 100, rx, rdy, slopes(25, random)));
        // 10^7 bit patterns evenly strided over all 2^32.
        int strided = 10_000_000;
        int stride = (int) ((1L << 32) / strided);
        float[] tx = new float[strided];
        for (int i = 0; i < strided; i++) {
            tx[i] = Float.intBitsToFloat(i * stride);
        }
        float[] tdy = randomFloats(strided, random);
        String t = "every " + stride + "th bit pattern";
        cases.add(new Case(t, Layout.NCHW, 10, 64, 125, 125, tx, tdy, slopes(64, random)));
        cases.add(new Case(t, Layout.SHARED, 10, 64, 125, 125, tx, tdy, new float[] {0.25f}));
        cases.add(new Case(t, Layout.ROWS, 10_000, 1000, 1, 1, tx, tdy, slopes(1000, random)));
        cases.add(new Case(t, Layout.NHWC, 10, 64, 125, 125, tx, tdy, slopes(64, random)));
        // Doubles: the special pairs against the special slopes, and 10^6 random bit patterns.
        int dPairs = DOUBLE_SPECIALS.length * DOUBLE_SPECIALS.length;
        int dc = DOUBLE_SLOPES.length;
        double[] dFirstX = new double[dPairs * dc];
        double[] dFirstDy = new double[dPairs * dc];
        double[] dLastX = new double[dPairs * dc];
        double[] dLastDy = new double[dPairs * dc];
        for (int p = 0; p < dPairs; p++) {
            for (int k = 0; k < dc; k++) {
                dFirstX[k * dPairs + p] = dLastX[p * dc + k] =
                        Double.longBitsToDouble(DOUBLE_SPECIALS[p / DOUBLE_SPECIALS.length]);
                dFirstDy[k * dPairs + p] = dLastDy[p * dc + k] =
                        Double.longBitsToDouble(DOUBLE_SPECIALS[p % DOUBLE_SPECIALS.length]);
            }
        }
        int ds = DOUBLE_SPECIALS.length;
        cases.add(new Case(specials, Layout.NCHW, 1, dc, ds, ds, dFirstX, dFirstDy, DOUBLE_SLOPES));
        cases.add(new Case(specials, Layout.ROWS, dPairs, dc, 1, 1, dLastX, dLastDy, DOUBLE_SLOPES));
        cases.add(new Case(specials, Layout.NHWC, 1, dc, ds, ds, dLastX, dLastDy, DOUBLE_SLOPES));
        for (int k = 0; k < dc; k++) {
            cases.add(new Case(specials, Layout.SHARED, 1, 1, ds, ds, java.util.Arrays.copyOf(dFirstX, dPairs),
                    java.util.Arrays.copyOf(dFirstDy, dPairs), new double[] {DOUBLE_SLOPES[k]}));
        }
        double[] drx = randomDoubles(1_000_000, random);
        double[] drdy = randomDoubles(1_000_000, random);
        cases.add(new Case(r, Layout.NCHW, 4, 25, 100, 100, drx, drdy, doubleSlopes(25, random)));
        cases.add(new Case(r, Layout.SHARED, 4, 25, 100, 100, drx, drdy, new double[] {0.25}));
        cases.add(new Case(r, Layout.ROWS, 10_000, 100, 1, 1, drx, drdy, doubleSlopes(100, random)));
        cases.add(new Case(r, Layout.NHWC, 4, 25, 100, 100, drx, drdy, doubleSlopes(25, random)));
        return cases;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void forward(Case k) {
        Object expected = newLike(k.x);
        if (k.isFloat()) {
            k.prelu().forward((float[]) k.x, (float[]) expected, (float[]) k.slopes);
        } else {
            k.prelu().forward((double[]) k.x, (double[]) expected, (double[]) k.slopes);
        }
        try (NDManager m = manager.newSubManager()) {
            NDArray y = ops.prelu(toTorch(k, m, k.x), Bits.create(m, k.slopes, null));
            Bits.assertSame(k, "prelu forward", fromTorch(k, y), expected, null);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void backward(Case k) {
        Object dx = newLike(k.x);
        Object dxAlone = newLike(k.x);
        Object dw = newLike(k.slopes);
        Prelu prelu = k.prelu();
        if (k.isFloat()) {
            prelu.backward((float[]) k.x, (float[]) k.dy, (float[]) dx, (float[]) k.slopes, (float[]) dw);
            prelu.inputGradient((float[]) k.x, (float[]) k.dy, (float[]) dxAlone, (float[]) k.slopes);
        } else {
            prelu.backward((double[]) k.x, (double[]) k.dy, (double[]) dx, (double[]) k.slopes, (double[]) dw);
            prelu.inputGradient((double[]) k.x, (double[]) k.dy, (double[]) dxAlone, (double[]) k.slopes);
        }
        try (NDManager m = manager.newSubManager()) {
            Object[] autograd = autograd(k, m);
            Bits.assertSame(k, "prelu input gradient (backward)", autograd[0], dx, k.dy);
            Bits.assertSame(k, "prelu input gradient (inputGradient)", autograd[0], dxAlone, k.dy);
            // The kernels the benchmark times are autograd's: the same dx and dw.
            NDList direct = ops.preluBackward(toTorch(k, m, k.x), Bits.create(m, k.slopes, null), toTorch(k, m, k.dy));
            Bits.assertSame(k, "_prelu_kernel_backward dx against autograd", fromTorch(k, direct.get(0)), autograd[0],
                    k.dy);
            Bits.assertSame(k, "_prelu_kernel_backward + sum_to_size dw against autograd",
                    Bits.array(direct.get(1)), autograd[1], null);
        }
    }

    /**
     * PyTorch's dx and dw by autograd: y = prelu(x, w) with x and w requiring gradients, then
     * y.backward(dy) (the collector turns autograd on; its own backward seeds with ones).
     */
    @SuppressWarnings("try")
    private static Object[] autograd(Case k, NDManager m) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = Bits.create(m, k.x, k.shape());
            NDArray w = Bits.create(m, k.slopes, null);
            x.setRequiresGradient(true);
            w.setRequiresGradient(true);
            NDArray y = ops.prelu(k.layout == Layout.NHWC ? x.transpose(0, 3, 1, 2) : x, w);
            JniUtils.backward((PtNDArray) y, (PtNDArray) toTorch(k, m, k.dy), false, false);
            return new Object[] {Bits.array(x.getGradient()), Bits.array(w.getGradient())};
        }
    }

    /** {@code data} in the case's shape, then, for NHWC, permuted to NCHW (a view: PyTorch's channels-last format). */
    static NDArray toTorch(Case k, NDManager m, Object data) {
        NDArray a = Bits.create(m, data, k.shape());
        return k.layout == Layout.NHWC ? a.transpose(0, 3, 1, 2) : a;
    }

    /** An NCHW result back in the case's layout, as a Java array. */
    private static Object fromTorch(Case k, NDArray y) {
        return Bits.array(k.layout == Layout.NHWC ? y.transpose(0, 2, 3, 1) : y);
    }

    // ---- RReLU in evaluation mode ----

    /** Bounds; {@code lower} NaN: PyTorch's defaults, {@code torch.rrelu(x)} against {@code Activation.rrelu()}. */
    record Bounds(double lower, double upper) {
        boolean isDefault() {
            return Double.isNaN(lower);
        }

        Activation activation() {
            return (isDefault() ? Activation.rrelu() : Activation.rrelu(lower, upper)).on(RELU4J);
        }

        @Override
        public String toString() {
            return isDefault() ? "PyTorch's defaults" : "(" + lower + ", " + upper + ")";
        }
    }

    /** A flat input: {@code x} and {@code dy} both float[] or both double[]. */
    record Flat(String name, Object x, Object dy) {
        @Override
        public String toString() {
            return (x instanceof float[] ? "float " : "double ") + name + " (" + java.lang.reflect.Array.getLength(x) + ")";
        }
    }

    static List<Arguments> rreluCases() {
        // Defaults, 1/8 and 1/3 spelled out, pairs whose float mean differs from the double mean
        // rounded to float ((0.3, 0.4), (1/3, 1/2)), equal bounds and zero.
        List<Bounds> bounds = List.of(new Bounds(Double.NaN, Double.NaN), new Bounds(1.0 / 8, 1.0 / 3),
                new Bounds(0.3, 0.4), new Bounds(1.0 / 3, 0.5), new Bounds(0.1, 0.3), new Bounds(0.01, 0.01),
                new Bounds(0, 0));
        List<Flat> inputs = new ArrayList<>();
        for (PyTorchBitIdentityTest.Inputs in : PyTorchBitIdentityTest.inputs()) {
            inputs.add(new Flat(in.name(), in.x(), in.dy()));
        }
        SplittableRandom random = new SplittableRandom(SEED + 1);
        int n = DOUBLE_SPECIALS.length;
        double[] sx = new double[n * n];
        double[] sdy = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            sx[i] = Double.longBitsToDouble(DOUBLE_SPECIALS[i / n]);
            sdy[i] = Double.longBitsToDouble(DOUBLE_SPECIALS[i % n]);
        }
        inputs.add(new Flat("every pair of special values", sx, sdy));
        inputs.add(new Flat("random bits", randomDoubles(1_000_000, random), randomDoubles(1_000_000, random)));
        List<Arguments> cases = new ArrayList<>();
        for (Flat in : inputs) {
            for (Bounds b : bounds) {
                cases.add(Arguments.of(in, b));
            }
        }
        return cases;
    }

    @ParameterizedTest
    @MethodSource("rreluCases")
    @SuppressWarnings("try")
    void rrelu(Flat in, Bounds b) {
        Activation a = b.activation();
        Object y = newLike(in.x);
        Object dx = newLike(in.x);
        // PyTorch's leaky_relu_backward, which rrelu's backward calls, multiplies dy by 1 where
        // x > 0 in its vector loop (dy * (x > 0 ? 1 : slope)): signalling NaNs come out quiet
        // there. Its scalar tail (the last n mod 32 floats, n mod 16 doubles) passes dy as is;
        // no signalling dy with x > 0 falls there in these inputs.
        Object quieted = quiet(in.dy);
        if (in.x instanceof float[] x) {
            a.forward(x, (float[]) y);
            a.backward(x, (float[]) quieted, (float[]) dx);
        } else {
            a.forward((double[]) in.x, (double[]) y);
            a.backward((double[]) in.x, (double[]) quieted, (double[]) dx);
        }
        double slope = b.isDefault() ? (1.0 / 8 + 1.0 / 3) / 2 : (b.lower + b.upper) / 2;
        Case k = new Case(in.name + ", rrelu " + b, Layout.SHARED, 1, 1, 1, java.lang.reflect.Array.getLength(in.x),
                in.x, in.dy, in.x instanceof float[] ? new float[] {(float) slope} : new double[] {slope});
        try (NDManager m = manager.newSubManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = Bits.create(m, in.x, null);
            x.setRequiresGradient(true);
            NDArray torch = b.isDefault() ? ops.rreluDefault(x) : ops.rrelu(x, b.lower, b.upper);
            Bits.assertSame(k, "rrelu forward", Bits.array(torch), y, null);
            JniUtils.backward((PtNDArray) torch, (PtNDArray) Bits.create(m, in.dy, null), false, false);
            Bits.assertSame(k, "rrelu backward", Bits.array(x.getGradient()), dx, in.dy);
        }
    }

    /** dy with its signalling NaNs quieted (payload kept), as {@code dy * 1} leaves it; done on the bits. */
    private static Object quiet(Object dy) {
        if (dy instanceof float[] f) {
            return PyTorchBitIdentityTest.timesOne(f);
        }
        double[] d = ((double[]) dy).clone();
        for (int i = 0; i < d.length; i++) {
            if (Double.isNaN(d[i])) {
                d[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(d[i]) | 0x0008_0000_0000_0000L);
            }
        }
        return d;
    }

    // ---- data ----

    private static Object newLike(Object array) {
        return array instanceof float[] f ? new float[f.length] : new double[((double[]) array).length];
    }

    static float[] randomFloats(int n, SplittableRandom random) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = Float.intBitsToFloat(random.nextInt());
        }
        return a;
    }

    static double[] randomDoubles(int n, SplittableRandom random) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = Double.longBitsToDouble(random.nextLong());
        }
        return a;
    }

    private static float finiteFloat(SplittableRandom random) {
        float f;
        do {
            f = Float.intBitsToFloat(random.nextInt());
        } while (!Float.isFinite(f));
        return f;
    }

    /** {@code c} slopes: the special ones first, then random finite bit patterns. */
    private static float[] slopes(int c, SplittableRandom random) {
        float[] w = new float[c];
        for (int i = 0; i < c; i++) {
            w[i] = i < SLOPES.length ? SLOPES[i] : finiteFloat(random);
        }
        return w;
    }

    private static double[] doubleSlopes(int c, SplittableRandom random) {
        double[] w = new double[c];
        for (int i = 0; i < c; i++) {
            if (i < DOUBLE_SLOPES.length) {
                w[i] = DOUBLE_SLOPES[i];
            } else {
                double d;
                do {
                    d = Double.longBitsToDouble(random.nextLong());
                } while (!Double.isFinite(d));
                w[i] = d;
            }
        }
        return w;
    }

    /** Java arrays of either format to and from PyTorch, and their comparison bit for bit. */
    static final class Bits {
        private Bits() {}

        static NDArray create(NDManager m, Object data, Shape shape) {
            if (data instanceof float[] f) {
                return shape == null ? m.create(f) : m.create(f, shape);
            }
            double[] d = (double[]) data;
            return shape == null ? m.create(d) : m.create(d, shape);
        }

        static Object array(NDArray a) {
            return a.getDataType() == DataType.FLOAT32 ? a.toFloatArray() : a.toDoubleArray();
        }

        static long bits(Object array, int i) {
            return array instanceof float[] f ? Float.floatToRawIntBits(f[i]) & 0xffff_ffffL
                    : Double.doubleToRawLongBits(((double[]) array)[i]);
        }

        static String hex(Object array, int i) {
            return array instanceof float[] f ? String.format("0x%08x (%s)", bits(array, i), f[i])
                    : String.format("0x%016x (%s)", bits(array, i), ((double[]) array)[i]);
        }

        /** {@code dy} null: a forward (or a slope gradient, compared by index). */
        static void assertSame(Case k, String op, Object torch, Object relu4j, Object dy) {
            int length = java.lang.reflect.Array.getLength(relu4j);
            if (java.lang.reflect.Array.getLength(torch) != length) {
                throw new AssertionError(op + " on " + k + ": PyTorch returned " + java.lang.reflect.Array.getLength(torch)
                        + " elements, relu4j " + length);
            }
            int mismatches = 0;
            int first = -1;
            for (int i = 0; i < length; i++) {
                if (bits(torch, i) != bits(relu4j, i)) {
                    mismatches++;
                    first = first < 0 ? i : first;
                }
            }
            if (mismatches > 0) {
                boolean perElement = java.lang.reflect.Array.getLength(k.x) == length;
                String where = perElement ? " x=" + hex(k.x, first) + (dy == null ? "" : " dy=" + hex(dy, first))
                        + " slope=" + hex(k.slopes, k.channel(first)) + " (channel " + k.channel(first) + ")" : "";
                throw new AssertionError(op + " on " + k + ": " + mismatches + " of " + length + " differ; first at "
                        + first + ":" + where + " PyTorch " + hex(torch, first) + ", relu4j " + hex(relu4j, first));
            }
        }
    }
}
