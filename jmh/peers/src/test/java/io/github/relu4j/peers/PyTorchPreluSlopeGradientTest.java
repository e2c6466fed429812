package io.github.relu4j.peers;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.github.relu4j.Prelu;
import io.github.relu4j.peers.PyTorchPreluTest.Case;
import io.github.relu4j.peers.PyTorchPreluTest.Layout;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How close PReLU's float slope gradient {@code dw[c]} (the sum over channel {@code c} of
 * {@code x > 0 ? 0 : x * dy}) comes to the exact sum, for PyTorch 2.7.1 (autograd on
 * {@code torch.prelu} with slopes requiring gradients: float products, summed to the slopes'
 * shape by a float reduction) and for relu4j (exact products added in double in a fixed order,
 * rounded once). The exact sum is a {@link BigDecimal}, accumulated without rounding. The error
 * is in ulps of the exact sum rounded to float, and relative.
 *
 * <p>Data: uniform in [-1, 1) (as the peers' benchmarks); heavy cancellation (a channel's terms
 * are pairs {@code +a, -a} with {@code |a|} up to 2^32, small positive terms and zeros, in random
 * order); a huge dynamic range (terms of magnitude 1e-30 to 1e30, random signs). Shapes: [N, C,
 * H, W] with a slope per channel, one shared slope, [batch, features] and [N, H, W, C], 2^19
 * elements; then 10^8 elements, uniform on one slope and on 64, and cancelling on one (a few
 * seconds each, and about 3 GB of Java heap and PyTorch memory). PyTorch runs on one intra-op thread (its
 * bits do not then depend on the machine's cores) and on all, as its reduction splits across
 * threads.
 *
 * <p>Asserted: on every slope, relu4j's error is at most PyTorch's plus half an ulp. The table
 * of the largest errors goes to the output and to {@code target/prelu-slope-gradient.md}.
 */
class PyTorchPreluSlopeGradientTest {
    private static final io.github.relu4j.Engine RELU4J = io.github.relu4j.Engine.vector();
    private static final long SEED = 20261130L;
    private static final int THREADS = Runtime.getRuntime().availableProcessors();
    private static NDManager manager;
    private static PyTorchOps ops;
    private static final List<String> ROWS = new ArrayList<>();

    @BeforeAll
    static void startPyTorch() {
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        ops = PyTorchOps.load(manager);
    }

    @AfterAll
    static void stopPyTorch() throws IOException {
        ops.close();
        manager.close();
        String table = "PReLU slope gradient dw, float: the largest error over the slopes, in ulps of the exact sum "
                + "rounded to float (relative error in brackets). PyTorch 2.7.1 CPU through DJL, autograd; "
                + "relu4j " + RELU4J + ". " + THREADS + " threads = every logical CPU of this machine.\n\n"
                + "| data | shape | terms per slope | slopes | PyTorch, 1 thread | PyTorch, " + THREADS
                + " threads | relu4j | relu4j correctly rounded |\n|---|---|---:|---:|---:|---:|---:|---:|\n"
                + String.join("\n", ROWS) + "\n";
        System.out.println("\n" + table);
        Path out = Path.of("target", "prelu-slope-gradient.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    /** A data distribution: fills {@code m} (x, dy) pairs of one channel from index 0. */
    interface Terms {
        void fill(float[] x, float[] dy, int m, SplittableRandom random);
    }

    static final Terms UNIFORM = (x, dy, m, random) -> {
        for (int i = 0; i < m; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
            dy[i] = (float) (random.nextDouble() * 2 - 1);
        }
    };

    /** 40% pairs (a, -a) with |a| in [2^10, 2^32), 40% small positive terms in (0, 1), 20% zero terms, shuffled. */
    static final Terms CANCELLATION = (x, dy, m, random) -> {
        int i = 0;
        while (i < m) {
            double r = random.nextDouble();
            if (r < 0.4 && i + 1 < m) {
                float a = (float) -((1 + random.nextDouble()) * Math.scalb(1.0, 10 + random.nextInt(11)));
                float d = (float) ((1 + random.nextDouble()) * Math.scalb(1.0, random.nextInt(11)));
                x[i] = a;
                dy[i] = d;
                x[i + 1] = a;
                dy[i + 1] = -d;
                i += 2;
            } else if (r < 0.8) {
                x[i] = (float) -(0.5 + 0.5 * random.nextDouble());
                dy[i] = (float) (0.001 + 0.999 * random.nextDouble());
                i++;
            } else {
                x[i] = (float) (1 - random.nextDouble()); // (0, 1]: the term is 0
                dy[i] = (float) (random.nextDouble() * 2 - 1);
                i++;
            }
        }
        for (int j = m - 1; j > 0; j--) {
            int k = random.nextInt(j + 1);
            float t = x[j];
            x[j] = x[k];
            x[k] = t;
            t = dy[j];
            dy[j] = dy[k];
            dy[k] = t;
        }
    };

    /** |x| and |dy| in [1e-15, 1e15] log-uniformly: terms from 1e-30 to 1e30; 15% of x positive (zero terms). */
    static final Terms DYNAMIC_RANGE = (x, dy, m, random) -> {
        for (int i = 0; i < m; i++) {
            float magnitude = (float) Math.pow(10, random.nextDouble() * 30 - 15);
            x[i] = random.nextDouble() < 0.15 ? magnitude : -magnitude;
            float d = (float) Math.pow(10, random.nextDouble() * 30 - 15);
            dy[i] = random.nextBoolean() ? d : -d;
        }
    };

    /** A case to generate (in the test: the large ones do not all fit in memory at once). */
    record Spec(String data, Terms terms, Layout layout, int n, int c, int h, int w, long seed) {
        @Override
        public String toString() {
            return data + ", " + layout + " [" + n + ", " + c + ", " + h + ", " + w + "]";
        }

        /** A case whose channel {@code k} holds what {@code terms} gives it, its elements in order. */
        Case generate() {
            SplittableRandom random = new SplittableRandom(seed);
            int size = n * c * h * w;
            float[] x = new float[size];
            float[] dy = new float[size];
            int channels = layout == Layout.SHARED ? 1 : c;
            float[] slopes = new float[channels];
            for (int k = 0; k < channels; k++) {
                slopes[k] = (float) (0.25 * random.nextDouble());
            }
            if (channels == 1) {
                terms.fill(x, dy, size, random);
            } else {
                int m = size / channels;
                float[] cx = new float[m];
                float[] cdy = new float[m];
                for (int k = 0; k < channels; k++) {
                    terms.fill(cx, cdy, m, random);
                    for (int j = 0; j < m; j++) {
                        int i = layout == Layout.NCHW ? (j / (h * w) * c + k) * (h * w) + j % (h * w) : j * c + k;
                        x[i] = cx[j];
                        dy[i] = cdy[j];
                    }
                }
            }
            return new Case(data, layout, n, c, h, w, x, dy, slopes);
        }
    }

    static List<Spec> cases() {
        List<Spec> cases = new ArrayList<>();
        String[] names = {"uniform in [-1, 1)", "cancellation: pairs +a, -a and small terms", "dynamic range: terms 1e-30 to 1e30"};
        Terms[] all = {UNIFORM, CANCELLATION, DYNAMIC_RANGE};
        long seed = SEED;
        for (int d = 0; d < all.length; d++) {
            cases.add(new Spec(names[d], all[d], Layout.NCHW, 8, 64, 32, 32, seed++));
            cases.add(new Spec(names[d], all[d], Layout.SHARED, 8, 64, 32, 32, seed++));
            cases.add(new Spec(names[d], all[d], Layout.ROWS, 8192, 64, 1, 1, seed++));
            cases.add(new Spec(names[d], all[d], Layout.NHWC, 8, 64, 32, 32, seed++));
        }
        // Large: 10^8 elements, on one slope and on 64 channels.
        cases.add(new Spec(names[0] + ", large", UNIFORM, Layout.SHARED, 100, 64, 125, 125, seed++));
        cases.add(new Spec(names[0] + ", large", UNIFORM, Layout.NCHW, 100, 64, 125, 125, seed++));
        cases.add(new Spec(names[1] + ", large", CANCELLATION, Layout.SHARED, 100, 64, 125, 125, seed++));
        return cases;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void slopeGradient(Spec spec) {
        Case k = spec.generate();
        float[] dw = new float[((float[]) k.slopes()).length];
        k.prelu().slopeGradient((float[]) k.x(), (float[]) k.dy(), dw);
        if (((float[]) k.x()).length <= 1 << 20) { // the fused backward's dw is the same
            float[] fused = new float[dw.length];
            k.prelu().backward((float[]) k.x(), (float[]) k.dy(), new float[((float[]) k.x()).length],
                    (float[]) k.slopes(), fused);
            if (!java.util.Arrays.equals(fused, dw)) {
                throw new AssertionError(k + ": backward's dw differs from slopeGradient's");
            }
        }
        compare(k, dw);
    }

    private static void compare(Case k, float[] relu4j) {
        BigDecimal[] exact = exactSums(k);
        float[] torchOne = torch(k, 1);
        float[] torchAll = torch(k, THREADS);
        Errors one = new Errors();
        Errors all = new Errors();
        Errors ours = new Errors();
        int rounded = 0;
        for (int c = 0; c < exact.length; c++) {
            double[] e1 = error(torchOne[c], exact[c]);
            double[] eAll = error(torchAll[c], exact[c]);
            double[] e = error(relu4j[c], exact[c]);
            one.add(e1);
            all.add(eAll);
            ours.add(e);
            rounded += relu4j[c] == exact[c].floatValue() ? 1 : 0;
            if (e[0] > e1[0] + 0.5 || e[0] > eAll[0] + 0.5) {
                throw new AssertionError(k + ", slope " + c + ": exact " + exact[c].round(MathContext.DECIMAL64)
                        + ", relu4j " + relu4j[c] + " (" + e[0] + " ulps), PyTorch " + torchOne[c] + " (" + e1[0]
                        + " ulps) on 1 thread, " + torchAll[c] + " (" + eAll[0] + " ulps) on " + THREADS);
            }
        }
        long size = ((float[]) k.x()).length;
        String shape = k.shape() + (k.layout() == Layout.SHARED ? ", one slope" : "") + " (" + k.layout() + ")";
        ROWS.add("| " + k.data() + " | " + shape + " | " + String.format(Locale.ROOT, "%,d", size / exact.length)
                + " | " + exact.length + " | " + one + " | " + all + " | " + ours + " | " + rounded + " of "
                + exact.length + " |");
    }

    /** The largest ulps and relative error over the slopes. */
    static final class Errors {
        private double ulps;
        private double relative;

        void add(double[] e) {
            ulps = Math.max(ulps, e[0]);
            relative = Math.max(relative, e[1]);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.3g (%.1e)", ulps, relative);
        }
    }

    /** {ulps of the exact sum rounded to float, relative error} of {@code got}. */
    static double[] error(float got, BigDecimal exact) {
        float rounded = exact.floatValue();
        if (!Float.isFinite(got) || Float.isInfinite(rounded)) {
            return got == rounded ? new double[] {0, 0} : new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        }
        BigDecimal difference = new BigDecimal(got).subtract(exact).abs();
        double ulps = difference.divide(new BigDecimal(Math.ulp(rounded)), MathContext.DECIMAL64).doubleValue();
        double relative = exact.signum() == 0 ? (difference.signum() == 0 ? 0 : Double.POSITIVE_INFINITY)
                : difference.divide(exact.abs(), MathContext.DECIMAL64).doubleValue();
        return new double[] {ulps, relative};
    }

    /** Every slope's exact sum of {@code x > 0 ? 0 : x * dy} (each product exact in double). */
    static BigDecimal[] exactSums(Case k) {
        float[] x = (float[]) k.x();
        float[] dy = (float[]) k.dy();
        int channels = ((float[]) k.slopes()).length;
        ExactSum[] sums = new ExactSum[channels];
        for (int c = 0; c < channels; c++) {
            sums[c] = new ExactSum();
        }
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0)) {
                sums[channels == 1 ? 0 : k.channel(i)].add((double) x[i] * dy[i]);
            }
        }
        BigDecimal[] exact = new BigDecimal[channels];
        for (int c = 0; c < channels; c++) {
            exact[c] = sums[c].value();
        }
        return exact;
    }

    /** PyTorch's dw by autograd on {@code threads} intra-op threads: y = prelu(x, w), then y.backward(dy). */
    @SuppressWarnings("try")
    private static float[] torch(Case k, int threads) {
        int before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(threads);
        try (NDManager m = manager.newSubManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = PyTorchPreluTest.Bits.create(m, k.x(), k.shape());
            NDArray w = m.create((float[]) k.slopes());
            x.setRequiresGradient(true);
            w.setRequiresGradient(true);
            NDArray y = ops.prelu(k.layout() == Layout.NHWC ? x.transpose(0, 3, 1, 2) : x, w);
            JniUtils.backward((PtNDArray) y, (PtNDArray) PyTorchPreluTest.toTorch(k, m, k.dy()), false, false);
            return w.getGradient().toFloatArray();
        } finally {
            JniUtils.setNumThreads(before);
        }
    }

    /**
     * A sum of doubles without rounding: each finite double is an integer {@code m} (|m| < 2^53)
     * times 2^e, e >= -1074; {@code m << (e + 1074)} is added into 32-bit digits kept in longs,
     * which hold 2^30 additions without overflow.
     */
    static final class ExactSum {
        private final long[] digits = new long[68];
        private long count;

        void add(double d) {
            if (d == 0) {
                return;
            }
            if (++count > 1L << 30) {
                throw new IllegalStateException("too many terms for the digits");
            }
            long bits = Double.doubleToRawLongBits(d);
            int exponent = (int) (bits >>> 52) & 0x7ff;
            long m = bits & 0xf_ffff_ffff_ffffL;
            int shift;
            if (exponent == 0) {
                shift = 0;
            } else {
                m |= 1L << 52;
                shift = exponent - 1;
            }
            int k = shift >>> 5;
            int r = shift & 31;
            long lo = (m & 0xffff_ffffL) << r;
            long hi = (m >>> 32) << r;
            long sign = bits < 0 ? -1 : 1;
            digits[k] += sign * (lo & 0xffff_ffffL);
            digits[k + 1] += sign * ((lo >>> 32) + (hi & 0xffff_ffffL));
            digits[k + 2] += sign * (hi >>> 32);
        }

        BigDecimal value() {
            BigInteger total = BigInteger.ZERO;
            for (int k = digits.length - 1; k >= 0; k--) {
                total = total.shiftLeft(32).add(BigInteger.valueOf(digits[k]));
            }
            return new BigDecimal(total).multiply(new BigDecimal(Double.MIN_VALUE)); // 2^-1074, exactly
        }
    }

    /** The exact sum agrees with BigDecimal addition of the same doubles, on every kind of data. */
    @Test
    void exactSumIsBigDecimalSum() {
        SplittableRandom random = new SplittableRandom(SEED + 7);
        for (Terms terms : new Terms[] {UNIFORM, CANCELLATION, DYNAMIC_RANGE}) {
            float[] x = new float[20_000];
            float[] dy = new float[20_000];
            terms.fill(x, dy, x.length, random);
            ExactSum sum = new ExactSum();
            BigDecimal plain = BigDecimal.ZERO;
            for (int i = 0; i < x.length; i++) {
                double t = (double) x[i] * dy[i];
                sum.add(t);
                plain = plain.add(new BigDecimal(t));
            }
            for (double t : new double[] {Double.MAX_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -0x1.fffffffffffffp-1000}) {
                sum.add(t);
                plain = plain.add(new BigDecimal(t));
            }
            if (sum.value().compareTo(plain) != 0) {
                throw new AssertionError("exact sum " + sum.value() + " but BigDecimal " + plain);
            }
        }
    }
}
