package io.github.relu4j.bench.report;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The main run's figures for one kernel of one element type, on random data: throughput of each
 * variant and of the bound, and the vector kernel's ratios to them. Every ratio is of two results
 * from the same run.
 */
record KernelFigures(ElementType type, Kernel kernel, Results results) {
    /** A Vector API load/store loop with no work: the forward kernels' two streams, their loads and stores. */
    static final String VECTOR_COPY_METHOD = "vectorCopy";

    /** The chart's file name without extension, e.g. {@code float-relu-forward}. */
    String chartName() {
        return type.label() + "-" + kernel.kebab();
    }

    /** Whether the run measured any variant of this kernel. */
    boolean isMeasured() {
        return !variants().isEmpty();
    }

    /** The variants the run measured, in {@link Kernel#variants()} order. */
    List<Variant> variants() {
        return kernel.variants().stream().filter(v -> sizes().stream().anyMatch(s -> throughput(v, s).isPresent()))
                .toList();
    }

    SortedSet<Integer> sizes() {
        return results.sizes(type.benchmarkClass());
    }

    /** ns per call of a method of this type's benchmark class, on random data. */
    Optional<Measurement> time(String method, int size) {
        return results.find(type.benchmarkClass(), method, size, Results.RANDOM).map(JmhResult::score);
    }

    /** G elements/s of a variant. */
    Optional<Measurement> throughput(Variant variant, int size) {
        return time(kernel.method(variant), size).map(t -> Throughput.gElementsPerSecond(t, size));
    }

    /** G elements/s of the bound, which moves the same bytes per element as the kernel. */
    Optional<Measurement> boundThroughput(int size) {
        return time(kernel.boundMethod(), size).map(t -> Throughput.gElementsPerSecond(t, size));
    }

    /**
     * G elements/s of the Vector API copy loop, for forward kernels only: a backward kernel's three
     * streams have no such loop to compare with.
     */
    Optional<Measurement> vectorCopyThroughput(int size) {
        return kernel.isForward()
                ? time(VECTOR_COPY_METHOD, size).map(t -> Throughput.gElementsPerSecond(t, size))
                : Optional.empty();
    }

    /** Whether the run measured the Vector API copy loop for this kernel at any size. */
    boolean hasVectorCopy() {
        return sizes().stream().anyMatch(s -> vectorCopyThroughput(s).isPresent());
    }

    /** Bytes read and written per element. */
    int bytesPerElement() {
        return kernel.streams() * type.bytes();
    }

    Optional<Measurement> vectorGigabytesPerSecond(int size) {
        return throughput(Variant.VECTOR, size).map(t -> Throughput.gigabytesPerSecond(t, bytesPerElement()));
    }

    Optional<Measurement> boundGigabytesPerSecond(int size) {
        return boundThroughput(size).map(t -> Throughput.gigabytesPerSecond(t, bytesPerElement()));
    }

    Optional<Measurement> vectorCopyGigabytesPerSecond(int size) {
        return vectorCopyThroughput(size).map(t -> Throughput.gigabytesPerSecond(t, bytesPerElement()));
    }

    /** Vector throughput over the Vector API copy loop's: 1 is as fast as its loads and stores alone. */
    Optional<Measurement> vectorOverVectorCopy(int size) {
        return throughput(Variant.VECTOR, size).flatMap(v -> vectorCopyThroughput(size).map(v::over));
    }

    /** The Vector API copy loop's throughput over the bound's: what the bound's copy stubs gain on plain stores. */
    Optional<Measurement> vectorCopyOverBound(int size) {
        return vectorCopyThroughput(size).flatMap(c -> boundThroughput(size).map(c::over));
    }

    /** Vector throughput over the bound's: 1 is as fast as moving the bytes. */
    Optional<Measurement> vectorOverBound(int size) {
        return throughput(Variant.VECTOR, size).flatMap(v -> boundThroughput(size).map(v::over));
    }

    /** The vector kernel's speed-up over another variant. */
    Optional<Measurement> vectorOver(Variant other, int size) {
        return throughput(Variant.VECTOR, size).flatMap(v -> throughput(other, size).map(v::over));
    }
}
