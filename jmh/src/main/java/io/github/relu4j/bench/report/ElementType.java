package io.github.relu4j.bench.report;

/** The element types the kernels come in, each with its own benchmark class. */
enum ElementType {
    FLOAT("float", "FloatKernelsBenchmark", Float.BYTES),
    DOUBLE("double", "DoubleKernelsBenchmark", Double.BYTES);

    private final String label;
    private final String benchmarkClass;
    private final int bytes;

    ElementType(String label, String benchmarkClass, int bytes) {
        this.label = label;
        this.benchmarkClass = benchmarkClass;
        this.bytes = bytes;
    }

    String label() {
        return label;
    }

    String benchmarkClass() {
        return benchmarkClass;
    }

    int bytes() {
        return bytes;
    }
}
