package io.github.relu4j.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One entry of JMH's JSON output: a benchmark method at one set of parameters.
 *
 * @param benchmark the fully qualified method, {@code package.Class.method}
 * @param params the {@code @Param} values, in JMH's order
 * @param score the primary metric, e.g. ns/op
 * @param unit the primary metric's unit
 * @param secondary secondary metrics (from profilers) by name, without JMH's leading middle dot
 */
record JmhResult(String benchmark, SequencedMap<String, String> params, Measurement score, String unit,
        Map<String, Measurement> secondary, RunInfo run) {
    /** The {@code -prof gc} metric for bytes allocated per benchmark call. */
    static final String ALLOCATION_PER_CALL = "gc.alloc.rate.norm";

    JmhResult {
        params = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(params));
        secondary = Map.copyOf(secondary);
    }

    /** The benchmark class's simple name, e.g. {@code FloatKernelsBenchmark}. */
    String className() {
        String qualified = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** {@code Class.method}: the benchmark without its package. */
    String shortName() {
        return className() + "." + method();
    }

    /** The parameters as {@code name=value, ...}, leaving out {@code skipped}. */
    String paramsText(Set<String> skipped) {
        return params.entrySet().stream().filter(e -> !skipped.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** Bytes allocated per call, if the run used {@code -prof gc}. */
    Optional<Measurement> allocationPerCall() {
        return Optional.ofNullable(secondary.get(ALLOCATION_PER_CALL));
    }

    /** The {@code size} parameter: elements per call, which every kernel benchmark has. */
    int size() {
        return Integer.parseInt(param("size")
                .orElseThrow(() -> new IllegalStateException(benchmark + " has no size parameter")));
    }
}
