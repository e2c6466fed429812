package io.github.relu4j.bench.report;

import java.util.Arrays;
import java.util.List;

/**
 * A line of the peers comparison ({@code peers.json}): relu4j on one kind of memory, or another
 * library at one thread count. Every peer benchmark is float and times one call over {@code size}
 * elements, its input already in the peer's own tensor type.
 */
enum PeerSeries {
    RELU4J_ARRAY("Relu4jBenchmark", "", "", "relu4j (float[])"),
    RELU4J_SEGMENT("Relu4jBenchmark", "Native", "", "relu4j (native segment)"),
    /** {@code ReluKernels.preferred()} on float[]: every processor from its threshold. */
    RELU4J_PARALLEL("Relu4jBenchmark", "Parallel", "", "relu4j (all cores)"),
    C("NativeCBenchmark", "", "", "C via FFM"),
    PYTORCH_ONE("PyTorchBenchmark", "", "1", "PyTorch"),
    PYTORCH_ALL("PyTorchBenchmark", "", "all", "PyTorch"),
    ONNX_ONE("OnnxRuntimeBenchmark", "", "1", "ONNX Runtime"),
    ONNX_ALL("OnnxRuntimeBenchmark", "", "all", "ONNX Runtime");

    private final String benchmarkClass;
    private final String suffix;
    private final String threads;
    private final String name;

    /** {@code threads} is the benchmark's {@code threads} parameter, empty for classes without one. */
    PeerSeries(String benchmarkClass, String suffix, String threads, String name) {
        this.benchmarkClass = benchmarkClass;
        this.suffix = suffix;
        this.threads = threads;
        this.name = name;
    }

    /** The other libraries, in the order the report lists them. */
    static List<PeerSeries> peers() {
        return Arrays.stream(values()).filter(s -> !s.isRelu4j()).toList();
    }

    boolean isRelu4j() {
        return this == RELU4J_ARRAY || this == RELU4J_SEGMENT || this == RELU4J_PARALLEL;
    }

    /**
     * The relu4j line a peer is compared with: the C loops run on the same native segments, while
     * PyTorch and ONNX Runtime stand for a Java program's data, which relu4j takes as float[].
     */
    PeerSeries relu4j() {
        return this == C ? RELU4J_SEGMENT : RELU4J_ARRAY;
    }

    String benchmarkClass() {
        return benchmarkClass;
    }

    String method(Kernel kernel) {
        return kernel.baseMethod() + suffix;
    }

    /** Whether the line may use every thread, rather than one. */
    boolean isMultiThreaded() {
        return threads.equals("all") || this == RELU4J_PARALLEL;
    }

    /** The {@code threads} parameter, empty for a benchmark without one. */
    String threads() {
        return threads;
    }

    /**
     * The legend and column label, e.g. {@code PyTorch (1 thread)}; {@code allThreads} says what
     * "all" came to, e.g. {@code 2 threads}.
     */
    String label(String allThreads) {
        return switch (threads) {
            case "" -> name;
            case "1" -> name + " (1 thread)";
            default -> name + " (" + allThreads + ")";
        };
    }
}
