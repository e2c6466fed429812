package io.github.relu4j.bench;

import io.github.relu4j.ReluKernels;
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
    private static final ReluKernels VECTOR = ReluKernels.vector();

    @Param({"23", "1003", "65536"})
    public int size;

    private float[] x;
    private float[] dy;
    private float[] out;

    @Setup(Level.Trial)
    public void setUp() {
        x = Inputs.floats(size, 1);
        dy = Inputs.floats(size, 2);
        out = new float[size];
    }

    @Benchmark
    public float[] reluForwardApi() {
        VECTOR.reluForward(x, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluForwardShipped() {
        KernelVariants.reluForwardShipped(x, out, size);
        return out;
    }

    @Benchmark
    public float[] reluForwardScalarTail() {
        KernelVariants.reluForwardScalarTail(x, out, size);
        return out;
    }

    @Benchmark
    public float[] reluForwardMaxNotContract() {
        KernelVariants.reluForwardMaxNotContract(x, out, size);
        return out;
    }

    @Benchmark
    public float[] leakyReluForwardShipped() {
        KernelVariants.leakyReluForwardShipped(x, out, size, ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluForwardMaskedMul() {
        KernelVariants.leakyReluForwardMaskedMul(x, out, size, ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluForwardSelectFactor() {
        KernelVariants.leakyReluForwardSelectFactor(x, out, size, ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluBackwardShipped() {
        KernelVariants.leakyReluBackwardShipped(x, dy, out, size, ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluBackwardMaskedMul() {
        KernelVariants.leakyReluBackwardMaskedMul(x, dy, out, size, ALPHA);
        return out;
    }
}
