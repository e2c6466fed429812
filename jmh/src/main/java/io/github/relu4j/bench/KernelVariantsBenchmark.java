package io.github.relu4j.bench;

import io.github.relu4j.Activation;
import io.github.relu4j.Engine;
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
 * The shapes {@link KernelVariants} lists, on float data, at a length that is mostly tail (23),
 * one with a tail of 11 after 62 vectors of 16 lanes (1003), and one without a tail (65536).
 * {@code *Api} is the library call, argument checks included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelVariantsBenchmark {
    private static final float ALPHA = 0.01f;
    private static final Activation RELU = Activation.relu().on(Engine.vector());

    private float[][] xs;
    private float[][] dys;
    private float[] out;
    private int next;

    @Param({"23", "1003", "65536"})
    public int size;

    @Setup(Level.Trial)
    public void setUp() {
        xs = Inputs.floats(size, 1);
        dys = Inputs.floats(size, 2);
        out = new float[size];
    }

    private int next() {
        return next = (next + 1) & (xs.length - 1);
    }

    @Benchmark
    public float[] reluForwardApi() {
        float[] x = xs[next()];
        RELU.forward(x, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluForwardShipped() {
        float[] x = xs[next()];
        KernelVariants.reluForwardShipped(x, out, size);
        return out;
    }

    @Benchmark
    public float[] reluForwardScalarTail() {
        float[] x = xs[next()];
        KernelVariants.reluForwardScalarTail(x, out, size);
        return out;
    }

    @Benchmark
    public float[] reluForwardMaxNotContract() {
        float[] x = xs[next()];
        KernelVariants.reluForwardMaxNotContract(x, out, size);
        return out;
    }

    @Benchmark
    public float[] leakyReluForwardShipped() {
        float[] x = xs[next()];
        KernelVariants.leakyReluForwardShipped(x, out, size, ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluForwardMaskedMul() {
        float[] x = xs[next()];
        KernelVariants.leakyReluForwardMaskedMul(x, out, size, ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluForwardSelectFactor() {
        float[] x = xs[next()];
        KernelVariants.leakyReluForwardSelectFactor(x, out, size, ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluBackwardShipped() {
        int k = next();
        float[] x = xs[k];
        float[] dy = dys[k];
        KernelVariants.leakyReluBackwardShipped(x, dy, out, size, ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluBackwardMaskedMul() {
        int k = next();
        float[] x = xs[k];
        float[] dy = dys[k];
        KernelVariants.leakyReluBackwardMaskedMul(x, dy, out, size, ALPHA);
        return out;
    }
}
