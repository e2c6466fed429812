package io.github.relu4j.bench.report;

import java.util.Optional;
import java.util.SortedSet;

/**
 * One float kernel's figures from {@code parallel.json}: the kernel on every core ({@code
 * <kernel>Parallel}) and on one ({@code <kernel>Single}), and {@code System.arraycopy} on one
 * thread, each one call over {@code size} elements.
 */
record ParallelFigures(Kernel kernel, Results results) {
    static final String BENCHMARK_CLASS = "ParallelKernelsBenchmark";
    static final String COPY_METHOD = "copy";
    /** A copy reads and writes one float per element. */
    static final int COPY_BYTES_PER_ELEMENT = 2 * Float.BYTES;

    /** The chart's file name without extension, e.g. {@code multicore-relu-forward}. */
    String chartName() {
        return "multicore-" + kernel.kebab();
    }

    String singleMethod() {
        return kernel.baseMethod() + "Single";
    }

    String parallelMethod() {
        return kernel.baseMethod() + "Parallel";
    }

    /** Whether the run measured this kernel on one core or on all at any size. */
    boolean isMeasured() {
        return sizes().stream().anyMatch(s -> single(s).isPresent() || parallel(s).isPresent());
    }

    /** Every size of the file, smallest first. */
    SortedSet<Integer> sizes() {
        return results.sizes(BENCHMARK_CLASS);
    }

    /** ns per call. */
    Optional<Measurement> time(String method, int size) {
        return results.ofClass(BENCHMARK_CLASS).stream().filter(r -> r.method().equals(method) && r.size() == size)
                .findFirst().map(JmhResult::score);
    }

    /** G elements/s of a method. */
    private Optional<Measurement> throughput(String method, int size) {
        return time(method, size).map(t -> Throughput.gElementsPerSecond(t, size));
    }

    /** G elements/s on one thread. */
    Optional<Measurement> single(int size) {
        return throughput(singleMethod(), size);
    }

    /** G elements/s on every core. */
    Optional<Measurement> parallel(int size) {
        return throughput(parallelMethod(), size);
    }

    /** G elements/s of {@code System.arraycopy} on one thread. */
    Optional<Measurement> copy(int size) {
        return throughput(COPY_METHOD, size);
    }

    Optional<Measurement> copyGigabytesPerSecond(int size) {
        return copy(size).map(t -> Throughput.gigabytesPerSecond(t, COPY_BYTES_PER_ELEMENT));
    }

    /** GB/s on every core, counting the kernel's streams as the kernel sections do. */
    Optional<Measurement> parallelGigabytesPerSecond(int size) {
        return parallel(size).map(t -> Throughput.gigabytesPerSecond(t, kernel.streams() * Float.BYTES));
    }

    /** Throughput on every core over throughput on one: above 1 the cores pay off. */
    Optional<Measurement> parallelOverSingle(int size) {
        return parallel(size).flatMap(p -> single(size).map(p::over));
    }
}
