package io.github.relu4j.bench;

import io.github.relu4j.Activation;
import io.github.relu4j.BenchCatalogue;
import io.github.relu4j.Engine;
import io.github.relu4j.Epilogue;
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
 * shrink it into subnormals, so the in-place pairs, and the bias and count forms, are ReLU's).
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
    public float[] backwardInPlace(Relu d) {
        d.relu.backward(d.x, 0, d.dy, 0, d.dy, 0, d.size);
        return d.dy;
    }

    @Benchmark
    public float[] backwardMaskInPlace(Relu d) {
        d.relu.backward(d.mask, 0, d.dy, 0, d.dy, 0, d.size);
        return d.dy;
    }

    /** The bias add a JVM user writes (C2 vectorises it), then the activation in place. */
    @Benchmark
    public float[] twoPasses(Relu d) {
        float[] x = d.x;
        float[] y = d.y;
        float[] b = d.bias;
        int n = d.rows * FEATURES;
        for (int row = 0; row < n; row += FEATURES) {
            for (int f = 0; f < FEATURES; f++) {
                y[row + f] = x[row + f] + b[f];
            }
        }
        d.relu.forward(y, 0, y, 0, n);
        return y;
    }

    @Benchmark
    public float[] fusedBias(Relu d) {
        d.dense.forward(d.x, 0, d.bias, 0, d.y, 0, null, 0, null, 0, d.rows);
        return d.y;
    }

    @Benchmark
    public long[] forwardCounts(Relu d) {
        d.dense.forward(d.x, 0, null, 0, d.y, 0, null, 0, d.counts, 0, d.rows);
        return d.counts;
    }

    /** Inputs, their mask, the activation: for the pairs measured per kernel. */
    @State(Scope.Thread)
    public static class Data {
        /** A name of {@link BenchCatalogue#kernels()}: ReLU and Leaky ReLU, whose gradients from the mask differ. */
        @Param({"relu", "leakyRelu"})
        public String kernel;

        @Param({"16384"})
        public int size;

        Activation act;
        float[] x;
        float[] y;
        float[] dy;
        float[] dx;
        long[] mask;

        @Setup(Level.Trial)
        public void setUp() {
            act = BenchCatalogue.activation(kernel).on(Engine.vector());
            x = uniform(size, 1);
            dy = uniform(size, 2);
            y = new float[size];
            dx = new float[size];
            mask = new long[(int) Activation.maskWords(size)];
            act.forward(x, 0, y, 0, mask, 0, size);
        }
    }

    /**
     * ReLU's inputs, mask, a bias and counts: for the pairs measured once (in place, the bias,
     * the counts). Rows of {@link #FEATURES}: the epilogue forms run {@code size / FEATURES} rows.
     */
    @State(Scope.Thread)
    public static class Relu {
        @Param({"16384"})
        public int size;

        Activation relu;
        Epilogue dense;
        int rows;
        float[] x;
        float[] y;
        float[] dy;
        float[] bias;
        long[] mask;
        long[] counts;

        @Setup(Level.Trial)
        public void setUp() {
            relu = Activation.relu().on(Engine.vector());
            dense = Epilogue.rows(relu, FEATURES);
            rows = size / FEATURES;
            x = uniform(size, 3);
            dy = uniform(size, 4);
            bias = uniform(FEATURES, 5);
            y = new float[size];
            mask = new long[(int) Activation.maskWords(size)];
            counts = new long[FEATURES];
            relu.forward(x, 0, y, 0, mask, 0, size);
        }
    }

    /**
     * {@code n} floats uniform in [-1, 1) from a 64-bit LCG's top bits: random signs, no branch
     * pattern, and fast enough to fill a gigabyte while a fork starts.
     */
    static float[] uniform(int n, long seed) {
        float[] a = new float[n];
        long s = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < n; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            a[i] = (int) (s >>> 40) * 0x1p-23f - 1;
        }
        return a;
    }
}
