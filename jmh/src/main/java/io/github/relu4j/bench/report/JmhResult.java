package io.github.relu4j.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * One entry of JMH's JSON output: a benchmark method at one set of parameters.
 *
 * @param benchmark the fully qualified method, {@code package.Class.method}
 * @param params the {@code @Param} values, in JMH's order
 * @param score the primary metric, in {@code unit}
 * @param unit the primary metric's unit, e.g. {@code ns/op}
 * @param secondary secondary metrics (from profilers) by name, without JMH's leading middle dot
 * @param jvm the JDK and VM that ran the fork, as JMH records them
 * @param jvmArgs the fork's JVM arguments
 * @param jmhVersion the JMH that ran it
 */
record JmhResult(String benchmark, SequencedMap<String, String> params, Measurement score, String unit,
        Map<String, Measurement> secondary, String jvm, List<String> jvmArgs, String jmhVersion) {
    /** The {@code -prof gc} metric for bytes allocated per benchmark call. */
    static final String ALLOCATION_PER_CALL = "gc.alloc.rate.norm";

    JmhResult {
        params = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(params));
        secondary = Map.copyOf(secondary);
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** The benchmark class's simple name, e.g. {@code KernelsBenchmark}. */
    String className() {
        String qualified = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** A parameter's value, empty if the benchmark has no such parameter. */
    String param(String name) {
        return params.getOrDefault(name, "");
    }

    /** The {@code size} parameter: elements per call. */
    int size() {
        return Integer.parseInt(param("size"));
    }

    /** The time per call in ns, from whichever time unit JMH used. */
    Measurement nanos() {
        double factor = switch (unit) {
            case "ns/op" -> 1;
            case "us/op" -> 1e3;
            case "ms/op" -> 1e6;
            case "s/op" -> 1e9;
            default -> throw new IllegalStateException(benchmark + ": not a time per call: " + unit);
        };
        return score.times(factor);
    }

    /** G elements/s: {@code size} elements per ns is exactly 10^9 elements per s. */
    Measurement throughput() {
        return nanos().into(size());
    }
}
