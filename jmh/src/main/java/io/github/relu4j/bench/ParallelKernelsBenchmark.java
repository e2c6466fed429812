package io.github.relu4j.bench;

import io.github.relu4j.Activation;
import io.github.relu4j.BenchCatalogue;
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
 * The kernels on every core against one: {@code parallel} is {@link Engine#preferred()}, what
 * every activation uses by default (parallel from its threshold, on every processor),
 * {@code single} is {@link Engine#vector()}, and {@code copy} is {@link System#arraycopy} on one
 * thread. Below the threshold the two must cost the same; above it, the parallel one should
 * approach the machine's memory bandwidth rather than one core's.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ParallelKernelsBenchmark {

    /** One kernel of the catalogue, single-threaded and parallel. */
    @State(Scope.Thread)
    public static class Kernel {
        @Param({"relu", "leakyRelu", "hardtanh", "threshold"})
        public String kernel;

        @Param({"forward", "backward"})
        public String pass;

        Activation single;
        Activation parallel;
        boolean backward;

        @Setup(Level.Trial)
        public void setUp() {
            Activation a = BenchCatalogue.activation(kernel);
            single = a.on(Engine.vector());
            parallel = a.on(Engine.preferred());
            backward = pass.equals("backward");
            System.out.println("parallel kernels: " + Engine.preferred());
        }
    }

    @Benchmark
    public Object copy(KernelData d) {
        return KernelsBenchmark.arraycopy(d);
    }

    @Benchmark
    public Object single(KernelData d, Kernel k) {
        return KernelsBenchmark.run(k.single, k.backward, d);
    }

    @Benchmark
    public Object parallel(KernelData d, Kernel k) {
        return KernelsBenchmark.run(k.parallel, k.backward, d);
    }
}
