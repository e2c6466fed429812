package io.github.relu4j.bench.report;

/** Converts JMH's time per call into throughput. */
final class Throughput {
    private Throughput() {}

    /**
     * G elements/s from ns per call over {@code elements} elements: elements per ns is exactly
     * 10^9 elements per s.
     */
    static Measurement gElementsPerSecond(Measurement nsPerCall, long elements) {
        return nsPerCall.into(elements);
    }

    /** GB/s (10^9 bytes) from G elements/s, counting every byte read or written once. */
    static Measurement gigabytesPerSecond(Measurement gElementsPerSecond, int bytesPerElement) {
        return gElementsPerSecond.times(bytesPerElement);
    }
}
