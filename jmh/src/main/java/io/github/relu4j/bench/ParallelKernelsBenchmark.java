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
 * The float kernels on every core against one: {@code *Parallel} is {@link ReluKernels#preferred()},
 * what {@code Relu} and {@code LeakyRelu} use (parallel from its threshold, on every processor),
 * {@code *Single} is {@link ReluKernels#vector()}, and {@code copy} is {@link System#arraycopy} on
 * one thread. Below the threshold the two must cost the same; above it, the parallel one should
 * approach the machine's memory bandwidth rather than one core's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ParallelKernelsBenchmark extends FloatInputs {
    private static final float ALPHA = 0.01f;
    private static final ReluKernels SINGLE = ReluKernels.vector();
    private static final ReluKernels PARALLEL = ReluKernels.preferred();

    /** Below the threshold (1 Ki, 16 Ki, 256 Ki), from it in L3 (1 Mi, 4 Mi), in DRAM (16 Mi, 64 Mi). */
    @Param({"1024", "16384", "262144", "1048576", "4194304", "16777216", "67108864"})
    public int size;

    @Setup(Level.Trial)
    public void setUp() {
        allocate(size);
        System.out.println("parallel kernels: " + PARALLEL);
    }

    @Benchmark
    public float[] copy() {
        float[] x = xs[next()];
        System.arraycopy(x, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluForwardSingle() {
        SINGLE.reluForward(xs[next()], 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluForwardParallel() {
        PARALLEL.reluForward(xs[next()], 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluBackwardSingle() {
        int k = next();
        SINGLE.reluBackward(xs[k], 0, dys[k], 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluBackwardParallel() {
        int k = next();
        PARALLEL.reluBackward(xs[k], 0, dys[k], 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] leakyReluForwardSingle() {
        SINGLE.leakyReluForward(xs[next()], 0, out, 0, size, ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluForwardParallel() {
        PARALLEL.leakyReluForward(xs[next()], 0, out, 0, size, ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluBackwardSingle() {
        int k = next();
        SINGLE.leakyReluBackward(xs[k], 0, dys[k], 0, out, 0, size, ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluBackwardParallel() {
        int k = next();
        PARALLEL.leakyReluBackward(xs[k], 0, dys[k], 0, out, 0, size, ALPHA);
        return out;
    }
}
