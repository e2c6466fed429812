package io.github.relu4j.bench;

import io.github.relu4j.Activation;
import io.github.relu4j.BenchCatalogue;
import io.github.relu4j.Engine;
import io.github.relu4j.Epilogue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The fused forms beside the passes they replace, on floats, {@link Engine#vector()}, one
 * thread: the forward pass with its mask ({@code forwardMask}) beside the plain one
 * ({@code forward}); the backward pass from the mask ({@code backwardMask}, and in place,
 * {@code backwardMaskInPlace}) beside the one from x ({@code backward}, {@code backwardInPlace});
 * the bias add fused with ReLU ({@code fusedBias}) beside a bias-add loop and the activation in
 * place ({@code twoPasses}); and the forward pass with dead-unit counts ({@code forwardCounts}).
 * Rows of {@link #FEATURES} features. In place, dy is written every call: ReLU's backward
 * leaves it as it was after the first one, so each call sees the same data (Leaky ReLU's would
 * shrink it into subnormals, so the in-place pairs are ReLU's).
 *
 * <p>Bytes per element a pass moves (4-byte loads and stores, a store's line read first), the
 * model the report shows beside the ratios: forward 12, with its mask 12.25; backward 16, from
 * the mask 12.13 (ideal ratio 1.32); in place 12 and 8.13 (1.48); two passes 12 + 8 = 20 against
 * the fused 12 (1.67); counts 12, as the forward.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", Placement.PINNED})
public class FusedBenchmark {
    /** Features per row: a dense layer's width. */
    static final int FEATURES = 256;

    @Benchmark
    public float[] forward(Data d) {
        d.act.forward(d.x, 0, d.y, 0, d.size);
        return d.y;
    }

    @Benchmark
    public long[] forwardMask(Data d) {
        d.act.forward(d.x, 0, d.y, 0, d.mask, 0, d.size);
        return d.mask;
    }

    @Benchmark
    public float[] backward(Data d) {
        d.act.backward(d.x, 0, d.dy, 0, d.dx, 0, d.size);
        return d.dx;
    }

    @Benchmark
    public float[] backwardMask(Data d) {
        d.act.backward(d.mask, 0, d.dy, 0, d.dx, 0, d.size);
        return d.dx;
    }

    @Benchmark
    public float[] backwardInPlace(Data d) {
        d.relu.backward(d.x, 0, d.dy, 0, d.dy, 0, d.size);
        return d.dy;
    }

    @Benchmark
    public float[] backwardMaskInPlace(Data d) {
        d.relu.backward(d.reluMask, 0, d.dy, 0, d.dy, 0, d.size);
        return d.dy;
    }

    @Benchmark
    public float[] twoPasses(Data d) {
        float[] x = d.x;
        float[] y = d.y;
        float[] b = d.bias;
        for (int row = 0; row < d.size; row += FEATURES) {
            for (int f = 0; f < FEATURES; f++) {
                y[row + f] = x[row + f] + b[f];
            }
        }
        d.act.forward(y, 0, y, 0, d.size);
        return y;
    }

    @Benchmark
    public float[] fusedBias(Data d) {
        d.rows.forward(d.x, 0, d.bias, 0, d.y, 0, null, 0, null, 0, d.size / FEATURES);
        return d.y;
    }

    @Benchmark
    public long[] forwardCounts(Data d) {
        d.rows.forward(d.x, 0, null, 0, d.y, 0, null, 0, d.counts, 0, d.size / FEATURES);
        return d.counts;
    }

    /** Inputs uniform in [-1, 1), their masks, a bias, counts. */
    @State(Scope.Thread)
    public static class Data {
        /** A name of {@link BenchCatalogue#kernels()}: ReLU and Leaky ReLU, whose gradients differ from the mask. */
        @Param({"relu", "leakyRelu"})
        public String kernel;

        /** Elements: a multiple of {@link #FEATURES}. */
        @Param({"16384"})
        public int size;

        Activation act;
        Activation relu;
        Epilogue rows;
        float[] x;
        float[] y;
        float[] dy;
        float[] dx;
        float[] bias;
        long[] mask;
        long[] reluMask;
        long[] counts;

        @Setup(Level.Trial)
        public void setUp() {
            if (size % FEATURES != 0) {
                throw new IllegalArgumentException("size must be a multiple of " + FEATURES + ", was " + size);
            }
            act = BenchCatalogue.activation(kernel).on(Engine.vector());
            relu = Activation.relu().on(Engine.vector());
            rows = Epilogue.rows(act, FEATURES);
            SplittableRandom random = new SplittableRandom(size);
            x = uniform(random, size);
            dy = uniform(random, size);
            bias = uniform(random, FEATURES);
            y = new float[size];
            dx = new float[size];
            mask = new long[(int) Activation.maskWords(size)];
            reluMask = new long[mask.length];
            counts = new long[FEATURES];
            act.forward(x, 0, y, 0, mask, 0, size);
            relu.forward(x, 0, y, 0, reluMask, 0, size);
        }

        private static float[] uniform(SplittableRandom random, int n) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = (float) (random.nextDouble() * 2 - 1);
            }
            return a;
        }
    }
}
