package io.github.relu4j.bench;

import io.github.relu4j.Engine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * The kernels on every core against one: {@code parallel} is {@link Engine#preferred()}, what
 * every activation uses by default (parallel from its threshold, on every processor),
 * {@code single} is {@link Engine#vector()}, and {@code copy} is {@link System#arraycopy} on one
 * thread. Below the threshold the two must cost the same; above it, the parallel one should
 * approach the machine's memory bandwidth rather than one core's.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", Placement.PINNED})
public class ParallelKernelsBenchmark {

    @Benchmark
    public Object copy(KernelData d) {
        return KernelsBenchmark.arraycopy(d);
    }

    @Benchmark
    public Object single(KernelData d, KernelChoice k) {
        return KernelsBenchmark.run(k.vector, k.backward, d, d.resident());
    }

    @Benchmark
    public Object parallel(KernelData d, KernelChoice k, PreferredWarmUp warm) {
        return KernelsBenchmark.run(k.preferred, k.backward, d, d.resident());
    }
}
